"""Invalidation by dependency: a change reaches the cached answers that depend on
it (what must go) and no others (what must stay); no herd; never stale after an
unpublish; surrogate keys for the CDN, purged by key on publish."""

import datetime
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.graphql import cache
from cms.graphql.dependencies import ANY, GLOBAL
from newsroom.models import Topic
from tests.conftest import response_cache_key
from tests.factories import create_release

pytestmark = [pytest.mark.django_db]

EN_LIST = "{ pressReleases(locale: en, perPage: 5) { items { title } } }"
FR_LIST = "{ pressReleases(locale: fr, perPage: 5) { items { title } } }"
TOPICS = "{ topics(locale: en) { slug name } }"
SEARCH = '{ search(query: "release", locale: en) { items { title } } }'


def detail(slug: str, locale: str = "en") -> str:
    return f'{{ pressRelease(slug: "{slug}", locale: {locale}) {{ title }} }}'


@pytest.fixture(autouse=True)
def cache_on():
    with override_settings(GRAPHQL_CACHE_ENABLED=True):
        yield


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def ask(client, query):
    response = client.post(
        "/graphql/", json.dumps({"query": query}), content_type="application/json"
    )
    assert response.status_code == 200, response.content[:500]
    return response


def state(client, query) -> str:
    return ask(client, query)["X-Cache"]


def test_a_new_release_invalidates_the_lists_it_appears_in_and_nothing_else(
    client, committed
):
    with committed():
        english = create_release(title="Old English release")
        french = create_release("fr", title="Ancien communiqué")
    queries = [
        EN_LIST,
        FR_LIST,
        TOPICS,
        detail(english.slug),
        detail(french.slug, "fr"),
    ]
    assert [state(client, q) for q in queries] == ["MISS"] * 5
    assert [state(client, q) for q in queries] == ["HIT"] * 5
    with committed():
        create_release(title="Fresh English release", date=timezone.now())
    # What must go: the English list, which now shows the new release first.
    response = ask(client, EN_LIST)
    assert response["X-Cache"] == "MISS"
    assert response.json()["data"]["pressReleases"]["items"][0]["title"] == (
        "Fresh English release"
    )
    # What must stay: the other language, the snippets, other releases' pages.
    stays = [FR_LIST, TOPICS, detail(english.slug), detail(french.slug, "fr")]
    assert [state(client, q) for q in stays] == ["HIT"] * 4


def test_editing_a_release_reaches_its_answers_in_every_language(client, committed):
    with committed():
        english = create_release(title="Summit opens")
        french = create_release("fr", title="Le sommet", translation_of=english)
        other = create_release(title="Unrelated")
    # The French page lists its English translation's title.
    fr_detail = (
        f'{{ pressRelease(slug: "{french.slug}", locale: fr) '
        "{ title translations { title } } }"
    )
    queries = [detail(english.slug), fr_detail, detail(other.slug), TOPICS]
    for query in queries:
        ask(client, query)
    with committed():
        english.title = "Summit opens in Vilnius"
        english.save_revision().publish()
    assert state(client, detail(english.slug)) == "MISS"
    assert "Summit opens in Vilnius" in ask(client, fr_detail).content.decode()
    assert [state(client, q) for q in (detail(other.slug), TOPICS)] == ["HIT"] * 2


def test_a_snippet_edit_reaches_the_answers_that_read_it(client, committed):
    with_topics = "{ pressReleases(locale: en) { items { title topics { name } } } }"
    topic = Topic.objects.get(slug="kfor", locale__language_code="en")
    with committed():
        create_release(title="Filed under KFOR", topics=[topic])
    for query in (TOPICS, with_topics, EN_LIST):
        ask(client, query)
    with committed():
        topic.name = "KFOR (Kosovo Force)"
        topic.save()
    assert state(client, TOPICS) == "MISS"
    assert "KFOR (Kosovo Force)" in ask(client, with_topics).content.decode()
    assert state(client, EN_LIST) == "HIT"  # it shows no topic


