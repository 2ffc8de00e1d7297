"""Full and partial downloads: validating what is asked, making a clip once for
everyone who asks for it, short-lived attachment links, and the download log."""

from __future__ import annotations

import datetime
import logging
import math
import mimetypes
import uuid
from dataclasses import dataclass
from fractions import Fraction
from functools import partial
from pathlib import Path

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import IntegrityError, router, transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.graphql.errors import ApiError
from cms.graphql.pages import published
from cms.public_urls import cms_url
from cms.serving import ServedLog, is_s3, presigned_attachment, serve_stored

from . import claims, limits
from .claims import CLIP_WORKER_LOST
from .models import (
    VideoClip,
    VideoDownload,
    VideoDownloadJob,
    VideoDownloadServed,
    VideoPage,
    VideoRendition,
    clip_requested,
)
from .storage import video_storage
from .timecode import (
    Timecode,
    TimecodeError,
    exact_rate,
    format_timecode,
    frame_at,
    frame_seconds,
    frame_to_smpte,
    frames_covering,
    parse,
    timecode_origin,
)

logger = logging.getLogger(__name__)

SIGNING_SALT = "videos.download"
# What a storage that cannot be reached raises: the disk (OSError) or S3 (botocore).
# Anything else is a bug and must surface as one, with its traceback.
STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)


class DownloadError(ApiError):
    """Raised with one of the codes below."""

    def __init__(self, code: str, message: str, **extensions):
        self.code = code
        super().__init__(message, **extensions)


NOT_AUTHENTICATED = "NOT_AUTHENTICATED"
VIDEO_NOT_FOUND = "VIDEO_NOT_FOUND"
VIDEO_NOT_READY = "VIDEO_NOT_READY"
UNKNOWN_RENDITION = "UNKNOWN_RENDITION"
SEGMENT_NOT_FOUND = "SEGMENT_NOT_FOUND"
INVALID_TIMECODE = "INVALID_TIMECODE"
INVALID_RANGE = "INVALID_RANGE"
RANGE_OUT_OF_BOUNDS = "RANGE_OUT_OF_BOUNDS"
CLIP_TOO_LONG = "CLIP_TOO_LONG"
CLIP_FAILED = "CLIP_FAILED"
STORAGE_UNAVAILABLE = "STORAGE_UNAVAILABLE"
FORBIDDEN = "FORBIDDEN"
WHOLE_FILE_ONLY = "WHOLE_FILE_ONLY"

# The rendition name that asks for the broadcast master itself (whole), for users
# holding ``videos.download_master`` (the "Broadcasters" group).
MASTER = "master"
MASTER_PERMISSION = "videos.download_master"
CLIP_EXPIRED = "CLIP_EXPIRED"
INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"
NOT_FOUND = "NOT_FOUND"


@dataclass
class Download:
    url: str
    expires_at: object
    filename: str
    start: float | None
    end: float | None
    size_bytes: int
    precision: str | None
    rendition: VideoRendition
    clip: VideoClip | None = None
    frame_rate: Fraction | None = None
    log: VideoDownload | None = None
    file_name: str = ""
    timecode_origin: int = 0  # the master's start timecode, as a frame number

    def timecode(self, seconds: float | None) -> str | None:
        """SMPTE timecode of a cut (drop-frame at 29.97 and 59.94 fps), in the
        master's own timecode."""
        if seconds is None or self.frame_rate is None:
            return None
        frame = frame_at(seconds, self.frame_rate) + self.timecode_origin
        return frame_to_smpte(frame, self.frame_rate)

    @property
    def frames(self) -> int | None:
        if self.start is None or self.frame_rate is None:
            return None
        return frame_at(self.end, self.frame_rate) - frame_at(
            self.start, self.frame_rate
        )


# --- What is asked -----------------------------------------------------------------


def find_video(video_id) -> VideoPage:
    try:
        pk = int(str(video_id))
    except ValueError:
        pk = None
    video = (
        published(VideoPage.objects.filter(pk=pk)).select_related("asset").first()
        if pk is not None
        else None
    )
    if video is None:
        raise DownloadError(
            VIDEO_NOT_FOUND, _("There is no published video with this id.")
        )
    asset = video.asset
    if asset is None or not asset.is_ready:
        raise DownloadError(
            VIDEO_NOT_READY,
            _("This video is not ready for download yet (status: %(status)s).")
            % {"status": asset.get_status_display() if asset else _("no file")},
        )
    return video


