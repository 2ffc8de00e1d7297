"""A worker's claim on a clip, and what becomes of a clip whose worker died.

A worker claims a queued clip with one conditional UPDATE (``claim``): the clip is
MAKING, ``attempts`` goes up by one and names this claim. While it cuts, the worker
renews ``claimed_at`` (``renew``) at least every quarter of
``VIDEO_CLIP_LEASE_SECONDS``; what it writes at the end (READY or FAILED) holds only
if the claim is still its own.

A claim older than the lease is lost: the worker was killed, its machine went.
``recover_lost`` puts such a clip back in the queue (and queues its task), up to
``VIDEO_CLIP_MAX_ATTEMPTS`` claims; past them it is FAILED with
``CLIP_WORKER_LOST``. A clip still queued a lease after it was queued may have lost
its task (the queue was flushed, the task row deleted): its task is queued again,
once per lease. A task queued twice is harmless: only one ``claim`` wins.
``recover_lost`` runs when the owner follows the job (``videoDownloadJob``) and on
the worker's tick, so a lost clip is noticed within a lease whether or not anyone
is watching. Asking for the clip again
(``requestVideoDownload``) starts it anew, attempts and all."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as WorkStillRunning
from functools import partial
from typing import TypeVar

from django.conf import settings
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import VideoClip, clip_requested

logger = logging.getLogger(__name__)

T = TypeVar("T")

CLIP_WORKER_LOST = "CLIP_WORKER_LOST"


def lease() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.VIDEO_CLIP_LEASE_SECONDS)


def claim(clip_id: int) -> VideoClip | None:
    """Take a queued clip for this worker: the clip, its ``attempts`` naming the
    claim, or None when it is not waiting (another worker has it, or it is made)."""
    now = timezone.now()
    claimed = VideoClip.objects.filter(
        pk=clip_id, status=VideoClip.Status.QUEUED
    ).update(
        status=VideoClip.Status.MAKING,
        claimed_at=now,
        started_at=now,
        progress=0,
        attempts=F("attempts") + 1,
    )
    if not claimed:
        return None
    return VideoClip.objects.select_related("rendition__asset").get(pk=clip_id)


def held(clip: VideoClip) -> QuerySet:
    """The clip's row while ``clip``'s claim still holds it."""
    return VideoClip.objects.filter(
        pk=clip.pk, status=VideoClip.Status.MAKING, attempts=clip.attempts
    )


def renew(clip: VideoClip) -> bool:
    """The worker is alive: push the claim's time on. False when the claim was
    lost meanwhile (the clip was queued again or failed)."""
    return bool(held(clip).update(claimed_at=timezone.now()))


def while_renewing(clip: VideoClip, work: Callable[[], T]) -> T:
    """``work``'s result; it runs in a thread while this one renews the claim every
    quarter of the lease (a long upload of the finished clip to storage must not
    look like a dead worker). ``work`` must not use the database: the claim is
    renewed on this thread's connection. Whether the claim still holds is decided
    when the result is written (``held``)."""
    interval = lease().total_seconds() / 4
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="clip-store") as pool:
        running = pool.submit(work)
        while True:
            try:
                return running.result(timeout=interval)
            except WorkStillRunning:
                renew(clip)


def is_lost(clip: VideoClip, now: datetime.datetime | None = None) -> bool:
    return (
        clip.status == VideoClip.Status.MAKING
        and clip.claimed_at < (now or timezone.now()) - lease()
    )


def recover_lost(
    clips: QuerySet | None = None, now: datetime.datetime | None = None
) -> tuple[int, int]:
    """Queue again the clips (of ``clips``, or all) whose claim is older than the
    lease, or fail them with CLIP_WORKER_LOST after VIDEO_CLIP_MAX_ATTEMPTS
    claims. Returns (queued again, failed)."""
    now = now or timezone.now()
    stale = now - lease()
    clips = clips if clips is not None else VideoClip.objects.all()
    queued = failed = 0
    # Waiting for a lease without a worker taking it: its task may be gone.
    waiting = clips.filter(status=VideoClip.Status.QUEUED, claimed_at__lt=stale)
    for clip in waiting.only("pk"):
        if VideoClip.objects.filter(
            pk=clip.pk, status=VideoClip.Status.QUEUED, claimed_at__lt=stale
        ).update(claimed_at=now):
            queued += 1
            logger.warning(
                "Clip %s: still waiting after a lease, task queued again", clip.pk
            )
            transaction.on_commit(
                partial(clip_requested.send, sender=VideoClip, clip=clip), robust=True
            )
    lost = clips.filter(status=VideoClip.Status.MAKING, claimed_at__lt=stale)
    for clip in lost.only("pk", "attempts"):
        # Only the claim we saw, still stale: a renewal or another recovery wins.
        row = held(clip).filter(claimed_at__lt=stale)
        if clip.attempts >= settings.VIDEO_CLIP_MAX_ATTEMPTS:
            if row.update(
                status=VideoClip.Status.FAILED,
                error_code=CLIP_WORKER_LOST,
                message=_("The worker cutting the clip stopped %(count)d times.")
                % {"count": clip.attempts},
                finished_at=now,
            ):
                failed += 1
                logger.error(
                    "Clip %s: worker lost %d times, failed", clip.pk, clip.attempts
                )
        elif row.update(
            status=VideoClip.Status.QUEUED,
            progress=0,
            claimed_at=now,
            started_at=None,
        ):
            queued += 1
            logger.warning(
                "Clip %s: worker lost (claim %d), queued again", clip.pk, clip.attempts
            )
            transaction.on_commit(
                partial(clip_requested.send, sender=VideoClip, clip=clip), robust=True
            )
    return queued, failed
