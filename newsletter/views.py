"""One-click unsubscribe (RFC 8058): the link in every issue and its
List-Unsubscribe header. A GET shows a button (link scanners must not unsubscribe
anyone); a POST, from that button or from the mail program, unsubscribes. The token
in the address is the only credential: no sign-in, no CSRF token."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .subscriptions import by_token, unsubscribe


@csrf_exempt
@require_http_methods(["GET", "POST"])
def one_click_unsubscribe(request, token: str):
    subscriber = by_token(token)
    if subscriber is None:
        # 400 rather than 404: the locale middleware would redirect a 404 to /en/….
        response = render(
            request, "newsletter/unsubscribe.html", {"invalid": True}, status=400
        )
        patch_cache_control(response, private=True, no_store=True)
        return response
    if request.method == "POST":
        unsubscribe(subscriber)
    with translation.override(subscriber.language):
        response = render(
            request,
            "newsletter/unsubscribe.html",
            {
                "email": subscriber.email,
                # Done once unsubscribed, however the page is reached again.
                "done": subscriber.status == subscriber.Status.UNSUBSCRIBED,
                "language": subscriber.language,
            },
        )
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    return response