def find_rendition(video: VideoPage, name: str) -> VideoRendition:
    renditions = list(video.asset.renditions.all())
    for rendition in renditions:
        if rendition.name == name:
            return rendition
    raise DownloadError(
        UNKNOWN_RENDITION,
        _("This video has no rendition %(name)s. Available: %(names)s.")
        % {"name": name, "names": ", ".join(r.name for r in renditions) or "-"},
        available=[r.name for r in renditions],
    )


def timecode_argument(value, argument: str) -> Timecode:
    """The in or out point as given; SMPTE frames are counted later, with the
    video's frame rate (``resolve_timecode``)."""
    if _is_negative(value):
        raise DownloadError(
            INVALID_RANGE,
            _("%(argument)s cannot be negative.") % {"argument": argument},
        )
    try:
        return parse(value)
    except TimecodeError:
        raise DownloadError(
            INVALID_TIMECODE,
            _(
                "%(argument)s is not a timecode: give seconds (12.5), HH:MM:SS.mmm "
                "or SMPTE HH:MM:SS:FF (HH:MM:SS;FF for drop-frame)."
            )
            % {"argument": argument},
        ) from None


def resolve_timecode(timecode: Timecode, video: VideoPage, argument: str) -> float:
    asset = video.asset
    try:
        return timecode.seconds(asset.frame_rate, _origin(asset))
    except TimecodeError:
        raise DownloadError(
            INVALID_TIMECODE,
            _(
                "%(argument)s names a frame this video does not have at "
                "%(rate)s frames per second (drop-frame ';' exists at 29.97 and "
                "59.94 only; the video starts at %(start)s)."
            )
            % {
                "argument": argument,
                "rate": f"{asset.frame_rate or 0:g}",
                "start": asset.start_timecode or "00:00:00:00",
            },
        ) from None


def _origin(asset) -> int:
    if not asset.start_timecode or not asset.frame_rate:
        return 0
    return timecode_origin(asset.start_timecode, exact_rate(asset.frame_rate))


def _is_negative(value) -> bool:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value < 0
    text = str(value).strip()
    if text.startswith("-"):
        try:
            parse(text[1:])
            return True
        except TimecodeError:
            return False
    return False


def segment_range(
    video: VideoPage, shot=None, soundbite=None
) -> tuple[float, float, str]:
    """The in and out of a shot or soundbite of this video, by id."""
    relation, kind = (video.shots, "shot") if shot else (video.soundbites, "soundbite")
    wanted = shot or soundbite
    row = relation.filter(pk=int(wanted)).first() if str(wanted).isdigit() else None
    if row is None:
        raise DownloadError(
            SEGMENT_NOT_FOUND,
            _("This video has no %(kind)s with this id.") % {"kind": kind},
        )
    label = f"{kind} {row.pk}: {str(row)[:200]}"
    return float(row.start), float(row.end), label


def check_range(video: VideoPage, start: float, end: float) -> None:
    duration = video.asset.duration or 0.0
    if end <= start:
        raise DownloadError(INVALID_RANGE, _("The out point must be after the in."))
    if end > duration + 0.001:
        raise DownloadError(
            RANGE_OUT_OF_BOUNDS,
            _("The video lasts %(duration)s; the out point %(end)s is after its end.")
            % {"duration": format_timecode(duration), "end": format_timecode(end)},
            duration=duration,
        )
    if end - start > settings.VIDEO_MAX_CLIP_SECONDS:
        raise DownloadError(
            CLIP_TOO_LONG,
            _("A partial download lasts at most %(max)d seconds.")
            % {"max": settings.VIDEO_MAX_CLIP_SECONDS},
            max_seconds=settings.VIDEO_MAX_CLIP_SECONDS,
        )


# --- Clips: made once, by a worker ---------------------------------------------------


def clip_frame_rate(rendition: VideoRendition) -> Fraction:
    """The exact frame rate of the rendition (that of its master)."""
    frame_rate = rendition.asset.frame_rate
    return exact_rate(frame_rate) if frame_rate else Fraction(25)


# --- Links and the log ---------------------------------------------------------------


