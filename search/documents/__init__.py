"""The search documents: one narrow row per searchable object (PostgreSQL, SQLite).

Wagtail's index table (``wagtailsearch_indexentry``) is wide (three vectors and two
plain texts per row), keys objects by a text id, and knows nothing of language,
publication, dates or topics: a broad query ("securite" matches 23,000 of 25,000
French releases) had to read most of it, join it to the pages through
``page.id::text`` and repeat that for the count and each facet (2.5 s p95 on
50,000 releases). ``search_document`` (created by search/migrations/0002) keeps,
per object of a registered kind, what the search filters, facets and ranks on:

    content_type_id, object_id   the object (integer id, unique pair)
    locale_id, live              its language; False for drafts and unpublished pages
    variant_key                  what its other-language variants share (fallback)
    date, year                   the kind's date, and its year in the site time zone
    topics, people               ids of the linked topics and people (int arrays)
    title, title_norm            Wagtail's title vector and its norm
    words                        Wagtail's title and body vectors, concatenated

with a GIN index on ``words`` (on ``(locale_id, words)`` of published documents
since search/migrations/0005). One statement then matches through that index,
ranks within each kind (on PostgreSQL, the newest matches only: see
``postgres.py``), and counts the type, year and topic facets in a single
``GROUPING SETS`` pass (see ``search``). The rank is Wagtail's, except that the
body's ``ts_rank`` is taken over ``words``: matching the concatenation stored
once, not computed per row (``title || body`` made the broadest query 2x slower).

The rows follow Wagtail's index: the backend (search/backends/) writes them
whenever Wagtail indexes or deletes an object (on save, publish, translation,
``update_index``), and ``live`` is updated as soon as a page is saved, so
unpublishing takes effect at once even when indexing runs in the task worker.
View restrictions are checked at query time, like ``Page.objects.public()``.

On SQLite (search/migrations/0003, where SQLite has FTS5) the table has the same
columns but no text: ``topics``/``people`` are JSON arrays and ``entry_id`` is the
item's rowid in Wagtail's FTS5 table (``wagtailsearch_indexentry_fts``). Wagtail's
SQLite backend scored each hit with a subquery that re-ran the full-text match
(the first query on 50,000 releases did not end in 20 minutes); here one
statement matches the FTS5 table once, joins the documents by integer id, ranks
with Wagtail's own formula (``bm25()`` times ``1 + title_norm``, so the results
and scores are the backend's) and counts with ``GROUP BY`` (p95 86 ms on 50,000
releases). Nothing here runs on other databases (or on SQLite without FTS5):
there the engine uses Wagtail's backend.

One module per dialect behind one interface (``base.Dialect``), chosen by the
connection's vendor, as Wagtail lays out its own database search backends:
``postgres.py`` and ``sqlite.py``. The functions below are the interface the
backends and the engine use."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from wagtail.models import Page

from .base import (
    BATCH,
    ENTRY_TABLE,
    TABLE,
    Dialect,
    DocumentHit,
    DocumentQuery,
    Found,
    Segment,
    document_rows,
    kind_for,
    page_content_types,
)
from .postgres import PostgresDocuments
from .sqlite import SQLiteDocuments

__all__ = [
    "DocumentHit",
    "counts_apart",
    "Found",
    "Segment",
    "delete",
    "delete_stale",
    "dialect",
    "enabled",
    "rebuild",
    "rebuild_if_empty",
    "refresh",
    "reset",
    "restricted_paths",
    "search",
    "set_live",
    "sync",
]

_DIALECTS: dict[str, Dialect] = {
    dialect.vendor: dialect for dialect in (PostgresDocuments(), SQLiteDocuments())
}


def dialect() -> Dialect | None:
    """The documents of the database in use, if it has them."""
    found = _DIALECTS.get(connection.vendor)
    return found if found is not None and found.available() else None


def enabled() -> bool:
    return dialect() is not None


def counts_apart() -> bool:
    """Whether the dialect counts the facets in a statement of their own, run
    only when they are read; else one statement finds the hits and the counts."""
    documents = dialect()
    return documents is not None and documents.counts_apart


# --- Writing -----------------------------------------------------------------------


def sync(model: type[models.Model], objects: Iterable[models.Model]) -> None:
    """Write the documents of ``objects`` (instances of ``model``), from their
    current rows and Wagtail's entries for them (written just before)."""
    documents = dialect()
    if documents is None:
        return
    kind = kind_for(model)
    if kind is None:
        return
    objects = [obj for obj in objects if isinstance(obj.pk, int)]
    if not objects:
        return
    content_type = ContentType.objects.get_for_model(model).pk
    for start in range(0, len(objects), BATCH):
        batch = objects[start : start + BATCH]
        documents.write(content_type, document_rows(kind, batch))


