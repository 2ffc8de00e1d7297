"""Sending a delivery: one signed POST per attempt, in a background task, retried
with backoff until it succeeds or runs out of attempts.

The stored error texts are log lines for whoever reads the delivery list; they are
kept in English like the server logs.
"""

from __future__ import annotations

import datetime
import http.client
import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from functools import partial
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from .models import WebhookDelivery
from .signing import DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, sign

logger = logging.getLogger(__name__)

USER_AGENT = "media-portal-webhooks/1.0"
DEFAULT_RETRY_DELAYS = [10, 60, 300, 1800]
# Enough of an error page to recognise it in the delivery list.
ERROR_BODY_CHARS = 300


def timeout_seconds() -> float:
    return float(getattr(settings, "WEBHOOK_TIMEOUT_SECONDS", 5))


def max_attempts() -> int:
    return max(1, int(getattr(settings, "WEBHOOK_MAX_ATTEMPTS", 5)))


def retry_delay(failed_attempts: int) -> datetime.timedelta:
    """The wait after the ``failed_attempts``-th failure; the last delay repeats."""
    delays = list(getattr(settings, "WEBHOOK_RETRY_DELAYS", DEFAULT_RETRY_DELAYS))
    delays = delays or DEFAULT_RETRY_DELAYS
    index = min(max(failed_attempts, 1), len(delays)) - 1
    return datetime.timedelta(seconds=float(delays[index]))


def encode_payload(payload: dict[str, Any]) -> bytes:
    """The request body: the bytes the signature covers, the same on every retry."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


@dataclass(frozen=True)
class Outcome:
    ok: bool
    status_code: int | None = None
    error: str = ""


class _RefuseRedirects(urllib.request.HTTPRedirectHandler):
    """A redirected POST would be replayed as a GET without its body and then count
    as delivered: a 3xx is reported as a failure instead, with where it points."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: Any,
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> None:
        return None


_opener = urllib.request.build_opener(_RefuseRedirects)


def _short(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > ERROR_BODY_CHARS:
        return text[: ERROR_BODY_CHARS - 1] + "…"
    return text


def _reason(error: BaseException) -> str:
    return getattr(error, "strerror", None) or str(error) or type(error).__name__


def post(url: str, body: bytes, headers: dict[str, str], timeout: float) -> Outcome:
    """POST ``body`` to ``url``; any answer but a 2xx is a failure. Never raises."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    host = urllib.parse.urlsplit(url).netloc or url
    try:
        with _opener.open(request, timeout=timeout) as response:
            return Outcome(ok=True, status_code=response.status)
    except urllib.error.HTTPError as error:
        if 300 <= error.code < 400:
            location = error.headers.get("Location", "")
            return Outcome(
                ok=False,
                status_code=error.code,
                error=(
                    f"The endpoint answered HTTP {error.code} with a redirect to "
                    f"{location or 'another address'}. Webhooks do not follow "
                    "redirects: set the endpoint's URL to the final address."
                ),
            )
        try:
            answer = _short(error.read(4096).decode("utf-8", "replace"))
        except (OSError, http.client.HTTPException):
            answer = ""
        text = f"The endpoint answered HTTP {error.code}."
        return Outcome(
            ok=False,
            status_code=error.code,
            error=f"{text} Response: {answer}" if answer else text,
        )
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            return Outcome(ok=False, error=_timed_out(host, timeout))
        return Outcome(
            ok=False, error=f"Could not connect to {host}: {_reason(error.reason)}."
        )
    except TimeoutError:
        return Outcome(ok=False, error=_timed_out(host, timeout))
    except (OSError, http.client.HTTPException, ValueError) as error:
        return Outcome(
            ok=False, error=f"The request to {host} failed: {_reason(error)}."
        )


def _timed_out(host: str, timeout: float) -> str:
    return f"{host} did not answer within {timeout:g} seconds."


@task()
def send_webhook(delivery_id: str) -> str:
    """Make one attempt at a delivery and record it; schedule the next one on
    failure. Returns the delivery's status."""
    delivery = (
        WebhookDelivery.objects.select_related("endpoint")
        .filter(pk=delivery_id)
        .first()
    )
    if delivery is None:
        return "missing"
    if delivery.status != WebhookDelivery.Status.PENDING:
        return delivery.status
    endpoint = delivery.endpoint
    if not endpoint.active:
        delivery.status = WebhookDelivery.Status.FAILED
        delivery.last_error = "The endpoint was deactivated before this was sent."
        delivery.next_attempt_at = None
        delivery.save(
            update_fields=["status", "last_error", "next_attempt_at", "updated_at"]
        )
        return delivery.status

    # Count the attempt before making it, and only if nobody else has: two workers
    # holding the same delivery (a task run twice) then send it once.
    claimed = WebhookDelivery.objects.filter(
        pk=delivery.pk,
        status=WebhookDelivery.Status.PENDING,
        attempts=delivery.attempts,
    ).update(attempts=F("attempts") + 1, updated_at=timezone.now())
    if not claimed:
        return delivery.status
    delivery.attempts += 1

    body = encode_payload(delivery.payload)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        EVENT_HEADER: delivery.event,
        DELIVERY_HEADER: str(delivery.pk),
        SIGNATURE_HEADER: sign(endpoint.secret, body),
    }
    outcome = post(endpoint.url, body, headers, timeout_seconds())

    delivery.last_status_code = outcome.status_code
    delivery.last_error = outcome.error
    if outcome.ok:
        delivery.status = WebhookDelivery.Status.SUCCEEDED
        delivery.next_attempt_at = None
    elif delivery.attempts >= max_attempts():
        delivery.status = WebhookDelivery.Status.FAILED
        delivery.next_attempt_at = None
        logger.warning(
            "Webhook delivery %s to %s failed after %d attempts: %s",
            delivery.pk,
            endpoint.url,
            delivery.attempts,
            outcome.error,
        )
    else:
        delivery.next_attempt_at = timezone.now() + retry_delay(delivery.attempts)
    delivery.save(
        update_fields=[
            "status",
            "last_status_code",
            "last_error",
            "next_attempt_at",
            "updated_at",
        ]
    )
    if delivery.status == WebhookDelivery.Status.PENDING:
        transaction.on_commit(
            partial(schedule_retry, delivery.pk, delivery.next_attempt_at), robust=True
        )
    return delivery.status


def enqueue_delivery(delivery_id: UUID | str) -> None:
    """The first attempt, as soon as a worker is free (called after commit)."""
    send_webhook.enqueue(str(delivery_id))


def schedule_retry(delivery_id: UUID | str, run_after: datetime.datetime) -> None:
    if not send_webhook.get_backend().supports_defer:
        # The immediate backend (tests) cannot wait: running the retry now would
        # spend every attempt within a second. The delivery stays pending with its
        # next attempt time; calling send_webhook for it again sends it.
        logger.warning(
            "The task backend cannot run tasks later; webhook delivery %s stays "
            "pending until it is sent again.",
            delivery_id,
        )
        return
    send_webhook.using(run_after=run_after).enqueue(str(delivery_id))