def attachment_name(
    video: VideoPage, rendition: str, start=None, end=None, extension: str = "mp4"
) -> str:
    stem = f"{video.slug}-{rendition}"
    if start is not None:
        stem += "-{}-{}".format(
            *(format_timecode(t).replace(":", "-") for t in (start, end))
        )
    return f"{stem}.{extension}"


def content_type(filename: str) -> str:
    """What a file is, by its name (video/mp4, audio/mp4, audio/wav, the
    master's own: video/quicktime, application/mxf…)."""
    extension = filename.rsplit(".", 1)[-1].lower()
    if extension in KNOWN_TYPES:  # the same on every machine's mime.types
        return KNOWN_TYPES[extension]
    return mimetypes.guess_type(filename)[0] or "application/octet-stream"


KNOWN_TYPES = {"mp4": "video/mp4", "m4a": "audio/mp4", "wav": "audio/wav"}


def signed_url(
    request,
    name: str,
    filename: str,
    log_id: int | None = None,
    seconds: int | None = None,
) -> tuple[str, object]:
    """A link that downloads ``name`` as ``filename`` for a short while
    (``seconds``, VIDEO_DOWNLOAD_URL_SECONDS unless given: the e-mail's links
    live longer); a local link names the log row of its issue (``log_id``), so
    what it serves is logged against it."""
    seconds = seconds or settings.VIDEO_DOWNLOAD_URL_SECONDS
    expires_at = timezone.now() + datetime.timedelta(seconds=seconds)
    storage = video_storage()
    if is_s3(storage):
        url = presigned_attachment(
            storage, name, filename, content_type(filename), seconds
        )
        return url, expires_at
    data = {"n": name, "f": filename, "t": content_type(filename)}
    if log_id is not None:
        data["d"] = log_id
    if seconds != settings.VIDEO_DOWNLOAD_URL_SECONDS:
        data["s"] = seconds
    token = signing.dumps(data, salt=SIGNING_SALT, compress=True)
    path = reverse("video-download", kwargs={"token": token})
    return cms_url(path), expires_at


def serve_signed(request, token: str):
    """The local-disk counterpart of a presigned URL: resumable (``Range``,
    ``If-Range``, ``HEAD``), and every response logged (cms/serving.py)."""
    try:
        data = signing.loads(token, salt=SIGNING_SALT)
        # Then its age, against the lifetime it was signed with.
        lifetime = data.get("s", settings.VIDEO_DOWNLOAD_URL_SECONDS)
        signing.loads(token, salt=SIGNING_SALT, max_age=lifetime)
    except signing.BadSignature:
        raise Http404(_("This download link is invalid or has expired.")) from None
    return serve_stored(
        request,
        video_storage(),
        data["n"],
        filename=Path(data["f"]).name,
        content_type=data.get("t", "video/mp4"),
        log=ServedLog(VideoDownloadServed, data.get("d")),
    )


def log_download(user, video: VideoPage, download: Download, segment: str = ""):
    """The link issued (whether it is then followed is logged per response, as
    ``VideoDownloadServed`` rows, where this server serves the file)."""
    return VideoDownload.objects.create(
        user=user,
        video=video,
        video_title=video.title,
        language=video.locale.language_code,
        rendition=download.rendition.name,
        kind=VideoDownload.Kind.FULL
        if download.start is None
        else VideoDownload.Kind.PARTIAL,
        precision=download.precision or "",
        start=download.start,
        end=download.end,
        segment=segment[:255],
    )


