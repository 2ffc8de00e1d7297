"""The database search backend, language-aware on PostgreSQL.

Wagtail's PostgreSQL backend stems every document and every query with one text
search configuration. Here each object is indexed with the configuration of its
own language (``LOCALE_CONFIGS``: French stemming for French content, English for
English, both folding accents with ``unaccent``), and ``for_locale`` gives a backend
that parses queries the same way. Results are always filtered to one language, so
a French query only meets French vectors. Autocomplete uses ``simple_unaccent``:
no stemming, accents folded. Whatever the index writes or deletes, it also writes
or deletes in the search documents (search/documents.py), which the portal's
search reads on PostgreSQL.

On SQLite, Wagtail's FTS5 table uses FTS5's default ``unicode61`` tokenizer, which
already removes diacritics: "securite" finds "sécurité" there too (no stemming).
Its index writes the search documents too (search/documents.py), which the
portal's search reads on SQLite as well.

Use it as ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends"}}``
(see search/config.py)."""

from __future__ import annotations

import copy
import functools
from collections import defaultdict

from django.db import connection
from wagtail.search.backends.database import SearchBackend as _vendor_backend


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks for)
    if connection.vendor == "postgresql":
        return LocalizedPostgresSearchBackend(params)
    backend = _vendor_backend(params)
    if (
        connection.vendor == "sqlite"
        and type(backend).__name__ == "SQLiteSearchBackend"
    ):
        return _sqlite_backend()(params)
    return backend


@functools.cache
def _sqlite_backend():
    """Wagtail's SQLite (FTS5) backend, writing the search documents too."""
    from wagtail.search.backends.database.sqlite.sqlite import (
        SQLiteIndex,
        SQLiteSearchBackend,
    )

    from . import documents

    class DocumentsSQLiteIndex(SQLiteIndex):
        def add_items(self, model, objs):
            super().add_items(model, objs)
            documents.sync(model, objs)

        def delete_item(self, item):
            super().delete_item(item)
            documents.delete(item)

        def delete_stale_entries(self):
            super().delete_stale_entries()
            documents.delete_stale()

        def reset(self):
            super().reset()
            documents.reset()

    class DocumentsSQLiteSearchBackend(SQLiteSearchBackend):
        index_class = DocumentsSQLiteIndex
        config = None

        @property
        def uses_documents(self) -> bool:
            # The engine searches search/documents.py's table when it exists.
            return documents.enabled()

        def for_locale(self, code: str | None):
            return self

    return DocumentsSQLiteSearchBackend


if connection.vendor == "postgresql":
    from wagtail.search.backends.database.postgres.postgres import (
        PostgresIndex,
        PostgresSearchBackend,
    )

    from . import documents

    class LocalizedPostgresIndex(PostgresIndex):
        def add_items(self, model, objs):
            # Wagtail builds every vector with ``backend.config``: index each
            # language's objects with a backend configured for that language.
            groups = defaultdict(list)
            codes = self.backend.locale_codes()
            for obj in objs:
                code = codes.get(getattr(obj, "locale_id", None))
                groups[self.backend.config_for(code)].append(obj)
            backend = self.backend
            try:
                for config, group in groups.items():
                    self.backend = backend.with_config(config)
                    super().add_items(model, group)
            finally:
                self.backend = backend
            documents.sync(model, objs)

        def delete_item(self, item):
            super().delete_item(item)
            documents.delete(item)

        def delete_stale_entries(self):
            super().delete_stale_entries()
            documents.delete_stale()

        def reset(self):
            super().reset()
            documents.reset()

    class LocalizedPostgresSearchBackend(PostgresSearchBackend):
        index_class = LocalizedPostgresIndex
        #: The engine searches search/documents.py's table, kept by the index.
        uses_documents = True

        def __init__(self, params):
            super().__init__(params)
            self.locale_configs = dict(params.get("LOCALE_CONFIGS") or {})
            self.autocomplete_config = params.get("AUTOCOMPLETE_CONFIG", "simple")

        def config_for(self, code: str | None) -> str | None:
            return self.locale_configs.get(code, self.config)

        def with_config(self, config: str | None):
            clone = copy.copy(self)
            clone.config = config
            return clone

        def for_locale(self, code: str | None):
            """This backend, parsing queries as text of language ``code``."""
            return self.with_config(self.config_for(code))

        @staticmethod
        def locale_codes() -> dict:
            from wagtail.models import Locale

            return dict(Locale.objects.values_list("pk", "language_code"))
