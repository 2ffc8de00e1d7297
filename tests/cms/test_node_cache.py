"""Cheaper misses (cms/graphql/nodes.py): a shared list answer recomputed after a
publish takes the items that did not change from the node cache. What must be
recomputed is (the changed release, the items showing a changed person or image,
an item linking to a release just published); what did not change is not; the
answer is always the one computed with no cache at all."""

import datetime
import json

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images import get_image_model

from cms.graphql import cache, nodes
from newsroom.models import PressReleasePage
from tests.factories import PersonFactory, create_release
from tests.newsroom.test_query_counts import make_releases

pytestmark = [pytest.mark.django_db]

LIST = """{ pressReleases(locale: en, perPage: 8) { items {
  id title slug url people { role person { name } } related { title }
  heroImage { title srcSet(sizes: [320], format: "webp") }
  translations { title url } } } }"""


@pytest.fixture(autouse=True)
def cache_on():
    with override_settings(GRAPHQL_CACHE_ENABLED=True, GRAPHQL_NODE_CACHE=True):
        yield


def capture() -> CaptureQueriesContext:
    # The log keeps the last 9,000 queries: full, a capture would see none.
    connection.queries_log.clear()
    return CaptureQueriesContext(connection)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def post(client, query=LIST, variables=None):
    response = client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
    )
    assert response.status_code == 200
    answer = response.json()
    assert "errors" not in answer, answer
    return response, answer


def ask(client, query=LIST):
    """A shared read: (X-Cache, answer), with what the node cache did in
    ``nodes.last``."""
    nodes.last = None
    response, answer = post(client, query)
    return response.get("X-Cache"), answer


def afresh(client, query=LIST):
    """The answer computed with no cache at all."""
    with override_settings(GRAPHQL_CACHE_ENABLED=False):
        return post(client, query)[1]


def stats():
    return (nodes.last.hits, nodes.last.computed) if nodes.last else None


def titles(answer):
    return [item["title"] for item in answer["data"]["pressReleases"]["items"]]


def node_entries() -> list[str]:
    """The node cache's keys in the shared cache (a database table in tests)."""
    table = settings.CACHES["default"]["LOCATION"]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key FROM {table}")  # noqa: S608
        keys = [key for (key,) in cursor.fetchall()]
    return [key[3:] for key in keys if key.startswith(":1:graphql:node:")]


@pytest.fixture
def releases(committed):
    """The eight newest releases: the first two show a person, the third links
    to a release not published yet, the fourth has a hero image of its own."""
    now = timezone.now() + datetime.timedelta(days=3650)
    person = PersonFactory(name="Ada Example")
    image = get_image_model().objects.first()
    with committed():
        hidden = create_release(title="Not yet", date=now, publish=False)
        made = [
            create_release(
                title=f"Release {n}",
                date=now + datetime.timedelta(hours=n),
                people=[person] if n in (6, 7) else [],
                related=[hidden] if n == 5 else [],
                hero_image=image if n == 4 else None,
            )
            for n in range(8)
        ]
    return list(reversed(made)), person, hidden, image  # newest first, as listed


def republish(page, title, committed):
    page = PressReleasePage.objects.get(pk=page.pk)
    page.title = title
    with committed():
        page.save_revision().publish()


def test_a_republished_release_recomputes_its_item_alone(client, committed, releases):
    made, _person, _hidden, _image = releases
    assert ask(client)[0] == "MISS"
    assert stats() == (0, 8)
    assert len(node_entries()) == 8
    assert ask(client)[0] == "HIT"
    republish(made[5], "Release 2, corrected", committed)
    with capture() as captured:
        state, answer = ask(client)
    sql = [query["sql"] for query in captured]  # (the next request clears the log)
    assert state == "MISS"
    assert stats() == (7, 1)
    assert answer == afresh(client)
    assert titles(answer)[5] == "Release 2, corrected"
    # The loaders fetched for that item alone: its people, not the others'.
    people = next(query for query in sql if "pressreleaseperson" in query)
    assert f"IN ({made[5].pk})" in people
    # Nor the hero images' renditions of the items reused (that one has none).
    assert not [query for query in sql if "wagtailimages_rendition" in query]


def test_a_cold_miss_files_its_items_whatever_the_clock_skew(client, releases):
    """Tags first seen by this answer get their first version from it: its items
    are filed with it (a skew of 0.1 s, as in production)."""
    cache.response_cache().clear()
    with override_settings(GRAPHQL_CACHE_CLOCK_SKEW=0.1):
        assert ask(client)[0] == "MISS"
        assert nodes.last.stored == 8 and len(node_entries()) == 8
        assert ask(client)[0] == "HIT"


def test_a_new_release_is_computed_and_the_others_reused(client, committed, releases):
    made, *_rest = releases
    ask(client)
    with committed():
        create_release(
            title="Newest", date=timezone.now() + datetime.timedelta(days=3651)
        )
    state, answer = ask(client)
    assert state == "MISS" and stats() == (7, 1)
    assert titles(answer)[0] == "Newest"
    assert answer == afresh(client)


