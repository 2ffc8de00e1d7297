"""The ceilings the GraphQL endpoint is measured against: a minimal hand-written
JSON view of the release listing (select_related/prefetch_related, no framework),
and the same view answering a pre-serialised body from the shared cache."""

from __future__ import annotations

import json

from django.conf import settings
from django.core.cache import caches
from django.db.models import Prefetch
from django.http import HttpResponse
from wagtail.models import Locale, Page

from newsroom.models import PressReleasePage, PressReleasePerson, PressReleaseTopic

SRCSET_SPECS = ("width-320|format-webp", "width-640|format-webp")


def src_set(image) -> str:
    """grapple's ``srcSet(sizes: [320, 640], format: "webp")``, same text."""
    if image is None:
        return None
    renditions = image.get_renditions(*SRCSET_SPECS)
    return ", ".join(
        f"{settings.WAGTAILADMIN_BASE_URL}{renditions[spec].url} "
        f"{renditions[spec].width}w"
        for spec in SRCSET_SPECS
    )


def listing(request, code: str, limit: int) -> dict:
    locale = Locale.objects.get(language_code=code)
    releases = list(
        PressReleasePage.objects.live()
        .public()
        .filter(locale=locale)
        .select_related("locale", "hero_image")
        .prefetch_related(
            "hero_image__renditions",
            Prefetch(
                "release_people",
                PressReleasePerson.objects.select_related("person")
                .prefetch_related("person__positions")
                .order_by("sort_order", "pk"),
            ),
            Prefetch(
                "release_topics",
                PressReleaseTopic.objects.select_related("topic").order_by(
                    "sort_order", "pk"
                ),
            ),
        )
        .order_by("-date", "-pk")[:limit]
    )
    translations: dict = {}
    variants = (
        Page.objects.live()
        .public()
        .filter(translation_key__in={r.translation_key for r in releases})
        .exclude(locale=locale)
        .select_related("locale")
        .order_by("locale__language_code")
    )
    for page in variants:
        translations.setdefault(page.translation_key, []).append(
            {"locale": page.locale.language_code, "url": page.get_url(request=request)}
        )
    items = []
    for release in releases:
        day = release.date.date()
        people = []
        for link in release.release_people.all():
            position = link.person.position_on(day)
            people.append(
                {
                    "role": position.title if position else None,
                    "person": {"name": link.person.name, "slug": link.person.slug},
                }
            )
        items.append(
            {
                "title": release.title,
                "slug": release.slug,
                "date": release.date.isoformat(),
                "summary": release.standfirst,
                "url": release.get_url(request=request),
                "locale": release.locale.language_code,
                "translations": translations.get(release.translation_key, []),
                "people": people,
                "topics": [
                    {"name": link.topic.name, "slug": link.topic.slug}
                    for link in release.release_topics.all()
                ],
                "heroImage": {"srcSet": src_set(release.hero_image)},
            }
        )
    return {"items": items}


def _arguments(request) -> tuple[str, int]:
    return request.GET.get("locale", "en"), int(request.GET.get("limit", "10"))


def releases(request):
    code, limit = _arguments(request)
    body = json.dumps(listing(request, code, limit)).encode()
    return HttpResponse(body, content_type="application/json")


def releases_cached(request):
    """The cached ceiling: one lookup in the same shared cache as the GraphQL
    response cache, the body stored already serialised."""
    code, limit = _arguments(request)
    cache = caches[settings.GRAPHQL_CACHE_ALIAS]
    key = f"bench:ceiling:{code}:{limit}"
    body = cache.get(key)
    if body is None:
        body = json.dumps(listing(request, code, limit)).encode()
        cache.set(key, body, settings.GRAPHQL_CACHE_TIMEOUT)
    return HttpResponse(body, content_type="application/json")
