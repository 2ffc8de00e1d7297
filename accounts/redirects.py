"""Where a frontend may send a user back to after a password reset."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme

MAX_NEXT_LENGTH = 2000


def frontend_origins() -> set[str]:
    return {origin.rstrip("/").lower() for origin in settings.FRONTEND_ORIGINS}


def is_safe_next(url: str) -> bool:
    """True for a path on the frontend (``/fr/page``) or an absolute http(s) URL on
    one of ``FRONTEND_ORIGINS``; false for ``//evil.example``, ``javascript:``,
    backslash tricks, other hosts and anything with control characters."""
    if not url or len(url) > MAX_NEXT_LENGTH or url != url.strip():
        return False
    if any(ord(char) < 32 or ord(char) == 127 or char == "\\" for char in url):
        return False
    origins = frontend_origins()
    hosts = {urlsplit(origin).netloc for origin in origins}
    if not url_has_allowed_host_and_scheme(url, allowed_hosts=hosts):
        return False
    parts = urlsplit(url)
    if not parts.scheme and not parts.netloc:
        # A path of the frontend itself: one leading slash, never two.
        return url.startswith("/") and not url.startswith("//")
    # Django's check matched the host alone: the scheme and port must match too.
    return f"{parts.scheme}://{parts.netloc}".lower() in origins
