"""The uploaded master and what processing makes from it: subtitles, renditions."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
)
from wagtail.models import Orderable
from wagtail.search import index

from ..storage import video_storage
from ..timecode import format_timecode

VIDEO_EXTENSIONS = ["mp4", "mov", "mxf", "mkv", "m4v", "avi", "webm", "mpg", "ts"]

# Sent when an asset's master needs processing (a new master, or "process again"):
# videos/signals.py queues the background task, so the models need not know it.
processing_requested = Signal()


def master_upload_to(asset: VideoAsset, filename: str) -> str:
    return f"videos/masters/{timezone.now():%Y/%m}/{filename}"


def subtitle_upload_to(subtitle: VideoSubtitle, filename: str) -> str:
    return f"videos/subtitles/{timezone.now():%Y/%m}/{filename}"


def asset_tag(asset_id) -> str | None:
    return f"videos.asset:{asset_id}" if asset_id is not None else None


class VideoAsset(index.Indexed, ClusterableModel):
    """An uploaded master file and its processing."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        PROCESSING = "processing", _("Processing")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    title = models.CharField(_("title"), max_length=255)
    master = models.FileField(
        _("master file"),
        upload_to=master_upload_to,
        storage=video_storage,
        max_length=500,
        validators=[FileExtensionValidator(VIDEO_EXTENSIONS)],
        help_text=_(
            "The broadcast master (MP4, MOV, MXF…). Renditions and a poster frame "
            "are made from it in the background."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    status_message = models.TextField(_("status message"), blank=True)
    # One entry per processing step: {"name", "label", "status", "message"}.
    steps = models.JSONField(_("steps"), default=list, blank=True)
    # Bumped for each new master: a task that finds another number stops.
    revision = models.PositiveIntegerField(default=0, editable=False)

    duration = models.FloatField(_("duration (seconds)"), null=True, editable=False)
    width = models.PositiveIntegerField(null=True, editable=False)
    height = models.PositiveIntegerField(null=True, editable=False)
    frame_rate = models.FloatField(null=True, editable=False)
    # The master's own SMPTE timecode of its first frame (its tmcd track), e.g.
    # 10:00:00:00: SMPTE in and out points count in it. Empty: 00:00:00:00.
    start_timecode = models.CharField(max_length=20, blank=True, editable=False)
    video_codec = models.CharField(max_length=50, blank=True, editable=False)
    audio_codec = models.CharField(max_length=50, blank=True, editable=False)
    size_bytes = models.BigIntegerField(null=True, editable=False)
    poster = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("poster frame"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # The thumbnail track for scrubbing (issue 14): WebVTT cues naming tiles of
    # one sprite JPEG. Made with the renditions; private like them.
    thumbnail_sprite = models.FileField(
        max_length=500, blank=True, storage=video_storage, editable=False
    )
    thumbnail_track = models.FileField(
        max_length=500, blank=True, storage=video_storage, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, editable=False)

    panels = [
        FieldPanel("title"),
        FieldPanel("master"),
        InlinePanel("subtitles", label=_("Subtitles (WebVTT)")),
    ]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.FilterField("status"),
    ]

    class Meta:
        verbose_name = _("video file")
        verbose_name_plural = _("video files")
        ordering = ["-created_at"]
        permissions = [
            # Held by the "Broadcasters" group, whose members the media office
            # chooses (editorial/roles.py, editorial/views.py).
            ("download_master", _("Can download the broadcast master")),
            ("grant_master_download", _("Can grant broadcast master downloads")),
        ]

    def __str__(self) -> str:
        return self.title

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._saved_master = self.master.name if self.pk else None

    def graphql_cache_tag(self) -> str:
        """What the cached answers that show this file (status, renditions,
        poster, subtitles) depend on (cms/graphql/dependencies.py)."""
        return asset_tag(self.pk)

    @property
    def master_changed(self) -> bool:
        return self.master.name != self._saved_master

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    @property
    def duration_timecode(self) -> str:
        return format_timecode(self.duration)

    def save(self, *args, **kwargs):
        queue = self.master_changed and bool(self.master)
        if queue:
            self.revision += 1
            self.status = self.Status.QUEUED
            self.status_message = ""
            self.steps = []
        replaced = self._saved_master if queue else None
        super().save(*args, **kwargs)
        self._saved_master = self.master.name
        if queue:
            if replaced:
                storage = self.master.storage
                transaction.on_commit(lambda: storage.delete(replaced), robust=True)
            processing_requested.send(sender=VideoAsset, asset=self)

    def process_again(self) -> None:
        """Run the processing again on the same master (after a failure that was
        not the file's fault: storage down, a timeout)."""
        self.revision += 1
        self.status = self.Status.QUEUED
        self.status_message = ""
        self.steps = []
        super().save(update_fields=["revision", "status", "status_message", "steps"])
        processing_requested.send(sender=VideoAsset, asset=self)


class VideoSubtitle(Orderable):
    asset = ParentalKey(VideoAsset, on_delete=models.CASCADE, related_name="subtitles")
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES
    )
    file = models.FileField(
        _("WebVTT file"),
        upload_to=subtitle_upload_to,
        max_length=500,
        validators=[FileExtensionValidator(["vtt"])],
    )

    panels = [FieldRowPanel([FieldPanel("language"), FieldPanel("file")])]

    def graphql_cache_tag(self) -> str | None:
        return asset_tag(self.__dict__.get("asset_id"))

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["asset", "language"], name="unique_subtitle_language"
            )
        ]

    def clean(self):
        super().clean()
        if self.file and not getattr(self.file, "_committed", True):
            self.file.seek(0)
            head = self.file.read(16)
            self.file.seek(0)
            if not head.lstrip(b"\xef\xbb\xbf").startswith(b"WEBVTT"):
                raise ValidationError(
                    {
                        "file": _(
                            "This is not a WebVTT file (it must start with WEBVTT)."
                        )
                    }
                )