def refresh(page: Page) -> None:
    """Write the document of a page again (after it is published)."""
    if not enabled() or page.pk is None:
        return
    model = type(page)
    if kind_for(model) is None:
        page = page.specific
        model = type(page)
    sync(model, [page])


def delete(obj: models.Model) -> None:
    """Forget ``obj`` (a page under any of the page kinds' content types)."""
    documents = dialect()
    if documents is None or not isinstance(obj.pk, int):
        return
    if isinstance(obj, Page):
        content_types = page_content_types()
    else:
        content_types = [ContentType.objects.get_for_model(type(obj)).pk]
    documents.delete(obj.pk, content_types)


def set_live(page: Page) -> None:
    """A page was saved: its ``live`` flag counts from now on, before the index
    task (maybe in a worker) rewrites the rest of its document."""
    documents = dialect()
    if documents is None or page.pk is None:
        return
    documents.set_live(page.pk, bool(page.live), page_content_types())


def delete_stale() -> None:
    """Documents whose Wagtail entry is gone (run with ``update_index``)."""
    documents = dialect()
    if documents is not None:
        documents.delete_stale()


def reset() -> None:
    documents = dialect()
    if documents is not None:
        documents.reset()


def rebuild(progress: Callable[[str], None] | None = None) -> int:
    """Write the documents of every object of every kind (after the table is
    created on a database that already holds content)."""
    from ..registry import kinds

    written = 0
    for kind in kinds():
        objects = kind.model.objects.order_by("pk")
        last = None
        while True:
            batch = objects.filter(pk__gt=last) if last is not None else objects
            batch = list(batch[:BATCH])
            if not batch:
                break
            sync(kind.model, batch)
            written += len(batch)
            last = batch[-1].pk
            if progress:
                progress(f"  search documents: {kind.name} {written}")
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {TABLE}")
    return written


def rebuild_if_empty(**kwargs: object) -> None:
    """``post_migrate``: fill a new, empty table from the content already there."""
    for known in _DIALECTS.values():
        known.forget()  # migrations may have just created it
    documents = dialect()
    if documents is None or not documents.table_exists():
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {TABLE})")  # noqa: S608
        if cursor.fetchone()[0]:
            return
        cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {ENTRY_TABLE})")  # noqa: S608
        if not cursor.fetchone()[0]:
            return
    rebuild()


# --- Reading -----------------------------------------------------------------------


def restricted_paths() -> list[str]:
    """Paths of the pages under a view restriction (as ``Page.public()``)."""
    from wagtail.models import PageViewRestriction

    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def search(
    text: str,
    segments: list[Segment],
    content_types: list[int],
    ranked: list[int],
    window: int,
    *,
    topics: list[int] | None = None,
    people: list[int] | None = None,
    date_from: datetime.datetime | None = None,
    date_before: datetime.datetime | None = None,
    restricted: list[str] = (),
    hidden: dict[int, list[int]] | None = None,
    parts: frozenset = frozenset({"hits", "facets"}),
    candidates: int | None = None,
) -> Found:
    """One statement: the objects of ``content_types`` that match ``text`` (all
    its words) in ``segments``, live and public, narrowed by the filters; the
    best ``window`` of each kind in ``ranked`` (by the dialect's rank); the count
    per kind and the year and topic facets of the ranked kinds. ``hidden``:
    objects left out whatever they match (see ``DocumentQuery``); ``parts``:
    the hits, the counts, or both; ``candidates``: see ``DocumentQuery``."""
    found = Found(hits={ct: [] for ct in ranked}, counts={}, years={}, topic_sets=[])
    documents = dialect()
    if documents is None or not segments or not content_types:
        return found
    query = DocumentQuery(
        text=text,
        segments=segments,
        content_types=content_types,
        ranked=ranked,
        window=window,
        topics=topics,
        people=people,
        date_from=date_from,
        date_before=date_before,
        restricted=list(restricted),
        hidden={ct: list(ids) for ct, ids in (hidden or {}).items() if ids},
        parts=frozenset(parts),
        candidates=candidates,
    )
    return documents.search(query, found)
