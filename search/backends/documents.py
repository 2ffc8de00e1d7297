"""What both dialects' indexes add to Wagtail's: the search documents follow
every write and delete, and the search's answers in the response cache follow
every write."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models

from cms.graphql.cache import invalidate_on_commit
from cms.graphql.dependencies import ANY

from .. import documents


class DocumentsIndexMixin:
    """Mixed into a Wagtail database index (before it): every change to Wagtail's
    entries is made to the search documents too (search/documents/)."""

    def add_items(self, model: type[models.Model], objs: Iterable) -> None:
        objs = list(objs)
        super().add_items(model, objs)
        documents.sync(model, objs)
        # Search answers depend on ANY (search/schema.py declares nothing), which
        # the editor's change bumped when it committed; the worker indexes after
        # that, so an answer a reader got in between was stored as current with
        # the old words (or without a new release): bump it again.
        invalidate_on_commit([ANY], immediate=False)

    def delete_item(self, item: models.Model) -> None:
        super().delete_item(item)
        documents.delete(item)

    def delete_stale_entries(self) -> None:
        super().delete_stale_entries()
        documents.delete_stale()

    def reset(self) -> None:
        super().reset()
        documents.reset()
