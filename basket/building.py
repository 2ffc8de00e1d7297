"""The worker's side of the basket: building a zip as a background task (its
progress on the job), the "your zip is ready" e-mail, and deleting zips past
their time on the worker's tick.

App servers never build a zip: ``downloads.request_download`` queues
``build_zip`` and answers with a job the client follows."""

from __future__ import annotations

import datetime
import logging
import tempfile
import time

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.files import File
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from cms.mail import send_templated_email
from cms.public_urls import cms_url

from . import contents, packing
from .errors import INTERNAL_SERVER_ERROR, STORAGE_UNAVAILABLE, BasketError
from .links import job_link
from .models import BasketDownloadJob, BasketItem
from .registry import ItemRef, basket_kind
from .storage import basket_storage

logger = logging.getLogger(__name__)

# Progress is written at most this often (seconds), and only when it moved.
PROGRESS_SECONDS = 1.0
STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)
# A claim older than this is a dead worker's: the task may take it again.
STALE_SECONDS = 3600


@task()
def build_zip(job_id: str) -> None:
    """Build the job's zip, unless another worker has it (a task may run twice
    after a crash: the claim is one conditional UPDATE)."""
    now = timezone.now()
    stale = now - datetime.timedelta(seconds=STALE_SECONDS)
    claimed = (
        BasketDownloadJob.objects.filter(pk=job_id)
        .filter(
            Q(status=BasketDownloadJob.Status.QUEUED)
            | Q(status=BasketDownloadJob.Status.RUNNING, claimed_at__lt=stale)
        )
        .update(status=BasketDownloadJob.Status.RUNNING, claimed_at=now, progress=0)
    )
    if not claimed:
        return
    job = BasketDownloadJob.objects.select_related("user").get(pk=job_id)
    ready = build(job)
    try:
        if ready:
            send_ready_email(job)
        else:
            send_failed_email(job)
    except Exception:  # noqa: BLE001 - the portal shows the job anyway
        logger.exception("Could not e-mail basket job %s its outcome", job.pk)


