"""From a page change to deliveries: who wants the event, and what they are sent.

Deliveries are written in the same transaction as the page change (so a change that
rolls back sends nothing) and handed to the task queue only once it commits.
Publishing never fails because of a webhook: any error here is logged and dropped.
"""

from __future__ import annotations

import logging
import uuid
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page

from cms.visibility import is_withheld

from .models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from .sending import enqueue_delivery

logger = logging.getLogger(__name__)


def describe_page(page: Page) -> dict[str, Any]:
    """The page as the payload shows it. ``url`` is the path the site serves it at
    (``/fr/salle-de-presse/…/``), or null for a page outside any site."""
    url_parts = page.get_url_parts()
    page_class = page.specific_class or type(page)
    return {
        "id": page.pk,
        "type": page_class._meta.label,
        "locale": page.locale.language_code,
        "translation_key": str(page.translation_key),
        "slug": page.slug,
        "url": url_parts[2] if url_parts else None,
        "title": page.title,
    }


def endpoints_for(event: str, page: Page) -> list[WebhookEndpoint]:
    candidates = WebhookEndpoint.objects.filter(active=True).filter(
        Q(locale__isnull=True) | Q(locale_id=page.locale_id)
    )
    # Few endpoints, and JSON containment is not portable to SQLite: filter here.
    return [endpoint for endpoint in candidates if endpoint.wants(event)]


def record_page_event(
    event: WebhookEvent | str, page: Page, *, withheld: bool | None = None
) -> list[WebhookDelivery]:
    """Create a delivery per interested endpoint and send them after commit.

    ``withheld`` says whether the public may not know of the page yet (asked of
    cms.visibility when None). Runs inside a savepoint so that a failure here
    cannot poison the editor's transaction; the error is logged and the page
    change goes through."""
    event = WebhookEvent(event)
    if withheld is None:
        withheld = is_withheld(page)
    if withheld:
        # Under embargo: frontends hear of it when it lifts (embargo/lifting.py).
        return []
    try:
        with transaction.atomic():
            deliveries = _create_deliveries(event, page)
            for delivery in deliveries:
                transaction.on_commit(
                    partial(enqueue_delivery, delivery.pk), robust=True
                )
    except Exception:
        logger.exception(
            "Could not record the %s webhooks for page %s; the change itself was "
            "saved.",
            event.value,
            page.pk,
        )
        return []
    return deliveries


def _create_deliveries(event: WebhookEvent, page: Page) -> list[WebhookDelivery]:
    endpoints = endpoints_for(event, page)
    if not endpoints:
        return []
    page_data = describe_page(page)
    occurred_at = timezone.now().isoformat()
    deliveries = []
    for endpoint in endpoints:
        delivery_id = uuid.uuid4()
        payload = {
            "event": event.value,
            "delivery": str(delivery_id),
            "timestamp": occurred_at,
            "page": page_data,
        }
        deliveries.append(
            WebhookDelivery(
                id=delivery_id, endpoint=endpoint, event=event.value, payload=payload
            )
        )
    return WebhookDelivery.objects.bulk_create(deliveries)
