"""The records of one search: what is asked (``SearchRequest``), what each
strategy ranks (``RankedHit``, ``Ranking``) and what the answer holds (``Hit``,
``Facet``, ``Outcome``, ``Suggestion``)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from django.db import models
from django.utils import timezone
from wagtail.models import Locale

from .registry import SearchKind, get_filter


@dataclass
class SearchRequest:
    query: str
    locale: Locale
    types: list[SearchKind]
    topics: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    #: What the topic and person slugs expand to (see ``LinkFilter.expand``):
    #: the topics' translation keys, sub-topics included; the people's slugs.
    topic_keys: set = field(default_factory=set)
    person_keys: set = field(default_factory=set)
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    fallback: bool = False
    page: int = 1
    per_page: int = 10

    @property
    def narrowed(self) -> bool:
        return bool(self.topics or self.people or self.date_from or self.date_to)


@dataclass
class RankedHit:
    """One object a strategy found, with its score (higher is better) and its
    place in its kind's list (ties keep the backend's order)."""

    score: float
    order: int
    kind: SearchKind
    object: models.Model
    locale: Locale

    def sort_key(self) -> tuple[float, int, str]:
        return (-self.score, self.order, self.kind.name)


@dataclass
class Hit:
    kind: SearchKind
    object: object
    score: float
    snippet: str = ""
    locale: Locale | None = None
    requested_locale: Locale | None = None

    @property
    def type(self) -> str:
        return self.kind.name

    @property
    def title(self) -> str:
        return self.kind.title_of(self.object)

    @property
    def is_fallback(self) -> bool:
        return self.locale != self.requested_locale


@dataclass
class Facet:
    value: str
    count: int
    label: str | None = None


@dataclass
class Ranking:
    """What a strategy answers: per kind and language, its hits best first; the
    facets over every match."""

    ranked: list[list[RankedHit]]
    types: list[Facet]
    topics: list[Facet]
    years: list[Facet]


class LazyRanking:
    """A ``Ranking`` whose facets are counted only when first read (a second
    statement: a query that asks for no count nor facet does not pay for
    them)."""

    def __init__(
        self,
        ranked: list[list[RankedHit]],
        facets: Callable[[], tuple[list[Facet], list[Facet], list[Facet]]],
    ) -> None:
        self.ranked, self._facets = ranked, facets

    @cached_property
    def _counted(self) -> tuple[list[Facet], list[Facet], list[Facet]]:
        return self._facets()

    @property
    def types(self) -> list[Facet]:
        return self._counted[0]

    @property
    def topics(self) -> list[Facet]:
        return self._counted[1]

    @property
    def years(self) -> list[Facet]:
        return self._counted[2]


class Outcome:
    """The page of hits, and the total and facets, counted when first read."""

    def __init__(
        self,
        items: list[Hit],
        ranking: Ranking | LazyRanking | None = None,
        types: list | None = None,
    ) -> None:
        self.items, self._ranking = items, ranking
        self._types = types or []

    @property
    def total(self) -> int:
        if self._ranking is None:
            return 0
        kinds = {kind.name for kind in self._types}
        return sum(f.count for f in self._ranking.types if f.value in kinds)

    @property
    def types(self) -> list[Facet]:
        return self._ranking.types if self._ranking is not None else []

    @property
    def topics(self) -> list[Facet]:
        return self._ranking.topics if self._ranking is not None else []

    @property
    def years(self) -> list[Facet]:
        return self._ranking.years if self._ranking is not None else []


@dataclass
class Suggestion:
    kind: SearchKind
    object: object
    text: str

    @property
    def type(self) -> str:
        return self.kind.name


def day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def topic_facets_by_key(
    counts: dict, locale: Locale, variants: list[models.Model] | None = None
) -> list[Facet]:
    """Facets from ``{topic translation key: count}``, each topic named in the
    requested language (else as linked), most frequent first. ``variants``: the
    topics of those keys in every language, when the caller has them already."""
    topics = get_filter("topics")
    if not counts or topics is None:
        return []
    if variants is None:
        variants = topics.model.objects.filter(translation_key__in=counts)
    named: dict = {}
    for topic in variants:
        if topic.translation_key not in named or topic.locale_id == locale.pk:
            named[topic.translation_key] = topic
    facets = [
        Facet(value=named[key].slug, label=named[key].name, count=count)
        for key, count in counts.items()
        if key in named
    ]
    return sorted(facets, key=lambda f: (-f.count, f.label or ""))
