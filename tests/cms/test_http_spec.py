"""GraphQL over HTTP as the spec and stock clients expect it: media types and
status codes, GET whatever the Content-Type, language-neutral data answers, a
response cache keyed on the normalised document, a bound on the answer's size."""

import hashlib
import json

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from cms.graphql import documents
from cms.graphql.views import response_media_type
from tests.conftest import DEMO_PEOPLE, error_codes

pytestmark = pytest.mark.django_db

GRAPHQL_RESPONSE = "application/graphql-response+json"
APOLLO_ACCEPT = "application/graphql-response+json,application/json;q=0.9"
QUERY = "{ people(locale: en) { slug } }"
PARSE_ERROR = "{ people(locale: "
VALIDATION_ERROR = "{ noSuchField }"
COERCION_ERROR = ("query($n: Int) { pressReleases(perPage: $n) { total } }", {"n": "x"})


def post(client, query, variables=None, accept=None, **extra):
    if accept is not None:
        extra["HTTP_ACCEPT"] = accept
    body = json.dumps({"query": query, "variables": variables})
    return client.post("/graphql/", body, content_type="application/json", **extra)


# --- media types and status codes -----------------------------------------------------


@pytest.mark.parametrize(
    "accept, expected",
    [
        (None, "application/json"),
        ("", "application/json"),
        ("*/*", "application/json"),
        ("application/*", "application/json"),
        ("application/json", "application/json"),
        ("text/html", "application/json"),
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        (APOLLO_ACCEPT, GRAPHQL_RESPONSE),
        (
            "application/json, application/graphql-response+json;q=0.5",
            "application/json",
        ),
        ("application/graphql-response+json;q=0, */*", "application/json"),
    ],
)
def test_the_media_type_follows_accept(accept, expected):
    assert response_media_type(accept) == expected


def test_answers_carry_the_media_type_asked_for(client):
    for accept, media_type in [
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        (APOLLO_ACCEPT, GRAPHQL_RESPONSE),
        ("application/json", "application/json"),
        ("*/*", "application/json"),
    ]:
        response = post(client, QUERY, accept=accept)
        assert response.status_code == 200
        assert response["Content-Type"] == f"{media_type}; charset=utf-8"
        assert len(response.json()["data"]["people"]) == DEMO_PEOPLE
        assert "Accept" in response["Vary"]


@pytest.mark.parametrize(
    "query, variables, code",
    [
        (PARSE_ERROR, None, "GRAPHQL_PARSE_FAILED"),
        (VALIDATION_ERROR, None, "GRAPHQL_VALIDATION_FAILED"),
        (*COERCION_ERROR, "GRAPHQL_VALIDATION_FAILED"),
    ],
    ids=["parse", "validation", "variable coercion"],
)
def test_graphql_request_errors_are_200_as_json_and_400_as_graphql_response(
    client, query, variables, code
):
    for accept in (None, "application/json"):
        response = post(client, query, variables, accept=accept)
        assert response.status_code == 200
        answer = response.json()
        assert error_codes(answer) == [code] and "data" not in answer
    response = post(client, query, variables, accept=GRAPHQL_RESPONSE)
    assert response.status_code == 400
    assert response["Content-Type"].startswith(GRAPHQL_RESPONSE)
    answer = response.json()
    assert error_codes(answer) == [code] and "data" not in answer


def test_field_errors_are_200_with_data_under_both_media_types(client):
    query = (
        '{ people(locale: en) { slug } pressReleases(locale: en, topic: "nope") '
        "{ items { title } } }"
    )
    for accept in ("application/json", GRAPHQL_RESPONSE):
        response = post(client, query, accept=accept)
        assert response.status_code == 200
        answer = response.json()
        assert "data" in answer and error_codes(answer) == ["UNKNOWN_TOPIC"]


def test_http_level_refusals_keep_their_status_and_code(client):
    for accept in ("application/json", GRAPHQL_RESPONSE):
        response = client.put(
            "/graphql/", "{}", content_type="application/json", HTTP_ACCEPT=accept
        )
        assert response.status_code == 405
        assert error_codes(response.json()) == ["METHOD_NOT_ALLOWED"]
        assert response["Allow"] == "GET, POST"
        response = client.post(
            "/graphql/", "x", content_type="text/plain", HTTP_ACCEPT=accept
        )
        assert response.status_code == 415
        assert error_codes(response.json()) == ["UNSUPPORTED_MEDIA_TYPE"]
        response = client.post(
            "/graphql/", "{oops", content_type="application/json", HTTP_ACCEPT=accept
        )
        assert response.status_code == 400
        assert error_codes(response.json()) == ["BAD_REQUEST"]
        response = client.get("/graphql/", {"query": "x" * 100_001})
        assert response.status_code == 413
        assert error_codes(response.json()) == ["REQUEST_TOO_LARGE"]


