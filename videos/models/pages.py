"""The translatable pages that present a video: the library and the video page,
with their links to people, topics and releases, shotlist and soundbites."""

from __future__ import annotations

from typing import Any

import graphene
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
from wagtail.images.models import AbstractImage
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms.graphql.pages import (
    HeadlessPageMixin,
    list_field,
    translation_graphql_fields,
)
from embargo.models import EmbargoMixin
from newsroom.linked.fields import linked_graphql_fields
from newsroom.linked.models import LinkedPage, PersonLink, ReleaseLink, TopicLink

from ..panels import SegmentPreviewPanel
from . import graphql as fields
from .assets import VideoAsset, VideoRendition, VideoSubtitle
from .forms import VideoPageForm
from .graphql import (
    RenditionType,
    ShotType,
    SoundbiteType,
    SubtitleType,
    VideoPreviewType,
    VideoStatus,
)
from .segments import VideoShot, VideoSoundbite


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
    # Shotlist and soundbites in SMPTE frames at the video's frame rate.
    base_form_class = VideoPageForm

    # The media is the same in every language; the words around it are translated.
    override_translatable_fields = [
        SynchronizedField("asset"),
        SynchronizedField("poster_image"),
        SynchronizedField("date"),
        SynchronizedField("embargoed_until", overridable=False),
        SynchronizedField("embargo_time_zone", overridable=False),
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
        GraphQLField("status", VideoStatus, source="graphql_status"),
        GraphQLImage("poster", source="graphql_poster"),
        GraphQLString("usage_terms"),
        GraphQLString("credit"),
        GraphQLString("restrictions"),
        GraphQLString("transcript"),
        *linked_graphql_fields(),
        list_field("renditions", RenditionType, source="graphql_renditions"),
        list_field("shotlist", ShotType, source="graphql_shots"),
        list_field("soundbites", SoundbiteType, source="graphql_soundbites"),
        list_field("subtitles", SubtitleType, source="graphql_subtitles"),
        GraphQLField(
            "preview",
            VideoPreviewType,
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
        # Lists are newest first, paged by number or by cursor on (date, id);
        # with the embargo column, a deep page's ids are read from the index
        # alone (PostgreSQL's INCLUDE; SQLite's index has the rowid anyway).
        indexes = [
            models.Index(
                fields=["date", "page_ptr"],
                include=["embargoed_until"],
                name="videos_video_date",
            )
        ]
        verbose_name_plural = _("videos")

    # The fields beyond the columns, answered through the batch loaders of
    # videos/models/graphql.py (the linked-page kit's people, topics and related: see
    # LinkedPage).
    def graphql_duration(self, info: Any, **kwargs: Any) -> float | None:
        return fields.asset_attribute(self, "duration")

    def graphql_duration_timecode(self, info: Any, **kwargs: Any) -> str | None:
        return fields.asset_attribute(self, "duration_timecode")

    def graphql_status(self, info: Any, **kwargs: Any) -> str | None:
        return fields.resolve_status(self)

    def graphql_poster(self, info: Any, **kwargs: Any) -> AbstractImage | None:
        return fields.resolve_poster(self)

    def graphql_renditions(self, info: Any, **kwargs: Any) -> list[VideoRendition]:
        return fields.resolve_renditions(self)

    def graphql_shots(self, info: Any, **kwargs: Any) -> list[VideoShot]:
        return fields.resolve_shots(self)

    def graphql_soundbites(self, info: Any, **kwargs: Any) -> list[VideoSoundbite]:
        return fields.resolve_soundbites(self)

    def graphql_subtitles(self, info: Any, **kwargs: Any) -> list[VideoSubtitle]:
        return fields.resolve_subtitles(self)

    def graphql_preview(self, info: Any, **kwargs: Any) -> Any:
        return fields.resolve_preview(self)


class VideoPerson(PersonLink):
    page = ParentalKey(VideoPage, on_delete=models.CASCADE, related_name="video_people")


class VideoTopic(TopicLink):
    page = ParentalKey(VideoPage, on_delete=models.CASCADE, related_name="video_topics")


class VideoRelatedRelease(ReleaseLink):
    page = ParentalKey(
        VideoPage, on_delete=models.CASCADE, related_name="related_releases"
    )
