"""What the portal's search looks in: one ``SearchKind`` per type of hit, and the
vocabularies hits can be narrowed by (``LinkFilter``: topics, people).

A kind names its model, its GraphQL type, how to narrow it (language, topics,
people, dates) and how to prepare a page of hits for the shared loaders. The app
that owns a model joins the search from its own ``wagtail_hooks.py``::

    @hooks.register(REGISTER_SEARCH_KINDS, order=10)
    def search_videos() -> list[SearchKind]:
        return [SearchKind(name="video", model_label="videos.VideoPage", ...)]

The hooks' ``order`` is the order of the kinds in the ``SearchType`` enum and the
``SearchObject`` union. ``search`` itself imports no content app."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.html import strip_tags
from wagtail import hooks

#: Hook answering ``[SearchKind]``: the kinds an app adds to the search.
REGISTER_SEARCH_KINDS = "register_search_kinds"
#: Hook answering ``{name: LinkFilter}``: "topics" and "people".
REGISTER_SEARCH_FILTERS = "register_search_filters"


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
    #: people, e.g. ``("release_topics", "topic")``, or a path to the one of
    #: the page that shows it, e.g. ``("page__gallery_topics", "topic")``.
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
    #: For objects that are not pages but are shown on one (a gallery's photos):
    #: the relation to that page. They are found only while the reader may see
    #: the page (published, public, not under an embargo they may not read).
    page_relation: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    @property
    def is_page(self) -> bool:
        from wagtail.models import Page

        return issubclass(self.model, Page)

    def title_of(self, obj: models.Model) -> str:
        return str(getattr(obj, self.title_field, "") or "")


@dataclass
class LinkFilter:
    """A vocabulary hits can be narrowed by, through a kind's ``topics_relation``
    or ``people_relation``: its model, the field the filter matches on, and how
    the slugs a client gives become values of that field."""

    #: "app_label.ModelName" of the linked model (e.g. "newsroom.Topic").
    model_label: str
    #: ``(slugs, argument) -> values of key_field``; a slug that names nothing
    #: raises a coded error naming ``argument``.
    expand: Callable[[list[str], str], set]
    #: The field of the linked model the values are of.
    key_field: str = "slug"

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)


_hooked: dict[str, SearchKind] = {}  # from the apps' hooks, in the hooks' order
_direct: dict[str, SearchKind] = {}  # from register(), after them
_filters: dict[str, LinkFilter] = {}
_joined = False


def register(kind: SearchKind) -> SearchKind:
    """Add ``kind`` to the search, besides those the apps' hooks give (a kind of
    the same name replaces theirs)."""
    _direct[kind.name] = kind
    return kind


def _join() -> None:
    """Collect the kinds and filters of every app's hooks, once."""
    global _joined
    if _joined:
        return
    for hook in hooks.get_hooks(REGISTER_SEARCH_KINDS):
        for kind in hook():
            _hooked[kind.name] = kind
    for hook in hooks.get_hooks(REGISTER_SEARCH_FILTERS):
        _filters.update(hook())
    _joined = True


def kinds() -> list[SearchKind]:
    """The registered kinds whose model is installed, in registration order."""
    _join()
    installed = []
    for kind in {**_hooked, **_direct}.values():
        try:
            kind.model  # noqa: B018
        except LookupError:
            continue
        installed.append(kind)
    return installed


def get_kind(name: str) -> SearchKind | None:
    return next((kind for kind in kinds() if kind.name == name), None)


def get_filter(name: str) -> LinkFilter | None:
    """The registered filter "topics" or "people", if an app gives it."""
    _join()
    return _filters.get(name)


def stream_text(value: Any) -> str:
    """The words of a StreamField value, for snippets (``get_searchable_content``
    walks every block, rich text included)."""
    try:
        parts = value.stream_block.get_searchable_content(value)
    except Exception:  # a block without searchable content never breaks search
        return ""
    return " ".join(strip_tags(str(part)) for part in parts)
