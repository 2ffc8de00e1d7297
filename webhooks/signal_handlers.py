"""Which Wagtail signals mean which event.

Deleting a page in Wagtail 7.4 sends, in one transaction: ``pre_delete`` for the
``Page`` row of every page removed (the page and its descendants, whatever their
type), and, for each of them that is live, ``page_unpublished`` — Wagtail's own
``pre_delete`` handler unpublishes it with ``commit=False`` just before the row goes.
Such a page gets only ``page.deleted``: the database still says it is live, which
no real unpublish leaves behind.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.db.models.signals import pre_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from cms.visibility import page_withdrawn

from .events import record_page_event
from .models import WebhookEvent

logger = logging.getLogger(__name__)


def on_page_published(sender: type[Page], instance: Page, **kwargs: Any) -> None:
    record_page_event(WebhookEvent.PAGE_PUBLISHED, instance)


def on_page_unpublished(sender: type[Page], instance: Page, **kwargs: Any) -> None:
    try:
        with transaction.atomic():  # a failed query must not break the editor's
            being_deleted = Page.objects.filter(pk=instance.pk, live=True).exists()
    except Exception:
        logger.exception("Could not check page %s for webhooks.", instance.pk)
        return
    if not being_deleted:
        record_page_event(WebhookEvent.PAGE_UNPUBLISHED, instance)


def on_page_withdrawn(sender: type[Page], page: Page, **kwargs: Any) -> None:
    """Published again under an embargo: for the public it is gone until the
    lift (which sends ``page.published``)."""
    record_page_event(WebhookEvent.PAGE_UNPUBLISHED, page, withheld=False)


def on_page_deleted(sender: type[Page], instance: Page, **kwargs: Any) -> None:
    # pre_delete, not post_delete: the page's locale and URL can still be read.
    record_page_event(WebhookEvent.PAGE_DELETED, instance)


def register_signal_handlers() -> None:
    page_published.connect(on_page_published, dispatch_uid="webhooks_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="webhooks_unpublished")
    page_withdrawn.connect(on_page_withdrawn, dispatch_uid="webhooks_withdrawn")
    pre_delete.connect(on_page_deleted, sender=Page, dispatch_uid="webhooks_deleted")
