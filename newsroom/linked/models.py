"""The link rows and the page mixin of a dated page that links people, topics and
related press releases (see the package's docstring)."""

from __future__ import annotations

from functools import cached_property
from typing import Any, ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.models import Orderable, Page

from .fields import LinkedPersonType
from .loaders import linked_people, linked_related, linked_topics
from .vocabulary import PERSON, TOPIC


def name_in_page_language(link: models.Model, linked: models.Model) -> str:
    """The name of ``linked`` (a person or topic) as the page of ``link`` shows
    it: its variant in the page's language, else its own (as the loaders do).
    wagtail-localize copies a page's links as they are, so a translated page
    links the source language's rows."""
    if linked.locale_id == link.page.locale_id:
        return linked.name
    variant = (
        type(linked)
        .objects.filter(
            translation_key=linked.translation_key, locale_id=link.page.locale_id
        )
        .values_list("name", flat=True)
        .first()
    )
    return variant or linked.name


class PersonLink(Orderable):
    """A page names a person (the page's own model adds its ``page`` key)."""

    person = models.ForeignKey(
        PERSON,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        abstract = True

    @cached_property  # once per link row, however many photos index it
    def person_name(self) -> str:
        """For the search index: the person's name in the page's language."""
        return name_in_page_language(self, self.person)


class TopicLink(Orderable):
    """A page is filed under a topic."""

    topic = models.ForeignKey(
        TOPIC,
        verbose_name=_("topic"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("topic")]

    class Meta(Orderable.Meta):
        abstract = True

    @cached_property  # once per link row, however many photos index it
    def topic_name(self) -> str:
        """For the search index: the topic's name in the page's language."""
        return name_in_page_language(self, self.topic)


class ReleaseLink(Orderable):
    """A page points to a related press release."""

    related = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("press release"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("related", "newsroom.PressReleasePage")]

    class Meta(Orderable.Meta):
        abstract = True


class LinkedPage:
    """Mixed into a page model (before ``Page``) with a ``date``, whose inline
    models extend the links above. It names the three relations; the GraphQL
    fields (``linked_graphql_fields()``) are answered by its methods."""

    #: ``related_name`` of the page's ``PersonLink`` rows, e.g. "release_people".
    people_links: ClassVar[str]
    #: ``related_name`` of its ``TopicLink`` rows.
    topic_links: ClassVar[str]
    #: ``related_name`` of its ``ReleaseLink`` rows.
    related_links: ClassVar[str] = "related_releases"

    @classmethod
    def link_model(cls, relation: str) -> type[models.Model]:
        """The inline model behind one of the relations above."""
        return cls._meta.get_field(relation).related_model  # type: ignore[attr-defined]

    def graphql_people(self, info: Any, **kwargs: Any) -> list[LinkedPersonType]:
        return linked_people(self)

    def graphql_topics(self, info: Any, **kwargs: Any) -> list[models.Model]:
        return linked_topics(self)

    def graphql_related(self, info: Any, **kwargs: Any) -> list[Page]:
        return linked_related(self)
