"""The translatable pages that present a video: the library and the video page,
with their links to people, topics and releases, shotlist and soundbites."""

from __future__ import annotations

import graphene
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from grapple.models import GraphQLField, GraphQLImage, GraphQLString
from modelcluster.fields import ParentalKey
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
from embargo.models import EmbargoMixin
from newsroom.linked.fields import linked_graphql_fields
from newsroom.linked.models import LinkedPage, PersonLink, ReleaseLink, TopicLink

from ..panels import SegmentPreviewPanel
from ..timecode import TimecodeField, format_timecode
from .assets import VideoAsset


class VideoIndexPage(HeadlessPageMixin, Page):
    """The list of videos of one locale (``/en/videos/``)."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["videos.VideoPage"]

    graphql_fields = [GraphQLString("introduction"), *translation_graphql_fields()]

    class Meta:
        verbose_name = _("video library")


class VideoPage(EmbargoMixin, LinkedPage, HeadlessPageMixin, Page):
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
    settings_panels = Page.settings_panels + EmbargoMixin.embargo_panels
    parent_page_types = ["videos.VideoIndexPage"]
    subpage_types: list[str] = []

    # The media is the same in every language; the words around it are translated.
    override_translatable_fields = [
        SynchronizedField("asset"),
        SynchronizedField("poster_image"),
        SynchronizedField("date"),
        SynchronizedField("embargoed_until"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("transcript"),
        index.SearchField("location"),
        index.RelatedFields("shots", [index.SearchField("description")]),
        index.RelatedFields("soundbites", [index.SearchField("text")]),
        index.FilterField("date"),
        *EmbargoMixin.embargo_search_fields,
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
        *linked_graphql_fields(),
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
        GraphQLField(
            "preview",
            "videos.schema.VideoPreviewType",
            source="graphql_preview",
            description="HLS stream and thumbnail track, to watch, scrub and "
            "choose in and out points; null until the video is processed.",
        ),
        *EmbargoMixin.embargo_graphql_fields(),
        *translation_graphql_fields(),
    ]

    people_links = "video_people"
    topic_links = "video_topics"
    related_links = "related_releases"

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
    graphql_renditions = resolved_by("videos.schema.resolve_renditions")
    graphql_shots = resolved_by("videos.schema.resolve_shots")
    graphql_soundbites = resolved_by("videos.schema.resolve_soundbites")
    graphql_subtitles = resolved_by("videos.schema.resolve_subtitles")
    graphql_preview = resolved_by("videos.schema.resolve_preview")


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
