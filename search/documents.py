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

with a GIN index on ``words``. One statement then matches through that index,
ranks within each kind, and counts the type, year and topic facets in a single
``GROUPING SETS`` pass (see ``search``). The rank is Wagtail's, except that the
body's ``ts_rank`` is taken over ``words``: matching the concatenation stored
once, not computed per row (``title || body`` made the broadest query 2x slower).

The rows follow Wagtail's index: the backend (search/backends.py) writes them
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
there the engine uses Wagtail's backend."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

TABLE = "search_document"
ENTRY_TABLE = "wagtailsearch_indexentry"
FTS_TABLE = f"{ENTRY_TABLE}_fts"  # Wagtail's FTS5 table on SQLite: rowid = entry id
BATCH = 1000


def enabled() -> bool:
    return connection.vendor == "postgresql" or (
        connection.vendor == "sqlite" and _sqlite_table_exists()
    )


def _postgres() -> bool:
    return connection.vendor == "postgresql"


_SQLITE_TABLES: dict = {}


def _sqlite_table_exists() -> bool:
    """On SQLite the table exists only where FTS5 does (search/migrations/0003)."""
    key = connection.settings_dict["NAME"]
    if not _SQLITE_TABLES.get(key):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s",
                [TABLE],
            )
            _SQLITE_TABLES[key] = cursor.fetchone() is not None
    return _SQLITE_TABLES[key]


def _placeholders(values) -> str:
    return "(" + ", ".join(["%s"] * len(values)) + ")"


# --- Writing -----------------------------------------------------------------------


def _kind_for(model):
    from .registry import kinds

    return next((kind for kind in kinds() if kind.model is model), None)


def _page_content_types() -> list[int]:
    from .registry import kinds

    return [
        ContentType.objects.get_for_model(kind.model).pk
        for kind in kinds()
        if kind.is_page
    ]


def _linked_ids(kind, relation: tuple[str, str] | None, pks: list) -> dict:
    """``{object pk: [linked ids]}`` through an inline relation, in one query."""
    found: dict = {pk: [] for pk in pks}
    if relation is None or not pks:
        return found
    name, target = relation
    link = kind.model._meta.get_field(name)
    owner = link.field.attname
    rows = link.related_model.objects.filter(**{f"{owner}__in": pks}).values_list(
        owner, f"{target}_id"
    )
    for pk, linked in rows:
        if linked is not None:
            found[pk].append(linked)
    return found


def _year(value) -> int | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value, timezone.get_default_timezone())
        return value.year
    return value.year


def sync(model, objects: Iterable) -> None:
    """Write the documents of ``objects`` (instances of ``model``), from their
    current rows and Wagtail's entries for them (written just before)."""
    if not enabled():
        return
    kind = _kind_for(model)
    if kind is None:
        return
    objects = [obj for obj in objects if isinstance(obj.pk, int)]
    if not objects:
        return
    content_type = ContentType.objects.get_for_model(model).pk
    for start in range(0, len(objects), BATCH):
        _sync_batch(kind, content_type, objects[start : start + BATCH])


def _sync_batch(kind, content_type: int, objects: list) -> None:
    if not _postgres():
        _sync_batch_sqlite(kind, content_type, objects)
        return
    pks = [obj.pk for obj in objects]
    topics = _linked_ids(kind, kind.topics_relation, pks)
    people = _linked_ids(kind, kind.people_relation, pks)
    rows, params = [], []
    for obj in objects:
        date = getattr(obj, kind.date_field) if kind.date_field else None
        rows.append(
            "(%s::bigint, %s::integer, %s::boolean, %s::text, %s::timestamptz,"
            " %s::smallint, %s::bigint[], %s::bigint[])"
        )
        params.extend(
            [
                obj.pk,
                obj.locale_id,
                bool(getattr(obj, "live", True)),
                str(getattr(obj, kind.variant_field)),
                date,
                _year(date),
                topics[obj.pk],
                people[obj.pk],
            ]
        )
    sql = f"""
        INSERT INTO {TABLE} (content_type_id, object_id, locale_id, live,
            variant_key, date, year, topics, people, title, words, title_norm)
        SELECT e.content_type_id, v.object_id, v.locale_id, v.live, v.variant_key,
            v.date, v.year, v.topics, v.people, e.title, e.title || e.body,
            e.title_norm
        FROM (VALUES {", ".join(rows)})
            AS v(object_id, locale_id, live, variant_key, date, year, topics, people)
        JOIN {ENTRY_TABLE} e
            ON e.content_type_id = %s AND e.object_id = v.object_id::text
        ON CONFLICT (content_type_id, object_id) DO UPDATE SET
            locale_id = EXCLUDED.locale_id, live = EXCLUDED.live,
            variant_key = EXCLUDED.variant_key, date = EXCLUDED.date,
            year = EXCLUDED.year, topics = EXCLUDED.topics,
            people = EXCLUDED.people, title = EXCLUDED.title,
            words = EXCLUDED.words, title_norm = EXCLUDED.title_norm
    """  # noqa: S608 (only placeholders are interpolated)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, content_type])