def test_root_fields_that_declare_nothing_depend_on_every_change(client, committed):
    ask(client, SEARCH)
    assert state(client, SEARCH) == "HIT"
    with committed():
        create_release(title="Another release")
    assert state(client, SEARCH) == "MISS"


def test_a_publish_serves_the_previous_answer_while_another_process_recomputes(
    client, committed
):
    with committed():
        create_release(title="First")
    ask(client, EN_LIST)
    key = response_cache_key(EN_LIST)
    with committed():
        create_release(title="Second", date=timezone.now())
    assert cache.acquire(key)  # another process is computing it
    try:
        stale = ask(client, EN_LIST)
        assert stale["X-Cache"] == "STALE"
        assert "Second" not in stale.content.decode()
        assert "no-cache" in stale["Cache-Control"]  # not kept by a CDN
    finally:
        cache.release(key)
    fresh = ask(client, EN_LIST)
    assert fresh["X-Cache"] == "MISS" and "Second" in fresh.content.decode()


def test_an_unpublish_is_never_answered_stale(client, committed):
    with committed():
        release = create_release(title="Withdrawn soon", date=timezone.now())
    assert "Withdrawn soon" in ask(client, EN_LIST).content.decode()
    key = response_cache_key(EN_LIST)
    with committed():
        release.unpublish()
    assert cache.acquire(key)
    try:
        with override_settings(GRAPHQL_CACHE_LOCK_WAIT=0):
            response = ask(client, EN_LIST)
    finally:
        cache.release(key)
    assert response["X-Cache"] == "MISS"
    assert "Withdrawn soon" not in response.content.decode()


def test_stale_answers_are_bounded_in_age(client, committed):
    ask(client, EN_LIST)
    key = response_cache_key(EN_LIST)
    with committed():
        create_release(title="Later", date=timezone.now())
    assert cache.acquire(key)
    try:
        with override_settings(
            GRAPHQL_CACHE_STALE_SECONDS=0, GRAPHQL_CACHE_LOCK_WAIT=0
        ):
            response = ask(client, EN_LIST)
    finally:
        cache.release(key)
    assert response["X-Cache"] == "MISS" and "Later" in response.content.decode()


def test_a_miss_takes_the_lock_and_gives_it_back(client):
    key = response_cache_key(EN_LIST)
    seen = []
    original = cache.store

    def store(*args, **kwargs):
        seen.append(cache.acquire(key))  # held by the computing request
        return original(*args, **kwargs)

    cache.store = store
    try:
        ask(client, EN_LIST)
    finally:
        cache.store = original
    assert seen == [False]
    assert cache.acquire(key)  # released
    cache.release(key)


def test_an_answer_computed_across_a_change_is_not_stored():
    key = cache.response_key("{ x }", {}, None, "en")
    found = cache.lookup(key)
    cache.bump(["tk:something"])  # committed while the query ran
    assert not cache.store(key, found, b'{"data":{"x":"old"}}', {"tk:something"})
    assert cache.lookup(key).state == cache.MISS
    # A change to something else does not matter.
    found = cache.lookup(key)
    cache.bump(["tk:else"])
    assert cache.store(key, found, b'{"data":{"x":"new"}}', {"tk:something"})


def test_an_evicted_tag_is_a_miss_not_a_stale_hit_once_anything_changed():
    cache.response_cache().clear()  # from an empty cache: no epoch yet
    key = cache.response_key("{ y }", {}, None, "en")
    assert cache.store(key, cache.lookup(key), b"{}", {"tk:kept"})
    assert cache.lookup(key).state == cache.HIT
    cache.response_cache().delete("graphql:tag:tk:kept")
    # Nothing changed since (the epoch says so): the entry is still true.
    assert cache.lookup(key).state == cache.HIT
    cache.invalidate(["tk:other"], immediate=False)
    assert cache.lookup(key).state != cache.HIT
    cache.response_cache().delete("graphql:hard:tk:kept")
    assert cache.lookup(key).state == cache.MISS