class Reporter:
    """Writes the share of bytes copied on the job (0-99), at most once every
    PROGRESS_SECONDS and only when it moved."""

    def __init__(self, job: BasketDownloadJob, total: int):
        self.job, self.total = job, max(1, total)
        self.written, self.at = 0, 0.0

    def __call__(self, copied: int) -> None:
        percent = max(0, min(99, copied * 100 // self.total))
        if percent > self.written and time.monotonic() - self.at >= PROGRESS_SECONDS:
            BasketDownloadJob.objects.filter(
                pk=self.job.pk, status=BasketDownloadJob.Status.RUNNING
            ).update(progress=percent)
            self.written, self.at = percent, time.monotonic()


def build(job: BasketDownloadJob) -> bool:
    """Make the job's zip and mark it READY, or FAILED with a code. True when
    it is ready. What each item is, is asked again now: an item unpublished,
    put under embargo or deleted since it was asked for is left out (listed on
    the job and in the zip's left-out.txt, with the reason in the user's
    language); the job fails when nothing is left."""
    storage = basket_storage()
    stored = None
    left_out: list[dict] = []
    try:
        items = [
            BasketItem(
                user=job.user, kind=i["kind"], ref=i["ref"], variant=i["variant"]
            )
            for i in job.items
        ]
        with translation.override(job.language):
            entries = contents.resolve(job.user, items)
        left_out = [
            _left_out(asked, entry)
            for asked, entry in zip(job.items, entries, strict=True)
            if entry.refused
        ]
        files = [
            file for entry in entries if entry.resolved for file in entry.resolved.files
        ]
        if left_out and not files:
            first = next(entry.refused for entry in entries if entry.refused)
            raise BasketError(first.code, first.message)
        total = sum(file.size_bytes for file in files)
        contents.check_not_empty(len(files))
        contents.check_limits(len(files), total)
        with tempfile.TemporaryFile(prefix="portal-basket-") as target:
            with translation.override(job.language):
                packing.write_zip(
                    target,
                    files,
                    job.language,
                    settings.BASKET_CHUNK_BYTES,
                    progress=Reporter(job, total),
                    left_out=[(item["title"], item["message"]) for item in left_out],
                )
            target.seek(0)
            name = f"basket/{job.user_id}/{job.pk}.zip"
            stored = storage.save(name, File(target, name=f"{job.pk}.zip"))
        now = timezone.now()
        BasketDownloadJob.objects.filter(pk=job.pk).update(
            status=BasketDownloadJob.Status.READY,
            file=stored,
            zip_bytes=storage.size(stored),
            file_count=len(files),
            size_bytes=total,
            left_out=left_out,
            progress=100,
            error_code="",
            message="",
            finished_at=now,
            expires_at=now
            + datetime.timedelta(seconds=settings.BASKET_ZIP_RETENTION_SECONDS),
        )
    except Exception as error:  # noqa: BLE001 - every failure is recorded, coded
        if stored:
            _delete(storage, stored)
        if isinstance(error, BasketError):
            code, message = error.code, error.message
        elif isinstance(error, STORAGE_ERRORS):
            code, message = STORAGE_UNAVAILABLE, str(error)
        else:
            code, message = INTERNAL_SERVER_ERROR, str(error)
            logger.exception("Basket job %s failed", job.pk)
        BasketDownloadJob.objects.filter(pk=job.pk).update(
            status=BasketDownloadJob.Status.FAILED,
            error_code=code,
            message=message[:2000],
            left_out=left_out,
            finished_at=timezone.now(),
        )
        return False
    job.refresh_from_db()
    _tell_kinds(job)
    return True


def _left_out(asked: dict, entry: contents.Entry) -> dict:
    """An item not in the zip: what it was when asked for (its title then),
    and why, as its kind says it now."""
    return {
        "kind": asked["kind"],
        "ref": asked["ref"],
        "variant": asked["variant"],
        "title": asked.get("title") or asked["ref"],
        "code": entry.refused.code,
        "message": entry.refused.message,
    }


def _tell_kinds(job: BasketDownloadJob) -> None:
    """Each kind logs what was zipped: the items left out are not."""
    left = {(i["kind"], i["ref"], i["variant"]) for i in job.left_out}
    by_kind: dict[str, list[ItemRef]] = {}
    for item in job.items:
        if (item["kind"], item["ref"], item["variant"]) in left:
            continue
        by_kind.setdefault(item["kind"], []).append(
            ItemRef(item["ref"], item["variant"])
        )
    for name, refs in by_kind.items():
        kind = basket_kind(name)
        if kind is None:
            continue
        try:
            kind.packed(job.user, refs)
        except Exception:  # noqa: BLE001 - the zip is made; a lost log line is not fatal
            logger.exception("Kind %s could not record basket job %s", name, job.pk)


def _delete(storage, name: str) -> None:
    try:
        storage.delete(name)
    except Exception:  # noqa: BLE001 - a file already gone must not hide the error
        logger.warning("Could not delete %s from storage", name, exc_info=True)


def error_message(code: str) -> str:
    """The sentence for a job's own error codes, in the asker's language (an
    item's refusal keeps its kind's sentence)."""
    messages = {
        STORAGE_UNAVAILABLE: _("The storage cannot be reached. Try again later."),
        INTERNAL_SERVER_ERROR: _(
            "The zip could not be made because of an error on our side. Try "
            "again later."
        ),
    }
    return messages.get(code, "")


# --- "Your zip is ready" ---------------------------------------------------------


def _claim_notice(job: BasketDownloadJob) -> bool:
    """Whether this worker tells the user (once per job, whoever runs it)."""
    if not job.user.is_active:
        return False
    return bool(
        BasketDownloadJob.objects.filter(pk=job.pk, notified_at__isnull=True).update(
            notified_at=timezone.now()
        )
    )


def _left_out_lines(job: BasketDownloadJob) -> list[str]:
    with translation.override(job.language):
        return [
            _("%(label)s: %(value)s")
            % {"label": item["title"], "value": item["message"]}
            for item in job.left_out
        ]


def send_ready_email(job: BasketDownloadJob) -> None:
    if not _claim_notice(job):
        return
    url, expires_at = job_link(job)
    with translation.override(job.language):
        files = ngettext("%(count)d file", "%(count)d files", job.file_count) % {
            "count": job.file_count
        }
        left_out = ngettext(
            "%(count)d item could not be put in the zip:",
            "%(count)d items could not be put in the zip:",
            len(job.left_out),
        ) % {"count": len(job.left_out)}
    send_templated_email(
        "basket/email/basket_ready",
        job.user.email,
        job.language,
        {
            "files": files,
            "size_mb": round((job.zip_bytes or 0) / 1_000_000, 1),
            "url": url,
            "expires_at": expires_at,
            "portal": cms_url("/"),
            "left_out": left_out if job.left_out else "",
            "left_out_lines": _left_out_lines(job),
        },
    )


def send_failed_email(job: BasketDownloadJob) -> None:
    """The zip could not be made at all: the user learns why, in their
    language (they may be waiting for the e-mail rather than the portal)."""
    job.refresh_from_db()
    if job.status != BasketDownloadJob.Status.FAILED or not _claim_notice(job):
        return
    with translation.override(job.language):
        reason = error_message(job.error_code) or job.message
    send_templated_email(
        "basket/email/basket_failed",
        job.user.email,
        job.language,
        {
            "reason": reason,
            "left_out_lines": _left_out_lines(job),
            "portal": cms_url("/"),
        },
    )


# --- Expiry ----------------------------------------------------------------------


def expire_zips(now: datetime.datetime | None = None) -> int:
    """Delete the zips past ``expires_at`` (the job stays, EXPIRED, so its owner
    learns why its link stopped working), and such jobs a day later (failed
    ones after the retention and a day). Returns how many zips went."""
    now = now or timezone.now()
    storage = basket_storage()
    expired = 0
    due = BasketDownloadJob.objects.filter(
        status=BasketDownloadJob.Status.READY, expires_at__lte=now
    )
    for job in due.iterator():
        taken = BasketDownloadJob.objects.filter(
            pk=job.pk, status=BasketDownloadJob.Status.READY
        ).update(status=BasketDownloadJob.Status.EXPIRED, file="")
        if taken and job.file:
            _delete(storage, job.file.name)
            expired += 1
    # The jobs a day later: their owners learn meanwhile why the link went.
    day = now - datetime.timedelta(days=1)
    old = now - datetime.timedelta(
        seconds=settings.BASKET_ZIP_RETENTION_SECONDS, days=1
    )
    BasketDownloadJob.objects.filter(
        Q(status=BasketDownloadJob.Status.EXPIRED, expires_at__lt=day)
        | Q(status=BasketDownloadJob.Status.FAILED, created_at__lt=old)
    ).delete()
    return expired
