"""What the portal's search looks in: one ``SearchKind`` per type of hit.

A kind names its model, its GraphQL type, how to narrow it (language, topics,
people, dates) and how to prepare a page of hits for the shared loaders. Adding a
type of content to the search is one ``register(SearchKind(...))`` call, made by
the app that owns the model (see ``register_default_kinds`` for the newsroom's, and
videos once its app exists)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django.utils.html import strip_tags


@dataclass
class SearchKind:
    #: The value used in ``types`` and in the type facet, e.g. "pressRelease".
    name: str
    #: "app_label.ModelName" of the model searched.
    model_label: str
    #: The GraphQL object type of the hits (a callable, resolved when the schema is
    #: built).
    graphql_type: Callable[[], type]
    #: Text the snippet is cut from, best first (plain text or HTML).
    texts: Callable[[models.Model], Iterable[str]]
    #: Title or name of a hit (for exact-match ranking and suggestions).
    title_field: str = "title"
    #: Date field for the year facet and the date filters, if any.
    date_field: str | None = None
    #: ``(relation, field)``: the inline relation that links a hit to topics /
    #: people, e.g. ``("release_topics", "topic")``.
    topics_relation: tuple[str, str] | None = None
    people_relation: tuple[str, str] | None = None
    #: Multiplies the backend's score, to balance kinds against each other.
    weight: float = 1.0
    #: Called with the hits of one answer, before their fields resolve, to tell
    #: the shared batch loaders what is coming.
    prepare: Callable[[list], None] = lambda objects: None
    #: Related objects to fetch with the hits.
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    #: The field an object's other-language variants share: with ``fallback``, a
    #: default-language object is left out when a variant in the requested
    #: language exists.
    variant_field: str = "translation_key"
    #: Whether the kind appears in ``searchSuggest``.
    suggest: bool = True
    extra: dict = field(default_factory=dict)

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    @property
    def is_page(self) -> bool:
        from wagtail.models import Page

        return issubclass(self.model, Page)

    def title_of(self, obj) -> str:
        return str(getattr(obj, self.title_field, "") or "")


_kinds: dict[str, SearchKind] = {}


def register(kind: SearchKind) -> SearchKind:
    _kinds[kind.name] = kind
    return kind


def kinds() -> list[SearchKind]:
    """The registered kinds whose model is installed, in registration order."""
    if not _kinds:
        register_default_kinds()
    installed = []
    for kind in _kinds.values():
        try:
            kind.model  # noqa: B018
        except LookupError:
            continue
        installed.append(kind)
    return installed


def get_kind(name: str) -> SearchKind | None:
    return next((kind for kind in kinds() if kind.name == name), None)


def _stream_text(value) -> str:
    """The words of a StreamField value, for snippets (``get_searchable_content``
    walks every block, rich text included)."""
    try:
        parts = value.stream_block.get_searchable_content(value)
    except Exception:  # a block without searchable content never breaks search
        return ""
    return " ".join(strip_tags(str(part)) for part in parts)


def register_default_kinds() -> None:
    from newsroom.schema import (
        expect_releases,
        person_type,
        press_release_type,
        topic_type,
    )

    register(
        SearchKind(
            name="pressRelease",
            model_label="newsroom.PressReleasePage",
            graphql_type=press_release_type,
            texts=lambda page: [page.standfirst, _stream_text(page.body)],
            date_field="date",
            topics_relation=("release_topics", "topic"),
            people_relation=("release_people", "person"),
            prepare=expect_releases,
            select_related=("locale", "hero_image"),
            prefetch_related=("hero_image__renditions",),
        )
    )
    register_video_kind()
    register(
        SearchKind(
            name="person",
            model_label="newsroom.Person",
            graphql_type=person_type,
            texts=lambda person: [person.biography],
            title_field="name",
            weight=1.5,
            variant_field="slug",
            select_related=("locale", "portrait"),
            prefetch_related=("positions", "portrait__renditions"),
        )
    )
    register(
        SearchKind(
            name="topic",
            model_label="newsroom.Topic",
            graphql_type=topic_type,
            texts=lambda topic: [topic.description],
            title_field="name",
            weight=1.5,
            variant_field="slug",
            select_related=("locale", "parent", "parent__locale"),
        )
    )


def register_video_kind() -> None:
    """Videos, once the videos app is installed: their summary, soundbites,
    shotlist and transcript are indexed by ``VideoPage.search_fields`` and cut
    into snippets here."""
    if not apps.is_installed("videos"):
        return
    from videos.schema import expect_videos, video_type

    def texts(video):
        yield video.summary
        for soundbite in video.soundbites.all():
            yield soundbite.text
        for shot in video.shots.all():
            yield shot.description
        yield video.transcript

    register(
        SearchKind(
            name="video",
            model_label="videos.VideoPage",
            graphql_type=video_type,
            texts=texts,
            date_field="date",
            topics_relation=("video_topics", "topic"),
            people_relation=("video_people", "person"),
            prepare=expect_videos,
            select_related=("locale",),
            prefetch_related=("soundbites", "shots"),
        )
    )
