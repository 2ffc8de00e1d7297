"""A search's work stays bounded on a large archive (issue 17; bench/archive.py):
on PostgreSQL the page of hits is one statement that ranks only the newest
``SEARCH_RANKED_CANDIDATES`` matches of each type and language, read from an index
in date order, and the total and facets are a second statement, run only when the
query asks for them. The pages of embargoed releases are read from their
``embargoed_until`` index, not from a scan of every page."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from embargo.visibility import embargoed_paths
from newsroom.models import PressReleasePage
from search import documents
from tests.factories import create_release
from tests.search.conftest import SEARCH, postgres_only

pytestmark = pytest.mark.django_db

ITEMS_ONLY = """query($query: String) { search(query: $query, locale: en) {
  items { title score url } } }"""


def counting(statements: list[str]) -> list[str]:
    return [s for s in statements if "search_document" in s and "GROUP BY" in s]


@postgres_only
def test_a_search_that_asks_for_no_count_runs_no_count(gql):
    """The page of hits alone is one statement; the total and the facets come
    from a second one, run when they are asked for, and the hits are the same
    either way."""
    for n in range(3):
        create_release(title=f"Quokka census {n}")
    with CaptureQueriesContext(connection) as captured:
        items_only = gql(ITEMS_ONLY, {"query": "quokka"})["data"]["search"]
    statements = [q["sql"] for q in captured.captured_queries]
    assert len([s for s in statements if "search_document" in s]) == 1
    assert counting(statements) == []

    with CaptureQueriesContext(connection) as captured:
        full = gql(SEARCH, {"query": "quokka", "locale": "en"})["data"]["search"]
    assert len(counting([q["sql"] for q in captured.captured_queries])) == 1
    assert full["pagination"]["total"] == 3
    assert {f["value"]: f["count"] for f in full["facets"]["types"]} == {
        "pressRelease": 3
    }
    assert [(i["title"], i["score"], i["url"]) for i in full["items"]] == [
        (i["title"], i["score"], i["url"]) for i in items_only["items"]
    ]


def _search(text: str, candidates: int | None, window: int = 1):
    english = Locale.objects.get(language_code="en")
    config = get_search_backend().for_locale("en").config
    content_type = ContentType.objects.get_for_model(PressReleasePage).pk
    segment = documents.Segment(english.pk, config)
    return documents.search(
        text,
        [segment],
        [content_type],
        [content_type],
        window,
        parts={"hits"},
        candidates=candidates,
    ).hits[content_type]


@postgres_only
def test_only_the_newest_candidates_are_ranked():
    """With more matches than candidates, the best of the newest is first; with
    fewer, every match is ranked (the answer of an unbounded search)."""
    now = timezone.now()
    best_old = create_release(
        title="Wombat wombat wombat",
        date=now - datetime.timedelta(days=400),
        body=[{"type": "paragraph", "value": "<p>Wombat wombat wombat.</p>"}],
    )
    newer = [
        create_release(
            title=f"Release {n}",
            date=now - datetime.timedelta(days=n),
            body=[{"type": "paragraph", "value": f"<p>One wombat, {n}.</p>"}],
        )
        for n in range(1, 4)
    ]
    unbounded = _search("wombat", None)
    assert [hit.object_id for hit in unbounded] == [best_old.pk]
    assert [hit.object_id for hit in _search("wombat", 4)] == [best_old.pk]
    bounded = _search("wombat", 3, window=3)
    assert {hit.object_id for hit in bounded} == {page.pk for page in newer}
    # The newest are read in date order from the partial index, then ranked.
    with CaptureQueriesContext(connection) as captured:
        _search("wombat", 3)
    (statement,) = [
        q["sql"] for q in captured.captured_queries if "search_document" in q["sql"]
    ]
    assert "ORDER BY d.date DESC NULLS LAST, d.object_id DESC LIMIT" in statement


@postgres_only
def test_the_newest_candidates_are_read_from_an_index_in_date_order():
    create_release(title="Platypus sighting")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'search_document_newest'"
        )
        (definition,) = cursor.fetchone()
    assert "(content_type_id, locale_id, date DESC NULLS LAST, object_id DESC)" in (
        definition
    )
    assert definition.endswith("WHERE live")
    english = Locale.objects.get(language_code="en")
    content_type = ContentType.objects.get_for_model(PressReleasePage).pk
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(
            "EXPLAIN SELECT object_id FROM search_document d"
            " WHERE d.content_type_id = %s AND d.locale_id = %s AND d.live"
            " AND d.words @@ plainto_tsquery('english', 'platypus')"
            " ORDER BY d.date DESC NULLS LAST, d.object_id DESC LIMIT 1000",
            [content_type, english.pk],
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Scan using search_document_newest" in plan
    assert "Sort" not in plan


def test_embargoed_pages_are_found_from_the_embargo_index_not_every_page():
    """(On SQLite the former statement was already a search by id; on
    PostgreSQL it read every page.)"""
    now = timezone.now()
    embargoed = create_release(title="Under embargo")
    PressReleasePage.objects.filter(pk=embargoed.pk).update(
        embargoed_until=now + datetime.timedelta(days=1)
    )
    lifted = create_release(title="Lifted")
    PressReleasePage.objects.filter(pk=lifted.pk).update(
        embargoed_until=now - datetime.timedelta(days=1)
    )
    with CaptureQueriesContext(connection) as captured:
        paths = embargoed_paths()
    assert paths == [embargoed.path]
    (sql,) = [q["sql"] for q in captured.captured_queries if "path" in q["sql"]]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            # Not every page filtered by (hashed SubPlan 1) OR (hashed SubPlan 2).
            assert "Seq Scan on wagtailcore_page" not in plan
            assert "SubPlan" not in plan
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
            assert "SCAN wagtailcore_page" not in plan
    assert "embargoed_until" in plan


@postgres_only
def test_the_count_reads_the_matches_of_one_language_from_its_index(gql):
    """The total and facets read every match: the GIN index on (locale_id,
    words) of published documents gives those of the requested language only."""
    create_release(title="Echidna survey")
    create_release("fr", title="Échidné recensement")
    with CaptureQueriesContext(connection) as captured:
        found = gql(SEARCH, {"query": "echidna", "locale": "en"})["data"]["search"]
    assert found["pagination"]["total"] == 1
    (sql,) = [q["sql"] for q in captured.captured_queries if "GROUPING" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes"
            " WHERE indexname = 'search_document_locale_words'"
        )
        (definition,) = cursor.fetchone()
        assert "USING gin (locale_id, words) WHERE live" in definition
        # A few thousand other English documents (in this test's transaction),
        # so that the planner weighs the indexes as on an archive.
        content_type = ContentType.objects.get_for_model(PressReleasePage).pk
        english = Locale.objects.get(language_code="en")
        cursor.execute(
            "INSERT INTO search_document (content_type_id, object_id, locale_id,"
            " live, variant_key, date, year, title, words)"
            " SELECT %s, 10000000 + n, %s, true, n::text, now(), 2026,"
            " to_tsvector('simple', 'filler'), to_tsvector('simple', 'filler')"
            " FROM generate_series(1, 3000) AS n",
            [content_type, english.pk],
        )
        cursor.execute("ANALYZE search_document")
        # (Whether the planner prefers the index on a test's few thousand rows
        # depends on their statistics, which vary between runs: reading the
        # whole table is forbidden, and the plan shows which index serves.)
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # Which index the planner picks on a test's rows varies between runs (CI's
    # PostgreSQL once chose the primary key's): the plan must use an index, and
    # the one made for this statement must be there (above).
    assert "Seq Scan" not in plan and "Index" in plan, plan
