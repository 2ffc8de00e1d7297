"""The search documents on SQLite (search/migrations/0003, where SQLite has FTS5):
the same columns but no text, ``topics``/``people`` as JSON arrays and
``entry_id``, the item's rowid in Wagtail's FTS5 table. One statement matches the
FTS5 table once, joins the documents by integer id, ranks with Wagtail's own
formula (``bm25()`` times ``1 + title_norm``, so the results and scores are the
backend's) and counts with ``GROUP BY``."""

from __future__ import annotations

import datetime
import json

from django.db import connection
from django.utils import timezone

from .base import (
    ENTRY_TABLE,
    TABLE,
    Dialect,
    DocumentHit,
    DocumentQuery,
    DocumentRow,
    Found,
    page_content_types,
    placeholders,
)

FTS_TABLE = f"{ENTRY_TABLE}_fts"  # Wagtail's FTS5 table on SQLite: rowid = entry id


def fts_query(text: str, columns: str = "title body") -> str | None:
    """An FTS5 query matching every word of ``text`` in ``columns``, each word
    quoted (as Wagtail's SQLite backend writes it)."""
    words = [f'"{word.replace(chr(34), chr(34) * 2)}"' for word in text.split()]
    if not words:
        return None
    return f"{{{columns}}} : ({' AND '.join(words)})"


class SQLiteDocuments(Dialect):
    vendor = "sqlite"

    def __init__(self) -> None:
        # Per database file: whether the table exists.
        self._tables: dict[str, bool] = {}

    def available(self) -> bool:
        """The table exists only where FTS5 does (search/migrations/0003)."""
        key = connection.settings_dict["NAME"]
        if not self._tables.get(key):
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s",
                    [TABLE],
                )
                self._tables[key] = cursor.fetchone() is not None
        return self._tables[key]

    def forget(self) -> None:
        self._tables.clear()

    def write(self, content_type: int, rows: list[DocumentRow]) -> None:
        """The text stays in Wagtail's FTS5 table; the document points at its
        entry (``entry_id``, the FTS5 rowid)."""
        adapt = connection.ops.adapt_datetimefield_value
        values, params = [], []
        for row in rows:
            date = row.date
            if isinstance(date, datetime.date) and not isinstance(
                date, datetime.datetime
            ):
                date = timezone.make_aware(
                    datetime.datetime.combine(date, datetime.time())
                )
            values.append("(%s, %s, %s, %s, %s, %s, %s, %s)")
            params.extend(
                [
                    str(row.object_id),
                    row.locale_id,
                    row.live,
                    row.variant_key,
                    adapt(date),
                    row.year,
                    json.dumps(sorted(row.topics)),
                    json.dumps(sorted(row.people)),
                ]
            )
        sql = f"""
            INSERT INTO {TABLE} (content_type_id, object_id, entry_id, locale_id,
                live, variant_key, date, year, topics, people)
            SELECT e.content_type_id, CAST(v.column1 AS INTEGER), e.id, v.column2,
                v.column3, v.column4, v.column5, v.column6, v.column7, v.column8
            FROM (VALUES {", ".join(values)}) AS v
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

    def delete(self, object_id: int, content_types: list[int]) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {TABLE} WHERE object_id = %s "  # noqa: S608
                f"AND content_type_id IN {placeholders(content_types)}",
                [object_id, *content_types],
            )

    def set_live(self, object_id: int, live: bool, content_types: list[int]) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {TABLE} SET live = %s WHERE object_id = %s "  # noqa: S608
                f"AND content_type_id IN {placeholders(content_types)}"
                " AND live <> %s",
                [live, object_id, *content_types, live],
            )

    def delete_stale(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {TABLE} WHERE NOT EXISTS (SELECT 1 FROM "  # noqa: S608
                f"{ENTRY_TABLE} e WHERE e.id = {TABLE}.entry_id"
                f" AND e.content_type_id = {TABLE}.content_type_id)"
            )

    def reset(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608

    def search(self, query: DocumentQuery, found: Found) -> Found:
        """Wagtail's FTS5 table matched once, joined to the documents through the
        entry id (the FTS5 rowid). The rank is Wagtail's SQLite rank (``bm25()``
        weighted by ``1 + title_norm``), negated so that higher is better; the
        counts and facets are plain ``GROUP BY``s."""
        match = fts_query(query.text)
        if match is None:
            return found
        params: list = [match]
        adapt = connection.ops.adapt_datetimefield_value
        restricted = query.restricted

        def visible(alias: str) -> tuple[str, list]:
            shown, shown_params = "", []
            for content_type, ids in sorted(query.hidden.items()):
                shown += (
                    f" AND NOT ({alias}.content_type_id = %s"
                    f" AND {alias}.object_id IN {placeholders(ids)})"
                )
                shown_params.extend([content_type, *ids])
            if not restricted:
                return f"{alias}.live{shown}", shown_params
            page_types = page_content_types()
            likes = " OR ".join(["path LIKE %s"] * len(restricted))
            return (
                f"{alias}.live AND NOT ({alias}.content_type_id IN"
                f" {placeholders(page_types)} AND {alias}.object_id IN"
                f" (SELECT id FROM wagtailcore_page WHERE {likes})){shown}",
                [*page_types, *[f"{path}%" for path in restricted], *shown_params],
            )

        matches = []
        for segment in query.segments:
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
        filters = [f"d.content_type_id IN {placeholders(query.content_types)}", shown]
        params.extend([*query.content_types, *shown_params])
        for column, ids in (("topics", query.topics), ("people", query.people)):
            if ids is not None:
                filters.append(
                    f"EXISTS (SELECT 1 FROM json_each(d.{column})"
                    f" WHERE value IN {placeholders(ids or [None])})"
                )
                params.extend(ids or [None])
        if query.date_from is not None:
            filters.append("d.date >= %s")
            params.append(adapt(query.date_from))
        if query.date_before is not None:
            filters.append("d.date < %s")
            params.append(adapt(query.date_before))
        ranked = query.ranked
        ranked_in = placeholders(ranked or [None])
        tops, top_params = [], []
        for content_type in ranked:
            tops.append(
                "SELECT * FROM (SELECT 0, content_type_id, object_id, locale_id, rank,"
                " NULL, NULL, NULL FROM m WHERE content_type_id = %s"
                " ORDER BY rank DESC, object_id DESC LIMIT %s)\n        UNION ALL"
            )
            top_params.extend([content_type, query.window])
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
            FROM m WHERE content_type_id IN {ranked_in}
            GROUP BY content_type_id, topics
        """  # noqa: S608 (values are all placeholders)
        params = [*(ranked or [None]), *params, *top_params, *(ranked or [None])]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        for part, ct, object_id, locale_id, rank, year, topic_ids, n in rows:
            if part == 0:
                found.hits[ct].append(
                    DocumentHit(object_id, locale_id, float(rank or 0.0))
                )
            elif part == 1:
                found.count(ct, year, n)
            elif ct in found.hits:
                topic_ids = json.loads(topic_ids or "[]")
                if topic_ids:
                    found.topic_sets.append((topic_ids, n))
        return found