def request_download(
    request,
    video_id,
    rendition: str,
    start=None,
    end=None,
    shot=None,
    soundbite=None,
    precision: str = VideoClip.Precision.FAST,
) -> VideoDownloadJob:
    """Check what is asked and answer with a job: READY at once, with its link,
    for a whole rendition or a clip already made; QUEUED for a clip a worker
    must cut (``clip_job``). Input errors raise coded errors, nothing is made."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        raise DownloadError(
            NOT_AUTHENTICATED, _("Sign in to download videos."), status=401
        )
    given = [
        timecode_argument(value, argument) if value is not None else None
        for value, argument in ((start, "start"), (end, "end"))
    ]
    video = find_video(video_id)
    whole = start is None and end is None and shot is None and soundbite is None
    if rendition == MASTER:
        chosen = master_file(user, video, whole)
    else:
        chosen = find_rendition(video, rendition)
    if chosen.is_audio and not whole:
        raise DownloadError(
            WHOLE_FILE_ONLY,
            _("Audio-only renditions are downloaded whole; cut clips from a video "
              "rendition."),
        )  # fmt: skip
    segment = ""
    if shot is not None or soundbite is not None:
        if start is not None or end is not None or (shot and soundbite):
            raise DownloadError(
                INVALID_RANGE,
                _("Give either an in and out point, or one shot or soundbite."),
            )
        first, last, segment = segment_range(video, shot, soundbite)
    elif start is None and end is None:
        first = last = None
    else:
        first = resolve_timecode(given[0], video, "start") if given[0] else 0.0
        last = (
            resolve_timecode(given[1], video, "end")
            if given[1]
            else video.asset.duration
        )
    if first is None and rendition == MASTER:
        job = VideoDownloadJob(user=user, video=video, master=True)
    elif first is None:
        job = VideoDownloadJob(user=user, video=video, rendition=chosen)
    else:
        check_range(video, first, last)
        job = clip_job(user, video, chosen, first, last, precision, segment)
    if job.status == VideoDownloadJob.Status.READY:
        with transaction.atomic():
            if job._state.adding:
                job.save()
            job_download(job)  # the link now: its errors are the mutation's
    return job


def find_job(request, job_id) -> VideoDownloadJob:
    """A job of the signed-in user. Another user's, or none: NOT_FOUND (the same
    answer, so ids cannot be probed)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        raise DownloadError(
            NOT_AUTHENTICATED, _("Sign in to follow your downloads."), status=401
        )
    try:
        pk = uuid.UUID(str(job_id))
    except ValueError:
        pk = None
    # From the primary: a replica may not have the job asked for a moment ago,
    # nor the worker's latest progress.
    primary = router.db_for_write(VideoDownloadJob)
    job = (
        VideoDownloadJob.objects.using(primary)
        .filter(pk=pk, user=user)
        .select_related("clip", "rendition__asset", "video")
        .first()
        if pk
        else None
    )
    if job is None:
        raise DownloadError(NOT_FOUND, _("You have no download job with this id."))
    if job.clip is not None and claims.is_lost(job.clip):
        # Its worker died: queued again (or failed) now, not at the next tick.
        claims.recover_lost(VideoClip.objects.using(primary).filter(pk=job.clip.pk))
        job.clip.refresh_from_db(using=primary)
    return job


def clip_job(
    user, video: VideoPage, rendition: VideoRendition, start, end, precision, segment
) -> VideoDownloadJob:
    """The job for a clip. In and out snap to the frames they fall in: the clip
    holds the frames shown in [start, end), at least one. Identical requests
    share one clip (a unique constraint) and one worker's run; the same user
    asking again while it runs gets the same job back. A clip already made is a
    job READY at once (not saved here: see ``request_download``)."""
    rate = clip_frame_rate(rendition)
    first, last = frames_covering(start, end, rate)
    start, end = frame_seconds(first, rate), frame_seconds(last, rate)
    key = {
        "rendition": rendition,
        "precision": precision,
        "start_ms": round(start * 1000),
        "end_ms": round(end * 1000),
    }
    exact = precision == VideoClip.Precision.EXACT
    job = VideoDownloadJob(
        user=user, video=video, rendition=rendition, precision=precision
    )
    job.segment = segment[:255]
    with transaction.atomic():
        # One request of this account at a time decides (the limits count).
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        clip, created = _clip_row(key, precision, end - start)
        if clip.status == VideoClip.Status.READY:
            if _touch(clip):
                job.clip = clip
                return job
            # Retention deleted it a moment ago: it is made anew.
            clip, created = _clip_row(key, precision, end - start)
        job.clip = clip
        if clip.status == VideoClip.Status.FAILED and clip.error_code in PERMANENT:
            raise DownloadError(clip.error_code, clip_error_message(clip.error_code))
        waiting = not created and clip.status in IN_FLIGHT and not _stale(clip)
        if waiting:
            mine = clip.jobs.filter(user=user).order_by("-created_at").first()
            if mine is not None:
                return mine
        work = not waiting
        if exact:
            limits.check(user, end - start if work else 0.0)
        if work and not created:
            _requeue(clip, precision, end - start)
        job.work_seconds = end - start if work and exact else 0.0
        job.save()
        if work:
            # The worker's task is queued by videos/signals.py.
            transaction.on_commit(
                partial(clip_requested.send, sender=VideoClip, clip=clip), robust=True
            )
    return job


