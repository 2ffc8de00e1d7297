"""Full and partial downloads: validating what is asked, making a clip once for
everyone who asks for it, short-lived attachment links, and the download log."""

from __future__ import annotations

import datetime
import logging
import time
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from cms.graphql.errors import ApiError
from cms.graphql.pages import published
from cms.public_urls import cms_url

from . import ffmpeg
from .models import VideoClip, VideoDownload, VideoPage, VideoRendition, video_storage
from .processing import delete_stored, readable_location, store
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
CLIP_BUSY = "CLIP_BUSY"
STORAGE_UNAVAILABLE = "STORAGE_UNAVAILABLE"


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


# --- Clips: made once ----------------------------------------------------------------


def obtain_clip(
    rendition: VideoRendition, start: float, end: float, precision: str
) -> VideoClip:
    """The clip for this request, made now if nobody made it before.

    In and out snap to the frames they fall in: the clip holds the frames shown
    in [start, end), at least one. Identical requests share one row (a unique
    constraint). Whoever claims the row makes the file; a request arriving
    meanwhile waits for it rather than cutting the same clip again. A claim older
    than the ffmpeg timeout is taken over (its maker died)."""
    rate = clip_frame_rate(rendition)
    first, last = frames_covering(start, end, rate)
    start, end = frame_seconds(first, rate), frame_seconds(last, rate)
    key = {
        "rendition": rendition,
        "precision": precision,
        "start_ms": round(start * 1000),
        "end_ms": round(end * 1000),
    }
    try:
        with transaction.atomic():
            clip, created = VideoClip.objects.get_or_create(
                **key, defaults={"status": VideoClip.Status.MAKING}
            )
    except IntegrityError:  # created by a concurrent request between get and create
        clip, created = VideoClip.objects.get(**key), False
    if created:
        return _make_clip(clip, rendition, start, end, precision)
    deadline = time.monotonic() + settings.VIDEO_CLIP_WAIT_SECONDS
    while True:
        if clip.status == VideoClip.Status.READY:
            return clip
        stale = timezone.now() - datetime.timedelta(
            seconds=settings.VIDEO_FFMPEG_TIMEOUT + 60
        )
        claimed = (
            VideoClip.objects.filter(pk=clip.pk)
            .filter(
                Q(status=VideoClip.Status.FAILED)
                | Q(status=VideoClip.Status.MAKING, claimed_at__lt=stale)
            )
            .update(status=VideoClip.Status.MAKING, claimed_at=timezone.now())
        )
        if claimed:
            return _make_clip(clip, rendition, start, end, precision)
        if time.monotonic() > deadline:
            raise DownloadError(
                CLIP_BUSY,
                _("This clip is still being made. Ask again in a minute."),
            )
        time.sleep(0.2)
        clip.refresh_from_db()


def clip_frame_rate(rendition: VideoRendition) -> Fraction:
    """The exact frame rate of the rendition (that of its master)."""
    frame_rate = rendition.asset.frame_rate
    return exact_rate(frame_rate) if frame_rate else Fraction(25)


def _make_clip(
    clip: VideoClip, rendition: VideoRendition, start: float, end: float, precision
) -> VideoClip:
    exact = precision == VideoClip.Precision.EXACT
    rate = clip_frame_rate(rendition)
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
            )
            # What the file holds, counted in it: the in point (FAST starts on
            # the keyframe before it) plus its frames.
            in_point = start if exact else _keyframe_before(rendition, start)
            first = frame_at(in_point, rate)
            frames = ffmpeg.count_frames(str(target))
            if not frames:
                raise ffmpeg.MediaError(_("The clip holds no frame."))
            actual_start = frame_seconds(first, rate)
            actual_end = frame_seconds(first + frames, rate)
            name = (
                f"videos/clips/{rendition.asset_id}/{rendition.name}-{precision.lower()}"
                f"-{clip.start_ms}-{clip.end_ms}.mp4"
            )
            stored = store(target, name, storage)
        VideoClip.objects.filter(pk=clip.pk).update(
            status=VideoClip.Status.READY,
            file=stored,
            size_bytes=storage.size(stored),
            actual_start=round(actual_start, 3),
            actual_end=round(actual_end, 3),
            message="",
        )
    except Exception as error:
        if stored:
            delete_stored([stored], storage)
        VideoClip.objects.filter(pk=clip.pk).update(
            status=VideoClip.Status.FAILED, message=str(error)[:2000]
        )
        if not isinstance(error, (ffmpeg.MediaError, *STORAGE_ERRORS)):
            logger.exception("Clip %s failed", clip.pk)
            raise  # a bug: INTERNAL_SERVER_ERROR, not a storage outage
        if isinstance(error, ffmpeg.MediaError) and _storage_reachable(
            storage, rendition.file.name
        ):
            logger.error("Clip %s failed: %s", clip.pk, error)
            raise DownloadError(
                CLIP_FAILED, _("The clip could not be made. Try again later.")
            ) from error
        logger.error(
            "Clip %s failed: the storage cannot be reached: %s", clip.pk, error
        )
        raise DownloadError(
            STORAGE_UNAVAILABLE,
            _("The video storage cannot be reached. Try again later."),
        ) from error
    clip.refresh_from_db()
    return clip