def test_mutations_are_refused_over_get_and_need_csrf_over_post(client, mailoutbox):
    mutation = 'mutation { requestPasswordReset(email: "a@example.org") { ok } }'
    response = client.get("/graphql/", {"query": mutation})
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert error_codes(response.json()) == ["METHOD_NOT_ALLOWED"]
    csrf_client = type(client)(enforce_csrf_checks=True)
    response = post(csrf_client, mutation)
    assert response.status_code == 403
    assert error_codes(response.json()) == ["CSRF_FAILED"]
    assert mailoutbox == []


# --- GET whatever the Content-Type: Apollo's persisted queries ------------------------


def test_get_works_whatever_content_type_the_client_names(client):
    for content_type in ("application/json", "text/plain", "application/graphql"):
        response = client.get("/graphql/", {"query": QUERY}, CONTENT_TYPE=content_type)
        assert response.status_code == 200, response.content
        assert len(response.json()["data"]["people"]) == DEMO_PEOPLE


def test_apollo_persisted_query_link_over_get(client):
    """What PersistedQueryLink({sha256, useGETForHashedQueries: true}) sends: a
    GET with the hash alone and Content-Type: application/json; on
    PERSISTED_QUERY_NOT_FOUND it posts the query with its hash, then GETs again."""
    digest = hashlib.sha256(QUERY.encode()).hexdigest()
    extensions = json.dumps({"persistedQuery": {"version": 1, "sha256Hash": digest}})
    headers = {"CONTENT_TYPE": "application/json", "HTTP_ACCEPT": APOLLO_ACCEPT}
    response = client.get("/graphql/", {"extensions": extensions}, **headers)
    assert response.status_code == 400  # graphql-response+json: no data, 4xx
    assert response["Content-Type"].startswith(GRAPHQL_RESPONSE)
    assert error_codes(response.json()) == ["PERSISTED_QUERY_NOT_FOUND"]
    assert "no-store" in response["Cache-Control"]
    body = json.dumps({"query": QUERY, "extensions": json.loads(extensions)})
    response = client.post(
        "/graphql/", body, "application/json", HTTP_ACCEPT=APOLLO_ACCEPT
    )
    assert len(response.json()["data"]["people"]) == DEMO_PEOPLE
    response = client.get("/graphql/", {"extensions": extensions}, **headers)
    assert response.status_code == 200
    assert len(response.json()["data"]["people"]) == DEMO_PEOPLE
    # Under plain application/json the miss is a 200, as Apollo 3 expects.
    other = hashlib.sha256(b"{ __typename }").hexdigest()
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": other}}
    response = client.get(
        "/graphql/",
        {"extensions": json.dumps(extensions)},
        CONTENT_TYPE="application/json",
    )
    assert response.status_code == 200
    assert error_codes(response.json()) == ["PERSISTED_QUERY_NOT_FOUND"]


@override_settings(GRAPHQL_CACHE_ENABLED=True)
def test_a_query_whose_answer_is_cached_is_still_persisted(client):
    """A popular query's answer is in the shared cache before a client sends its
    hash: the hash must still be remembered, or every hashed GET misses."""
    client.get("/graphql/", {"query": QUERY})  # fills the response cache
    digest = hashlib.sha256(QUERY.encode()).hexdigest()
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": digest}}
    response = client.post(
        "/graphql/",
        json.dumps({"query": QUERY, "extensions": extensions}),
        "application/json",
    )
    assert len(response.json()["data"]["people"]) == DEMO_PEOPLE
    response = client.get("/graphql/", {"extensions": json.dumps(extensions)})
    assert response.status_code == 200
    assert len(response.json()["data"]["people"]) == DEMO_PEOPLE


def test_a_content_length_that_is_not_a_number_is_a_bad_request(client):
    response = client.post(
        "/graphql/", QUERY, "application/graphql", CONTENT_LENGTH="ten"
    )
    assert response.status_code == 400
    assert error_codes(response.json()) == ["BAD_REQUEST"]


# --- languages ------------------------------------------------------------------------


