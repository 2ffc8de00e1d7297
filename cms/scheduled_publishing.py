"""Scheduled publishing and expiry: Wagtail's ``publish_scheduled``, on a tick.

Wagtail stores an approved revision's "go live at" and a page's "expire at" but
acts on neither by itself: something must run ``publish_scheduled``. The task
worker (``manage.py portal_worker``, on either queue) does, in a thread beside its
tasks, at start and then every ``SCHEDULED_PUBLISHING_SECONDS``.

Several workers may run: each tick takes a lease (``cms.models.Lease``) first, so
one worker at a time publishes and the others skip that round; a worker that dies
mid-tick loses the lease when it expires. Publishing and unpublishing send Wagtail's
signals as an editor's publish does: the response cache, the search index and the
webhooks follow."""

from __future__ import annotations

import io
import logging
import os
import socket
import threading

from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.dispatch import Signal
from wagtail import hooks

from .models import Lease

logger = logging.getLogger(__name__)

LEASE = "publish_scheduled"


def this_process() -> str:
    return f"{socket.gethostname()[:80]}:{os.getpid()}"


def lease_seconds() -> int:
    # Long enough for a tick that publishes many pages; a dead holder delays
    # scheduled publishing by at most this much.
    return max(300, 5 * settings.SCHEDULED_PUBLISHING_SECONDS)


# Sent on every tick of every worker, after the publishing: apps hang their own
# periodic upkeep on it (videos: deleting clips nobody downloads), each taking
# a lease of its own if only one worker at a time may do it.
worker_tick = Signal()


def tick(holder: str | None = None) -> bool:
    """Publish what is due and unpublish what has expired, unless another worker
    is doing it right now; then the apps' upkeep (``worker_tick``). True when
    this call published."""
    holder = holder or this_process()
    published = Lease.acquire(LEASE, holder, lease_seconds())
    if published:
        try:
            output = io.StringIO()
            call_command("publish_scheduled", stdout=output)
            # Other scheduled publishing, under the same lease (embargo/lifting.py).
            for run in hooks.get_hooks("scheduled_publishing_tick"):
                run()
        finally:
            Lease.release(LEASE, holder)
    else:
        logger.debug("Scheduled publishing: another worker holds the lease")
    for receiver, error in worker_tick.send_robust(sender=None, holder=holder):
        if error is not None:
            logger.error("Worker upkeep %s failed", receiver, exc_info=error)
    return published


class Ticker(threading.Thread):
    """Runs ``tick`` at once, then every ``interval`` seconds until stopped (or
    the process exits: a daemon thread)."""

    def __init__(self, interval: float | None = None):
        super().__init__(name="scheduled-publishing", daemon=True)
        self.interval = interval or settings.SCHEDULED_PUBLISHING_SECONDS
        self.stopped = threading.Event()

    def run(self) -> None:
        logger.info("Scheduled publishing every %s s", self.interval)
        while True:
            try:
                tick()
            except Exception:
                logger.exception("Scheduled publishing failed; trying again later")
            finally:
                # Hold no connection between ticks: the RQ worker forks
                # work-horses, which must not inherit one in use.
                connections.close_all()
            if self.stopped.wait(self.interval):
                return

    def stop(self) -> None:
        self.stopped.set()