# A clip being made or waiting for a worker: a request joins it.
IN_FLIGHT = (VideoClip.Status.QUEUED, VideoClip.Status.MAKING)
# Failures that asking again cannot mend: the mutation answers them at once.
PERMANENT = (RANGE_OUT_OF_BOUNDS,)


def _clip_row(key: dict, precision: str, seconds: float) -> tuple[VideoClip, bool]:
    defaults = {
        "status": VideoClip.Status.QUEUED,
        "estimated_seconds": estimate_seconds(precision, seconds),
    }
    try:
        with transaction.atomic():
            return VideoClip.objects.get_or_create(**key, defaults=defaults)
    except IntegrityError:  # created by a concurrent request between get and create
        return VideoClip.objects.get(**key), False


def _touch(clip: VideoClip) -> bool:
    """Mark a made clip as used now (retention counts from here). False when
    retention deleted it meanwhile."""
    return bool(
        VideoClip.objects.filter(pk=clip.pk, status=VideoClip.Status.READY).update(
            last_used_at=timezone.now()
        )
    )


def _stale(clip: VideoClip) -> bool:
    """Being made by a worker that died (its claim is older than the lease), or
    waiting longer than the ffmpeg timeout (its task lost with the queue).
    Asking again queues it again."""
    if claims.is_lost(clip):
        return True
    limit = datetime.timedelta(seconds=settings.VIDEO_FFMPEG_TIMEOUT + 60)
    return clip.claimed_at < timezone.now() - limit


def _requeue(clip: VideoClip, precision: str, seconds: float) -> None:
    now = timezone.now()
    VideoClip.objects.filter(pk=clip.pk).update(
        status=VideoClip.Status.QUEUED,
        progress=0,
        error_code="",
        message="",
        claimed_at=now,
        last_used_at=now,
        started_at=None,
        finished_at=None,
        attempts=0,
        estimated_seconds=estimate_seconds(precision, seconds),
    )
    clip.refresh_from_db()


# Seconds of work per second of clip before any clip was made (then: measured).
DEFAULT_WORK_RATIO = {VideoClip.Precision.FAST: 0.05, VideoClip.Precision.EXACT: 0.5}


def estimate_seconds(precision: str, seconds: float) -> int:
    """How long a worker will take, from the clips of this precision made
    lately (seconds of work per second of clip)."""
    recent = (
        VideoClip.objects.filter(
            precision=precision,
            status=VideoClip.Status.READY,
            started_at__isnull=False,
            finished_at__isnull=False,
        )
        .order_by("-finished_at")
        .values_list("started_at", "finished_at", "start_ms", "end_ms")[:20]
    )
    work = length = 0.0
    for started, finished, start_ms, end_ms in recent:
        work += (finished - started).total_seconds()
        length += (end_ms - start_ms) / 1000
    ratio = work / length if length else DEFAULT_WORK_RATIO[precision]
    return max(1, math.ceil(seconds * ratio + 0.5))


def job_estimated_seconds(job: VideoDownloadJob) -> int | None:
    """Seconds until the link is ready: the estimate while queued, then from
    the worker's progress."""
    clip = job.clip
    if clip is None or job.status not in ("QUEUED", "RUNNING"):
        return 0 if job.status == "READY" else None
    if clip.status == VideoClip.Status.MAKING and clip.started_at:
        spent = (timezone.now() - clip.started_at).total_seconds()
        if clip.progress:
            return max(1, math.ceil(spent * (100 - clip.progress) / clip.progress))
        return max(1, math.ceil((clip.estimated_seconds or 1) - spent))
    return clip.estimated_seconds


