"""The persisted queries' own store (issue 18, finding 3): a bounded table, never
the shared cache, with a registration allowance per client."""

import datetime
import hashlib
import json

import pytest
from django.core.cache import cache
from django.test import RequestFactory, override_settings
from django.utils import timezone

from cms.graphql import persisted
from cms.models import PersistedQuery
from tests.conftest import error_codes

pytestmark = pytest.mark.django_db


def query_and_hash(number: int) -> tuple[str, str]:
    query = "{__typename}#%d" % number
    return query, hashlib.sha256(query.encode()).hexdigest()


def register(client, number: int, ip: str = "198.51.100.7") -> dict:
    query, digest = query_and_hash(number)
    body = {
        "query": query,
        "extensions": {"persistedQuery": {"version": 1, "sha256Hash": digest}},
    }
    response = client.post(
        "/graphql/", json.dumps(body), content_type="application/json", REMOTE_ADDR=ip
    )
    return response.json()


def test_registrations_go_to_their_table_not_the_cache(client):
    cache.clear()
    assert register(client, 1) == {"data": {"__typename": "Query"}}
    query, digest = query_and_hash(1)
    assert PersistedQuery.objects.get(sha256=digest).query == query
    assert cache.get(f"graphql:apq:{digest}") is None
    assert persisted.resolve_query(None, digest) == query


@override_settings(GRAPHQL_PERSISTED_QUERY_MAX_ENTRIES=20)
def test_the_table_is_capped_and_keeps_the_most_recent(client):
    for number in range(50):
        register(client, number, ip=f"192.0.2.{number}")
    assert 10 <= PersistedQuery.objects.count() <= 20
    assert persisted.lookup(query_and_hash(49)[1]) is not None
    assert persisted.lookup(query_and_hash(0)[1]) is None


def test_a_query_past_its_timeout_is_registered_again(client):
    register(client, 7)
    query, digest = query_and_hash(7)
    PersistedQuery.objects.filter(sha256=digest).update(
        used_at=timezone.now() - datetime.timedelta(days=31)
    )
    with pytest.raises(persisted.PersistedQueryNotFound):
        persisted.resolve_query(None, digest)
    register(client, 7)
    assert persisted.resolve_query(None, digest) == query


@override_settings(GRAPHQL_PERSISTED_QUERY_MAX_BYTES=100)
def test_long_queries_run_but_are_not_kept(client):
    query = "{__typename}#" + "x" * 200
    digest = hashlib.sha256(query.encode()).hexdigest()
    persisted.remember(query, digest)
    assert not PersistedQuery.objects.filter(sha256=digest).exists()


@override_settings(GRAPHQL_PERSISTED_QUERY_REGISTRATIONS=3, TRUSTED_PROXIES=[])
def test_each_client_registers_a_limited_number_of_new_queries():
    factory = RequestFactory()
    flooder = factory.post("/graphql/", REMOTE_ADDR="198.51.100.7")
    other = factory.post("/graphql/", REMOTE_ADDR="198.51.100.8")
    for number in range(3):
        query, digest = query_and_hash(number)
        assert persisted.resolve_query(query, digest, request=flooder) == query
        persisted.remember(query, digest, request=flooder)
    query, digest = query_and_hash(3)
    with pytest.raises(persisted.PersistedQueryRegistrationLimited) as refused:
        persisted.resolve_query(query, digest, request=flooder)
    assert refused.value.extensions["code"] == "PERSISTED_QUERY_REGISTRATION_LIMITED"
    assert 0 < refused.value.extensions["retryAfter"] <= 3600
    # Not stored even if asked to; a query already known is still accepted.
    persisted.remember(query, digest, request=flooder)
    assert not PersistedQuery.objects.filter(sha256=digest).exists()
    known, known_digest = query_and_hash(0)
    assert persisted.resolve_query(known, known_digest, request=flooder) == known
    # Another client has its own allowance.
    assert persisted.resolve_query(query, digest, request=other) == query
    persisted.remember(query, digest, request=other)
    assert PersistedQuery.objects.filter(sha256=digest).exists()


def test_an_unknown_hash_is_still_not_found(client):
    answer = client.post(
        "/graphql/",
        json.dumps(
            {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "a" * 64}}}
        ),
        content_type="application/json",
    ).json()
    assert error_codes(answer) == ["PERSISTED_QUERY_NOT_FOUND"]


@override_settings(GRAPHQL_PERSISTED_QUERY_REGISTRATIONS=3, TRUSTED_PROXIES=[])
def test_over_http_a_client_past_its_allowance_is_refused(client):
    for number in range(3):
        assert register(client, number) == {"data": {"__typename": "Query"}}
    answer = register(client, 3)
    assert error_codes(answer) == ["PERSISTED_QUERY_REGISTRATION_LIMITED"]
    # Known queries still work, and another client has its own allowance.
    assert register(client, 0) == {"data": {"__typename": "Query"}}
    assert register(client, 3, ip="198.51.100.8") == {"data": {"__typename": "Query"}}
