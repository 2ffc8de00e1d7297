"""The shared response cache: hits cost one cache lookup, content changes
invalidate at once for every process, private answers are never shared."""

import json

import pytest
from django.core.cache.backends.db import DatabaseCache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.graphql import cache
from newsroom.models import Topic
from tests.conftest import response_cache_key
from tests.factories import create_release

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cache_on")]

QUERY = "{ pressReleases(locale: en, perPage: 3) { items { title } } }"


@pytest.fixture
def cache_on():
    with override_settings(GRAPHQL_CACHE_ENABLED=True):
        yield


def key_of(query, variables=None):
    return response_cache_key(query, variables)


def titles(answer):
    return [item["title"] for item in answer["data"]["pressReleases"]["items"]]


def queries_for(client, query=QUERY):
    with CaptureQueriesContext(connection) as captured:
        response = client.post(
            "/graphql/", json.dumps({"query": query}), content_type="application/json"
        )
    return response, [q["sql"] for q in captured.captured_queries]


@pytest.mark.parametrize("empty", [False, True], ids=["warm", "from-empty"])
def test_a_repeated_query_is_answered_from_the_cache(client, empty):
    if empty:
        cache.response_cache().clear()  # no epoch yet: the store starts one
    first, first_sql = queries_for(client)
    second, second_sql = queries_for(client)
    assert second.json() == first.json()
    assert len(first_sql) > 3
    # One round trip to the shared cache table (the entry and the epoch), nothing
    # else: the entry's tags are not read while nothing changed.
    assert len(second_sql) == 1 and "portal_cache" in second_sql[0]


def test_after_an_unrelated_change_one_hit_checks_the_tags_then_one_round_trip(
    client,
):
    """A change elsewhere moves the epoch: the next hit reads the entry's tags'
    versions (a second round trip), finds them current and stamps the entry; the
    hits after it are one round trip again. A change to one of its tags is a
    miss, whatever the stamp."""
    first, _sql = queries_for(client)
    cache.invalidate(["tk:unrelated"], immediate=False)
    after_change, sql = queries_for(client)
    assert after_change.json() == first.json()
    assert after_change["X-Cache"] == "HIT"
    # The entry and epoch, the tags' versions, then the stamp (a write): the
    # shared cache only, no content query.
    assert len(sql) > 2 and "graphql:tag:global" in sql[1]
    assert not any("newsroom_" in q or "wagtailcore_" in q for q in sql)
    again, sql = queries_for(client)
    assert again["X-Cache"] == "HIT" and len(sql) == 1
    cache.invalidate(["list:newsroom.pressreleasepage:en"], immediate=True)
    missed, sql = queries_for(client)
    assert missed["X-Cache"] == "MISS" and len(sql) > 3


def test_a_stamp_keeps_the_entry_s_expiry(client):
    queries_for(client)
    key = key_of(QUERY)
    stored = cache.response_cache().get(key)
    cache.invalidate(["tk:unrelated"], immediate=False)
    queries_for(client)
    stamped = cache.response_cache().get(key)
    assert stamped["epoch"] != stored["epoch"]
    assert stamped["expires"] == stored["expires"]


def test_publishing_invalidates_at_once(gql, django_capture_on_commit_callbacks):
    before = titles(gql(QUERY))
    with django_capture_on_commit_callbacks(execute=True):
        create_release(title="Breaking: published just now", date=timezone.now())
    after = titles(gql(QUERY))
    assert after[0] == "Breaking: published just now" and after != before


