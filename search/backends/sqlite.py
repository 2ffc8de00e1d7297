"""Wagtail's SQLite (FTS5) backend, writing the search documents too."""

from __future__ import annotations

from wagtail.search.backends.database.sqlite.sqlite import (
    SQLiteIndex,
    SQLiteSearchBackend,
)

from .. import documents
from .documents import DocumentsIndexMixin


class DocumentsSQLiteIndex(DocumentsIndexMixin, SQLiteIndex):
    pass


class DocumentsSQLiteSearchBackend(SQLiteSearchBackend):
    index_class = DocumentsSQLiteIndex
    config = None

    @property
    def uses_documents(self) -> bool:
        # The engine searches the documents' table when it exists.
        return documents.enabled()

    def for_locale(self, code: str | None) -> DocumentsSQLiteSearchBackend:
        return self
