"""Press releases, and the people and topics they are about."""

import datetime
from collections.abc import Iterable
from typing import Any

import graphene
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from grapple.models import GraphQLField, GraphQLImage, GraphQLString
from grapple.types.interfaces import StreamFieldInterface
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultipleChooserPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.graphql.contract import stream_blocks
from cms.graphql.locale import LanguageCode
from cms.graphql.pages import (
    HeadlessPageMixin,
    list_field,
    translation_graphql_fields,
)
from embargo.forms import EmbargoPageForm
from embargo.models import EmbargoMixin

from .blocks import PressReleaseBodyBlock
from .linked.fields import PositionType, linked_graphql_fields, topic_type
from .linked.models import LinkedPage, PersonLink, ReleaseLink, TopicLink


class TranslatableSnippetMixin:
    """People and topics: a slug that identifies them in every language, unique
    within a language. The admin form has no locale field, so the database
    constraint alone would surface as a server error: ``clean`` answers with a form
    error instead."""

    @property
    def locale_code(self) -> str:
        return self.locale.language_code

    def clean(self):
        super().clean()
        if self.slug and self.locale_id:
            clash = type(self).objects.filter(slug=self.slug, locale_id=self.locale_id)
            if clash.exclude(pk=self.pk).exists():
                raise ValidationError(
                    {"slug": _("This slug is already used in this language.")}
                )


class TopicManager(models.Manager):
    def topic_and_descendants(self, slug: str) -> set:
        """Translation keys of the topic ``slug`` and every topic filed under it."""
        return self.topics_and_descendants([slug])[slug]

    def topics_and_descendants(self, slugs: Iterable[str]) -> dict[str, set]:
        """For each slug, the translation keys of that topic and of every topic
        filed under it (empty when no topic has the slug). One query for all."""
        topics = list(self.values_list("translation_key", "parent_id", "slug", "pk"))
        key_of = {pk: key for key, _parent, _slug, pk in topics}
        children: dict = {}
        for key, parent_id, _slug, _pk in topics:
            if parent_id is not None:
                children.setdefault(key_of[parent_id], set()).add(key)
        found = {}
        for slug in slugs:
            wanted = {key for key, _parent, s, _pk in topics if s == slug}
            frontier = set(wanted)
            while frontier:
                frontier = set().union(*(children.get(k, set()) for k in frontier))
                frontier -= wanted
                wanted |= frontier
            found[slug] = wanted
        return found


