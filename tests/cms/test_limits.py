"""Every limit answers with a coded error before any work, never a 500."""

import json

import pytest
from django.test import override_settings

from tests.conftest import DEMO_PEOPLE, error_codes

pytestmark = pytest.mark.django_db


def post(client, body, content_type="application/json", **extra):
    return client.post("/graphql/", body, content_type=content_type, **extra)


def codes(response) -> list[str]:
    return error_codes(response.json())


def test_depth_bomb_is_refused(gql):
    nested = "parent { " * 20 + "slug" + " }" * 20
    answer = gql("{ topics { %s } }" % nested)
    assert error_codes(answer) == ["QUERY_TOO_DEEP"]


def test_depth_through_fragments_is_counted(gql):
    fragments = "".join(
        f"fragment F{n} on Topic {{ parent {{ ...F{n + 1} }} }}\n" for n in range(15)
    )
    query = "{ topics { ...F0 } }\n" + fragments + "fragment F15 on Topic { slug }"
    answer = gql(query)
    assert error_codes(answer) == ["QUERY_TOO_DEEP"]


def test_alias_bomb_is_refused(gql):
    aliases = " ".join(f"a{n}: people {{ slug }}" for n in range(31))
    answer = gql("{ %s }" % aliases)
    assert error_codes(answer) == ["TOO_MANY_ALIASES"]
    assert "30" in answer["errors"][0]["message"]


def test_fragment_bomb_is_refused_quickly(gql):
    # Each fragment spreads the next twice: 2**20 fields once expanded.
    fragments = "".join(
        f"fragment F{n} on Topic {{ ...F{n + 1} ...F{n + 1} }}\n" for n in range(20)
    )
    query = "{ topics { ...F0 } }\n" + fragments + "fragment F20 on Topic { slug }"
    answer = gql(query)
    assert error_codes(answer) == ["QUERY_TOO_COMPLEX"]


def test_a_reasonable_query_passes_the_limits(gql):
    answer = gql("{ a: people(locale: en) { slug } b: people(locale: fr) { slug } }")
    assert len(answer["data"]["a"]) == len(answer["data"]["b"]) == DEMO_PEOPLE


def test_huge_per_page_is_refused(gql):
    answer = gql("{ pressReleases(perPage: 1000000) { items { id } } }")
    assert error_codes(answer) == ["INVALID_ARGUMENT"]


def test_a_10_mb_body_is_refused_without_reading_it(client):
    body = json.dumps({"query": "{ people { slug } }", "pad": "x" * 10_000_000})
    response = post(client, body)
    assert response.status_code == 413
    assert codes(response) == ["REQUEST_TOO_LARGE"]


def test_malformed_json_and_wrong_content_type(client):
    response = post(client, "{not json")
    assert response.status_code == 400 and codes(response) == ["BAD_REQUEST"]
    response = post(client, "query=x", content_type="text/plain")
    assert response.status_code == 415 and codes(response) == ["UNSUPPORTED_MEDIA_TYPE"]
    response = client.put("/graphql/", "{}", content_type="application/json")
    assert response.status_code == 405 and codes(response) == ["METHOD_NOT_ALLOWED"]


def test_graphql_content_type_is_accepted(client):
    response = post(client, "{ people(locale: fr) { slug } }", "application/graphql")
    assert response.status_code == 200
    assert len(response.json()["data"]["people"]) == DEMO_PEOPLE


def test_introspection_can_be_switched_off(gql):
    assert gql("{ __schema { queryType { name } } }")["data"]["__schema"]
    with override_settings(GRAPHQL_INTROSPECTION=False):
        answer = gql("{ __schema { queryType { name } } }")
        assert error_codes(answer) == ["INTROSPECTION_DISABLED"]
        # __typename is still allowed: clients need it.
        answer = gql("{ people(locale: en) { __typename } }")
        assert answer["data"]["people"][0]["__typename"] == "Person"
