"""Every malformed request is a coded 400, never a 500, with DEBUG off and on
(with DEBUG on, an uncaught error would be Django's HTML technical page)."""

import json

import pytest
from django.test import Client, override_settings

from tests.conftest import DEMO_PEOPLE, error_codes

pytestmark = pytest.mark.django_db

QUERY = "{ people(locale: en) { slug } }"
DEEP = 40  # past the bound of 32 levels


def nested(depth: int):
    value = "x"
    for _level in range(depth):
        value = {"a": value}
    return value


JSON_BODIES = {
    "query as a number": {"query": 42},
    "query as a list": {"query": [QUERY]},
    "query as an object": {"query": {"query": QUERY}},
    "variables as a list": {"query": QUERY, "variables": [1, 2]},
    "variables as a number": {"query": QUERY, "variables": 7},
    "variables as a string that is not JSON": {"query": QUERY, "variables": "{x"},
    "variables nested too deep": {"query": QUERY, "variables": nested(DEEP)},
    "operationName as a number": {"query": QUERY, "operationName": 1},
    "operationName as an object": {"query": QUERY, "operationName": {}},
    "extensions as a list": {"query": QUERY, "extensions": []},
    "extensions as a number": {"query": QUERY, "extensions": 3},
    "the body as a list": [{"query": QUERY}],
    "the body as a string": QUERY,
    "no query at all": {"variables": {}},
}

RAW_BODIES = {
    "invalid UTF-8 in JSON": (b'{"query": "{ people { slug } }\xff"}', "json"),
    "invalid UTF-8 in application/graphql": (b"{ people { slug\xff } }", "graphql"),
    "a lone surrogate in the query": (
        b'{"query": "{ people(locale: \\"\\ud800\\") }"}',
        "json",
    ),
    "a lone surrogate in a variable": (
        b'{"query": "query($s: String) { page(slug: $s) { id } }",'
        b' "variables": {"s": "\\udc00"}}',
        "json",
    ),
    "a lone surrogate in a key": (
        b'{"query": "{ __typename }", "variables": {"\\ud800": 1}}',
        "json",
    ),
    "JSON nested beyond Python's recursion": (b"[" * 30_000 + b"]" * 30_000, "json"),
    "variables nested beyond Python's recursion": (
        b'{"query": "{ __typename }", "variables": '
        + b'{"a":' * 15_000
        + b"1"
        + b"}" * 15_001,
        "json",
    ),
}

QUERY_STRINGS = {
    "invalid UTF-8": "query=%7B__typename%7D%FF",
    "an encoded lone surrogate": "query=%7B__typename%7D%ED%A0%80",
    "variables as a list": "query=%7B__typename%7D&variables=%5B1%5D",
    "extensions that are not JSON": "query=%7B__typename%7D&extensions=%7Boops",
    "variables nested too deep": "query=%7B__typename%7D&variables="
    + "%7B%22a%22%3A" * DEEP
    + "1"
    + "%7D" * DEEP,
}


@pytest.fixture(params=[False, True], ids=["DEBUG off", "DEBUG on"])
def http(request):
    """A client that answers 500s instead of raising them, under both DEBUGs."""
    with override_settings(DEBUG=request.param):
        yield Client(raise_request_exception=False)


def assert_bad_request(response):
    assert response.status_code == 400, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    assert error_codes(response.json()) == ["BAD_REQUEST"]
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("body", JSON_BODIES.values(), ids=JSON_BODIES.keys())
def test_parameters_of_the_wrong_type_are_bad_requests(http, body):
    response = http.post("/graphql/", json.dumps(body), content_type="application/json")
    assert_bad_request(response)


@pytest.mark.parametrize("raw", RAW_BODIES.values(), ids=RAW_BODIES.keys())
def test_undecodable_bodies_are_bad_requests(http, raw):
    body, kind = raw
    content_type = f"application/{kind}"
    assert_bad_request(http.post("/graphql/", body, content_type=content_type))


@pytest.mark.parametrize("query_string", QUERY_STRINGS.values(), ids=QUERY_STRINGS)
def test_bad_get_parameters_are_bad_requests(http, query_string):
    assert_bad_request(http.get("/graphql/?" + query_string))


def test_the_refused_parameter_is_named(client):
    body = json.dumps({"query": QUERY, "variables": [1]})
    response = client.post("/graphql/", body, content_type="application/json")
    error = response.json()["errors"][0]
    assert error["extensions"]["parameter"] == "variables"
    assert error["message"] == "variables must be a JSON object."


def test_variables_nested_within_the_bound_are_accepted(client):
    # Variables the operation does not declare are ignored, but checked all the same.
    for variables in (nested(20), json.dumps(nested(20))):
        body = json.dumps({"query": "{ __typename }", "variables": {"v": variables}})
        response = client.post("/graphql/", body, content_type="application/json")
        assert response.status_code == 200
        assert response.json() == {"data": {"__typename": "Query"}}


def test_null_and_empty_parameters_are_allowed(client):
    body = {"query": QUERY, "variables": None, "operationName": None}
    body["extensions"] = None
    response = client.post(
        "/graphql/", json.dumps(body), content_type="application/json"
    )
    assert len(response.json()["data"]["people"]) == DEMO_PEOPLE
    response = client.get("/graphql/", {"query": QUERY, "variables": ""})
    assert len(response.json()["data"]["people"]) == DEMO_PEOPLE


def test_refusals_are_in_the_reader_language(client):
    body = json.dumps({"query": QUERY, "operationName": 1})
    response = client.post(
        "/graphql/", body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="fr"
    )
    message = response.json()["errors"][0]["message"]
    assert message == "operationName doit être une chaîne de caractères."
    response = client.post(
        "/graphql/", b"\xff", content_type="application/json", HTTP_ACCEPT_LANGUAGE="fr"
    )
    message = response.json()["errors"][0]["message"]
    assert message == "Le corps de la requête n’est pas en UTF-8 valide."
