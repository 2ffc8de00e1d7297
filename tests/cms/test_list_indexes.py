"""Every filter of the lists (language, live, date order, topic, person) can use
an index: checked with EXPLAIN on the database the suite runs on (SQLite, or
PostgreSQL with sequential scans discouraged, since its planner prefers them on
the small tables of a test)."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone
from wagtail.models import Locale, Page

from cms.graphql.locale import date_range
from cms.graphql.pagination import keyset, page_ids
from newsroom.linked.lists import check_topics
from newsroom.models import PressReleasePage
from newsroom.schema import press_releases_queryset
from videos.models import VideoPage

pytestmark = pytest.mark.django_db


def plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(" ".join(str(c) for c in row) for row in cursor.fetchall())


def uses(plan_text: str, fragment: str) -> bool:
    return any(
        fragment in line and ("INDEX" in line.upper() or "Index" in line)
        for line in plan_text.splitlines()
    )


@pytest.fixture
def english():
    return Locale.objects.get(language_code="en")


def test_the_newest_first_order_and_cursors_are_read_from_the_date_index():
    """The list order (date, id) and the keyset condition of ``after`` are a
    range of one index of the release (video) table. (Joined with the page
    table, a planner on a test's few rows starts from the language instead;
    bench/archive.py prints the plan on 100,000 releases.)"""
    cursor = [timezone.now(), 10**9]
    for model, index in (
        (PressReleasePage, "newsroom_release_date"),
        (VideoPage, "videos_video_date"),
    ):
        ordered = model.objects.order_by("-date", "-pk").values("pk")
        for queryset in (
            ordered,
            ordered.filter(keyset(("-date", "-pk"), cursor, forward=True)),
        ):
            text = plan(queryset[:10])
            assert uses(text, index), text


def test_language_and_live_use_an_index(english):
    """The page table's (language, live) filter of every list is one index.
    (Joined with the release table and its embargo condition, a planner on a
    test's few rows may start from the release table instead.)"""
    pages = Page.objects.filter(locale=english, live=True).values("pk")
    text = plan(pages)
    if connection.vendor != "postgresql":
        assert uses(text, "portal_page_locale_live"), text
        return
    # PostgreSQL may take Wagtail's own locale index on a few rows: either way
    # the page table is read through an index on the language.
    assert "Seq Scan on wagtailcore_page" not in text, text
    assert "Index Cond: (locale_id" in text, text
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
            ["portal_page_locale_live"],
        )
        [(definition,)] = cursor.fetchall()
    assert "(locale_id, live" in definition


def test_topic_and_person_filters_use_indexes(english):
    topics = check_topics(["kfor"])
    by_topic = plan(press_releases_queryset(english, topic_keys=topics)[:10])
    assert uses(by_topic, "topic"), by_topic
    by_person = plan(press_releases_queryset(english, person="jens-stoltenberg")[:10])
    assert uses(by_person, "person"), by_person


def test_date_filters_are_a_range_of_the_date_index(english):
    """dateFrom/dateTo compare the stored datetime with the first instants of
    the days (a half-open range), so the date index bounds the scan; casting
    each row's datetime to a date (``date__date``) would read every row."""
    releases = press_releases_queryset(
        english,
        date_from=datetime.date(2023, 1, 1),
        date_to=datetime.date(2023, 12, 31),
    )[:10]
    sql = str(releases.query)
    assert "AT TIME ZONE" not in sql and "django_datetime_cast_date" not in sql, sql
    text = plan(releases)
    if connection.vendor == "postgresql":
        # The date index is read with the range as its condition.
        lines = text.splitlines()
        assert any(
            "newsroom_release_date" in line
            and "Index Cond: ((date >= " in following
            and "AND (date < " in following
            for line, following in zip(lines, lines[1:], strict=False)
        ), text
    else:
        # SQLite starts from the language on a test's few rows: the release
        # table alone shows the range.
        alone = PressReleasePage.objects.filter(
            **date_range(datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))
        ).values("pk")
        text = plan(alone)
        assert "newsroom_release_date (date>? AND date<?)" in text, text


def test_a_deep_page_skips_ids_on_the_date_index():
    """A deep page number's OFFSET query (cms/graphql/pagination.page_ids) reads
    the list's order from the date index: the rows before the page are index
    entries skipped, not rows loaded and sorted."""
    for model, index in (
        (PressReleasePage, "newsroom_release_date"),
        (VideoPage, "videos_video_date"),
    ):
        queryset = model.objects.order_by("-date", "-pk")
        ids = page_ids(queryset, 50, 11)
        sql = str(ids.query)
        assert "OFFSET 50" in sql and sql.split(" FROM ")[0].count(",") == 0, sql
        text = plan(ids)
        assert uses(text, index), text
        if connection.vendor != "postgresql":
            # (PostgreSQL sorts a test's few index entries rather than walk
            # them in order: bench/archive.py prints the plan on 100,000.)
            assert "TEMP B-TREE" not in text, text


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="INCLUDE: SQLite's indexes hold the id"
)
def test_a_deep_page_joins_two_index_only_scans(english):
    """On PostgreSQL the date index carries the embargo column and the language
    index the page id: the ids of a deep page (language, live, not embargoed,
    newest first) are read from the two indexes, not from the tables."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN "
            "('newsroom_release_date', 'videos_video_date', 'portal_page_locale_live')"
        )
        definitions = dict(cursor.fetchall())
    assert "INCLUDE (embargoed_until)" in definitions["newsroom_release_date"]
    assert "INCLUDE (embargoed_until)" in definitions["videos_video_date"]
    assert "INCLUDE (id)" in definitions["portal_page_locale_live"]
    # The ids themselves: one index of the release table, with the copies of
    # the language and live flag (cms/listed.py, tests/cms/test_listed_copies.py).
    text = plan(page_ids(press_releases_queryset(english), 50, 11))
    assert "newsroom_listed" in text, text
