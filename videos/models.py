"""Videos: the uploaded master and what is made from it (renditions, a poster
frame, clips), the translatable video page that presents it, and the download log.

A ``VideoAsset`` is the media, shared by every language's ``VideoPage``: the
renditions are made once, and a clip asked for in French is the one already cut
for English."""

from __future__ import annotations

import graphene
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.validators import FileExtensionValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from grapple.models import GraphQLField, GraphQLImage, GraphQLString
from grapple.types.interfaces import get_page_interface
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultipleChooserPanel,
)
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms.graphql.pages import (
    HeadlessPageMixin,
    list_field,
    resolved_by,
    translation_graphql_fields,
)
from newsroom.models import PersonLink, ReleaseLink, TopicLink

from .panels import SegmentPreviewPanel
from .timecode import TimecodeField, format_timecode

VIDEO_EXTENSIONS = ["mp4", "mov", "mxf", "mkv", "m4v", "avi", "webm", "mpg", "ts"]


def video_storage():
    """Masters, renditions and clips: not public. On local disk they sit outside
    MEDIA_ROOT; on S3 under a private prefix, read through presigned URLs."""
    return storages["videos"]


def master_upload_to(asset: VideoAsset, filename: str) -> str:
    return f"videos/masters/{timezone.now():%Y/%m}/{filename}"


def subtitle_upload_to(subtitle: VideoSubtitle, filename: str) -> str:
    return f"videos/subtitles/{timezone.now():%Y/%m}/{filename}"


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

    def __str__(self) -> str:
        return self.title

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._saved_master = self.master.name if self.pk else None

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
            from .processing import queue_processing

            if replaced:
                storage = self.master.storage
                transaction.on_commit(lambda: storage.delete(replaced), robust=True)
            queue_processing(self)

    def process_again(self) -> None:
        """Run the processing again on the same master (after a failure that was
        not the file's fault: storage down, a timeout)."""
        from .processing import queue_processing

        self.revision += 1
        self.status = self.Status.QUEUED
        self.status_message = ""
        self.steps = []
        super().save(update_fields=["revision", "status", "status_message", "steps"])
        queue_processing(self)


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
    """An H.264/AAC MP4 made from the master, e.g. "720p"."""

    asset = models.ForeignKey(
        VideoAsset, on_delete=models.CASCADE, related_name="renditions"
    )
    name = models.CharField(max_length=20)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    mime_type = models.CharField(max_length=50, default="video/mp4")
    size_bytes = models.BigIntegerField()
    duration = models.FloatField()
    file = models.FileField(max_length=500, storage=video_storage)
    # Times of the keyframes (seconds): a FAST clip starts on one of them.
    keyframes = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-height"]
        constraints = [
            models.UniqueConstraint(
                fields=["asset", "name"], name="unique_rendition_name"
            )
        ]

    def __str__(self) -> str:
        return f"{self.asset} ({self.name})"

    @property
    def label(self) -> str:
        return f"{self.name} ({self.width}×{self.height}, H.264/AAC MP4)"


class VideoClip(models.Model):
    """A segment of a rendition, cut once and served to everyone who asks for the
    same range at the same precision."""

    class Precision(models.TextChoices):
        FAST = "FAST", _("Fast (cut on keyframes)")
        EXACT = "EXACT", _("Exact (re-encoded to the frame)")

    class Status(models.TextChoices):
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
    created_at = models.DateTimeField(auto_now_add=True)

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