def test_without_the_epoch_every_tag_is_checked():
    """An evicted epoch (or a bump whose epoch never arrived) never lets an entry
    whose tag moved be a hit."""
    key = cache.response_key("{ z }", {}, None, "en")
    assert cache.store(key, cache.lookup(key), b"{}", {"tk:kept"})
    store = cache.response_cache()
    store.delete(cache.EPOCH_KEY)
    assert cache.lookup(key).state == cache.HIT  # checked tag by tag
    store.set("graphql:tag:tk:kept", cache._now(), None)
    store.set("graphql:hard:tk:kept", cache._now(), None)
    store.delete(cache.EPOCH_KEY)
    assert cache.lookup(key).state == cache.MISS


def test_a_bump_writes_the_tags_and_the_epoch_together():
    """On the database cache, one transaction: no reader sees the tags moved and
    the epoch not (or the other way round)."""
    store = cache.response_cache()
    before = store.get_many([cache.EPOCH_KEY, "graphql:tag:tk:together"])
    with CaptureQueriesContext(connection) as captured:
        cache.bump(["tk:together"])
    after = store.get_many([cache.EPOCH_KEY, "graphql:tag:tk:together"])
    assert after[cache.EPOCH_KEY] != before.get(cache.EPOCH_KEY)
    assert after["graphql:tag:tk:together"] != before.get("graphql:tag:tk:together")
    statements = [q["sql"] for q in captured.captured_queries]
    # (The test runs inside a transaction: the bump's is a savepoint.) One
    # savepoint opened first and released last, around every write.
    outer = statements[0].split()[-1]
    assert statements[0].startswith("SAVEPOINT")
    assert statements[-1] == f"RELEASE SAVEPOINT {outer}"
    assert sum("graphql:" in q for q in statements[1:-1]) >= 3


def test_get_answers_carry_surrogate_keys(client, committed):
    with committed():
        release = create_release(title="Tagged")
    response = client.get("/graphql/", {"query": detail(release.slug)})
    keys = response["Surrogate-Key"].split(" ")
    assert f"tk:{release.translation_key}" in keys and GLOBAL in keys
    assert ANY not in keys  # a precise answer
    assert response["Cache-Tag"].split(",") == keys
    listing = client.get("/graphql/", {"query": EN_LIST})
    assert "list:newsroom.pressreleasepage:en" in listing["Surrogate-Key"].split()


class PurgeRecorder(BaseHTTPRequestHandler):
    seen: list = []

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        body = json.loads(self.rfile.read(length))
        PurgeRecorder.seen.append((self.headers["Surrogate-Key"], body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_publish_purges_the_cdn_by_key(committed):
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    PurgeRecorder.seen = []
    url = f"http://127.0.0.1:{server.server_address[1]}/purge"
    try:
        with override_settings(FRONTEND_CACHE_PURGE_KEYS_URL=url):
            with committed():
                release = create_release(title="Purged")
    finally:
        server.shutdown()
        server.server_close()
    header, body = PurgeRecorder.seen[-1]
    keys = header.split(" ")
    assert f"tk:{release.translation_key}" in keys
    assert "list:newsroom.pressreleasepage:en" in keys
    assert "list:newsroom.pressreleasepage:fr" not in keys
    assert body == {"surrogate_keys": keys}


def test_an_embargo_put_on_a_public_release_is_never_answered_stale(client, committed):
    with committed():
        release = create_release(title="Embargoed after all", date=timezone.now())
    assert "Embargoed after all" in ask(client, EN_LIST).content.decode()
    key = response_cache_key(EN_LIST)
    with committed():
        release.embargoed_until = timezone.now() + datetime.timedelta(hours=2)
        release.save_revision().publish()
    assert cache.acquire(key)  # another process recomputes: no stale answer anyway
    try:
        with override_settings(GRAPHQL_CACHE_LOCK_WAIT=0):
            response = ask(client, EN_LIST)
    finally:
        cache.release(key)
    assert response["X-Cache"] == "MISS"
    assert "Embargoed after all" not in response.content.decode()