def test_unpublishing_invalidates(gql, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        # Dated now, so it heads the list (the factory dates each release a day
        # further back than the last one it made, so after many tests it would
        # fall off the first page).
        release = create_release(title="Soon withdrawn", date=timezone.now())
    assert "Soon withdrawn" in titles(gql(QUERY))
    with django_capture_on_commit_callbacks(execute=True):
        release.unpublish()
    assert "Soon withdrawn" not in titles(gql(QUERY))


def test_snippet_edits_and_translations_invalidate(
    gql, django_capture_on_commit_callbacks
):
    query = "{ topics(locale: fr) { slug name } }"
    gql(query)
    topic = Topic.objects.get(slug="kfor", locale__language_code="fr")
    with django_capture_on_commit_callbacks(execute=True):
        topic.name = "KFOR (Force pour le Kosovo)"
        topic.save()
    names = {t["slug"]: t["name"] for t in gql(query)["data"]["topics"]}
    assert names["kfor"] == "KFOR (Force pour le Kosovo)"


def test_invalidation_is_seen_by_another_cache_client(client):
    """Two processes are two cache clients on the same backend: a fresh client on
    the same table stands for the other process."""
    other_process = DatabaseCache("portal_cache", {})
    queries_for(client)
    key = key_of(QUERY)
    entry = other_process.get(key)
    version, _hard = cache.entry_versions(entry)["global"]
    assert other_process.get("graphql:tag:global") == version
    cache.invalidate()
    assert other_process.get("graphql:tag:global") != version
    # …so the entry the first process wrote no longer counts, anywhere.
    assert cache.lookup(key)[0] is None


def test_an_answer_computed_during_a_publish_is_never_served():
    key = cache.response_key("{ x }", {}, None, "en")
    _body, generation_at_start = cache.lookup(key)
    cache.invalidate()  # the publish commits while the query runs
    cache.store(key, generation_at_start, b'{"data":{"x":"old"}}')
    assert cache.lookup(key)[0] is None


def test_errors_and_signed_in_users_are_not_shared(client, admin_client):
    bad = "{ pressReleases(locale: xx) { items { title } } }"
    queries_for(client, bad)
    assert cache.lookup(key_of(bad))[0] is None
    response, _sql = queries_for(admin_client)
    assert "private" in response["Cache-Control"]
    assert cache.lookup(key_of(QUERY))[0] is None


def test_get_answers_carry_etag_and_cache_control(client):
    response = client.get("/graphql/", {"query": QUERY}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert (
        "public" in response["Cache-Control"]
        and "max-age=60" in response["Cache-Control"]
    )
    etag = response["ETag"]
    again = client.get(
        "/graphql/",
        {"query": QUERY},
        HTTP_ACCEPT="application/json",
        HTTP_IF_NONE_MATCH=etag,
    )
    assert again.status_code == 304
    post = client.post(
        "/graphql/", json.dumps({"query": QUERY}), content_type="application/json"
    )
    assert "public" not in post["Cache-Control"]


def test_previews_are_never_shared(client):
    release = create_release(title="Previewed")
    token = release.create_page_preview().token
    query = "query($t: String) { page(token: $t) { title } }"
    body = json.dumps({"query": query, "variables": {"t": token}})
    response = client.post("/graphql/", body, content_type="application/json")
    assert response.json()["data"]["page"]["title"] == "Previewed"
    assert "private" in response["Cache-Control"]
    assert cache.lookup(key_of(query, {"t": token}))[0] is None


def post_json(client, body: dict, **headers):
    return client.post(
        "/graphql/", json.dumps(body), content_type="application/json", **headers
    )


def test_a_read_seen_before_is_answered_without_parsing(client, monkeypatch):
    """The second time the same anonymous request comes, the answer is found by
    the request as it came: nothing is decoded, parsed or printed again."""
    from cms.graphql import views

    parses = []
    real_parsed = views.parsed
    monkeypatch.setattr(views, "parsed", lambda q: parses.append(q) or real_parsed(q))
    first = post_json(client, {"query": QUERY})
    assert first["X-Cache"] == "MISS" and len(parses) == 1
    second, sql = queries_for(client)
    assert second["X-Cache"] == "HIT" and second.json() == first.json()
    assert len(parses) == 1 and len(sql) == 1
    # Another spelling of the same query goes the full way once, to the same
    # entry.
    spelled = post_json(client, {"query": QUERY.replace(" ", "  ")})
    assert spelled["X-Cache"] == "HIT" and len(parses) > 1


def test_a_read_seen_before_is_still_private_for_a_signed_in_reader(
    client, admin_client
):
    post_json(client, {"query": QUERY})
    assert post_json(client, {"query": QUERY})["X-Cache"] == "HIT"
    signed_in = post_json(admin_client, {"query": QUERY})
    assert "X-Cache" not in signed_in and "private" in signed_in["Cache-Control"]


def test_a_read_seen_before_keeps_its_media_type_and_language(client):
    post_json(client, {"query": QUERY}, HTTP_ACCEPT="application/json")
    again = post_json(client, {"query": QUERY}, HTTP_ACCEPT="application/json")
    assert again["X-Cache"] == "HIT"
    assert again["Content-Type"].startswith("application/json")
    other = post_json(
        client, {"query": QUERY}, HTTP_ACCEPT="application/graphql-response+json"
    )
    assert other["Content-Type"].startswith("application/graphql-response+json")
    assert other.json() == again.json()


def test_a_mutation_is_never_answered_from_what_was_seen(client):
    from cms.graphql import views

    mutation = {"query": "mutation { logout { ok } }"}
    for _ in range(2):
        response = post_json(client, mutation)
        assert "X-Cache" not in response and "no-store" in response["Cache-Control"]
        assert response.json()["data"]["logout"]["ok"] is True
    assert not views._known_reads