@override_settings(GRAPHQL_CACHE_ENABLED=True)
def test_data_answers_do_not_vary_on_accept_language(client):
    response = client.get("/graphql/", {"query": QUERY}, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    assert "Accept-Language" not in response.get("Vary", "")
    assert "Content-Language" not in response
    assert "public" in response["Cache-Control"]
    # Revalidation answers the same way.
    again = client.get(
        "/graphql/",
        {"query": QUERY},
        HTTP_ACCEPT_LANGUAGE="fr",
        HTTP_IF_NONE_MATCH=response["ETag"],
    )
    assert again.status_code == 304
    assert "Accept-Language" not in again.get("Vary", "")
    assert "Content-Language" not in again
    # POSTed reads too.
    response = post(client, QUERY, HTTP_ACCEPT_LANGUAGE="fr")
    assert "Accept-Language" not in response.get("Vary", "")
    assert "Content-Language" not in response


@override_settings(GRAPHQL_CACHE_ENABLED=True)
def test_answers_with_errors_vary_and_are_never_served_across_languages(client):
    query = '{ pressReleases(locale: en, topic: "nope") { items { title } } }'
    messages = {}
    for language in ("fr", "en", "fr"):
        response = client.get(
            "/graphql/", {"query": query}, HTTP_ACCEPT_LANGUAGE=language
        )
        assert response.status_code == 200
        assert "Accept-Language" in response["Vary"]
        assert response["Content-Language"] == language
        assert "public" not in response["Cache-Control"]
        messages.setdefault(language, response.json()["errors"][0]["message"])
    assert messages["fr"].startswith("Thème")
    assert messages["en"].startswith("Unknown topic")


# --- the response cache key -----------------------------------------------------------


def sql_count(client, query, variables=None):
    with CaptureQueriesContext(connection) as captured:
        response = post(client, query, variables)
    assert response.status_code == 200
    return response.json(), len(captured.captured_queries)


@override_settings(GRAPHQL_CACHE_ENABLED=True)
def test_comments_whitespace_and_unused_variables_share_one_cache_entry(client):
    first, first_sql = sql_count(client, QUERY)
    assert first_sql > 1
    for variant, variables in [
        ("{people(locale:en){slug}}", None),
        ("# a comment\n{ people( locale : en ) ,{ slug } }  ", None),
        ("{ people(locale: en) { slug # another\n } }", None),
        (QUERY, {"unused": "value"}),
    ]:
        answer, variant_sql = sql_count(client, variant, variables)
        assert answer == first
        assert variant_sql == 1, (
            variant
        )  # the entry and the epoch, from the cache table
    # A different query is a different entry.
    _answer, other_sql = sql_count(client, "{ people(locale: fr) { slug } }")
    assert other_sql > 1


# --- the bound on the answer's size ---------------------------------------------------


@override_settings(GRAPHQL_CACHE_ENABLED=True, GRAPHQL_MAX_RESPONSE_BYTES=60)
def test_an_answer_larger_than_the_bound_is_refused_and_not_cached(client):
    small = "{ __typename }"
    assert post(client, small).json() == {"data": {"__typename": "Query"}}
    response = post(client, QUERY)
    assert response.status_code == 200
    answer = response.json()
    assert answer["data"] is None
    assert error_codes(answer) == ["RESPONSE_TOO_LARGE"]
    assert answer["errors"][0]["extensions"]["limit"] == 60
    _answer, sql = sql_count(client, QUERY)
    assert sql > 1  # computed again: nothing was stored


# --- suggestions ----------------------------------------------------------------------


def test_suggestions_are_given_only_with_introspection_on(client):
    query = "{ pressReleasez(locale: en) { items { title } } }"
    message = post(client, query).json()["errors"][0]["message"]
    assert "Did you mean" in message and "pressReleases" in message
    with override_settings(GRAPHQL_INTROSPECTION=False):
        for text in (query, '{ people(local: "en") { slug } }'):
            for error in post(client, text).json()["errors"]:
                assert "Did you mean" not in error["message"]
                assert "pressReleases" not in error["message"]
        message = post(client, query).json()["errors"][0]["message"]
        assert message == "Cannot query field 'pressReleasez' on type 'Query'."


@pytest.mark.parametrize(
    "message, expected",
    [
        (
            "Cannot query field 'x' on type 'Query'. Did you mean 'a', 'b', or 'c'?",
            "Cannot query field 'x' on type 'Query'.",
        ),
        (
            "Variable '$t' got invalid value 'BLOG'; Value 'BLOG' does not exist in "
            "'MediaType' enum. Did you mean the enum value 'BLAG'?",
            "Variable '$t' got invalid value 'BLOG'; Value 'BLOG' does not exist in "
            "'MediaType' enum.",
        ),
        ("Unknown type 'Foo'.", "Unknown type 'Foo'."),
    ],
)
def test_suggestions_are_cut_from_every_kind_of_message(message, expected):
    assert documents.without_suggestions(message) == expected
