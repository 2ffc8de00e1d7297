"""Where a frontend may send a user back to after a password reset."""

from __future__ import annotations

import unicodedata
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme

MAX_NEXT_LENGTH = 2000
# Percent-decoding is repeated until nothing changes, at most this many times:
# "%252F" is "%2F" once decoded, "/" twice. Anything still encoded past that is
# refused.
MAX_DECODINGS = 3


def frontend_origins() -> set[str]:
    return {origin.rstrip("/").lower() for origin in settings.FRONTEND_ORIGINS}


def is_safe_next(url: str) -> bool:
    """True for a path on the frontend (``/fr/page``) or an absolute http(s) URL on
    one of ``FRONTEND_ORIGINS``; false for ``//evil.example``, ``javascript:``,
    backslash tricks, other hosts and anything with control characters.

    The path is checked as a browser, a framework's router or a proxy may read it:
    after percent-decoding (repeatedly) and Unicode normalisation, it must have no
    empty segment (``//``), no ``.`` or ``..`` segment, no backslash and no control
    character, so ``/..//evil.example``, ``/%2F%2Fevil.example`` and
    ``/%5Cevil.example`` are refused."""
    if not url or len(url) > MAX_NEXT_LENGTH or url != url.strip():
        return False
    if not _is_clean(url):
        return False
    origins = frontend_origins()
    hosts = {urlsplit(origin).netloc for origin in origins}
    if not url_has_allowed_host_and_scheme(url, allowed_hosts=hosts):
        return False
    parts = urlsplit(url)
    if not _is_plain_path(parts.path):
        return False
    if not parts.scheme and not parts.netloc:
        # A path of the frontend itself: one leading slash, never two.
        return url.startswith("/") and not url.startswith("//")
    # Django's check matched the host alone: the scheme and port must match too.
    return f"{parts.scheme}://{parts.netloc}".lower() in origins


def _is_clean(text: str) -> bool:
    return not any(ord(char) < 32 or ord(char) == 127 or char == "\\" for char in text)


def _decoded(path: str) -> str | None:
    for _round in range(MAX_DECODINGS + 1):
        decoded = unquote(path, errors="strict") if "%" in path else path
        if decoded == path:
            return path
        path = decoded
    return None


def _is_plain_path(path: str) -> bool:
    """An absolute path, or an empty one, with nothing a normaliser could turn
    into another host."""
    if not path:
        return True
    try:
        decoded = _decoded(path)
    except UnicodeDecodeError:
        return False
    if decoded is None or not decoded.startswith("/"):
        return False
    for form in (decoded, unicodedata.normalize("NFKC", decoded)):
        if not _is_clean(form) or "//" in form:
            return False
        segments = form.split("/")[1:]
        if any(segment in (".", "..") for segment in segments):
            return False
    return True