def _sync_batch_sqlite(kind, content_type: int, objects: list) -> None:
    """SQLite: the text stays in Wagtail's FTS5 table; the document points at
    its entry (``entry_id``, the FTS5 rowid)."""
    pks = [obj.pk for obj in objects]
    topics = _linked_ids(kind, kind.topics_relation, pks)
    people = _linked_ids(kind, kind.people_relation, pks)
    adapt = connection.ops.adapt_datetimefield_value
    rows, params = [], []
    for obj in objects:
        date = getattr(obj, kind.date_field) if kind.date_field else None
        if isinstance(date, datetime.date) and not isinstance(date, datetime.datetime):
            date = timezone.make_aware(datetime.datetime.combine(date, datetime.time()))
        rows.append("(%s, %s, %s, %s, %s, %s, %s, %s)")
        params.extend(
            [
                str(obj.pk),
                obj.locale_id,
                bool(getattr(obj, "live", True)),
                str(getattr(obj, kind.variant_field)),
                adapt(date),
                _year(date),
                json.dumps(sorted(topics[obj.pk])),
                json.dumps(sorted(people[obj.pk])),
            ]
        )
    sql = f"""
        INSERT INTO {TABLE} (content_type_id, object_id, entry_id, locale_id, live,
            variant_key, date, year, topics, people)
        SELECT e.content_type_id, CAST(v.column1 AS INTEGER), e.id, v.column2,
            v.column3, v.column4, v.column5, v.column6, v.column7, v.column8
        FROM (VALUES {", ".join(rows)}) AS v
        JOIN {ENTRY_TABLE} e
            ON e.content_type_id = %s AND e.object_id = v.column1
        WHERE true
        ON CONFLICT (content_type_id, object_id) DO UPDATE SET
            entry_id = excluded.entry_id, locale_id = excluded.locale_id,
            live = excluded.live, variant_key = excluded.variant_key,
            date = excluded.date, year = excluded.year, topics = excluded.topics,
            people = excluded.people
    """  # noqa: S608 (only placeholders are interpolated)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, content_type])


def refresh(page) -> None:
    """Write the document of a page again (after it is published)."""
    if not enabled() or page.pk is None:
        return
    model = type(page)
    if _kind_for(model) is None:
        page = page.specific
        model = type(page)
    sync(model, [page])


def delete(obj) -> None:
    """Forget ``obj`` (a page under any of the page kinds' content types)."""
    from wagtail.models import Page

    if not enabled() or not isinstance(obj.pk, int):
        return
    if isinstance(obj, Page):
        content_types = _page_content_types()
    else:
        content_types = [ContentType.objects.get_for_model(type(obj)).pk]
    with connection.cursor() as cursor:
        if not _postgres():
            cursor.execute(
                f"DELETE FROM {TABLE} WHERE object_id = %s "  # noqa: S608
                f"AND content_type_id IN {_placeholders(content_types)}",
                [obj.pk, *content_types],
            )
            return
        cursor.execute(
            f"DELETE FROM {TABLE} WHERE object_id = %s "  # noqa: S608
            "AND content_type_id = ANY(%s)",
            [obj.pk, content_types],
        )


def set_live(page) -> None:
    """A page was saved: its ``live`` flag counts from now on, before the index
    task (maybe in a worker) rewrites the rest of its document."""
    if not enabled() or page.pk is None:
        return
    content_types = _page_content_types()
    with connection.cursor() as cursor:
        if not _postgres():
            cursor.execute(
                f"UPDATE {TABLE} SET live = %s WHERE object_id = %s "  # noqa: S608
                f"AND content_type_id IN {_placeholders(content_types)}"
                " AND live <> %s",
                [bool(page.live), page.pk, *content_types, bool(page.live)],
            )
            return
        cursor.execute(
            f"UPDATE {TABLE} SET live = %s WHERE object_id = %s "  # noqa: S608
            "AND content_type_id = ANY(%s) AND live <> %s",
            [bool(page.live), page.pk, content_types, bool(page.live)],
        )


