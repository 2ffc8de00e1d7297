"""Processing an uploaded master in a background task: probe it, make the
renditions and a poster frame, recording each step's status for the editors.

Files go through Django's storage API (local disk or S3). Every output is made in
a private temporary folder and saved to storage only once ffmpeg succeeded; its
database row is written after the file is stored. A task that finds the asset has
a newer master (``revision``) stops without touching it."""

from __future__ import annotations

import logging
import math
from functools import partial

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from cms.graphql import cache

from . import ffmpeg, hls
from .models import VideoAsset, VideoRendition
from .storage import delete_stored, local_file, store, video_storage
from .timecode import format_timecode

logger = logging.getLogger(__name__)


def queue_processing(asset: VideoAsset) -> None:
    """Process the asset's master once the upload's transaction commits."""
    transaction.on_commit(
        partial(process_video.enqueue, asset.pk, asset.revision), robust=True
    )


# --- Steps ---------------------------------------------------------------------------


class Stale(Exception):
    """The asset got a new master (or was deleted) while this task ran."""


class Run:
    """One processing run of one revision of an asset, and its step log."""

    def __init__(self, asset: VideoAsset):
        self.asset = asset
        self.revision = asset.revision
        self.steps: list[dict] = [
            {"name": "probe", "label": _("Reading the file"), "status": "pending"}
        ]

    def save(self, **fields) -> None:
        updated = VideoAsset.objects.filter(
            pk=self.asset.pk, revision=self.revision
        ).update(steps=self.steps, **fields)
        if not updated:
            raise Stale()
        for name, value in fields.items():
            setattr(self.asset, name, value)
        # Answers showing the video (its status, its renditions once READY).
        cache.invalidate_objects(self.asset)

    def step(self, name: str, status: str, message: str = "", **fields) -> None:
        for step in self.steps:
            if step["name"] == name:
                step["status"], step["message"] = status, message
        self.save(**fields)

    def plan(self, renditions: list[tuple[str, int]], audio: list[str]) -> None:
        for name, height in renditions:
            self.steps.append(
                {
                    "name": f"rendition:{name}",
                    "label": _("Rendition %(name)s") % {"name": name},
                    "status": "pending",
                    "height": height,
                }
            )
        for kind in audio:
            self.steps.append(
                {
                    "name": f"rendition:{audio_name(kind)}",
                    "label": _("Audio only (%(format)s)") % {"format": kind.upper()},
                    "status": "pending",
                }
            )
        self.steps.append(
            {
                "name": "thumbnails",
                "label": _("Thumbnails for scrubbing"),
                "status": "pending",
            }
        )
        self.steps.append(
            {"name": "poster", "label": _("Poster frame"), "status": "pending"}
        )


def audio_name(kind: str) -> str:
    """The rendition name of an audio-only format: audio-m4a, audio-wav."""
    return f"audio-{kind}"


def planned_audio(probe: ffmpeg.Probe) -> list[str]:
    """The audio-only renditions to make (none when the master is silent)."""
    if not probe.audio_codec:
        return []
    return [k for k in settings.VIDEO_AUDIO_RENDITIONS if k in ffmpeg.AUDIO_FORMATS]


def planned_renditions(source_height: int) -> list[tuple[str, int]]:
    """The configured renditions no taller than the master (never upscaled); a
    master smaller than all of them gets one rendition at its own height."""
    fitting = [
        (name, height)
        for name, height in settings.VIDEO_RENDITIONS
        if height <= source_height
    ]
    even = source_height - source_height % 2
    return fitting or [(f"{even}p", even)]


@task()
def process_video(asset_id: int, revision: int) -> None:
    asset = VideoAsset.objects.filter(pk=asset_id, revision=revision).first()
    if asset is None:
        return  # deleted, or replaced by a newer upload with its own task
    try:
        _process(Run(asset))
    except Stale:
        logger.info("Video %s changed while it was processed; stopping.", asset_id)


