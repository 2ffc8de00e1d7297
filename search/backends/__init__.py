"""The database search backend, language-aware on PostgreSQL.

Wagtail's PostgreSQL backend stems every document and every query with one text
search configuration. Here each object is indexed with the configuration of its
own language (``LOCALE_CONFIGS``: French stemming for French content, English for
English, both folding accents with ``unaccent``), and ``for_locale`` gives a backend
that parses queries the same way. Results are always filtered to one language, so
a French query only meets French vectors. Autocomplete uses ``simple_unaccent``:
no stemming, accents folded (search/backends/postgres.py).

On SQLite, Wagtail's FTS5 table uses FTS5's default ``unicode61`` tokenizer, which
already removes diacritics: "securite" finds "sécurité" there too (no stemming)
(search/backends/sqlite.py).

On both, whatever the index writes or deletes, it also writes or deletes in the
search documents (search/documents/), which the portal's search reads
(``uses_documents``). Other databases, and SQLite without FTS5, get Wagtail's
own backend.

Use it as ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends"}}``
(see search/config.py). As Wagtail's own database backend does, the dialect is
chosen when the backend is made, and its module imported then."""

from __future__ import annotations

from typing import Any

from django.db import connection
from wagtail.search.backends.base import BaseSearchBackend
from wagtail.search.backends.database import SearchBackend as _vendor_backend


def SearchBackend(params: dict[str, Any]) -> BaseSearchBackend:  # noqa: N802 (the name Wagtail looks for)
    if connection.vendor == "postgresql":
        from .postgres import LocalizedPostgresSearchBackend

        return LocalizedPostgresSearchBackend(params)
    backend = _vendor_backend(params)
    if (
        connection.vendor == "sqlite"
        and type(backend).__name__ == "SQLiteSearchBackend"
    ):
        from .sqlite import DocumentsSQLiteSearchBackend

        return DocumentsSQLiteSearchBackend(params)
    return backend
