"""The CMS's own pages for the newsletter's e-mail links, used when no portal is
configured (FRONTEND_BASE_URL unset; with it, the links lead to the portal's
/<language>/newsletter/… pages, which call the same code through GraphQL).

- One-click unsubscribe (RFC 8058): the link of the List-Unsubscribe header,
  always on the CMS. A GET shows a button (link scanners must not unsubscribe
  anyone); a POST, from that button or from the mail program, unsubscribes. The
  token in the address is the only credential: no sign-in, no CSRF token.
- Confirming a subscription: a GET shows a button, its POST confirms.
- Preferences (language, topics) by the signed link of every issue.

Each page is in the subscriber's language, private and not indexed."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from cms.graphql.errors import ApiError
from newsroom.models import Topic

from .subscriptions import (
    by_preferences_token,
    by_token,
    clean_choice,
    confirm,
    set_preferences,
    unsubscribe,
)


def _page(request, template: str, context: dict, language: str | None, status=200):
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        response = render(
            request, template, {"language": language, **context}, status=status
        )
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    return response


def _invalid(request, template: str):
    # 400 rather than 404: the locale middleware would redirect a 404 to /en/….
    return _page(request, template, {"invalid": True}, None, status=400)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def one_click_unsubscribe(request, token: str):
    subscriber = by_token(token)
    if subscriber is None:
        return _invalid(request, "newsletter/unsubscribe.html")
    if request.method == "POST":
        unsubscribe(subscriber)
    return _page(
        request,
        "newsletter/unsubscribe.html",
        {
            "email": subscriber.email,
            # Done once unsubscribed, however the page is reached again.
            "done": subscriber.status == subscriber.Status.UNSUBSCRIBED,
        },
        subscriber.language,
    )


@require_http_methods(["GET", "POST"])
def confirm_subscription(request, token: str):
    subscriber = by_token(token)
    if subscriber is None or subscriber.status == subscriber.Status.UNSUBSCRIBED:
        return _invalid(request, "newsletter/confirm.html")
    if request.method == "POST":
        confirm(subscriber)
    return _page(
        request,
        "newsletter/confirm.html",
        {
            "email": subscriber.email,
            "done": subscriber.status == subscriber.Status.CONFIRMED,
        },
        subscriber.language,
    )


@require_http_methods(["GET", "POST"])
def preferences(request, token: str):
    subscriber = by_preferences_token(token)
    if subscriber is None:
        return _invalid(request, "newsletter/preferences.html")
    error, saved = None, False
    if request.method == "POST":
        language = request.POST.get("language", "")
        if language not in {code for code, _name in settings.LANGUAGES}:
            language = subscriber.language
        all_topics = request.POST.get("all_topics") == "on"
        # Slugs are the same in every language: keep those the language has.
        slugs = set(
            Topic.objects.filter(
                locale__language_code=language, slug__in=request.POST.getlist("topics")
            ).values_list("slug", flat=True)
        )
        try:
            chosen = clean_choice(language, sorted(slugs), all_topics)
        except ApiError as failure:
            error = str(failure)
        else:
            set_preferences(subscriber, language, chosen, all_topics)
            saved = True
    with translation.override(subscriber.language):
        followed = set(subscriber.topics.values_list("slug", flat=True))
        topics = [
            {"slug": topic.slug, "name": topic.name, "checked": topic.slug in followed}
            for topic in Topic.objects.filter(
                locale__language_code=subscriber.language
            ).order_by("name")
        ]
    return _page(
        request,
        "newsletter/preferences.html",
        {
            "email": subscriber.email,
            "subscriber": subscriber,
            "topics": topics,
            "languages": settings.LANGUAGES,
            "error": error,
            "saved": saved,
        },
        subscriber.language,
        status=400 if error else 200,
    )
