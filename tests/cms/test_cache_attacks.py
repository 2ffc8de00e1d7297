"""An attacker's review of the anonymous read path's shortcuts (issue 17): the
known-read lane (cms/graphql/views.py), the one-round-trip hit (cache.py) and the
per-item node cache (nodes.py). Each test is a way one of them could answer what
the full way would refuse, or show what it must not."""

import json

import pytest
from django.test import override_settings

pytestmark = [pytest.mark.django_db]

QUERY = "{ pressReleases(locale: en, perPage: 2) { items { title } } }"


@pytest.fixture(autouse=True)
def cache_on():
    with override_settings(GRAPHQL_CACHE_ENABLED=True, GRAPHQL_NODE_CACHE=True):
        yield


def post(client, body, path="/graphql/", **headers):
    return client.post(path, body, content_type="application/json", **headers)


# --- the known-read lane answers nothing the full way refuses ---------------------


def test_a_post_made_too_large_by_its_query_string_is_refused_when_known(client):
    """The full way counts the query string in a request's size (check_request):
    a read seen before, sent again with a padded URL, is a 413 too, not a hit."""
    body = json.dumps({"query": QUERY})
    limit = len(body) + 100
    with override_settings(GRAPHQL_MAX_REQUEST_BYTES=limit):
        assert post(client, body)["X-Cache"] == "MISS"
        assert post(client, body)["X-Cache"] == "HIT"
        padded = post(client, body, path="/graphql/?pad=" + "x" * limit)
        assert padded.status_code == 413
        assert padded.json()["errors"][0]["extensions"]["code"] == "REQUEST_TOO_LARGE"


def test_a_get_made_too_large_by_its_content_length_is_refused_when_known(client):
    url = "/graphql/?" + "query=" + QUERY.replace(" ", "+")
    with override_settings(GRAPHQL_MAX_REQUEST_BYTES=len(url) + 100):
        assert client.get(url)["X-Cache"] == "MISS"
        assert client.get(url)["X-Cache"] == "HIT"
        padded = client.get(url, CONTENT_LENGTH=str(len(url) + 200))
        assert padded.status_code == 413
        bad = client.get(url, CONTENT_LENGTH="many")
        assert bad.status_code == 400
