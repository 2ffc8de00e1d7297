"""Automatic persisted queries, the Apollo protocol: hash first, query once."""

import hashlib
import json

import pytest

from tests.conftest import DEMO_PEOPLE, error_codes

pytestmark = pytest.mark.django_db

QUERY = "{ people(locale: fr) { slug } }"
DIGEST = hashlib.sha256(QUERY.encode()).hexdigest()


def extensions(digest=DIGEST):
    return {"persistedQuery": {"version": 1, "sha256Hash": digest}}


def post(client, body):
    response = client.post(
        "/graphql/", json.dumps(body), content_type="application/json"
    )
    return response.json()


def test_unknown_hash_asks_for_the_query_then_get_by_hash_works(client):
    answer = post(client, {"extensions": extensions()})
    assert error_codes(answer) == ["PERSISTED_QUERY_NOT_FOUND"]
    assert answer["errors"][0]["message"] == "PersistedQueryNotFound"
    answer = post(client, {"query": QUERY, "extensions": extensions()})
    assert len(answer["data"]["people"]) == DEMO_PEOPLE
    # From now on a GET with the hash alone is enough (and CDN-cacheable).
    response = client.get(
        "/graphql/",
        {"extensions": json.dumps(extensions())},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200
    assert len(response.json()["data"]["people"]) == DEMO_PEOPLE


def test_hash_must_match_the_query(client):
    answer = post(client, {"query": QUERY, "extensions": extensions("0" * 64)})
    assert error_codes(answer) == ["PERSISTED_QUERY_INVALID"]
    answer = post(client, {"extensions": {"persistedQuery": {"version": 2}}})
    assert error_codes(answer) == ["PERSISTED_QUERY_INVALID"]
    response = client.get(
        "/graphql/", {"extensions": "{oops"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 400
    assert error_codes(response.json()) == ["BAD_REQUEST"]


def test_invalid_queries_are_not_remembered(client):
    bad = "{ noSuchField }"
    digest = hashlib.sha256(bad.encode()).hexdigest()
    post(client, {"query": bad, "extensions": extensions(digest)})
    answer = post(client, {"extensions": extensions(digest)})
    assert error_codes(answer) == ["PERSISTED_QUERY_NOT_FOUND"]


@pytest.mark.usefixtures("cache_on")
def test_a_hash_answered_from_a_read_seen_before_still_counts_as_used(client):
    """The second hash-only GET is answered without reading the store (a read
    seen before, straight to the response cache): its use is still written, so a
    query in constant use is never dropped as unused."""
    import datetime

    from django.utils import timezone

    from cms.graphql import persisted
    from cms.models import PersistedQuery

    post(client, {"query": QUERY, "extensions": extensions()})

    def get():
        return client.get(
            "/graphql/",
            {"extensions": json.dumps(extensions())},
            HTTP_ACCEPT="application/json",
        )

    assert get().status_code == 200  # the full way: read from the store
    long_ago = timezone.now() - datetime.timedelta(hours=5)
    PersistedQuery.objects.filter(sha256=DIGEST).update(used_at=long_ago)
    persisted._used.clear()
    response = get()
    assert response["X-Cache"] == "HIT"
    used_at = PersistedQuery.objects.get(sha256=DIGEST).used_at
    assert used_at > long_ago + datetime.timedelta(hours=4)


@pytest.fixture
def cache_on(settings):
    settings.GRAPHQL_CACHE_ENABLED = True
