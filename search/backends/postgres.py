"""Wagtail's PostgreSQL backend, each object indexed (and each query parsed) with
the text search configuration of its own language, writing the search documents
too."""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import models
from wagtail.search.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
)

from .documents import DocumentsIndexMixin


class PerLanguagePostgresIndex(PostgresIndex):
    def add_items(self, model: type[models.Model], objs: Iterable) -> None:
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


class LocalizedPostgresIndex(DocumentsIndexMixin, PerLanguagePostgresIndex):
    pass


class LocalizedPostgresSearchBackend(PostgresSearchBackend):
    index_class = LocalizedPostgresIndex
    #: The engine searches the documents' table, kept by the index.
    uses_documents = True

    def __init__(self, params: dict[str, Any]) -> None:
        super().__init__(params)
        self.locale_configs = dict(params.get("LOCALE_CONFIGS") or {})
        self.autocomplete_config = params.get("AUTOCOMPLETE_CONFIG", "simple")

    def config_for(self, code: str | None) -> str | None:
        return self.locale_configs.get(code, self.config)

    def with_config(self, config: str | None) -> LocalizedPostgresSearchBackend:
        clone = copy.copy(self)
        clone.config = config
        return clone

    def for_locale(self, code: str | None) -> LocalizedPostgresSearchBackend:
        """This backend, parsing queries as text of language ``code``."""
        return self.with_config(self.config_for(code))

    @staticmethod
    def locale_codes() -> dict:
        from wagtail.models import Locale

        return dict(Locale.objects.values_list("pk", "language_code"))
