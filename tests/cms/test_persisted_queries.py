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