def test_what_an_item_shows_recomputes_it_and_nothing_else(client, committed, releases):
    """A person renamed: the items that show them go (and the others of that
    list: its people were fetched for all at once). An image edited: the item
    that shows it, alone. A release published that an item links to: that item,
    though no answer showed the release before."""
    made, person, hidden, image = releases
    ask(client)
    person.name = "Ada Renamed"
    with committed():
        person.save()
    state, answer = ask(client)
    assert state == "MISS" and stats()[1] >= 2
    assert answer == afresh(client)
    assert "Ada Renamed" in json.dumps(answer)

    image.title = "A new title"
    with committed():
        image.save()
    state, answer = ask(client)
    assert state == "MISS" and stats() == (7, 1)
    assert answer["data"]["pressReleases"]["items"][3]["heroImage"]["title"] == (
        "A new title"
    )
    assert answer == afresh(client)

    with committed():
        PressReleasePage.objects.get(pk=hidden.pk).save_revision().publish()
    state, answer = ask(client)
    assert state == "MISS"
    assert answer == afresh(client)
    linking = answer["data"]["pressReleases"]["items"][2]
    assert linking["title"] == "Release 5"
    assert linking["related"] == [{"title": "Not yet"}]


def test_an_unrelated_edit_keeps_every_item(client, committed, releases):
    """A person no item shows, renamed, with a release republished (so the
    answer misses): only that release is recomputed."""
    made, *_rest = releases
    other = PersonFactory(name="Not shown")
    ask(client)
    other.name = "Still not shown"
    with committed():
        other.save()
    republish(made[0], "Release 7, corrected", committed)
    state, answer = ask(client)
    assert state == "MISS" and stats() == (7, 1)
    assert answer == afresh(client)


def test_an_unpublished_item_never_comes_back(client, committed, releases):
    made, *_rest = releases
    ask(client)
    withdrawn = PressReleasePage.objects.get(pk=made[1].pk)
    with committed():
        withdrawn.unpublish()
    state, answer = ask(client)
    assert state == "MISS"
    assert "Release 6" not in titles(answer)
    assert answer == afresh(client)
    # Published again as it was (the same revision): recomputed, not the entry
    # of before (its tags were bumped by the unpublish).
    with committed():
        PressReleasePage.objects.get(pk=withdrawn.pk).latest_revision.publish()
    state, answer = ask(client)
    assert titles(answer)[1] == "Release 6"
    assert stats()[1] >= 1
    assert answer == afresh(client)


def test_entries_depend_on_what_their_item_read(client, releases):
    made, person, _hidden, _image = releases
    ask(client)
    entries = cache.response_cache().get_many(node_entries())
    assert len(entries) == 8
    by_title = {
        entry["value"]["title"]: set(entry["versions"]) for entry in entries.values()
    }
    own = {
        title: f"tk:{page.translation_key}"
        for title, page in ((p.title, p) for p in made)
    }
    for title, tags in by_title.items():
        assert own[title] in tags
        # No other item's own tag, not the release list (every publish bumps it).
        assert not (set(own.values()) - {own[title]}) & tags
        assert not any(tag.startswith("list:newsroom.press") for tag in tags)
    assert f"tk:{person.translation_key}" in by_title["Release 7"]


def test_signed_in_and_preview_reads_never_use_it(client, admin_client, releases):
    made, *_rest = releases
    ask(client)
    stored = sorted(node_entries())
    # Signed in: not shared, so no node cache at all.
    nodes.last = None
    post(admin_client)
    assert nodes.last is None
    # A preview beside the list: the answer is private, the node cache unused.
    token = PressReleasePage.objects.get(pk=made[0].pk).create_page_preview().token
    query = """query($t: String) { page(token: $t) { title }
      pressReleases(locale: en, perPage: 8) { items { title } } }"""
    post(client, query, {"t": token})
    assert nodes.last is None
    assert sorted(node_entries()) == stored


def test_off_every_item_is_computed(client, committed, releases):
    made, *_rest = releases
    with override_settings(GRAPHQL_NODE_CACHE=False):
        ask(client)
        assert nodes.last is None and node_entries() == []
        republish(made[5], "Release 2, again", committed)
        state, answer = ask(client)
    assert state == "MISS" and nodes.last is None
    assert answer == afresh(client)


def test_a_list_costs_no_more_sql_after_a_publish(client, committed):
    """50 releases: the miss after one was republished runs no more content
    queries than the cold one, and reuses 49 items."""
    make_releases(50, "node-cache")
    variables = '(locale: en, topic: "node-cache", perPage: 50)'
    query = LIST.replace("(locale: en, perPage: 8)", variables)
    ask(client, query)
    cache.response_cache().clear()
    with capture() as captured:
        ask(client, query)
    cold = content(captured)
    assert stats() == (0, 50)
    # The oldest: no other release links to it (each links to the one before).
    release = PressReleasePage.objects.filter(
        locale__language_code="en", release_topics__topic__slug="node-cache"
    ).earliest("date")
    republish(release, "Republished", committed)
    with capture() as captured:
        state, _answer = ask(client, query)
    warm = content(captured)
    assert state == "MISS" and stats() == (49, 1)
    assert len(warm) <= len(cold)


def content(captured) -> list[str]:
    """The queries of the content, not of the shared cache's table."""
    table = settings.CACHES["default"]["LOCATION"]
    return [
        q["sql"]
        for q in captured
        if table not in q["sql"] and "SAVEPOINT" not in q["sql"]
    ]


def test_an_answer_with_errors_files_no_item(client, releases):
    """Items are filed with their answer: one with an error beside the list (a
    perPage out of range, known only at execution) is not, nor are they."""
    query = """query($n: Int) {
      pressReleases(locale: en, perPage: 8) { items { title } }
      videos(locale: en, perPage: $n) { items { title } } }"""
    response = client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": {"n": 500}}),
        content_type="application/json",
    )
    answer = response.json()
    assert answer["errors"] and len(answer["data"]["pressReleases"]["items"]) == 8
    assert nodes.last.computed == 8 and nodes.last.stored == 0
    assert node_entries() == []
