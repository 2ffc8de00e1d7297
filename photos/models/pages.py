"""The translatable pages that present photos: the photo library of a locale and
its galleries, with their links to people, topics, releases and videos, and the
ordered photos with their words in each language."""

from __future__ import annotations

from typing import Any

import graphene
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from grapple.models import GraphQLField, GraphQLInt, GraphQLString
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultipleChooserPanel,
    PageChooserPanel,
)
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms.graphql.pages import (
    HeadlessPageMixin,
    list_field,
    translation_graphql_fields,
)
from embargo.forms import EmbargoPageForm
from embargo.models import EmbargoMixin
from newsroom.linked.fields import linked_graphql_fields
from newsroom.linked.models import LinkedPage, PersonLink, ReleaseLink, TopicLink

from ..panels import GalleryUploadPanel
from . import graphql as fields
from .assets import PhotoAsset
from .graphql import GalleryPhotoType, related_videos_type

# The names of a gallery's people and topics: they find the gallery and each of
# its photos. The linked row's name, and the name the gallery shows (its
# variant in the gallery's language: a gallery translated in wagtail-localize
# links the source language's rows). search/dependents.py writes them again
# when one is renamed, translated or deleted.
GALLERY_NAMES = [
    index.RelatedFields(
        "gallery_people",
        [
            index.SearchField("person_name"),
            index.RelatedFields("person", [index.SearchField("name")]),
        ],
    ),
    index.RelatedFields(
        "gallery_topics",
        [
            index.SearchField("topic_name"),
            index.RelatedFields("topic", [index.SearchField("name")]),
        ],
    ),
]