class VideoDownload(models.Model):
    """One download link issued: who asked for which video, in which rendition,
    and which part. What was then fetched with it is ``VideoDownloadServed``."""

    class Kind(models.TextChoices):
        FULL = "full", _("Full video")
        PARTIAL = "partial", _("Partial")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="video_downloads",
    )
    video = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("video"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    video_title = models.CharField(_("video title"), max_length=255)
    language = models.CharField(_("language"), max_length=10)
    rendition = models.CharField(_("rendition"), max_length=20)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    precision = models.CharField(_("precision"), max_length=5, blank=True)
    start = models.FloatField(_("in (seconds)"), null=True)
    end = models.FloatField(_("out (seconds)"), null=True)
    segment = models.CharField(
        _("segment"), max_length=255, blank=True, help_text=_("Shot or soundbite.")
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("video download")
        verbose_name_plural = _("video downloads")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.video_title} ({self.rendition}) {self.range_label}".strip()

    @property
    def user_label(self) -> str:
        return self.user.email if self.user else _("(deleted account)")

    @property
    def user_organisation(self) -> str:
        return getattr(self.user, "organisation", "") if self.user else ""

    @property
    def range_label(self) -> str:
        if self.kind == self.Kind.FULL:
            return ""
        return f"{format_timecode(self.start)}–{format_timecode(self.end)}"


class VideoDownloadServed(models.Model):
    """One response to a download link, where this server serves the file (the
    local-disk links; S3 serves its presigned links itself). A link is often
    fetched more than once: a HEAD, a resumed download in byte ranges, a second
    device."""

    download = models.ForeignKey(
        VideoDownload,
        verbose_name=_("link issued"),
        null=True,
        on_delete=models.CASCADE,
        related_name="served",
    )
    # The signed-in user of the request, if its cookies say so: a link works
    # without them.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    method = models.CharField(_("method"), max_length=8)
    status = models.PositiveSmallIntegerField(_("HTTP status"))
    byte_range = models.CharField(
        _("range asked"), max_length=100, blank=True, help_text=_("Range header.")
    )
    first_byte = models.BigIntegerField(_("first byte"), default=0)
    bytes_expected = models.BigIntegerField(_("bytes to serve"), default=0)
    bytes_served = models.BigIntegerField(_("bytes served"), default=0)
    completed = models.BooleanField(
        _("completed"), default=False, help_text=_("Every byte asked was sent.")
    )
    started_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("finished"), null=True)

    class Meta:
        verbose_name = _("video file served")
        verbose_name_plural = _("video files served")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.method} {self.status} {self.bytes_served} bytes"


# --- Pages -------------------------------------------------------------------------


