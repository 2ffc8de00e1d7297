"""What every dialect of the search documents shares: the table's name, the
query and answer records, the rows' common values, and the interface a dialect
implements (``Dialect``)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

if TYPE_CHECKING:
    from ..registry import SearchKind

TABLE = "search_document"
ENTRY_TABLE = "wagtailsearch_indexentry"
BATCH = 1000


@dataclass
class Segment:
    """Objects of one language, parsed with that language's configuration;
    ``fallback_for``: only those without a variant in that locale."""

    locale_id: int
    config: str | None
    fallback_for: int | None = None


@dataclass
class DocumentHit:
    """One ranked object of a kind, as the documents answer it."""

    object_id: int
    locale_id: int
    rank: float


@dataclass
class Found:
    #: ``{content type: [DocumentHit]}``, best first, per ranked kind.
    hits: dict[int, list[DocumentHit]]
    #: ``{content type: count}`` for every kind given.
    counts: dict[int, int]
    #: ``{year: count}`` over the ranked kinds.
    years: dict[int, int]
    #: ``[(topic ids, count)]`` over the ranked kinds.
    topic_sets: list[tuple[list[int], int]]

    def count(self, content_type: int, year: int | None, n: int) -> None:
        """A ``(content type, year)`` group of ``n`` matches."""
        self.counts[content_type] = self.counts.get(content_type, 0) + n
        if content_type in self.hits and year is not None:
            self.years[year] = self.years.get(year, 0) + n


@dataclass
class DocumentQuery:
    """What ``search`` asks of the documents (see its docstring)."""

    text: str
    segments: list[Segment]
    content_types: list[int]
    ranked: list[int]
    window: int
    topics: list[int] | None = None
    people: list[int] | None = None
    date_from: datetime.datetime | None = None
    date_before: datetime.datetime | None = None
    restricted: list[str] = field(default_factory=list)
    #: ``{content type: [object ids]}``: objects of kinds shown on a page whose
    #: page the reader may not see (``SearchKind.page_relation``).
    hidden: dict[int, list[int]] = field(default_factory=dict)
    #: What to answer: the ranked ``hits``, the ``facets`` (counts), or both.
    parts: frozenset = frozenset({"hits", "facets"})
    #: Rank only the newest this many matches of each kind and language (where
    #: the dialect can: PostgreSQL); None ranks every match.
    candidates: int | None = None


@dataclass
class DocumentRow:
    """The values of one object's document that come from the object itself."""

    object_id: int
    locale_id: int
    live: bool
    variant_key: str
    date: datetime.date | None
    year: int | None
    topics: list[int]
    people: list[int]


def kind_for(model: type[models.Model]) -> SearchKind | None:
    from ..registry import kinds

    return next((kind for kind in kinds() if kind.model is model), None)


def page_content_types() -> list[int]:
    from ..registry import kinds

    return [
        ContentType.objects.get_for_model(kind.model).pk
        for kind in kinds()
        if kind.is_page
    ]


def _linked_ids(
    kind: SearchKind, relation: tuple[str, str] | None, pks: list[int]
) -> dict[int, list[int]]:
    """``{object pk: [linked ids]}`` through an inline relation, in one query;
    or through a path to one (``"page__gallery_topics"``: a photo is linked to
    its gallery's topics)."""
    found: dict = {pk: [] for pk in pks}
    if relation is None or not pks:
        return found
    name, target = relation
    if "__" in name:
        rows = kind.model.objects.filter(pk__in=pks).values_list(
            "pk", f"{name}__{target}_id"
        )
    else:
        link = kind.model._meta.get_field(name)
        owner = link.field.attname
        rows = link.related_model.objects.filter(**{f"{owner}__in": pks}).values_list(
            owner, f"{target}_id"
        )
    for pk, linked in rows:
        if linked is not None:
            found[pk].append(linked)
    return found


def _year(value: datetime.date | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value, timezone.get_default_timezone())
        return value.year
    return value.year


def document_rows(kind: SearchKind, objects: list[models.Model]) -> list[DocumentRow]:
    """The documents' own values for ``objects`` (their links in two queries)."""
    pks = [obj.pk for obj in objects]
    topics = _linked_ids(kind, kind.topics_relation, pks)
    people = _linked_ids(kind, kind.people_relation, pks)
    rows = []
    for obj in objects:
        date = getattr(obj, kind.date_field) if kind.date_field else None
        rows.append(
            DocumentRow(
                object_id=obj.pk,
                locale_id=obj.locale_id,
                live=bool(getattr(obj, "live", True)),
                variant_key=str(getattr(obj, kind.variant_field)),
                date=date,
                year=_year(date),
                topics=topics[obj.pk],
                people=people[obj.pk],
            )
        )
    return rows


def placeholders(values: Iterable[Any]) -> str:
    return "(" + ", ".join(["%s"] * len(list(values))) + ")"


class Dialect:
    """The search documents on one database (``postgres``, ``sqlite``): how their
    rows are written and deleted, and the one statement that searches them."""

    vendor: ClassVar[str]
    #: The facets in a statement of their own (``DocumentQuery.parts``), or in
    #: the hits' statement whatever the parts asked.
    counts_apart: ClassVar[bool] = False

    def available(self) -> bool:
        """Whether the table exists here."""
        return True

    def forget(self) -> None:
        """Migrations may have just created or dropped the table."""

    def table_exists(self) -> bool:
        return self.available()

    def write(self, content_type: int, rows: list[DocumentRow]) -> None:
        raise NotImplementedError

    def delete(self, object_id: int, content_types: list[int]) -> None:
        raise NotImplementedError

    def set_live(self, object_id: int, live: bool, content_types: list[int]) -> None:
        raise NotImplementedError

    def delete_stale(self) -> None:
        raise NotImplementedError

    def reset(self) -> None:
        raise NotImplementedError

    def search(self, query: DocumentQuery, found: Found) -> Found:
        raise NotImplementedError
