"""The newsletter's limits are database counters like the accounts' (issue 18,
finding 3): clearing the cache gives no subscription attempts back, and clients
behind the trusted proxy are counted one by one."""

import json

import pytest
from django.core.cache import cache
from django.test import override_settings

from tests.conftest import error_codes

pytestmark = pytest.mark.django_db

SUBSCRIBE = """mutation($email: String!) {
  subscribeNewsletter(email: $email, language: en) { ok } }"""


def subscribe(client, email, **extra):
    response = client.post(
        "/graphql/",
        json.dumps({"query": SUBSCRIBE, "variables": {"email": email}}),
        content_type="application/json",
        **extra,
    )
    return error_codes(response.json())


@override_settings(ACCOUNTS_RATE_LIMITS={"subscribe:address": (2, 3600)})
def test_the_per_address_limit_outlives_the_cache(client):
    assert subscribe(client, "reader@example.org") == []
    assert subscribe(client, "reader@example.org") == []
    cache.clear()
    assert subscribe(client, "reader@example.org") == ["RATE_LIMITED"]


@override_settings(
    ACCOUNTS_RATE_LIMITS={"subscribe:ip": (2, 3600)}, TRUSTED_PROXIES=["10.0.0.2"]
)
def test_clients_behind_the_proxy_are_counted_apart(client):
    behind = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    assert subscribe(client, "a@example.org", **behind) == []
    assert subscribe(client, "b@example.org", **behind) == []
    assert subscribe(client, "c@example.org", **behind) == ["RATE_LIMITED"]
    other = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.2"}
    assert subscribe(client, "c@example.org", **other) == []