class VideoIndexPage(HeadlessPageMixin, Page):
    """The list of videos of one locale (``/en/videos/``)."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["videos.VideoPage"]

    graphql_fields = [GraphQLString("introduction"), *translation_graphql_fields()]

    class Meta:
        verbose_name = _("video library")


class VideoPage(HeadlessPageMixin, Page):
    date = models.DateTimeField(_("date and time"), default=timezone.now)
    location = models.CharField(_("location"), max_length=255, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    asset = models.ForeignKey(
        VideoAsset,
        verbose_name=_("video file"),
        null=True,
        on_delete=models.PROTECT,
        related_name="pages",
    )
    poster_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("poster image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty to use a frame of the video."),
    )
    usage_terms = models.TextField(_("usage terms"), blank=True)
    credit = models.CharField(_("credit line"), max_length=255, blank=True)
    restrictions = models.TextField(
        _("restrictions"),
        blank=True,
        help_text=_("For example: contains third-party footage."),
    )
    transcript = models.TextField(_("transcript"), blank=True)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("location")]),
        FieldPanel("summary"),
        FieldPanel("asset"),
        FieldPanel("poster_image"),
        MultipleChooserPanel(
            "video_people", chooser_field_name="person", label=_("People")
        ),
        MultipleChooserPanel(
            "video_topics", chooser_field_name="topic", label=_("Topics")
        ),
        InlinePanel("related_releases", label=_("Related press releases")),
        InlinePanel("shots", label=_("Shotlist")),
        InlinePanel("soundbites", label=_("Soundbites")),
        SegmentPreviewPanel(heading=_("Preview shots and soundbites")),
        FieldPanel("transcript"),
        FieldRowPanel([FieldPanel("credit"), FieldPanel("usage_terms")]),
        FieldPanel("restrictions"),
    ]
    parent_page_types = ["videos.VideoIndexPage"]
    subpage_types: list[str] = []

    # The media is the same in every language; the words around it are translated.
    override_translatable_fields = [
        SynchronizedField("asset"),
        SynchronizedField("poster_image"),
        SynchronizedField("date"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("transcript"),
        index.SearchField("location"),
        index.RelatedFields("shots", [index.SearchField("description")]),
        index.RelatedFields("soundbites", [index.SearchField("text")]),
        index.FilterField("date"),
    ]

    graphql_fields = [
        GraphQLField("date", graphene.DateTime, required=True),
        GraphQLString("location"),
        GraphQLString("summary"),
        GraphQLField("duration", graphene.Float, source="graphql_duration"),
        GraphQLString("duration_timecode", source="graphql_duration_timecode"),
        GraphQLField("status", "videos.schema.VideoStatus", source="graphql_status"),
        GraphQLImage("poster", source="graphql_poster"),
        GraphQLString("usage_terms"),
        GraphQLString("credit"),
        GraphQLString("restrictions"),
        GraphQLString("transcript"),
        list_field(
            "people", "newsroom.schema.ReleasePersonType", source="graphql_people"
        ),
        list_field("topics", lambda: _topic_type(), source="graphql_topics"),
        list_field("related", get_page_interface, source="graphql_related"),
        list_field(
            "renditions", "videos.schema.RenditionType", source="graphql_renditions"
        ),
        list_field("shotlist", "videos.schema.ShotType", source="graphql_shots"),
        list_field(
            "soundbites", "videos.schema.SoundbiteType", source="graphql_soundbites"
        ),
        list_field(
            "subtitles", "videos.schema.SubtitleType", source="graphql_subtitles"
        ),
        *translation_graphql_fields(),
    ]

    class Meta:
        verbose_name = _("video")
        # Lists are newest first, paged by number or by cursor on (date, id).
        indexes = [models.Index(fields=["date", "page_ptr"], name="videos_video_date")]
        verbose_name_plural = _("videos")

    # Resolvers live in videos/schema.py.
    graphql_duration = resolved_by("videos.schema.resolve_duration")
    graphql_duration_timecode = resolved_by("videos.schema.resolve_duration_timecode")
    graphql_status = resolved_by("videos.schema.resolve_status")
    graphql_poster = resolved_by("videos.schema.resolve_poster")
    graphql_people = resolved_by("videos.schema.resolve_video_people")
    graphql_topics = resolved_by("videos.schema.resolve_video_topics")
    graphql_related = resolved_by("videos.schema.resolve_video_related")
    graphql_renditions = resolved_by("videos.schema.resolve_renditions")
    graphql_shots = resolved_by("videos.schema.resolve_shots")
    graphql_soundbites = resolved_by("videos.schema.resolve_soundbites")
    graphql_subtitles = resolved_by("videos.schema.resolve_subtitles")


def _topic_type():
    from newsroom.models import Topic

    return Topic.graphql_type()


class VideoPerson(PersonLink):
    page = ParentalKey(VideoPage, on_delete=models.CASCADE, related_name="video_people")


class VideoTopic(TopicLink):
    page = ParentalKey(VideoPage, on_delete=models.CASCADE, related_name="video_topics")


class VideoRelatedRelease(ReleaseLink):
    page = ParentalKey(
        VideoPage, on_delete=models.CASCADE, related_name="related_releases"
    )


class TimedSegment(TranslatableMixin, Orderable):
    """A stretch of the video between two timecodes (a shot, a soundbite)."""

    start = TimecodeField(_("in point"), help_text=_("Seconds or HH:MM:SS.mmm"))
    end = TimecodeField(_("out point"), help_text=_("Seconds or HH:MM:SS.mmm"))

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        abstract = True

    def clean(self):
        super().clean()
        if self.start is None or self.end is None:
            return
        if self.end <= self.start:
            raise ValidationError({"end": _("The out point must be after the in.")})
        asset = getattr(getattr(self, "page", None), "asset", None)
        duration = asset.duration if asset is not None else None
        if duration is not None and self.end > duration + 0.001:
            raise ValidationError(
                {
                    "end": _("This is after the end of the video (%(length)s).")
                    % {"length": format_timecode(duration)}
                }
            )

    @property
    def seconds(self) -> tuple[float, float]:
        return float(self.start), float(self.end)


class VideoShot(TimedSegment):
    page = ParentalKey(VideoPage, on_delete=models.CASCADE, related_name="shots")
    description = models.TextField(_("description"))

    panels = [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("description"),
    ]

    class Meta(TimedSegment.Meta):
        verbose_name = _("shot")

    def __str__(self) -> str:
        return self.description[:80]


class VideoSoundbite(TimedSegment):
    page = ParentalKey(VideoPage, on_delete=models.CASCADE, related_name="soundbites")
    speaker = models.ForeignKey(
        "newsroom.Person",
        verbose_name=_("speaker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(
        _("language spoken"),
        max_length=10,
        help_text=_("Language code of what is said, e.g. en, fr, sq."),
    )
    text = models.TextField(_("what is said"))

    panels = [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldRowPanel([FieldPanel("speaker"), FieldPanel("language")]),
        FieldPanel("text"),
    ]

    class Meta(TimedSegment.Meta):
        verbose_name = _("soundbite")

    def __str__(self) -> str:
        return self.text[:80]
