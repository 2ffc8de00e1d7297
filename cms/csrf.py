"""Django's CSRF check as a question rather than a response: the GraphQL view asks
it for mutations only, and so do the apps' own JSON endpoints (uploads)."""

from __future__ import annotations

from django.http import HttpRequest
from django.middleware.csrf import CsrfViewMiddleware


class _CsrfCheck(CsrfViewMiddleware):
    """Django's CSRF check (Origin/Referer against CSRF_TRUSTED_ORIGINS, then the
    csrftoken cookie against the X-CSRFToken header), answering with the reason
    for a refusal instead of a response."""

    def _reject(self, request: HttpRequest, reason: str) -> str:
        return reason


def csrf_failure_reason(request: HttpRequest) -> str | None:
    check = _CsrfCheck(lambda _request: None)
    check.process_request(request)
    return check.process_view(request, lambda _request: None, (), {})
