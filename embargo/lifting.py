"""Lifting embargoes on the worker's tick, and keeping their record on publish.

Publishing a page that everyone could read under a new embargo takes it from the
public as an unpublish would: ``cms.visibility.page_withdrawn`` is sent with the
page as it was (webhooks send ``page.unpublished``, caches and the CDN drop it),
and the lift announces it again.

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
from django.db.models.signals import pre_save
from django.utils import timezone
from wagtail.signals import page_published, page_unpublished

from cms.visibility import page_withdrawn

from .models import EmbargoLift, EmbargoMixin
from .signals import embargo_lifted, embargoed_page_published

logger = logging.getLogger(__name__)


WITHDRAWN_FROM = "_embargo_withdrawn_from"


def on_page_saving(sender, instance, update_fields=None, **kwargs) -> None:
    """Before a live page is written under an embargo: was it everyone's until
    now? Then keep the public version, for on_page_published."""
    if not isinstance(instance, EmbargoMixin) or instance.pk is None:
        return
    if update_fields is not None and "embargoed_until" not in update_fields:
        return  # a draft saved, a revision pointer: not a publish
    if not instance.live or instance.embargo_in_force() is None:
        return
    before = type(instance).objects.filter(pk=instance.pk, live=True).first()
    if before is not None and before.embargo_in_force() is None:
        setattr(instance, WITHDRAWN_FROM, before)


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
    public = instance.__dict__.pop(WITHDRAWN_FROM, None)
    if public is not None:
        logger.info("Page %s embargoed again: withdrawn from the public", public.pk)
        page_withdrawn.send(sender=type(public), page=public)
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
    pre_save.connect(on_page_saving, dispatch_uid="embargo-saving")
    page_published.connect(on_page_published, dispatch_uid="embargo-published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="embargo-unpublished")