def clip_error_message(code: str) -> str:
    """The sentence for a job's error code, in the asker's language."""
    messages = {
        RANGE_OUT_OF_BOUNDS: _(
            "The picture of this video ends before the in point. Choose an "
            "earlier in point."
        ),
        STORAGE_UNAVAILABLE: _("The video storage cannot be reached. Try again later."),
        CLIP_EXPIRED: _(
            "This clip was deleted after a time without download. Ask for it again."
        ),
        CLIP_WORKER_LOST: _(
            "The clip could not be made: the worker cutting it stopped several "
            "times. Ask for it again later."
        ),
        INTERNAL_SERVER_ERROR: _(
            "The clip could not be made because of an error on our side. Try "
            "again later."
        ),
    }
    return messages.get(code, _("The clip could not be made. Try again later."))


def job_error(job: VideoDownloadJob) -> tuple[str | None, str | None]:
    """The job's error code and message, when it failed."""
    if job.status != VideoDownloadJob.Status.FAILED:
        return None, None
    code = (job.clip.error_code or CLIP_FAILED) if job.clip else CLIP_EXPIRED
    return code, clip_error_message(code)


def job_download(job: VideoDownloadJob, link_seconds: int | None = None) -> Download:
    """The link of a READY job. The first one issued writes the log row (one per
    job, whoever asks: the owner's query or the e-mail); later ones name the
    same row, with a fresh expiry."""
    video = job.video.specific if job.video else None
    if job.master:  # asked again: still allowed?
        download = _full(video, master_file(job.user, video, whole=True))
    elif job.is_whole:
        download = _full(video, job.rendition)
    else:
        download = _partial(video, job.rendition, job.clip, job.precision)
    if job.download_id is None:
        with transaction.atomic():
            log = log_download(job.user, video, download, job.segment)
            taken = VideoDownloadJob.objects.filter(
                pk=job.pk, download__isnull=True
            ).update(download=log)
            if not taken:  # another query of the same job issued it first
                log.delete()
            job.download_id = VideoDownloadJob.objects.values_list(
                "download_id", flat=True
            ).get(pk=job.pk)
        if download.clip is not None:
            _touch(download.clip)
    download.log = job.download
    download.url, download.expires_at = _link(
        download.file_name, download.filename, job.download_id, link_seconds
    )
    return download


def master_file(user, video: VideoPage, whole: bool) -> VideoRendition:
    """The master, for those allowed, as an (unsaved) rendition of its own."""
    if not user.has_perm(MASTER_PERMISSION):
        raise DownloadError(
            FORBIDDEN,
            _("Downloading the broadcast master needs the media office's permission."),
            status=403,
        )
    if not whole:
        raise DownloadError(
            WHOLE_FILE_ONLY,
            _("The master is downloaded whole; cut clips from a rendition."),
        )
    asset = video.asset
    return VideoRendition(
        asset=asset,
        name=MASTER,
        width=asset.width or 0,
        height=asset.height or 0,
        mime_type=content_type(asset.master.name),
        size_bytes=asset.size_bytes or 0,
        duration=asset.duration or 0,
        file=asset.master.name,
    )


def _full(video, rendition) -> Download:
    return Download(
        url="",
        expires_at=None,
        filename=attachment_name(video, rendition.name, extension=rendition.extension),
        start=None,
        end=None,
        size_bytes=rendition.size_bytes,
        precision=None,
        rendition=rendition,
        file_name=rendition.file.name,
    )


def _partial(video, rendition, clip: VideoClip, precision) -> Download:
    return Download(
        url="",
        expires_at=None,
        filename=attachment_name(
            video, rendition.name, clip.actual_start, clip.actual_end
        ),
        start=clip.actual_start,
        end=clip.actual_end,
        size_bytes=clip.size_bytes,
        precision=precision,
        rendition=rendition,
        clip=clip,
        frame_rate=clip_frame_rate(rendition),
        file_name=clip.file.name,
        timecode_origin=_origin(rendition.asset),
    )


def _link(name: str, filename: str, log_id: int | None, seconds: int | None = None):
    """A link to a file that is there: presigning needs no call to S3, so ask it
    first rather than hand out a link that fails when followed."""
    try:
        if not video_storage().exists(name):
            raise FileNotFoundError(name)
        return signed_url(None, name, filename, log_id, seconds)
    except STORAGE_ERRORS as error:
        logger.exception("Could not sign a download link for %s", name)
        raise DownloadError(
            STORAGE_UNAVAILABLE,
            _("The video storage cannot be reached. Try again later."),
        ) from error
