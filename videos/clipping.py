"""The worker's side of clips: cutting one with ffmpeg as a background task,
reporting its progress on the clip, telling those who waited long by e-mail, and
deleting the clips nobody downloads any more.

App servers never run ffmpeg for a clip: ``downloads.clip_job`` queues
``make_clip`` and answers with a job the client follows (README, "Partial
downloads as jobs")."""

from __future__ import annotations

import datetime
import logging
import time

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from cms.mail import send_templated_email
from cms.public_urls import cms_url

from . import claims, downloads, ffmpeg
from .models import VideoClip, VideoDownloadJob, VideoRendition
from .storage import delete_stored, readable_location, store, video_storage
from .timecode import format_timecode, frame_at, frame_seconds

logger = logging.getLogger(__name__)


@task()
def make_clip(clip_id: int) -> None:
    """Cut the clip, unless another worker has it (a task may run twice after a
    crash: the claim is one conditional UPDATE; a claim whose worker died is
    taken back by videos/claims.py)."""
    clip = claims.claim(clip_id)
    if clip is not None and cut(clip):
        notify_waiting(clip)


class Reporter:
    """Writes ffmpeg's progress on the clip (0-99 while it runs), at most once a
    second and only when it moved, and renews the worker's claim on it at least
    every quarter of the lease."""

    def __init__(self, clip: VideoClip, frames: int, seconds: float):
        self.clip, self.frames, self.seconds = clip, frames, seconds
        self.exact = clip.precision == VideoClip.Precision.EXACT
        self.written, self.at = 0, 0.0
        self.renewed = time.monotonic()

    def __call__(self, progress: ffmpeg.Progress) -> None:
        if self.exact and self.frames:
            done = progress.frames / self.frames
        else:
            done = progress.seconds / self.seconds if self.seconds else 0
        percent = max(0, min(99, int(done * 100)))
        now = time.monotonic()
        renew = now - self.renewed >= claims.lease().total_seconds() / 4
        if (percent > self.written and now - self.at >= 1) or renew:
            changes = {"progress": max(percent, self.written)}
            if renew:
                changes["claimed_at"] = timezone.now()
                self.renewed = now
            claims.held(self.clip).update(**changes)
            self.written, self.at = max(percent, self.written), now


def cut(clip: VideoClip) -> bool:
    """Make the clip's file and mark it READY, or FAILED with a code. True when
    it is ready."""
    rendition: VideoRendition = clip.rendition
    exact = clip.precision == VideoClip.Precision.EXACT
    rate = downloads.clip_frame_rate(rendition)
    # The key holds frame boundaries to the millisecond: back to the frames,
    # then to their exact instants (the audio is cut to the sample).
    first, last = (
        frame_at(clip.start_ms / 1000, rate),
        frame_at(clip.end_ms / 1000, rate),
    )
    start, end = frame_seconds(first, rate), frame_seconds(last, rate)
    storage = video_storage()
    stored = None
    try:
        with ffmpeg.workdir() as folder:
            target = folder / "clip.mp4"
            ffmpeg.cut_clip(
                readable_location(storage, rendition.file.name),
                target,
                start,
                end,
                exact,
                rate,
                progress=Reporter(clip, last - first, end - start),
            )
            # What the file holds, counted in it: the in point (FAST starts on
            # the keyframe before it) plus its frames.
            in_point = start if exact else _keyframe_before(rendition, start)
            first = frame_at(in_point, rate)
            frames = ffmpeg.count_frames(str(target))
            if not frames:
                raise ffmpeg.MediaError(_("The clip holds no frame."))
            name = (
                f"videos/clips/{rendition.asset_id}/{rendition.name}-"
                f"{clip.precision.lower()}-{clip.start_ms}-{clip.end_ms}.mp4"
            )
            if not claims.renew(clip):  # lost meanwhile: another worker has it
                return False
            stored = claims.while_renewing(clip, lambda: store(target, name, storage))
        now = timezone.now()
        done = claims.held(clip).update(
            status=VideoClip.Status.READY,
            file=stored,
            size_bytes=storage.size(stored),
            actual_start=round(frame_seconds(first, rate), 3),
            actual_end=round(frame_seconds(first + frames, rate), 3),
            message="",
            error_code="",
            progress=100,
            finished_at=now,
            last_used_at=now,
        )
        if not done:
            # Taken back as lost while storing (a long pause): its new claim
            # makes it again; this copy goes.
            delete_stored([stored], storage)
            return False
    except Exception as error:  # noqa: BLE001 - every failure is recorded, coded
        if stored:
            delete_stored([stored], storage)
        code = _failure_code(error, storage, rendition.file.name)
        claims.held(clip).update(
            status=VideoClip.Status.FAILED,
            error_code=code,
            message=ffmpeg.without_signatures(str(error))[:2000],
            finished_at=timezone.now(),
        )
        if code == downloads.INTERNAL_SERVER_ERROR:
            logger.exception("Clip %s failed", clip.pk)
        else:
            logger.error("Clip %s failed (%s): %s", clip.pk, code, error)
        return False
    clip.refresh_from_db()
    return True


