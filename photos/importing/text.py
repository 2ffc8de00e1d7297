"""Metadata text from an untrusted file, made safe to store and show: decoded
(UTF-8, else the declared or the usual 8-bit charset), without control
characters, bounded in length. Binary junk is dropped, not stored."""

from __future__ import annotations

import re
import unicodedata

# Tab and newline are kept in captions; every other C0/C1 control, and the
# Unicode format characters that can reorder text (bidi overrides), are not.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
_SPACES = re.compile(r"[ \t]+")

# Longest text kept from any one metadata field (a caption fits many times over).
MAX_TEXT = 2000


class Cleaned:
    """Collects whether anything had to be cleaned (the importer's warning)."""

    def __init__(self) -> None:
        self.fields: set[str] = set()

    def __bool__(self) -> bool:
        return bool(self.fields)


def decode(raw: bytes, charset: str | None = None) -> str | None:
    """Bytes as text, or None when they are not text at all."""
    if b"\x00" in raw.rstrip(b"\x00"):
        return None  # UTF-16 or binary: not what IPTC/EXIF text is
    raw = raw.rstrip(b"\x00")
    for encoding in filter(None, (charset, "utf-8", "cp1252", "latin-1")):
        try:
            return raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return None  # pragma: no cover - latin-1 decodes everything


def clean(
    value: str | bytes | None,
    name: str,
    cleaned: Cleaned,
    *,
    limit: int = MAX_TEXT,
    multiline: bool = False,
    charset: str | None = None,
) -> str:
    """One field's text, safe to store; notes in ``cleaned`` when it changed."""
    if value is None:
        return ""
    if isinstance(value, bytes):
        text = decode(value, charset)
        if text is None:
            cleaned.fields.add(name)
            return ""
    else:
        text = str(value)
    original = text
    text = unicodedata.normalize("NFC", text)
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    else:
        text = text.replace("\r", " ").replace("\n", " ")
    text = _CONTROL.sub("", text)
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    printable = sum(ch.isprintable() or ch == "\n" for ch in text)
    if text and printable < len(text) * 0.9:
        cleaned.fields.add(name)
        return ""
    if len(text) > limit:
        text = text[:limit].rstrip()
        cleaned.fields.add(name)
    if _CONTROL.search(original):
        cleaned.fields.add(name)
    return text