def _storage_reachable(storage, name: str) -> bool:
    """Whether a failed cut is ffmpeg's fault, or the storage's (S3 down)."""
    try:
        return storage.exists(name)
    except STORAGE_ERRORS:
        return False


def _keyframe_before(rendition: VideoRendition, start: float) -> float:
    earlier = [k for k in rendition.keyframes if k <= start + 0.0005]
    return max(earlier) if earlier else 0.0


# --- Links and the log ---------------------------------------------------------------


def attachment_name(video: VideoPage, rendition: str, start=None, end=None) -> str:
    stem = f"{video.slug}-{rendition}"
    if start is not None:
        stem += "-{}-{}".format(
            *(format_timecode(t).replace(":", "-") for t in (start, end))
        )
    return f"{stem}.mp4"


def signed_url(
    request, name: str, filename: str, log_id: int | None = None
) -> tuple[str, object]:
    """A link that downloads ``name`` as ``filename`` for a short while; a local
    link names the log row of its issue (``log_id``), so what it serves is
    logged against it."""
    seconds = settings.VIDEO_DOWNLOAD_URL_SECONDS
    expires_at = timezone.now() + datetime.timedelta(seconds=seconds)
    storage = video_storage()
    if _is_s3(storage):
        url = storage.url(
            name,
            parameters={
                "ResponseContentDisposition": content_disposition_header(
                    True, filename
                ),
                "ResponseContentType": "video/mp4",
            },
            expire=seconds,
        )
        return url, expires_at
    data = {"n": name, "f": filename}
    if log_id is not None:
        data["d"] = log_id
    token = signing.dumps(data, salt=SIGNING_SALT, compress=True)
    path = reverse("video-download", kwargs={"token": token})
    return cms_url(path), expires_at


def _is_s3(storage) -> bool:
    try:
        from storages.backends.s3 import S3Storage
    except ImportError:  # pragma: no cover - django-storages is a requirement
        return False
    return isinstance(storage, S3Storage)


def serve_signed(request, token: str):
    """The local-disk counterpart of a presigned URL: resumable (``Range``,
    ``If-Range``, ``HEAD``), and every response logged (videos/serving.py)."""
    from .serving import serve_file

    try:
        data = signing.loads(
            token, salt=SIGNING_SALT, max_age=settings.VIDEO_DOWNLOAD_URL_SECONDS
        )
    except signing.BadSignature:
        raise Http404(_("This download link is invalid or has expired.")) from None
    storage = video_storage()
    if not storage.exists(data["n"]):
        raise Http404(_("This file is no longer available."))
    return serve_file(
        request,
        storage.path(data["n"]),
        filename=Path(data["f"]).name,
        content_type="video/mp4",
        download_id=data.get("d"),
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
) -> Download:
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
    chosen = find_rendition(video, rendition)
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
    if first is None:
        download = _full(video, chosen)
    else:
        check_range(video, first, last)
        download = _partial(video, chosen, first, last, precision)
    with transaction.atomic():
        download.log = log_download(user, video, download, segment)
        download.url, download.expires_at = _link(
            request, download.file_name, download.filename, download.log.pk
        )
    return download


def _full(video, rendition) -> Download:
    return Download(
        url="",
        expires_at=None,
        filename=attachment_name(video, rendition.name),
        start=None,
        end=None,
        size_bytes=rendition.size_bytes,
        precision=None,
        rendition=rendition,
        file_name=rendition.file.name,
    )


def _partial(video, rendition, start, end, precision) -> Download:
    clip = obtain_clip(rendition, start, end, precision)
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
        timecode_origin=_origin(video.asset),
    )


def _link(request, name: str, filename: str, log_id: int | None = None):
    """A link to a file that is there: presigning needs no call to S3, so ask it
    first rather than hand out a link that fails when followed."""
    try:
        if not video_storage().exists(name):
            raise FileNotFoundError(name)
        return signed_url(request, name, filename, log_id)
    except STORAGE_ERRORS as error:
        logger.exception("Could not sign a download link for %s", name)
        raise DownloadError(
            STORAGE_UNAVAILABLE,
            _("The video storage cannot be reached. Try again later."),
        ) from error
