"""Rate limits, lockouts and resend cool-downs outlive the cache (issue 18, finding
3): a flood of cheap persisted-query registrations (and answers in the response
cache) fills the shared cache past its cap, and an address that was RATE_LIMITED
stays limited, a client limited on sign-in stays limited, a cool-down holds."""

import hashlib
import json

import pytest
from django.core.cache import cache
from django.test import override_settings

from accounts.models import RateLimitCounter
from accounts.ratelimit import hit, purge_expired
from tests.conftest import error_codes

from .conftest import PASSWORD, post_graphql

pytestmark = pytest.mark.django_db

VERIFY = """mutation($email: String!, $code: String!) {
  verifyEmail(email: $email, code: $code) { ok } }"""
LOGIN = """mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) { csrfToken } }"""
FORGOT = """mutation($email: String!) {
  requestPasswordReset(email: $email) { ok retryAfter } }"""
TARGET = "target@example.org"
# The shared cache of the tests, capped small so that the flood overflows it.
SMALL_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "portal_cache",
        "OPTIONS": {"MAX_ENTRIES": 40, "CULL_FREQUENCY": 2},
    },
    "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}


def verify(client, ip="203.0.113.9"):
    answer = post_graphql(
        client, VERIFY, {"email": TARGET, "code": "000000"}, REMOTE_ADDR=ip
    ).json()
    return error_codes(answer)


def login(client, ip):
    answer = post_graphql(
        client, LOGIN, {"email": TARGET, "password": "Wrong-Passw0rd!"}, REMOTE_ADDR=ip
    ).json()
    return error_codes(answer)


def register_persisted_queries(client, count: int) -> None:
    """``{__typename}#N`` with its hash, from many clients (each under its own
    registration allowance): each one is stored, and its answer cached."""
    for number in range(count):
        query = "{__typename}#%d" % number
        digest = hashlib.sha256(query.encode()).hexdigest()
        body = {
            "query": query,
            "extensions": {"persistedQuery": {"version": 1, "sha256Hash": digest}},
        }
        response = client.post(
            "/graphql/",
            json.dumps(body),
            content_type="application/json",
            REMOTE_ADDR=f"192.0.2.{number % 250}",
        )
        assert response.json() == {"data": {"__typename": "Query"}}


@override_settings(
    CACHES=SMALL_CACHE,
    GRAPHQL_CACHE_ENABLED=True,
    ACCOUNTS_RATE_LIMITS={"code-check:address": (3, 3600), "login:ip": (3, 900)},
)
def test_a_full_cache_gives_no_limit_back(client, clock):
    for _try in range(3):
        assert verify(client) == ["INVALID_CODE"]
    assert verify(client) == ["RATE_LIMITED"]
    for _try in range(3):
        assert login(client, "198.51.100.20") == ["INVALID_CREDENTIALS"]
    assert login(client, "198.51.100.20") == ["RATE_LIMITED"]
    assert post_graphql(client, FORGOT, {"email": TARGET}).status_code == 200

    register_persisted_queries(client, 300)
    for number in range(200):
        cache.set(f"filler:{number}", "x" * 100)
    # The cache did overflow: most of the flood is gone from it.
    assert len(cache.get_many([f"filler:{n}" for n in range(200)])) < 40

    assert verify(client, ip="203.0.113.10") == ["RATE_LIMITED"]
    assert login(client, "198.51.100.20") == ["RATE_LIMITED"]
    answer = post_graphql(client, FORGOT, {"email": TARGET}).json()
    assert error_codes(answer) == ["RESEND_TOO_SOON"]


@override_settings(ACCOUNTS_RATE_LIMITS={"code-check:address": (2, 3600)})
def test_clearing_the_cache_gives_no_limit_back(client, user, clock):
    for _try in range(2):
        assert verify(client) == ["INVALID_CODE"]
    assert post_graphql(client, FORGOT, {"email": TARGET}).status_code == 200
    for _try in range(5):  # django-axes locks this address out for this client
        post_graphql(
            client, LOGIN, {"email": user.email, "password": "Wrong-Passw0rd!"}
        )
    cache.clear()
    assert verify(client) == ["RATE_LIMITED"]
    answer = post_graphql(client, FORGOT, {"email": TARGET}).json()
    assert error_codes(answer) == ["RESEND_TOO_SOON"]
    answer = post_graphql(client, LOGIN, {"email": user.email, "password": PASSWORD})
    assert error_codes(answer.json()) == ["LOCKED_OUT"]


@override_settings(ACCOUNTS_RATE_LIMITS={"code-check:address": (2, 60)})
def test_counters_are_digests_and_finished_windows_are_purged(clock):
    hit("code-check:address", TARGET)
    hit("code-check:address", TARGET)
    row = RateLimitCounter.objects.get()
    assert row.count == 2 and TARGET not in row.identity and len(row.identity) == 64
    clock.advance(seconds=60)
    # A new window starts from zero, and the finished one is deleted.
    hit("code-check:address", TARGET)
    assert list(RateLimitCounter.objects.values_list("count", flat=True)) == [1]
    clock.advance(seconds=120)
    assert purge_expired() == 1
    assert not RateLimitCounter.objects.exists()