def _process(run: Run) -> None:
    asset = run.asset
    run.save(status=VideoAsset.Status.PROCESSING, status_message="")
    storage = asset.master.storage
    try:
        with local_file(storage, asset.master.name) as source:
            probe = _probe(run, source)
            heights = planned_renditions(probe.height)
            audio = planned_audio(probe)
            run.plan(heights, audio)
            _discard_previous(asset)
            for name, height in heights:
                _make_rendition(run, source, probe, name, height)
            for kind in audio:
                _make_audio_rendition(run, source, kind)
            _make_thumbnails(run, probe)
            _make_poster(run, source, probe)
    except ffmpeg.MediaError as error:
        run.save(status=VideoAsset.Status.FAILED, status_message=str(error))
        return
    except Stale:
        raise
    except Exception as error:  # storage down, disk full…: say so, keep the rest
        logger.exception("Processing video %s failed", asset.pk)
        for step in run.steps:
            if step["status"] == "running":
                step["status"], step["message"] = "failed", str(error)
        run.save(
            status=VideoAsset.Status.FAILED,
            status_message=_("Processing failed: %(error)s") % {"error": error},
        )
        return
    run.save(status=VideoAsset.Status.READY, processed_at=timezone.now())


def _probe(run: Run, source: str) -> ffmpeg.Probe:
    run.step("probe", "running")
    try:
        probe = ffmpeg.probe(source)
    except ffmpeg.MediaError as error:
        run.step("probe", "failed", str(error))
        raise
    run.step(
        "probe",
        "done",
        _("%(width)d×%(height)d, %(rate)s fps, %(codec)s, %(duration)s")
        % {
            "width": probe.width,
            "height": probe.height,
            "rate": f"{probe.frame_rate:g}",
            "codec": probe.video_codec,
            "duration": format_timecode(probe.duration),
        },
        duration=probe.duration,
        width=probe.width,
        height=probe.height,
        frame_rate=probe.frame_rate,
        start_timecode=probe.start_timecode,
        video_codec=probe.video_codec,
        audio_codec=probe.audio_codec or "",
        size_bytes=run.asset.master.size,
    )
    return probe


def _discard_previous(asset: VideoAsset) -> None:
    """Renditions (and their clips) of an earlier master; their files go with
    them (videos/signals.py)."""
    VideoRendition.objects.filter(asset=asset).delete()


def _make_rendition(
    run: Run, source: str, probe: ffmpeg.Probe, name: str, height: int
) -> None:
    step = f"rendition:{name}"
    run.step(step, "running")
    asset = run.asset
    with ffmpeg.workdir() as folder:
        target = folder / f"{name}.mp4"
        try:
            ffmpeg.make_rendition(
                source,
                target,
                height,
                probe.frame_rate,
                settings.VIDEO_KEYFRAME_SECONDS,
            )
            made = ffmpeg.probe(str(target), keyframes=True)
            check_complete(made, probe)
            with target.open("rb") as handle:
                index = hls.index_fragments(
                    handle,
                    target.stat().st_size,
                    made.video_duration or made.duration,
                    settings.VIDEO_HLS_SEGMENT_SECONDS,
                )
        except ffmpeg.MediaError as error:
            run.step(step, "failed", str(error))
            raise
        stored = store(
            target, f"videos/renditions/{asset.pk}/{_stem(asset)}-{name}.mp4"
        )
    _record_rendition(
        stored,
        asset=asset,
        name=name,
        width=made.width,
        height=made.height,
        duration=made.duration,
        keyframes=made.keyframes,
        hls_index=index,
    )
    run.step(step, "done", f"{made.width}×{made.height}")


def _record_rendition(stored: str, **fields) -> None:
    """The row of a rendition file just stored; without a row, no file."""
    try:
        VideoRendition.objects.create(
            file=stored, size_bytes=video_storage().size(stored), **fields
        )
    except Exception:
        delete_stored([stored])
        raise


def _make_audio_rendition(run: Run, source: str, kind: str) -> None:
    name = audio_name(kind)
    step = f"rendition:{name}"
    run.step(step, "running")
    asset = run.asset
    with ffmpeg.workdir() as folder:
        target = folder / f"audio.{kind}"
        try:
            ffmpeg.make_audio_rendition(source, target, kind)
            duration = ffmpeg.audio_duration(str(target))
        except ffmpeg.MediaError as error:
            run.step(step, "failed", str(error))
            raise
        stored = store(target, f"videos/renditions/{asset.pk}/{_stem(asset)}.{kind}")
    _record_rendition(
        stored,
        asset=asset,
        name=name,
        kind=VideoRendition.Kind.AUDIO,
        width=0,
        height=0,
        mime_type=ffmpeg.AUDIO_FORMATS[kind][0],
        duration=duration,
    )
    run.step(step, "done", format_timecode(duration))