class VideoRendition(models.Model):
    """An H.264/AAC MP4 made from the master, e.g. "720p", or its sound alone for
    radio ("audio-m4a", "audio-wav")."""

    class Kind(models.TextChoices):
        VIDEO = "video", _("Video")
        AUDIO = "audio", _("Audio only")

    asset = models.ForeignKey(
        VideoAsset, on_delete=models.CASCADE, related_name="renditions"
    )
    name = models.CharField(max_length=20)
    kind = models.CharField(max_length=5, choices=Kind.choices, default=Kind.VIDEO)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    mime_type = models.CharField(max_length=50, default="video/mp4")
    size_bytes = models.BigIntegerField()
    duration = models.FloatField()
    file = models.FileField(max_length=500, storage=video_storage)
    # Times of the keyframes (seconds): a FAST clip starts on one of them.
    keyframes = models.JSONField(default=list)
    # Where its HLS segments are in the file (videos/hls.py): init and media
    # segments as byte ranges, codecs, bandwidth. Empty for audio renditions.
    hls_index = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-kind", "-height", "name"]  # video first, the best first
        constraints = [
            models.UniqueConstraint(
                fields=["asset", "name"], name="unique_rendition_name"
            )
        ]

    def __str__(self) -> str:
        return f"{self.asset} ({self.name})"

    def graphql_cache_tag(self) -> str | None:
        return asset_tag(self.__dict__.get("asset_id"))

    @property
    def is_audio(self) -> bool:
        return self.kind == self.Kind.AUDIO

    @property
    def extension(self) -> str:
        return self.file.name.rsplit(".", 1)[-1].lower() if self.file else "mp4"

    @property
    def label(self) -> str:
        if self.is_audio:
            return {"m4a": "Audio (AAC, M4A)", "wav": "Audio (PCM, WAV)"}.get(
                self.extension, f"Audio ({self.extension})"
            )
        return f"{self.name} ({self.width}×{self.height}, H.264/AAC MP4)"
