"""Cursor (keyset) pagination beside page numbers, Relay-style pageInfo, and
counts that run only when asked for and stop at GRAPHQL_MAX_COUNT."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from tests.factories import create_release

pytestmark = pytest.mark.django_db

LIST = """query($page: Int, $after: String, $before: String) {
  pressReleases(locale: en, perPage: 3, page: $page, after: $after, before: $before)
  { items { title }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"""
VIDEOS = """query($after: String) { videos(locale: en, perPage: 1, after: $after) {
  items { title } pageInfo { hasNextPage endCursor } } }"""


@pytest.fixture
def releases():
    return [create_release(title=f"Release {n}") for n in range(8)]


def listing(gql, **variables):
    answer = gql(LIST, variables)
    assert "errors" not in answer, answer
    return answer["data"]["pressReleases"]


def titles(page):
    return [item["title"] for item in page["items"]]


def test_cursors_walk_the_same_list_as_page_numbers(gql, releases):
    by_number, page = [], 1
    while True:
        found = listing(gql, page=page)
        if not found["items"]:
            break
        by_number.append(titles(found))
        page += 1
    by_cursor, found = [], listing(gql)
    assert found["pageInfo"]["hasPreviousPage"] is False
    while True:
        by_cursor.append(titles(found))
        if not found["pageInfo"]["hasNextPage"]:
            break
        found = listing(gql, after=found["pageInfo"]["endCursor"])
        assert found["pageInfo"]["hasPreviousPage"] is True
    assert by_cursor == by_number and len(by_number) >= 3
    # And back: the page before the last one's first item.
    back = listing(gql, before=found["pageInfo"]["startCursor"])
    assert titles(back) == by_number[-2]
    assert back["pageInfo"]["hasNextPage"] is True


def test_videos_take_cursors_too(gql):
    first = gql(VIDEOS)["data"]["videos"]
    after = first["pageInfo"]["endCursor"]
    assert after is not None  # the demo content has a video
    second = gql(VIDEOS, {"after": after})["data"]["videos"]
    assert second["items"] != first["items"]


@pytest.mark.parametrize(
    ("variables", "reason"),
    [
        ({"after": "not-a-cursor"}, "INVALID_CURSOR"),
        ({"after": "WzFd"}, "INVALID_CURSOR"),  # [1]: one value, the list has two
        ({"before": "WyJ4IiwxXQ"}, "INVALID_CURSOR"),  # ["x",1]: not a date
        ({"page": 2, "after": "WzFd"}, "CONFLICTING_ARGUMENTS"),
    ],
)
def test_bad_cursors_are_coded_errors(gql, releases, variables, reason):
    answer = gql(LIST, variables)
    error = answer["errors"][0]
    assert error["extensions"]["code"] == "INVALID_ARGUMENT"
    assert error["extensions"]["reason"] == reason
    assert error["message"].endswith(".")


def test_a_cursor_page_reads_no_rows_before_it(gql, releases):
    cursor = listing(gql, page=2)["pageInfo"]["endCursor"]
    with CaptureQueriesContext(connection) as queries:
        listing(gql, after=cursor)
    selects = [q["sql"] for q in queries if "newsroom_pressreleasepage" in q["sql"]]
    assert selects and not any("OFFSET" in sql for sql in selects)


def test_the_count_runs_only_when_asked_and_is_capped(gql, releases):
    with CaptureQueriesContext(connection) as without:
        listing(gql)
    counted = "{ pressReleases(locale: en, perPage: 3) { pagination { total exact } } }"
    with CaptureQueriesContext(connection) as with_count:
        answer = gql(counted)["data"]["pressReleases"]["pagination"]
    assert not any("COUNT(" in q["sql"] for q in without)
    assert any("COUNT(" in q["sql"] for q in with_count)
    assert answer["total"] >= 8 and answer["exact"] is True
    with override_settings(GRAPHQL_MAX_COUNT=5):
        capped = gql(counted)["data"]["pressReleases"]["pagination"]
    assert capped == {"total": 5, "exact": False}


DEEP = """query($page: Int, $perPage: Int) {
  pressReleases(locale: en, perPage: $perPage, page: $page)
  { items { title } pageInfo { hasNextPage hasPreviousPage } } }"""


def release_queries(queries) -> list[str]:
    return [q["sql"] for q in queries if "newsroom_pressreleasepage" in q["sql"]]


def selected_columns(sql: str) -> str:
    return sql.split(" FROM ", 1)[0]


@pytest.mark.parametrize("page", [2, 3, 4])
def test_a_deep_page_number_reads_ids_then_only_its_own_rows(gql, releases, page):
    """Past GRAPHQL_DEFERRED_JOIN_OFFSET items, a page number is a deferred join:
    the OFFSET query selects ids only (read from the date index), and the rows
    loaded are the page's own, by id (no OFFSET). Same items, same pageInfo."""
    variables = {"page": page, "perPage": 3}
    with override_settings(GRAPHQL_DEFERRED_JOIN_OFFSET=10**6):
        near = gql(DEEP, variables)["data"]["pressReleases"]
    with (
        override_settings(GRAPHQL_DEFERRED_JOIN_OFFSET=3),
        CaptureQueriesContext(connection) as queries,
    ):
        deep = gql(DEEP, variables)["data"]["pressReleases"]
    assert deep == near
    selects = release_queries(queries)
    offset = [sql for sql in selects if "OFFSET" in sql]
    assert len(offset) == 1, selects
    columns = selected_columns(offset[0])
    assert columns.count(",") == 0 and "page_ptr_id" in columns, offset[0]
    if not deep["items"]:
        return
    rows = [sql for sql in selects if "title" in selected_columns(sql)]
    assert len(rows) == 1, selects
    assert "OFFSET" not in rows[0] and "LIMIT" not in rows[0], rows[0]
    ids = rows[0].split(" IN (", 1)[1].split(")", 1)[0].split(",")
    assert len(ids) == len(deep["items"]) <= 3, rows[0]


@pytest.mark.parametrize("field", ["videos", "galleries"])
def test_every_list_pages_alike_by_deferred_join(gql, field):
    """Videos and galleries (the demo content's) page through the same deferred
    join: every page the same as with one query."""
    query = (
        """query($page: Int) { %s(locale: en, perPage: 1, page: $page)
      { items { title } pageInfo { hasNextPage hasPreviousPage } } }"""
        % field
    )
    pages = []
    for page in range(1, 5):
        with override_settings(GRAPHQL_DEFERRED_JOIN_OFFSET=10**6):
            near = gql(query, {"page": page})
        with override_settings(GRAPHQL_DEFERRED_JOIN_OFFSET=0):
            deep = gql(query, {"page": page})
        assert "errors" not in deep and deep == near, (deep, near)
        pages.append(deep["data"][field]["items"])
    assert pages[0], pages  # the demo content has some
