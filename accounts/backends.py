"""Sign-in attempts watched by django-axes."""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check, first in AUTHENTICATION_BACKENDS.

    Every sign-in over HTTP passes the request (the GraphQL ``login`` mutation, the
    Wagtail admin's login form), so axes counts it. A call without a request (the
    shell, a management command, Django's test client ``login()``) has no client to
    lock out: it is left to the next backend instead of failing."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def axes_username(request, credentials: dict | None) -> str | None:
    """The address being signed in with, lower-cased: ``A@x.org`` and ``a@x.org``
    count as one. Forms post it as ``username``; some callers pass ``email``."""
    credentials = credentials or {}
    value = credentials.get("username") or credentials.get("email")
    if value is None and request is not None:
        data = getattr(request, "POST", {})
        value = data.get("username") or data.get("email")
    return value.strip().lower() if isinstance(value, str) else value