def _failure_code(error: Exception, storage, name: str) -> str:
    """A range the picture does not reach is the asker's; a failed cut is
    ffmpeg's, or the storage's when it cannot be reached (S3 down); anything
    else is a bug (logged with its traceback)."""
    if isinstance(error, ffmpeg.RangeOutsideVideo):
        return downloads.RANGE_OUT_OF_BOUNDS
    if isinstance(error, ffmpeg.MediaError):
        return (
            downloads.CLIP_FAILED
            if _storage_reachable(storage, name)
            else downloads.STORAGE_UNAVAILABLE
        )
    if isinstance(error, downloads.STORAGE_ERRORS):
        return downloads.STORAGE_UNAVAILABLE
    return downloads.INTERNAL_SERVER_ERROR


def _storage_reachable(storage, name: str) -> bool:
    try:
        return storage.exists(name)
    except downloads.STORAGE_ERRORS:
        return False


def _keyframe_before(rendition: VideoRendition, start: float) -> float:
    earlier = [k for k in rendition.keyframes if k <= start + 0.0005]
    return max(earlier) if earlier else 0.0


# --- "Your clip is ready" ------------------------------------------------------------


def notify_waiting(clip: VideoClip) -> int:
    """E-mail the link to everyone whose job waited longer than
    VIDEO_CLIP_EMAIL_AFTER_SECONDS for this clip (a short wait: the portal
    showed the link already). Returns how many were sent."""
    waited = clip.finished_at - datetime.timedelta(
        seconds=settings.VIDEO_CLIP_EMAIL_AFTER_SECONDS
    )
    jobs = clip.jobs.filter(notified_at__isnull=True, created_at__lte=waited)
    sent = 0
    for job in jobs.select_related("user", "video", "rendition__asset"):
        claimed = VideoDownloadJob.objects.filter(
            pk=job.pk, notified_at__isnull=True
        ).update(notified_at=timezone.now())
        if not claimed or not job.user.is_active:
            continue
        job.clip = clip
        try:
            send_ready_email(job)
            sent += 1
        except Exception:  # noqa: BLE001 - the link is in the portal anyway
            logger.exception("Could not e-mail job %s its clip", job.pk)
    return sent


def send_ready_email(job: VideoDownloadJob) -> None:
    language = getattr(job.user, "preferred_language", "") or settings.LANGUAGE_CODE
    with translation.override(language):
        download = downloads.job_download(
            job, link_seconds=settings.VIDEO_CLIP_EMAIL_LINK_SECONDS
        )
    send_templated_email(
        "videos/email/clip_ready",
        job.user.email,
        language,
        {
            "title": download.log.video_title if download.log else "",
            "rendition": job.rendition.name,
            "start": format_timecode(download.start),
            "end": format_timecode(download.end),
            "start_timecode": download.timecode(download.start),
            "end_timecode": download.timecode(download.end),
            "url": download.url,
            "expires_at": download.expires_at,
            "size_mb": round((download.size_bytes or 0) / 1_000_000, 1),
            "portal": cms_url("/"),
        },
    )


# --- Retention -----------------------------------------------------------------------


def purge_unused_clips(now: datetime.datetime | None = None) -> int:
    """Delete the clips no link was issued for in VIDEO_CLIP_RETENTION_SECONDS
    (their files go once the deletion commits, videos/signals.py), and the
    jobs past that age. Clips waiting for or in the hands of a worker are
    never deleted. Returns how many clips went."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=settings.VIDEO_CLIP_RETENTION_SECONDS)
    with transaction.atomic():
        deleted, by_model = VideoClip.objects.filter(
            status__in=(VideoClip.Status.READY, VideoClip.Status.FAILED),
            last_used_at__lt=cutoff,
        ).delete()
        # Jobs a day longer: their owner still learns the clip went (CLIP_EXPIRED).
        old = cutoff - datetime.timedelta(days=1)
        VideoDownloadJob.objects.filter(created_at__lt=old).filter(
            Q(clip__isnull=True)
            | Q(clip__status__in=(VideoClip.Status.READY, VideoClip.Status.FAILED))
        ).delete()
    return by_model.get(VideoClip._meta.label, 0)
