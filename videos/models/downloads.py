"""Clips cut from renditions, and the log of download links issued and served."""

from __future__ import annotations

from django.db import models
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.downloads import DownloadLog, ServedResponse

from ..storage import video_storage
from ..timecode import format_timecode
from .assets import VideoRendition


def video_page_link() -> models.ForeignKey:
    """The video page a download was asked through (its language, its title);
    kept null once the page is deleted: the log outlives it."""
    return models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("video"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


# Sent once a clip a worker must cut is committed: videos/signals.py queues the
# task, so request-time code need not import the worker's module.
clip_requested = Signal()


class VideoClip(models.Model):
    """A segment of a rendition, cut once and served to everyone who asks for the
    same range at the same precision."""

    class Precision(models.TextChoices):
        FAST = "FAST", _("Fast (cut on keyframes)")
        EXACT = "EXACT", _("Exact (re-encoded to the frame)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for a worker")
        MAKING = "making", _("Being made")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    rendition = models.ForeignKey(
        VideoRendition, on_delete=models.CASCADE, related_name="clips"
    )
    precision = models.CharField(max_length=5, choices=Precision.choices)
    # The request, in milliseconds: the key that makes identical requests one clip.
    start_ms = models.PositiveIntegerField()
    end_ms = models.PositiveIntegerField()
    # What the file really holds (FAST starts on the keyframe before the request).
    actual_start = models.FloatField(null=True)
    actual_end = models.FloatField(null=True)
    status = models.CharField(max_length=10, choices=Status.choices)
    message = models.TextField(blank=True)
    file = models.FileField(max_length=500, blank=True, storage=video_storage)
    size_bytes = models.BigIntegerField(null=True)
    claimed_at = models.DateTimeField(default=timezone.now)
    # Claims taken by workers since the clip was last asked for: the number of
    # the current one (videos/claims.py).
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    # The work, as a job (videos/clipjobs.py): a worker's progress (0-100), what
    # it expected, when it ran, and a code for what went wrong.
    progress = models.PositiveSmallIntegerField(default=0)
    estimated_seconds = models.PositiveIntegerField(null=True)
    started_at = models.DateTimeField(null=True)
    finished_at = models.DateTimeField(null=True)
    error_code = models.CharField(max_length=40, blank=True)
    # Retention: a clip no link was issued for since this long ago is deleted
    # (VIDEO_CLIP_RETENTION_SECONDS), file and all.
    last_used_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["rendition", "precision", "start_ms", "end_ms"],
                name="unique_clip_request",
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.rendition} {format_timecode(self.start_ms / 1000)}–"
            f"{format_timecode(self.end_ms / 1000)} {self.precision}"
        )


class VideoDownload(DownloadLog):
    """One download link issued: who asked for which video, in which rendition,
    and which part. What was then fetched with it is ``VideoDownloadServed``."""

    class Kind(models.TextChoices):
        FULL = "full", _("Full video")
        PARTIAL = "partial", _("Partial")

    video = video_page_link()
    video_title = models.CharField(_("video title"), max_length=255)
    rendition = models.CharField(_("rendition"), max_length=20)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    precision = models.CharField(_("precision"), max_length=5, blank=True)
    start = models.FloatField(_("in (seconds)"), null=True)
    end = models.FloatField(_("out (seconds)"), null=True)
    segment = models.CharField(
        _("segment"), max_length=255, blank=True, help_text=_("Shot or soundbite.")
    )

    class Meta(DownloadLog.Meta):
        verbose_name = _("video download")
        verbose_name_plural = _("video downloads")

    def __str__(self) -> str:
        return f"{self.video_title} ({self.rendition}) {self.range_label}".strip()

    @property
    def range_label(self) -> str:
        if self.kind == self.Kind.FULL:
            return ""
        return f"{format_timecode(self.start)}–{format_timecode(self.end)}"


class VideoDownloadServed(ServedResponse):
    """One response to a video download link served from local disk."""

    download = models.ForeignKey(
        VideoDownload,
        verbose_name=_("link issued"),
        null=True,
        on_delete=models.CASCADE,
        related_name="served",
    )

    class Meta(ServedResponse.Meta):
        verbose_name = _("video file served")
        verbose_name_plural = _("video files served")
