"""The words of a search: the query cleaned of syntax, its terms folded, the title
bonus of a hit and its snippet."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from cms.graphql.errors import ApiError

MAX_QUERY_LENGTH = 200
SNIPPET_LENGTH = 200
STOPWORDS = {
    "a", "an", "and", "at", "au", "aux", "d", "de", "des", "du", "en", "et",
    "for", "in", "l", "la", "le", "les", "of", "on", "or", "the", "to", "un", "une",
}  # fmt: skip


class QueryTooLong(ApiError):
    code = "QUERY_TOO_LONG"


def fold(text: str) -> str:
    """Lower case, accents removed: "Sécurité" -> "securite"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


WORD = re.compile(r"[^\W_]+")


def clean_query(query: str | None, argument: str = "query") -> str:
    """The words of ``query``, without the characters search engines treat as
    syntax (quotes, ``*``, ``:``, ``&``, ``|``, ``!``, parentheses…)."""
    query = (query or "").strip()
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryTooLong(
            _("The search text is too long: %(max)d characters at most.")
            % {"max": MAX_QUERY_LENGTH},
            argument=argument,
        )
    return " ".join(WORD.findall(query))


def query_terms(query: str) -> list[str]:
    terms = [fold(word) for word in WORD.findall(query)]
    significant = [t for t in terms if t not in STOPWORDS]
    return significant or terms


def _matches(word: str, terms: list[str]) -> bool:
    """``word`` (folded) is one of the terms or shares its stem, roughly."""
    for term in terms:
        if word == term:
            return True
        stem = term[: max(5, len(term) - 2)]
        if len(term) >= 5 and word.startswith(stem):
            return True
    return False


def title_bonus(title: str, terms: list[str]) -> float:
    words = [w for w in (fold(w) for w in WORD.findall(title)) if w not in STOPWORDS]
    if not terms or not words:
        return 1.0
    if words == terms:
        return 6.0
    if all(any(_matches(word, [term]) for word in words) for term in terms):
        return 2.0
    return 1.0


def snippet(texts: Iterable[str], terms: list[str]) -> str:
    """Safe HTML: a passage of the first text that contains a word of the query,
    escaped, with the matching words in ``<mark>``; else the start of the first
    text."""
    plain = [" ".join(strip_tags(t or "").split()) for t in texts]
    plain = [t for t in plain if t]
    if not plain:
        return ""
    for text in plain:
        hits = [m for m in WORD.finditer(text) if _matches(fold(m.group()), terms)]
        if hits:
            break
    else:
        text, hits = plain[0], []
    start = 0
    if hits and hits[0].start() > SNIPPET_LENGTH // 3:
        start = text.rfind(" ", 0, hits[0].start() - SNIPPET_LENGTH // 3) + 1
    end = min(len(text), start + SNIPPET_LENGTH)
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    parts, position = [], start
    for match in hits:
        if match.start() < start or match.end() > end:
            continue
        parts.append(html.escape(text[position : match.start()]))
        parts.append(f"<mark>{html.escape(match.group())}</mark>")
        position = match.end()
    parts.append(html.escape(text[position:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + "".join(parts) + suffix