class Topic(TranslatableSnippetMixin, TranslatableMixin, index.Indexed, models.Model):
    """A subject releases are filed under, in a tree: Western Balkans > Kosovo > KFOR.

    The slug is an identifier: it is the same in every language."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, allow_unicode=False)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )

    objects = TopicManager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("parent"),
    ]

    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("locale_id"),
        index.FilterField("slug"),
    ]

    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug"),
        TranslatableField("description"),
        TranslatableField("parent"),
    ]

    graphql_fields = [
        GraphQLString("name", required=True),
        GraphQLString("slug", required=True),
        GraphQLString("description"),
        GraphQLField("locale", LanguageCode, source="locale_code", required=True),
        GraphQLField("parent", topic_type),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_topic_slug_per_locale"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def with_ancestors(self) -> list["Topic"]:
        """This topic and every topic above it, nearest first (a cycle in the
        data ends the walk): who follows any of them follows this one."""
        found: list[Topic] = []
        topic: Topic | None = self
        while topic is not None and topic not in found:
            found.append(topic)
            topic = topic.parent
        return found

    def clean(self):
        super().clean()
        if self.parent is not None and self.parent.locale_id != self.locale_id:
            raise ValidationError(
                {"parent": _("The parent topic must be in the same language.")}
            )
        ancestor, seen = self.parent, set()
        while ancestor is not None:
            if ancestor.pk == self.pk or ancestor.pk in seen:
                raise ValidationError(
                    {"parent": _("A topic cannot be filed under itself.")}
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class Person(
    TranslatableSnippetMixin, TranslatableMixin, index.Indexed, ClusterableModel
):
    """Someone releases are about or who is quoted. The slug is the same in every
    language; positions carry dates so a release shows the role held on its date."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255)
    portrait = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("portrait"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    biography = models.TextField(_("short biography"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("portrait"),
        FieldPanel("biography"),
        InlinePanel("positions", label=_("Positions held")),
    ]

    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("biography"),
        index.FilterField("locale_id"),
        index.FilterField("slug"),
    ]

    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug"),
        SynchronizedField("portrait"),
        TranslatableField("biography"),
        TranslatableField("positions"),
    ]

    graphql_fields = [
        GraphQLString("name", required=True),
        GraphQLString("slug", required=True),
        GraphQLString("biography"),
        GraphQLField("locale", LanguageCode, source="locale_code", required=True),
        GraphQLImage("portrait"),
        list_field("positions", PositionType, source="graphql_positions"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_person_slug_per_locale"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def graphql_positions(self, info: Any, **kwargs: Any) -> "list[PersonPosition]":
        return list(self.positions.all())

    def position_on(self, day: datetime.date) -> "PersonPosition | None":
        """The position held on ``day``; the most recently started one wins."""
        held = [p for p in self.positions.all() if p.held_on(day)]
        return max(held, key=lambda p: p.start_date, default=None)


class PersonPosition(Orderable):
    person = ParentalKey(Person, on_delete=models.CASCADE, related_name="positions")
    title = models.CharField(_("title"), max_length=255)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(
        _("to"), null=True, blank=True, help_text=_("Leave empty if still held.")
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("position")
        verbose_name_plural = _("positions")

    def __str__(self) -> str:
        return f"{self.title}, {self.organisation}" if self.organisation else self.title

    def held_on(self, day: datetime.date) -> bool:
        return self.start_date <= day and (
            self.end_date is None or day <= self.end_date
        )

    def clean(self):
        super().clean()
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date is before the start.")})


class NewsroomIndexPage(HeadlessPageMixin, Page):
    """The list of press releases of one locale (``/en/newsroom/``)."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["newsroom.PressReleasePage"]

    graphql_fields = [
        GraphQLString("introduction"),
        *translation_graphql_fields(),
    ]

    class Meta:
        verbose_name = _("newsroom")


class PressReleasePage(EmbargoMixin, LinkedPage, HeadlessPageMixin, Page):
    date = models.DateTimeField(_("date and time"), default=timezone.now)
    location = models.CharField(_("location"), max_length=255, blank=True)
    standfirst = models.TextField(
        _("standfirst"), help_text=_("The summary shown in lists and previews.")
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(PressReleaseBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("location")]),
        FieldPanel("standfirst"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        MultipleChooserPanel(
            "release_people", chooser_field_name="person", label=_("People")
        ),
        MultipleChooserPanel(
            "release_topics", chooser_field_name="topic", label=_("Topics")
        ),
        InlinePanel("related_releases", label=_("Related releases")),
    ]
    settings_panels = Page.settings_panels + EmbargoMixin.embargo_panels
    parent_page_types = ["newsroom.NewsroomIndexPage"]
    subpage_types: list[str] = []
    # The embargo time is read in the embargo's own time zone (embargo/forms.py).
    base_form_class = EmbargoPageForm

    # One embargo for every language of a release.
    override_translatable_fields = [
        SynchronizedField("embargoed_until", overridable=False),
        SynchronizedField("embargo_time_zone", overridable=False),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.SearchField("location"),
        index.FilterField("date"),
        *EmbargoMixin.embargo_search_fields,
    ]

    graphql_fields = [
        GraphQLField("date", graphene.DateTime, required=True),
        GraphQLString("location"),
        GraphQLString("summary", source="standfirst", required=True),
        GraphQLImage("hero_image"),
        list_field("body", StreamFieldInterface, source="graphql_body"),
        *linked_graphql_fields(),
        *EmbargoMixin.embargo_graphql_fields(),
        *translation_graphql_fields(),
    ]

    people_links = "release_people"
    topic_links = "release_topics"
    related_links = "related_releases"

    class Meta:
        verbose_name = _("press release")
        # Lists are newest first, paged by number or by cursor on (date, id);
        # with the embargo column, a deep page's ids are read from the index
        # alone (PostgreSQL's INCLUDE; SQLite's index has the rowid anyway).
        indexes = [
            models.Index(
                fields=["date", "page_ptr"],
                include=["embargoed_until"],
                name="newsroom_release_date",
            )
        ]
        verbose_name_plural = _("press releases")

    def graphql_body(self, info: Any, **kwargs: Any) -> list:
        return stream_blocks(self, self.body)


class PressReleasePerson(PersonLink):
    page = ParentalKey(
        PressReleasePage, on_delete=models.CASCADE, related_name="release_people"
    )


class PressReleaseTopic(TopicLink):
    page = ParentalKey(
        PressReleasePage, on_delete=models.CASCADE, related_name="release_topics"
    )


class RelatedPressRelease(ReleaseLink):
    page = ParentalKey(
        PressReleasePage, on_delete=models.CASCADE, related_name="related_releases"
    )
