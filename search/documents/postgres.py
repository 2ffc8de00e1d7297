"""The search documents on PostgreSQL: the text is in the table (``title``,
``words``: Wagtail's vectors, with a GIN index on ``(locale_id, words)`` of the
published ones), one statement matching and ranking each kind's newest matches,
another, when asked, counting the type, year and topic facets in a single
``GROUPING SETS`` pass (search/migrations/0002, 0004, 0005)."""

from __future__ import annotations

from typing import Any

from django.db import connection, transaction

from .base import (
    ENTRY_TABLE,
    TABLE,
    Dialect,
    DocumentHit,
    DocumentQuery,
    DocumentRow,
    Found,
    page_content_types,
)

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


class PostgresDocuments(Dialect):
    vendor = "postgresql"
    counts_apart = True

    def table_exists(self) -> bool:
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass(%s)", [TABLE])
            return cursor.fetchone()[0] is not None

    def write(self, content_type: int, rows: list[DocumentRow]) -> None:
        values, params = [], []
        for row in rows:
            values.append(
                "(%s::bigint, %s::integer, %s::boolean, %s::text, %s::timestamptz,"
                " %s::smallint, %s::bigint[], %s::bigint[])"
            )
            params.extend(
                [
                    row.object_id,
                    row.locale_id,
                    row.live,
                    row.variant_key,
                    row.date,
                    row.year,
                    row.topics,
                    row.people,
                ]
            )
        sql = f"""
            INSERT INTO {TABLE} (content_type_id, object_id, locale_id, live,
                variant_key, date, year, topics, people, title, words, title_norm)
            SELECT e.content_type_id, v.object_id, v.locale_id, v.live,
                v.variant_key, v.date, v.year, v.topics, v.people, e.title,
                e.title || e.body, e.title_norm
            FROM (VALUES {", ".join(values)})
                AS v(object_id, locale_id, live, variant_key, date, year, topics,
                     people)
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

    def delete(self, object_id: int, content_types: list[int]) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {TABLE} WHERE object_id = %s "  # noqa: S608
                "AND content_type_id = ANY(%s)",
                [object_id, content_types],
            )

    def set_live(self, object_id: int, live: bool, content_types: list[int]) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {TABLE} SET live = %s WHERE object_id = %s "  # noqa: S608
                "AND content_type_id = ANY(%s) AND live <> %s",
                [live, object_id, content_types, live],
            )

    def delete_stale(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {TABLE} d WHERE NOT EXISTS (SELECT 1 FROM "  # noqa: S608
                f"{ENTRY_TABLE} e WHERE e.content_type_id = d.content_type_id "
                "AND e.object_id = d.object_id::text)"
            )

    def reset(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {TABLE}")

    def search(self, query: DocumentQuery, found: Found) -> Found:
        """``ts_rank`` of the title times its norm, plus that of the words.

        The hits and the facets are two statements, each run only when asked
        (``query.parts``). The hits: with ``query.candidates``, the newest that
        many matches of each kind and language are read in date order (from the
        partial index ``search_document_newest``, or the GIN index and a top-N
        sort when the words are rare), and only they are ranked: the work stays
        the same however many releases match. The facets count every match."""
        from modelsearch.backends.database.postgres.weights import get_sql_weights

        params: dict[str, Any] = {
            "text": query.text,
            "weights": get_sql_weights(),
            "content_types": query.content_types,
            "ranked": query.ranked,
            "window": query.window,
        }
        restricted = query.restricted
        hidden = []
        for n, (content_type, ids) in enumerate(sorted(query.hidden.items())):
            params[f"hidden_type_{n}"], params[f"hidden_{n}"] = content_type, ids
            hidden.append(
                f" AND NOT ({{alias}}.content_type_id = %(hidden_type_{n})s"
                f" AND {{alias}}.object_id = ANY(%(hidden_{n})s::bigint[]))"
            )

        def visible(alias: str) -> str:
            shown = "".join(condition.format(alias=alias) for condition in hidden)
            if not restricted:
                return f"{alias}.live{shown}"
            params["page_types"] = page_content_types()
            likes = " OR ".join(
                f"path LIKE %(restricted_{n})s" for n in range(len(restricted))
            )
            params.update(
                {f"restricted_{n}": f"{path}%" for n, path in enumerate(restricted)}
            )
            return (
                f"{alias}.live AND NOT ({alias}.content_type_id = ANY(%(page_types)s)"
                f" AND {alias}.object_id IN"
                f" (SELECT id FROM wagtailcore_page WHERE {likes})){shown}"
            )

        matches, ranks = [], []
        for n, segment in enumerate(query.segments):
            params[f"config_{n}"] = segment.config
            params[f"locale_{n}"] = segment.locale_id
            tsquery = f"plainto_tsquery(%(config_{n})s::regconfig, %(text)s)"
            condition = f"d.locale_id = %(locale_{n})s AND d.words @@ {tsquery}"
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
                f"ts_rank(%(weights)s::float4[], d.title, {tsquery}) * d.title_norm"
                f" + ts_rank(%(weights)s::float4[], d.words, {tsquery})"
            )
        filters = ["d.content_type_id = ANY(%(content_types)s)", visible("d")]
        if query.topics is not None:
            params["topics"] = query.topics
            filters.append("d.topics && %(topics)s::bigint[]")
        if query.people is not None:
            params["people"] = query.people
            filters.append("d.people && %(people)s::bigint[]")
        if query.date_from is not None:
            params["date_from"] = query.date_from
            filters.append("d.date >= %(date_from)s")
        if query.date_before is not None:
            params["date_before"] = query.date_before
            filters.append("d.date < %(date_before)s")
        where = " AND ".join(filters)
        if "hits" in query.parts and query.ranked:
            sql = self._hits_sql(query, params, matches, ranks, where)
            for content_type, object_id, locale_id, rank in _planned_for_cached_rows(
                sql, params
            ):
                found.hits[content_type].append(
                    DocumentHit(object_id, locale_id, float(rank or 0.0))
                )
        if "facets" in query.parts:
            sql = f"""
                SELECT content_type_id, year, topics, count(*), GROUPING(year, topics)
                FROM {TABLE} d
                WHERE ({" OR ".join(matches)}) AND {where}
                GROUP BY GROUPING SETS ((content_type_id, year),
                                        (content_type_id, topics))
            """  # noqa: S608 (values are all placeholders)
            rows = _planned_for_cached_rows(sql, params)
            for ct, year, topic_ids, n, grouping in rows:
                if grouping == 1:  # (content_type_id, year)
                    found.count(ct, year, n)
                elif ct in found.hits and topic_ids:  # (content_type_id, topics)
                    found.topic_sets.append((topic_ids, n))
        return found

    @staticmethod
    def _hits_sql(
        query: DocumentQuery,
        params: dict[str, Any],
        matches: list[str],
        ranks: list[str],
        where: str,
    ) -> str:
        """The best ``window`` of each ranked kind: per kind and language, its
        matches (the newest ``candidates`` of them), ranked."""
        parts = []
        for k, content_type in enumerate(query.ranked):
            params[f"ranked_{k}"] = content_type
            found = []
            for match, rank in zip(matches, ranks, strict=True):
                limit = ""
                if query.candidates is not None:
                    params["candidates"] = max(query.candidates, query.window)
                    limit = (
                        " ORDER BY d.date DESC NULLS LAST, d.object_id DESC"
                        " LIMIT %(candidates)s"
                    )
                found.append(
                    f"SELECT d.object_id, d.locale_id, {rank} AS rank FROM"  # noqa: S608
                    " (SELECT d.object_id, d.locale_id, d.title, d.title_norm,"
                    f" d.words FROM {TABLE} d"
                    f" WHERE d.content_type_id = %(ranked_{k})s AND {match}"
                    f" AND {where}{limit}) d"
                )
            parts.append(
                f"(SELECT %(ranked_{k})s::integer, object_id, locale_id, rank FROM"
                f" ({' UNION ALL '.join(found)}) c"
                " ORDER BY rank DESC, object_id DESC LIMIT %(window)s)"
            )
        return " UNION ALL ".join(parts)
