"""The link rows and the page mixin of a dated page that links people, topics and
related press releases (see the package's docstring)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.models import Orderable, Page

from .fields import LinkedPersonType
from .loaders import linked_people, linked_related, linked_topics


class PersonLink(Orderable):
    """A page names a person (the page's own model adds its ``page`` key)."""

    person = models.ForeignKey(
        "newsroom.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        abstract = True


class TopicLink(Orderable):
    """A page is filed under a topic."""

    topic = models.ForeignKey(
        "newsroom.Topic",
        verbose_name=_("topic"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("topic")]

    class Meta(Orderable.Meta):
        abstract = True


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
