"""GraphQL for the newsroom: the root queries of press releases, people and topics.

Every list runs in a constant number of SQL queries whatever its length: the list
resolvers announce their pages to the linked-page loaders (newsroom/linked/),
which fetch the people, topics, related releases and translations of the whole
list at once."""

from __future__ import annotations

from typing import Any

import graphene
from django.conf import settings
from django.db.models import Case, QuerySet, When, prefetch_related_objects
from grapple.registry import registry
from wagtail.models import Locale

from cms.graphql import dependencies
from cms.graphql.loaders import expect_items
from cms.graphql.locale import activate_locale, locale_argument
from cms.graphql.pagination import (
    cursor_arguments,
    paginate,
    paginated,
    pagination_arguments,
)

from .linked.fields import person_type, topic_type
from .linked.lists import (
    check_list_arguments,
    dated_pages,
    filter_models,
    linked_filter_arguments,
)
from .linked.loaders import expect_linked
from .models import Person, PressReleasePage, Topic


def press_release_type() -> type[graphene.ObjectType]:
    return registry.pages[PressReleasePage]


# --- Root queries ----------------------------------------------------------------

PressReleaseList = paginated("PressReleaseList", press_release_type)


FALLBACK_HELP = (
    "Where a release has no variant in this language, return the default "
    "language's, marked isFallback (default: the GRAPHQL_LOCALE_FALLBACK setting)."
)


def press_releases_queryset(
    locale: Locale,
    topic_keys: set | None = None,
    person: str | None = None,
    date_from: Any = None,
    date_to: Any = None,
    fallback: bool = False,
) -> QuerySet[PressReleasePage]:
    releases = dated_pages(
        PressReleasePage, locale, topic_keys, person, date_from, date_to, fallback
    )
    return releases.select_related("locale", "hero_image")


def _expect_releases(releases: list[PressReleasePage]) -> None:
    """What a list's releases will be asked for: their hero image's renditions
    (one query) and their links (the loaders)."""
    prefetch_related_objects(releases, "hero_image__renditions")
    expect_linked(releases)


def _fallback(argument: bool | None) -> bool:
    return settings.GRAPHQL_LOCALE_FALLBACK if argument is None else argument


def _mark_requested(releases: list[PressReleasePage], locale: Locale) -> None:
    for release in releases:
        release.requested_locale_id = locale.pk


class NewsroomQuery:
    press_releases = graphene.Field(
        PressReleaseList,
        locale=locale_argument(),
        **linked_filter_arguments(),
        fallback=graphene.Boolean(description=FALLBACK_HELP),
        **pagination_arguments(),
        **cursor_arguments(),
        description="Published press releases of one language, newest first.",
    )
    press_release = graphene.Field(
        press_release_type,
        slug=graphene.String(required=True),
        locale=locale_argument(),
        fallback=graphene.Boolean(description=FALLBACK_HELP),
        description="One published press release by slug, or null.",
    )
    people = graphene.List(graphene.NonNull(person_type), locale=locale_argument())
    person = graphene.Field(
        person_type, slug=graphene.String(required=True), locale=locale_argument()
    )
    topics = graphene.List(graphene.NonNull(topic_type), locale=locale_argument())
    topic = graphene.Field(
        topic_type, slug=graphene.String(required=True), locale=locale_argument()
    )

    @staticmethod
    def resolve_press_releases(
        root: Any,
        info: graphene.ResolveInfo,
        locale: str | None = None,
        topic: str | None = None,
        person: str | None = None,
        date_from: Any = None,
        date_to: Any = None,
        fallback: bool | None = None,
        page: int = 1,
        per_page: int = 10,
        after: str | None = None,
        before: str | None = None,
    ) -> Any:
        topic_keys = check_list_arguments(
            topic, person, date_from, date_to, page, per_page
        )
        locale = activate_locale(locale)
        fallback = _fallback(fallback)
        dependencies.enumerates(
            info,
            PressReleasePage,
            _locales(locale, fallback),
            *filter_models(topic, person),
        )
        releases = press_releases_queryset(
            locale, topic_keys, person, date_from, date_to, fallback
        )
        result = paginate(releases, page, per_page, after, before)
        _mark_requested(result["items"], locale)
        expect_items(result["items"], _expect_releases)
        return PressReleaseList(**result)

    @staticmethod
    def resolve_press_release(
        root: Any,
        info: graphene.ResolveInfo,
        slug: str,
        locale: str | None = None,
        fallback: bool | None = None,
    ) -> PressReleasePage | None:
        locale = activate_locale(locale)
        releases = press_releases_queryset(locale, fallback=_fallback(fallback))
        release = (
            releases.filter(slug=slug)
            .prefetch_related("hero_image__renditions")
            # The requested language's release first, when both share the slug.
            .order_by(Case(When(locale=locale, then=0), default=1))
            .first()
        )
        if release is not None:
            _mark_requested([release], locale)
            expect_linked([release])
        locales = _locales(locale, _fallback(fallback))
        dependencies.looks_up(info, PressReleasePage, locales, release)
        return release

    @staticmethod
    def resolve_people(
        root: Any, info: graphene.ResolveInfo, locale: str | None = None
    ) -> list[Person]:
        dependencies.enumerates(info, Person)
        return list(_people(locale))

    @staticmethod
    def resolve_person(
        root: Any, info: graphene.ResolveInfo, slug: str, locale: str | None = None
    ) -> Person | None:
        dependencies.enumerates(info, Person)
        return _people(locale).filter(slug=slug).first()

    @staticmethod
    def resolve_topics(
        root: Any, info: graphene.ResolveInfo, locale: str | None = None
    ) -> list[Topic]:
        dependencies.enumerates(info, Topic)
        return list(_topics(locale))

    @staticmethod
    def resolve_topic(
        root: Any, info: graphene.ResolveInfo, slug: str, locale: str | None = None
    ) -> Topic | None:
        dependencies.enumerates(info, Topic)
        return _topics(locale).filter(slug=slug).first()


def _locales(locale: Locale, fallback: bool) -> list[Locale]:
    """The languages a list may show pages of."""
    return [locale, Locale.get_default()] if fallback else [locale]


def _people(locale: str | None) -> QuerySet[Person]:
    return (
        Person.objects.filter(locale=activate_locale(locale))
        .select_related("locale", "portrait")
        .prefetch_related("positions", "portrait__renditions")
        .order_by("name")
    )


def _topics(locale: str | None) -> QuerySet[Topic]:
    return (
        Topic.objects.filter(locale=activate_locale(locale))
        .select_related("locale", "parent", "parent__locale")
        .order_by("name")
    )