def delete_stale() -> None:
    """Documents whose Wagtail entry is gone (run with ``update_index``)."""
    if not enabled():
        return
    with connection.cursor() as cursor:
        if not _postgres():
            cursor.execute(
                f"DELETE FROM {TABLE} WHERE NOT EXISTS (SELECT 1 FROM "  # noqa: S608
                f"{ENTRY_TABLE} e WHERE e.id = {TABLE}.entry_id"
                f" AND e.content_type_id = {TABLE}.content_type_id)"
            )
            return
        cursor.execute(
            f"DELETE FROM {TABLE} d WHERE NOT EXISTS (SELECT 1 FROM "  # noqa: S608
            f"{ENTRY_TABLE} e WHERE e.content_type_id = d.content_type_id "
            "AND e.object_id = d.object_id::text)"
        )


def reset() -> None:
    if enabled():
        with connection.cursor() as cursor:
            cursor.execute(f"{'TRUNCATE' if _postgres() else 'DELETE FROM'} {TABLE}")


def rebuild(progress=None) -> int:
    """Write the documents of every object of every kind (after the table is
    created on a database that already holds content)."""
    from .registry import kinds

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


def rebuild_if_empty(**kwargs) -> None:
    """``post_migrate``: fill a new, empty table from the content already there."""
    _SQLITE_TABLES.clear()  # migrations may have just created it
    if not enabled():
        return
    with connection.cursor() as cursor:
        if _postgres():
            cursor.execute("SELECT to_regclass(%s)", [TABLE])
            if cursor.fetchone()[0] is None:
                return
        cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {TABLE})")  # noqa: S608
        if cursor.fetchone()[0]:
            return
        cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {ENTRY_TABLE})")  # noqa: S608
        if not cursor.fetchone()[0]:
            return
    rebuild()


# --- Reading -----------------------------------------------------------------------

# The planner's default cost of a random page read (4.0, a spinning disk) makes it
# read the whole table rather than the matches the GIN index lists, even for a
# word in 7% of the documents (32 ms instead of 12 ms on 50,000 releases). The
# table is small and read constantly, so its pages are in memory, where a random
# read costs about a sequential one: the search statement is planned with this
# value (the usual setting for SSDs), and only that statement.
RANDOM_PAGE_COST = "1.1"


def _planned_for_cached_rows(sql: str, params: dict) -> list:
    nested = connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('random_page_cost'),"
            " set_config('random_page_cost', %s, true)",
            [RANDOM_PAGE_COST],
        )
        previous = cursor.fetchone()[0]
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        # In an outer transaction the setting would outlive this block (on an
        # error, rolling back to the savepoint undoes it).
        if nested:
            cursor.execute(
                "SELECT set_config('random_page_cost', %s, true)", [previous]
            )
        return rows


@dataclass
class Segment:
    """Objects of one language, parsed with that language's configuration;
    ``fallback_for``: only those without a variant in that locale."""

    locale_id: int
    config: str
    fallback_for: int | None = None