def thumbnail_interval(duration: float) -> float:
    """Seconds between thumbnails: VIDEO_THUMBNAIL_SECONDS, or more on a long
    video (at most VIDEO_THUMBNAIL_MAX_TILES tiles), always a whole number of
    keyframe spacings, so that each tile is a keyframe (one frame decoded)."""
    step = settings.VIDEO_KEYFRAME_SECONDS
    wanted = max(
        settings.VIDEO_THUMBNAIL_SECONDS, duration / settings.VIDEO_THUMBNAIL_MAX_TILES
    )
    return max(1, math.ceil(wanted / step - 1e-9)) * step


def _make_thumbnails(run: Run, probe: ffmpeg.Probe) -> None:
    """A sprite of the smallest rendition's pictures and its WebVTT track."""
    run.step("thumbnails", "running")
    asset = run.asset
    smallest = (
        VideoRendition.objects.filter(asset=asset, kind=VideoRendition.Kind.VIDEO)
        .order_by("height")
        .first()
    )
    duration = smallest.duration
    interval = thumbnail_interval(duration)
    storage = video_storage()
    previous = [asset.thumbnail_sprite.name, asset.thumbnail_track.name]
    with (
        local_file(storage, smallest.file.name) as source,
        ffmpeg.workdir() as folder,
    ):
        sprite_file = folder / "thumbnails.jpg"
        try:
            sprite = ffmpeg.make_thumbnail_sprite(
                source,
                sprite_file,
                duration,
                interval,
                settings.VIDEO_THUMBNAIL_WIDTH,
                settings.VIDEO_THUMBNAIL_COLUMNS,
            )
        except ffmpeg.MediaError as error:
            run.step("thumbnails", "failed", str(error))
            raise
        track_file = folder / "thumbnails.vtt"
        # The cues name the sprite by a relative URL: the preview view serves
        # both side by side (videos/preview.py).
        track_file.write_text(
            hls.thumbnail_track(
                duration,
                sprite.interval,
                sprite.count,
                sprite.columns,
                sprite.size,
                "thumbnails.jpg",
            ),
            encoding="utf-8",
        )
        folder_name = f"videos/thumbnails/{asset.pk}/{_stem(asset)}"
        stored = [store(sprite_file, f"{folder_name}.jpg", storage)]
        try:
            stored.append(store(track_file, f"{folder_name}.vtt", storage))
            run.step(
                "thumbnails",
                "done",
                ngettext("%(count)d thumbnail", "%(count)d thumbnails", sprite.count)
                % {"count": sprite.count},
                thumbnail_sprite=stored[0],
                thumbnail_track=stored[1],
            )
        except BaseException:
            delete_stored(stored, storage)
            raise
    delete_stored([name for name in previous if name and name not in stored], storage)


def check_complete(made: ffmpeg.Probe, source: ffmpeg.Probe) -> None:
    """A damaged or truncated master announces a duration its data cannot fill:
    the rendition comes out short. Refuse it rather than publish half a video."""
    tolerance = max(1.0, source.duration * 0.02)
    if made.duration < source.duration - tolerance:
        raise ffmpeg.MediaError(
            _(
                "The master file is damaged or incomplete: only %(made)s of "
                "%(expected)s could be read. Upload it again."
            )
            % {
                "made": format_timecode(made.duration),
                "expected": format_timecode(source.duration),
            }
        )


def _make_poster(run: Run, source: str, probe: ffmpeg.Probe) -> None:
    from wagtail.images import get_image_model

    run.step("poster", "running")
    asset = run.asset
    with ffmpeg.workdir() as folder:
        target = folder / f"{_stem(asset)}-poster.jpg"
        try:
            ffmpeg.make_poster(source, target, min(1.0, probe.duration / 2))
        except ffmpeg.MediaError as error:
            run.step("poster", "failed", str(error))
            raise
        previous = asset.poster
        with target.open("rb") as handle:
            image = get_image_model()(title=asset.title)
            image.file.save(target.name, File(handle), save=False)
            image.save()
    run.step("poster", "done", poster=image)
    if previous is not None:
        previous.delete()


def _stem(asset: VideoAsset) -> str:
    return slugify(asset.title)[:60] or f"video-{asset.pk}"
