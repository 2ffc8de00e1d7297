"""What both dialects' indexes add to Wagtail's: the search documents follow
every write and delete."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models

from .. import documents


class DocumentsIndexMixin:
    """Mixed into a Wagtail database index (before it): every change to Wagtail's
    entries is made to the search documents too (search/documents/)."""

    def add_items(self, model: type[models.Model], objs: Iterable) -> None:
        objs = list(objs)
        super().add_items(model, objs)
        documents.sync(model, objs)

    def delete_item(self, item: models.Model) -> None:
        super().delete_item(item)
        documents.delete(item)

    def delete_stale_entries(self) -> None:
        super().delete_stale_entries()
        documents.delete_stale()

    def reset(self) -> None:
        super().reset()
        documents.reset()