@dataclass
class Found:
    #: ``{content type: [(object id, locale id, rank)]}``, best first, per kind.
    hits: dict
    #: ``{content type: count}`` for every kind given.
    counts: dict
    #: ``{year: count}`` over the ranked kinds.
    years: dict
    #: ``[(topic ids, count)]`` over the ranked kinds.
    topic_sets: list


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
) -> Found:
    """One statement: the objects of ``content_types`` that match ``text`` (all
    its words) in ``segments``, live and public, narrowed by the filters; the
    best ``window`` of each kind in ``ranked`` (``ts_rank`` of the title times
    its norm, plus that of the words); the count per kind and the year and topic
    facets of the ranked kinds."""
    found = Found(hits={ct: [] for ct in ranked}, counts={}, years={}, topic_sets=[])
    if not segments or not content_types:
        return found
    if not _postgres():
        return _search_sqlite(
            text,
            segments,
            content_types,
            ranked,
            window,
            topics=topics,
            people=people,
            date_from=date_from,
            date_before=date_before,
            restricted=restricted,
            found=found,
        )
    from modelsearch.backends.database.postgres.weights import get_sql_weights

    params: dict = {
        "text": text,
        "weights": get_sql_weights(),
        "content_types": content_types,
        "ranked": ranked,
        "window": window,
    }

    def visible(alias: str) -> str:
        if not restricted:
            return f"{alias}.live"
        params["page_types"] = _page_content_types()
        likes = " OR ".join(
            f"path LIKE %(restricted_{n})s" for n in range(len(restricted))
        )
        params.update(
            {f"restricted_{n}": f"{path}%" for n, path in enumerate(restricted)}
        )
        return (
            f"{alias}.live AND NOT ({alias}.content_type_id = ANY(%(page_types)s)"
            f" AND {alias}.object_id IN"
            f" (SELECT id FROM wagtailcore_page WHERE {likes}))"
        )

    matches, ranks = [], []
    for n, segment in enumerate(segments):
        params[f"config_{n}"] = segment.config
        params[f"locale_{n}"] = segment.locale_id
        query = f"plainto_tsquery(%(config_{n})s::regconfig, %(text)s)"
        condition = f"d.locale_id = %(locale_{n})s AND d.words @@ {query}"
        if segment.fallback_for is not None:
            params[f"variant_locale_{n}"] = segment.fallback_for
            condition += (
                f" AND NOT EXISTS (SELECT 1 FROM {TABLE} t"
                " WHERE t.content_type_id = d.content_type_id"
                " AND t.variant_key = d.variant_key"
                f" AND t.locale_id = %(variant_locale_{n})s AND {visible('t')})"
            )
        matches.append(f"({condition})")
        ranks.append(
            f"WHEN %(locale_{n})s THEN"
            f" ts_rank(%(weights)s::float4[], d.title, {query}) * d.title_norm"
            f" + ts_rank(%(weights)s::float4[], d.words, {query})"
        )
    filters = ["d.content_type_id = ANY(%(content_types)s)", visible("d")]
    if topics is not None:
        params["topics"] = topics
        filters.append("d.topics && %(topics)s::bigint[]")
    if people is not None:
        params["people"] = people
        filters.append("d.people && %(people)s::bigint[]")
    if date_from is not None:
        params["date_from"] = date_from
        filters.append("d.date >= %(date_from)s")
    if date_before is not None:
        params["date_before"] = date_before
        filters.append("d.date < %(date_before)s")
    tops = []
    for n, content_type in enumerate(ranked):
        params[f"ranked_{n}"] = content_type
        tops.append(
            "(SELECT 0 AS part, content_type_id, object_id, locale_id, rank,"
            " NULL::smallint AS year, NULL::bigint[] AS topics, NULL::bigint AS n,"
            " 0 AS grouping"
            f" FROM m WHERE content_type_id = %(ranked_{n})s"
            " ORDER BY rank DESC, object_id DESC LIMIT %(window)s)\n        UNION ALL"
        )
    sql = f"""
        WITH m AS MATERIALIZED (
            SELECT d.content_type_id, d.object_id, d.locale_id, d.year, d.topics,
                CASE WHEN d.content_type_id = ANY(%(ranked)s)
                     THEN CASE d.locale_id {" ".join(ranks)} END END AS rank
            FROM {TABLE} d
            WHERE ({" OR ".join(matches)}) AND {" AND ".join(filters)}
        )
        {" ".join(tops)}
        SELECT 1, content_type_id, NULL, NULL, NULL, year, topics, count(*),
            GROUPING(year, topics)
        FROM m GROUP BY GROUPING SETS ((content_type_id, year),
                                       (content_type_id, topics))
    """  # noqa: S608 (values are all placeholders)
    rows = _planned_for_cached_rows(sql, params)
    ranked_set = set(ranked)
    for part, ct, object_id, locale_id, rank, year, topic_ids, n, grouping in rows:
        if part == 0:
            found.hits[ct].append((object_id, locale_id, float(rank or 0.0)))
        elif grouping == 1:  # (content_type_id, year)
            found.counts[ct] = found.counts.get(ct, 0) + n
            if ct in ranked_set and year is not None:
                found.years[year] = found.years.get(year, 0) + n
        elif ct in ranked_set and topic_ids:  # (content_type_id, topics)
            found.topic_sets.append((topic_ids, n))
    return found


def fts_query(text: str, columns: str = "title body") -> str | None:
    """An FTS5 query matching every word of ``text`` in ``columns``, each word
    quoted (as Wagtail's SQLite backend writes it)."""
    words = [f'"{word.replace(chr(34), chr(34) * 2)}"' for word in text.split()]
    if not words:
        return None
    return f"{{{columns}}} : ({' AND '.join(words)})"


