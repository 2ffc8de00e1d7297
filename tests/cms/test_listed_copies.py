"""A deep page number and a list's count read one index of the list's own table
on PostgreSQL (cms/listed.py): the page's language and ``live`` flag are copied
there by triggers, whatever writes them; the answers are those of the plain
query (same items, same order, same total), restricted, unpublished and
embargoed releases never among them."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction

from cms import listed
from cms.graphql.pagination import LazyPagination, page_ids
from newsroom.models import PressReleasePage
from newsroom.schema import press_releases_queryset
from tests.factories import create_release
from videos.models import VideoPage

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the copies are PostgreSQL's"
)


def copies(page) -> tuple[int, bool]:
    table = type(page)._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT list_locale_id, list_live FROM {table} WHERE page_ptr_id = %s",  # noqa: S608
            [page.pk],
        )
        return cursor.fetchone()


@postgres_only
def test_the_copies_follow_every_write_of_the_page():
    english = Locale.objects.get(language_code="en")
    french = Locale.objects.get(language_code="fr")
    release = create_release(title="Followed")
    assert copies(release) == (english.pk, True)
    release.unpublish()
    assert copies(release) == (english.pk, False)
    release.save_revision().publish()
    assert copies(release) == (english.pk, True)
    Page.objects.filter(pk=release.pk).update(live=False)  # no signal, no save()
    assert copies(release) == (english.pk, False)
    Page.objects.filter(pk=release.pk).update(live=True, locale=french)
    assert copies(release) == (french.pk, True)
    # A save of the release's own columns, from a stale instance, keeps them.
    stale = PressReleasePage.objects.get(pk=release.pk)
    Page.objects.filter(pk=release.pk).update(live=False)
    stale.location = "Mons"
    stale.save(update_fields=["location"])
    assert copies(release) == (french.pk, False)
    draft = create_release(title="Draft", publish=False)
    assert copies(draft) == (english.pk, False)
    video = VideoPage.objects.filter(live=True).first()
    assert video is not None and copies(video) == (video.locale_id, True)
    Page.objects.filter(pk=video.pk).update(live=False)
    assert copies(video) == (video.locale_id, False)


@postgres_only
def test_a_deep_page_and_the_count_read_one_index_of_the_list_table():
    english = Locale.objects.get(language_code="en")
    create_release(title="Indexed")
    queryset = press_releases_queryset(english)
    ids = page_ids(queryset, 50, 11)
    sql = str(ids.query)
    assert "wagtailcore_page" not in sql, sql
    assert '"list_locale_id" = ' in sql and '"list_live"' in sql, sql
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'newsroom_listed'"
        )
        (definition,) = cursor.fetchone()
        assert definition.endswith(
            "(list_locale_id, date, page_ptr_id) INCLUDE (embargoed_until)"
            " WHERE list_live"
        ), definition
        # (On a test's few rows the planner would rather sort them, or scan the
        # date index and filter: forbid both, and the plan shows whether the
        # index gives the rows and their order by itself.)
        for setting in (
            "enable_seqscan",
            "enable_bitmapscan",
            "enable_sort",
            "enable_indexscan",
        ):
            cursor.execute(f"SET LOCAL {setting} = off")
        query, params = ids.query.sql_with_params()
        cursor.execute("EXPLAIN " + query, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Only Scan Backward using newsroom_listed" in plan, plan
    assert "Sort" not in plan and "Join" not in plan, plan
    with CaptureQueriesContext(connection) as captured:
        assert LazyPagination(queryset, 1, 10).total >= 1
    (count,) = [q["sql"] for q in captured.captured_queries if "COUNT" in q["sql"]]
    assert "wagtailcore_page" not in count and "list_live" in count, count


LIST = """query($page: Int, $after: String, $fallback: Boolean) {
  pressReleases(locale: fr, perPage: 2, page: $page, after: $after,
                fallback: $fallback)
  { items { title } pagination { total exact }
    pageInfo { hasNextPage hasPreviousPage endCursor } } }"""


def every_page(gql, **variables) -> dict:
    """The pages by number through a deep page's ids (offset 0 up), by one
    query, and by cursor."""
    by = {}
    for name, threshold in (("ids", 0), ("one query", 10**6)):
        pages, page = [], 1
        with override_settings(GRAPHQL_DEFERRED_JOIN_OFFSET=threshold):
            while True:
                found = gql(LIST, {"page": page, **variables})["data"]
                found = found["pressReleases"]
                pages.append(found)
                if not found["pageInfo"]["hasNextPage"]:
                    break
                page += 1
        by[name] = pages
    pages, after = [], None
    while True:
        found = gql(LIST, {"after": after, **variables})["data"]["pressReleases"]
        pages.append(found["items"])
        if not found["pageInfo"]["hasNextPage"]:
            break
        after = found["pageInfo"]["endCursor"]
    by["cursor"] = pages
    return by


def test_deep_pages_and_counts_are_the_lists_whatever_is_hidden(gql):
    """Same items, order, flags and total by a deep page's ids, by one query and
    by cursor; a release under a view restriction, unpublished or embargoed is on
    none of them (on PostgreSQL the ids come from the copies, the restriction
    as a subquery of paths; with the language fallback, from the join)."""
    now = timezone.now()
    made = [
        create_release("fr", title=f"Communiqué {n}", date=now - datetime.timedelta(n))
        for n in range(7)
    ]
    restricted, unpublished, embargoed = made[1], made[3], made[5]
    restriction = PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.create(name="Private readers")])
    unpublished.unpublish()
    PressReleasePage.objects.filter(pk=embargoed.pk).update(
        embargoed_until=now + datetime.timedelta(days=1)
    )
    hidden = {restricted.title, unpublished.title, embargoed.title}
    for fallback in (False, True):
        by = every_page(gql, fallback=fallback)
        assert by["ids"] == by["one query"]
        items = [[item["title"] for item in page["items"]] for page in by["ids"]]
        assert [[item["title"] for item in page] for page in by["cursor"]] == items
        titles = [title for page in items for title in page]
        assert len(titles) == len(set(titles)) == by["ids"][0]["pagination"]["total"]
        assert not hidden & set(titles)
        assert {m.title for m in made} - hidden <= set(titles)


@postgres_only
def test_what_the_copies_cannot_answer_keeps_the_join():
    french = Locale.objects.get(language_code="fr")
    fallback = press_releases_queryset(french, fallback=True)
    assert listed.positions(fallback.values("pk")) is None
    by_code = PressReleasePage.objects.filter(locale__language_code="en")
    assert listed.positions(by_code.values("pk")) is None
    assert listed.positions(Page.objects.values("pk")) is None


@postgres_only
def test_a_restore_with_triggers_off_leaves_stale_copies_that_the_command_refills():
    english = Locale.objects.get(language_code="en")
    release = create_release(title="Restored")
    with connection.cursor() as cursor:
        # What pg_restore --disable-triggers does: the page changes, no trigger runs.
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(
            "UPDATE wagtailcore_page SET live = false WHERE id = %s", [release.pk]
        )
        cursor.execute("SET LOCAL session_replication_role = origin")
    assert copies(release) == (english.pk, True)  # stale: the page is not live
    out = StringIO()
    call_command("refill_list_copies", stdout=out)
    assert "newsroom_pressreleasepage: 1 stale row(s) refilled" in out.getvalue()
    assert copies(release) == (english.pk, False)
    out = StringIO()
    call_command("refill_list_copies", stdout=out)
    assert "newsroom_pressreleasepage: 0 stale row(s) refilled" in out.getvalue()


def test_the_refill_command_says_there_is_nothing_to_do_on_sqlite():
    if connection.vendor == "postgresql":
        pytest.skip("on PostgreSQL the command refills (the test above)")
    out = StringIO()
    call_command("refill_list_copies", stdout=out)
    assert "Nothing to do" in out.getvalue()