class GalleryIndexPage(HeadlessPageMixin, Page):
    """The galleries of one locale (``/en/photos/``)."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["photos.GalleryPage"]

    graphql_fields = [GraphQLString("introduction"), *translation_graphql_fields()]

    class Meta:
        verbose_name = _("photo library")
        verbose_name_plural = _("photo libraries")


class GalleryPage(EmbargoMixin, LinkedPage, HeadlessPageMixin, Page):
    """The photos of one event, in order, with what they show and who may use
    them how."""

    date = models.DateTimeField(_("date and time"), default=timezone.now)
    place = models.CharField(_("place"), max_length=255, blank=True)
    summary = models.TextField(_("summary"), blank=True)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("place")]),
        FieldPanel("summary"),
        GalleryUploadPanel(heading=_("Upload photos")),
        MultipleChooserPanel("photos", chooser_field_name="asset", label=_("Photos")),
        MultipleChooserPanel(
            "gallery_people", chooser_field_name="person", label=_("People")
        ),
        MultipleChooserPanel(
            "gallery_topics", chooser_field_name="topic", label=_("Topics")
        ),
        InlinePanel("related_releases", label=_("Related press releases")),
        InlinePanel("related_videos", label=_("Related videos")),
    ]
    settings_panels = Page.settings_panels + EmbargoMixin.embargo_panels
    parent_page_types = ["photos.GalleryIndexPage"]
    subpage_types: list[str] = []
    # The embargo time is read in the embargo's own time zone (embargo/forms.py).
    base_form_class = EmbargoPageForm

    # The pictures and the date are the same in every language; the words are
    # translated (the photos' captions, credits… with the page).
    override_translatable_fields = [
        SynchronizedField("date"),
        SynchronizedField("embargoed_until", overridable=False),
        SynchronizedField("embargo_time_zone", overridable=False),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("place"),
        index.RelatedFields(
            "photos", [index.SearchField("caption"), index.SearchField("credit")]
        ),
        *GALLERY_NAMES,
        index.FilterField("date"),
        *EmbargoMixin.embargo_search_fields,
    ]

    graphql_fields = [
        GraphQLField("date", graphene.DateTime, required=True),
        GraphQLString("place"),
        GraphQLString("summary"),
        list_field("photos", GalleryPhotoType, source="graphql_photos"),
        GraphQLInt("photo_count", required=True, source="graphql_photo_count"),
        GraphQLField(
            "cover",
            GalleryPhotoType,
            source="graphql_cover",
            description="The first photo, to show the gallery by.",
        ),
        *linked_graphql_fields(),
        list_field(
            "related_videos", related_videos_type, source="graphql_related_videos"
        ),
        *EmbargoMixin.embargo_graphql_fields(),
        *translation_graphql_fields(),
    ]

    people_links = "gallery_people"
    topic_links = "gallery_topics"
    related_links = "related_releases"

    class Meta:
        verbose_name = _("gallery")
        verbose_name_plural = _("galleries")
        # Lists are newest first, paged by number or by cursor on (date, id).
        indexes = [
            models.Index(fields=["date", "page_ptr"], name="photos_gallery_date")
        ]

    # The fields beyond the columns, answered through the batch loaders of
    # photos/models/graphql.py.
    def graphql_photos(self, info: Any, **kwargs: Any) -> list[GalleryPhoto]:
        return fields.resolve_photos(self)

    def graphql_photo_count(self, info: Any, **kwargs: Any) -> int:
        return len(fields.resolve_photos(self))

    def graphql_cover(self, info: Any, **kwargs: Any) -> GalleryPhoto | None:
        return fields.resolve_cover(self)

    def graphql_related_videos(self, info: Any, **kwargs: Any) -> list[Page]:
        return fields.resolve_related_videos(self)


class GalleryPhoto(index.Indexed, TranslatableMixin, Orderable):
    """A photo in a gallery, in the gallery's order, with its words in the
    gallery's language. The file (``asset``) is synchronized across translations;
    the words are translated in wagtail-localize with the page."""

    page = ParentalKey(GalleryPage, on_delete=models.CASCADE, related_name="photos")
    asset = models.ForeignKey(
        PhotoAsset,
        verbose_name=_("photo"),
        on_delete=models.PROTECT,
        related_name="gallery_photos",
    )
    caption = models.TextField(_("caption"), blank=True)
    credit = models.CharField(_("credit line"), max_length=255, blank=True)
    copyright = models.CharField(_("copyright"), max_length=255, blank=True)
    usage_terms = models.TextField(_("usage terms"), blank=True)
    restrictions = models.TextField(
        _("restrictions"),
        blank=True,
        help_text=_("For example: not for advertising; no cropping."),
    )

    panels = [
        FieldPanel("asset"),
        FieldPanel("caption"),
        FieldRowPanel([FieldPanel("credit"), FieldPanel("copyright")]),
        FieldPanel("usage_terms"),
        FieldPanel("restrictions"),
    ]

    # Search finds a photo by its words (photos' wagtail_hooks.py: the "photo"
    # kind, shown only while its gallery may be seen).
    search_fields = [
        index.SearchField("caption", boost=2),
        index.AutocompleteField("caption"),
        index.SearchField("credit"),
        index.SearchField("copyright"),
        # A caption says little ("Arrival"): the gallery's people and topics
        # find its photos too (indexed again when the gallery is published:
        # photos/signals.py).
        index.RelatedFields("page", GALLERY_NAMES),
        # The topic and person filters narrow by id (search/strategies/backend.py).
        index.FilterField("id"),
        index.FilterField("locale_id"),
        index.FilterField("page_id"),
        index.FilterField("translation_key"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("gallery photo")
        verbose_name_plural = _("gallery photos")

    def __str__(self) -> str:
        return self.caption[:80] or str(self.asset)

    def fill_from_asset(self) -> None:
        """Empty words take what the file said (on upload; editable after)."""
        asset = self.asset
        self.caption = self.caption or asset.caption
        self.credit = self.credit or asset.credit
        self.copyright = self.copyright or asset.copyright


class GalleryPerson(PersonLink):
    page = ParentalKey(
        GalleryPage, on_delete=models.CASCADE, related_name="gallery_people"
    )


class GalleryTopic(TopicLink):
    page = ParentalKey(
        GalleryPage, on_delete=models.CASCADE, related_name="gallery_topics"
    )


class GalleryRelatedRelease(ReleaseLink):
    page = ParentalKey(
        GalleryPage, on_delete=models.CASCADE, related_name="related_releases"
    )


class GalleryRelatedVideo(Orderable):
    """A video page of the same event."""

    page = ParentalKey(
        GalleryPage, on_delete=models.CASCADE, related_name="related_videos"
    )
    related = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("video"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("related", "videos.VideoPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("related video")