def _search_sqlite(
    text,
    segments,
    content_types,
    ranked,
    window,
    *,
    topics,
    people,
    date_from,
    date_before,
    restricted,
    found,
) -> Found:
    """``search`` on SQLite: Wagtail's FTS5 table matched once, joined to the
    documents through the entry id (the FTS5 rowid). The rank is Wagtail's
    SQLite rank (``bm25()`` weighted by ``1 + title_norm``), negated so that
    higher is better; the counts and facets are plain ``GROUP BY``s."""
    match = fts_query(text)
    if match is None:
        return found
    params: list = [match]
    adapt = connection.ops.adapt_datetimefield_value

    def visible(alias: str) -> tuple[str, list]:
        if not restricted:
            return f"{alias}.live", []
        page_types = _page_content_types()
        likes = " OR ".join(["path LIKE %s"] * len(restricted))
        return (
            f"{alias}.live AND NOT ({alias}.content_type_id IN"
            f" {_placeholders(page_types)} AND {alias}.object_id IN"
            f" (SELECT id FROM wagtailcore_page WHERE {likes}))",
            [*page_types, *[f"{path}%" for path in restricted]],
        )

    matches = []
    for segment in segments:
        condition = "d.locale_id = %s"
        params.append(segment.locale_id)
        if segment.fallback_for is not None:
            shown, shown_params = visible("t")
            condition += (
                f" AND NOT EXISTS (SELECT 1 FROM {TABLE} t"
                " WHERE t.content_type_id = d.content_type_id"
                " AND t.variant_key = d.variant_key"
                f" AND t.locale_id = %s AND {shown})"
            )
            params.extend([segment.fallback_for, *shown_params])
        matches.append(f"({condition})")
    shown, shown_params = visible("d")
    filters = [f"d.content_type_id IN {_placeholders(content_types)}", shown]
    params.extend([*content_types, *shown_params])
    for column, ids in (("topics", topics), ("people", people)):
        if ids is not None:
            filters.append(
                f"EXISTS (SELECT 1 FROM json_each(d.{column})"
                f" WHERE value IN {_placeholders(ids or [None])})"
            )
            params.extend(ids or [None])
    if date_from is not None:
        filters.append("d.date >= %s")
        params.append(adapt(date_from))
    if date_before is not None:
        filters.append("d.date < %s")
        params.append(adapt(date_before))
    ranked_in = _placeholders(ranked or [None])
    tops, top_params = [], []
    for content_type in ranked:
        tops.append(
            "SELECT * FROM (SELECT 0, content_type_id, object_id, locale_id, rank,"
            " NULL, NULL, NULL FROM m WHERE content_type_id = %s"
            " ORDER BY rank DESC, object_id DESC LIMIT %s)\n        UNION ALL"
        )
        top_params.extend([content_type, window])
    sql = f"""
        WITH m AS MATERIALIZED (
            SELECT d.content_type_id, d.object_id, d.locale_id, d.year, d.topics,
                CASE WHEN d.content_type_id IN {ranked_in}
                     THEN -bm25({FTS_TABLE}) * (1.0 + e.title_norm) END AS rank
            FROM {FTS_TABLE}
            JOIN {ENTRY_TABLE} e ON e.id = {FTS_TABLE}.rowid
            JOIN {TABLE} d ON d.entry_id = e.id
                AND d.content_type_id = e.content_type_id
            WHERE {FTS_TABLE} MATCH %s
                AND ({" OR ".join(matches)}) AND {" AND ".join(filters)}
        )
        {" ".join(tops)}
        SELECT 1, content_type_id, NULL, NULL, NULL, year, NULL, count(*)
        FROM m GROUP BY content_type_id, year
        UNION ALL
        SELECT 2, content_type_id, NULL, NULL, NULL, NULL, topics, count(*)
        FROM m WHERE content_type_id IN {ranked_in} GROUP BY content_type_id, topics
    """  # noqa: S608 (values are all placeholders)
    params = [*(ranked or [None]), *params, *top_params, *(ranked or [None])]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    ranked_set = set(ranked)
    for part, ct, object_id, locale_id, rank, year, topic_ids, n in rows:
        if part == 0:
            found.hits[ct].append((object_id, locale_id, float(rank or 0.0)))
        elif part == 1:
            found.counts[ct] = found.counts.get(ct, 0) + n
            if ct in ranked_set and year is not None:
                found.years[year] = found.years.get(year, 0) + n
        elif ct in ranked_set:
            topic_ids = json.loads(topic_ids or "[]")
            if topic_ids:
                found.topic_sets.append((topic_ids, n))
    return found
