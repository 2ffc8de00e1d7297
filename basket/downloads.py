"""Asking for a basket's zip: the checks made at once (signed in, not empty,
every item still available, the limits, how many zips an hour), a job the worker
builds (basket/building.py), and finding one's own jobs."""

from __future__ import annotations

import datetime
import math
import uuid
from functools import partial

from django.conf import settings
from django.db import router, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import contents
from .building import STALE_SECONDS, build_zip
from .errors import NOT_FOUND, RATE_LIMITED, BasketError
from .models import BasketDownloadJob

HOUR = 3600


def request_download(request) -> BasketDownloadJob:
    """A job for the zip of the user's basket as it is now. The same basket
    asked for again while its zip is queued, being made or ready is the same
    job (no new zip); a new zip counts against BASKET_ZIPS_PER_HOUR."""
    user = contents.signed_in_user(request, _("Sign in to download your basket."))
    language = _language(user)
    with transaction.atomic():
        contents.lock_account(user)
        basket = contents.my_basket(user)
        for entry in basket.entries:
            if entry.refused:
                raise BasketError(
                    entry.refused.code,
                    entry.refused.message,
                    kind=entry.item.kind,
                    id=entry.item.ref,
                    variant=entry.item.variant,
                )
        contents.check_not_empty(basket.file_count)
        contents.check_limits(basket.file_count, basket.size_bytes)
        # With their titles now: an item gone by the time the worker builds
        # the zip is still named in what it says was left out.
        items = [
            {
                "kind": e.item.kind,
                "ref": e.item.ref,
                "variant": e.item.variant,
                "title": e.resolved.title,
            }
            for e in basket.entries
        ]
        same = _same_job(user, items, language)
        if same is not None:
            if _lost(same):  # its worker died, or its task was lost: again
                transaction.on_commit(
                    partial(build_zip.enqueue, str(same.pk)), robust=True
                )
            return same
        _check_rate(user)
        job = BasketDownloadJob.objects.create(
            user=user,
            items=items,
            language=language,
            file_count=basket.file_count,
            size_bytes=basket.size_bytes,
        )
        transaction.on_commit(partial(build_zip.enqueue, str(job.pk)), robust=True)
    return job


def _language(user) -> str:
    languages = {code for code, _name in settings.LANGUAGES}
    preferred = getattr(user, "preferred_language", "")
    if preferred in languages:
        return preferred
    active = (get_language() or "")[:2]
    return active if active in languages else settings.LANGUAGE_CODE


def _same_job(user, items: list, language: str) -> BasketDownloadJob | None:
    live = (
        BasketDownloadJob.Status.QUEUED,
        BasketDownloadJob.Status.RUNNING,
        BasketDownloadJob.Status.READY,
    )
    for job in BasketDownloadJob.objects.filter(
        user=user, status__in=live, language=language
    ).order_by("-created_at")[:10]:
        if job.items == items and (
            job.expires_at is None or job.expires_at > timezone.now()
        ):
            return job
    return None


def _lost(job: BasketDownloadJob) -> bool:
    """Queued or claimed longer ago than a build can take."""
    if job.status == BasketDownloadJob.Status.READY:
        return False
    since = job.claimed_at or job.created_at
    return since < timezone.now() - datetime.timedelta(seconds=STALE_SECONDS)


def _check_rate(user) -> None:
    now = timezone.now()
    since = now - datetime.timedelta(seconds=HOUR)
    recent = list(
        BasketDownloadJob.objects.filter(user=user, created_at__gt=since)
        .order_by("created_at")
        .values_list("created_at", flat=True)
    )
    allowed = settings.BASKET_ZIPS_PER_HOUR
    if len(recent) >= allowed:
        # Free again when the oldest that counts leaves the hour.
        frees_at = recent[len(recent) - allowed] + datetime.timedelta(seconds=HOUR)
        retry_after = max(1, math.ceil((frees_at - now).total_seconds()))
        raise BasketError(
            RATE_LIMITED,
            _(
                "You asked for %(count)d zips in the last hour, the most allowed. "
                "Try again in %(seconds)d seconds."
            )
            % {"count": allowed, "seconds": retry_after},
            retryAfter=retry_after,
        )


def find_job(request, job_id) -> BasketDownloadJob:
    """A job of the signed-in user. Another user's, or none: NOT_FOUND (the same
    answer, so ids cannot be probed)."""
    user = contents.signed_in_user(request, _("Sign in to follow your downloads."))
    try:
        pk = uuid.UUID(str(job_id))
    except ValueError:
        pk = None
    # From the primary: a replica may lag behind the worker's progress.
    primary = router.db_for_write(BasketDownloadJob)
    job = (
        BasketDownloadJob.objects.using(primary).filter(pk=pk, user=user).first()
        if pk
        else None
    )
    if job is None:
        raise BasketError(NOT_FOUND, _("You have no basket download with this id."))
    return job
