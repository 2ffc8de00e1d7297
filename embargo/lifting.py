"""Lifting embargoes on the worker's tick, and keeping their record on publish.

Publishing a page under embargo writes (or rewrites) its ``EmbargoLift`` row; the
publish itself sends no webhook (webhooks ask ``cms.visibility.is_withheld``). The
worker's scheduled-publishing tick (cms/scheduled_publishing.py, under its lease)
calls ``lift_due``: each lift whose time has come is claimed with one conditional
UPDATE, then Wagtail's ``page_published`` is sent again for the page, so what follows
a publish follows the lift at that moment: the ``page.published`` webhook, the
response cache's invalidation, the search document, a CDN purge."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone
from wagtail.signals import page_published, page_unpublished

from .models import EmbargoLift, EmbargoMixin
from .signals import embargo_lifted, embargoed_page_published

logger = logging.getLogger(__name__)


def on_page_published(sender, instance, **kwargs) -> None:
    if not isinstance(instance, EmbargoMixin) or getattr(instance, "lifting", False):
        return
    lifts_at = instance.embargo_in_force()
    if lifts_at is None:
        EmbargoLift.objects.filter(page_id=instance.pk).delete()
        return
    EmbargoLift.objects.update_or_create(
        page_id=instance.pk, defaults={"lifts_at": lifts_at, "lifted_at": None}
    )
    embargoed_page_published.send(
        sender=type(instance), page=instance, lifts_at=lifts_at
    )


def on_page_unpublished(sender, instance, **kwargs) -> None:
    EmbargoLift.objects.filter(page_id=instance.pk).delete()


def lift_due(now=None) -> int:
    """Announce every embargo that has lifted by ``now``; the number lifted."""
    now = now or timezone.now()
    lifted = 0
    due = EmbargoLift.objects.filter(lifted_at__isnull=True, lifts_at__lte=now)
    for lift in due.order_by("lifts_at", "pk"):
        try:
            with transaction.atomic():
                if _lift(lift, now):
                    lifted += 1
        except Exception:
            logger.exception("Could not lift the embargo of page %s", lift.page_id)
    return lifted


def _lift(lift: EmbargoLift, now) -> bool:
    claimed = EmbargoLift.objects.filter(pk=lift.pk, lifted_at__isnull=True).update(
        lifted_at=now
    )
    if not claimed:
        return False  # another tick got it
    page = lift.page.specific
    if not page.live or page.embargoed_until != lift.lifts_at:
        return False  # republished or unpublished since: that publish decided
    logger.info("Embargo lifted: page %s (%s)", page.pk, lift.lifts_at.isoformat())
    page.lifting = True  # not a new embargo publish
    page_published.send(sender=type(page), instance=page, revision=page.live_revision)
    embargo_lifted.send(sender=type(page), page=page)
    return True


def connect_signals() -> None:
    page_published.connect(on_page_published, dispatch_uid="embargo-published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="embargo-unpublished")
