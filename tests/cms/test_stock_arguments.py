"""grapple's stock arguments (cms/graphql/arguments.py): every bad value is a coded
INVALID_ARGUMENT, as a literal (refused before anything runs) or as a variable
(refused when the field is reached), never an INTERNAL_SERVER_ERROR; and no
GraphQL argument name can clash with a middleware's parameters, DEBUG or not."""

import inspect
import json

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from graphene_django import settings as graphene_django_settings
from graphene_django.settings import graphene_settings
from graphql import get_named_type

from cms.graphql.arguments import ORDER_FIELDS
from cms.graphql.views import PortalGraphQLView
from tests.conftest import error_codes

pytestmark = pytest.mark.django_db

HUGE_ID = "100000000000000000000000"  # 10**23: beyond 64 bits


def reasons(answer: dict) -> list[str]:
    return [error["extensions"].get("reason") for error in answer["errors"]]


def refused(gql, query: str, variables: dict | None = None) -> dict:
    """The answer to a query refused with INVALID_ARGUMENT: HTTP 400 for literals
    (validation), 200 with the field's path for variables (execution)."""
    answer = gql(query, variables, status=None)
    assert error_codes(answer) and set(error_codes(answer)) == {"INVALID_ARGUMENT"}, (
        answer
    )
    return answer


# --- order -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "order",
    [
        "nonexistent",
        "owner__password",
        "-owner__password",
        "content_type__pages__content_type__pages__title",
        "title,?",
        "?",
        "id,title,slug,path",  # more than three
    ],
)
def test_order_outside_the_allow_list_is_refused(gql, order):
    answer = refused(gql, '{ pages(limit: 1, order: "%s") { id } }' % order)
    assert reasons(answer) == ["UNKNOWN_ORDER"]
    message = answer["errors"][0]["message"]
    assert "first_published_at" in message and "owner" not in message
    # As a variable, nested: the same code, the field null with its path.
    answer = refused(
        gql,
        'query($o: String) { page(urlPath: "/") { children(order: $o) { id } } }',
        {"o": order},
    )
    assert answer["errors"][0]["path"] == ["page", "children"]
    assert reasons(answer) == ["UNKNOWN_ORDER"]


def test_allowed_orders_sort(gql):
    titles = [
        page["title"]
        for page in gql('{ pages(limit: 100, order: "title, -id") { title } }')["data"][
            "pages"
        ]
    ]
    assert titles == sorted(titles)
    answer = gql(
        'query($o: String) { pages(order: $o) { id } images(order: "-created_at") '
        '{ id } sites(order: "hostname") { id } tags(order: "name") { id } '
        'collections(order: "name") { id } documents(order: "title") { id } }',
        {"o": "-first_published_at"},
    )
    assert "errors" not in answer, answer


def test_sites_cannot_be_sorted_by_their_root_pages_owner(gql):
    answer = refused(gql, '{ sites(order: "root_page__owner__password") { id } }')
    assert reasons(answer) == ["UNKNOWN_ORDER"]


# --- limit, offset and searchQuery -----------------------------------------------


def test_limit_beyond_the_maximum_is_refused_not_clamped(gql):
    answer = refused(gql, '{ page(urlPath: "/") { siblings(limit: 101) { id } } }')
    assert reasons(answer) == ["LIMIT_OUT_OF_RANGE"]
    assert len(gql("{ pages(limit: 100) { id } }")["data"]["pages"]) > 10


@pytest.mark.parametrize("argument", ["limit", "offset"])
def test_negative_limit_or_offset_from_a_variable_is_refused(gql, argument):
    # PositiveInt refuses negative literals but not variables.
    answer = refused(
        gql, "query($n: PositiveInt) { pages(%s: $n) { id } }" % argument, {"n": -1}
    )
    assert reasons(answer) == [f"{argument.upper()}_OUT_OF_RANGE"]


@pytest.mark.parametrize("field", ["documents", "images", "sites"])
def test_search_of_lists_that_cannot_be_searched_is_refused(gql, field):
    answer = refused(gql, '{ %s(searchQuery: "nato") { id } }' % field)
    assert reasons(answer) == ["SEARCH_NOT_SUPPORTED"]


def test_pages_can_be_searched(gql):
    answer = gql('{ pages(searchQuery: "Osmani") { title } }')
    assert "errors" not in answer, answer


# --- ids and strings ---------------------------------------------------------------


@pytest.mark.parametrize("field", ["document", "site", "tag", "image", "page"])
@pytest.mark.parametrize("value", ["abc", "-1", "1.5", HUGE_ID])
def test_bad_ids_are_invalid_arguments(gql, field, value):
    answer = refused(gql, '{ %s(id: "%s") { id } }' % (field, value))
    assert reasons(answer) == ["INVALID_ID"]
    answer = refused(gql, "query($i: ID) { %s(id: $i) { id } }" % field, {"i": value})
    assert reasons(answer) == ["INVALID_ID"]


@pytest.mark.parametrize(
    "query",
    [
        '{ pages(id: "abc") { id } }',
        '{ pages(parent: "abc") { id } }',
        '{ pages(ancestor: "%s") { id } }' % HUGE_ID,
        '{ images(collection: "abc") { id } }',
        '{ collections(id: "abc") { id } }',
        '{ page(urlPath: "/") { children(id: "abc") { id } } }',
    ],
)
def test_bad_ids_on_stock_lists_are_invalid_arguments(gql, query):
    assert reasons(refused(gql, query)) == ["INVALID_ID"]


@pytest.mark.parametrize(
    "query",
    [
        '{ site(hostname: "a:b:c") { id } }',
        '{ site(hostname: "localhost:abc") { id } }',
        '{ pages(site: "localhost:1:2") { id } }',
    ],
)
def test_host_names_with_a_bad_port_are_invalid_arguments(gql, query):
    assert reasons(refused(gql, query)) == ["INVALID_HOSTNAME"]
    assert gql('{ site(hostname: "localhost:8000") { id } }')["data"]["site"] is None


def test_a_well_formed_id_that_matches_nothing_is_null(gql):
    answer = gql('{ document(id: "999999") { id } image(id: "999999") { id } }')
    assert answer["data"] == {"document": None, "image": None}


def test_a_video_id_beyond_64_bits_is_an_invalid_argument(client, gql):
    user = get_user_model().objects.create_user(
        "journalist@example.com", "Long-Enough-Pass-2026!"
    )
    client.force_login(user)
    answer = gql(
        """mutation($input: VideoDownloadInput!) {
          requestVideoDownload(input: $input) { id } }""",
        {"input": {"videoId": HUGE_ID, "rendition": "180p"}},
    )
    assert error_codes(answer) == ["INVALID_ARGUMENT"]
    assert reasons(answer) == ["INVALID_ID"]


def test_a_lone_surrogate_is_an_invalid_argument(client):
    # In a variable, sent as a JSON escape as a browser's JSON.stringify would
    # send it: refused at the front door, before any GraphQL work.
    for body in (
        '{"query": "query($s: String!) { page(slug: $s) { id } }", '
        '"variables": {"s": "\\ud800"}}',
        '{"query": "query($s: String!) { video(slug: $s) { id } }", '
        '"variables": {"s": "a\\udfffb"}}',
    ):
        response = client.post("/graphql/", body, content_type="application/json")
        assert response.status_code == 400
        assert error_codes(response.json()) == ["BAD_REQUEST"]
    # In the document itself, as a GraphQL string escape: graphql-core's parser
    # refuses it (the argument check, INVALID_STRING, stays as a second line).
    for query in (
        '{ page(slug: "\\ud800") { id } }',
        '{ video(slug: "a\\udfffb") { id } }',
    ):
        response = client.post(
            "/graphql/", {"query": query}, content_type="application/json"
        )
        assert response.status_code == 200
        assert error_codes(response.json()) == ["GRAPHQL_PARSE_FAILED"]


# --- image renditions --------------------------------------------------------------

IMAGE = (
    '{ pressRelease(slug: "secretary-general-meets-vjosa-osmani") '
    "{ heroImage { %s } } }"
)


@pytest.mark.parametrize(
    "selection",
    [
        "rendition(width: 3000) { url }",
        "rendition(width: 500) { url }",
        'rendition(width: 320, format: "gif") { url }',
        "rendition(height: 320) { url }",
        "srcSet(sizes: [500])",
        "srcSet(sizes: [320, 500])",
        'srcSet(sizes: [320], format: "bmp")',
    ],
)
def test_renditions_outside_the_allow_list_are_coded_errors(gql, selection):
    answer = refused(gql, IMAGE % selection)
    assert reasons(answer) == ["RENDITION_NOT_ALLOWED"]
    assert "width-640|format-webp" in answer["errors"][0]["message"]


def test_renditions_from_variables_are_checked_too(gql):
    answer = refused(
        gql,
        "query($w: Int, $s: [Int]) { pressRelease(slug: "
        '"secretary-general-meets-vjosa-osmani") { heroImage { '
        "rendition(width: $w) { url } srcSet(sizes: $s) } } }",
        {"w": 500, "s": [500]},
    )
    assert reasons(answer) == ["RENDITION_NOT_ALLOWED"] * 2
    assert {tuple(error["path"][-1:]) for error in answer["errors"]} == {
        ("rendition",),
        ("srcSet",),
    }


def test_allowed_renditions_work(gql):
    answer = gql(
        IMAGE % 'rendition(width: 640, format: "webp") { width } '
        'srcSet(sizes: [320, 640], format: "webp")'
    )
    image = answer["data"]["pressRelease"]["heroImage"]
    assert image["rendition"]["width"] <= 640
    assert image["srcSet"].count("w,") == 1


# --- middleware and DEBUG ---------------------------------------------------------


def middleware_under_debug() -> list:
    """The middleware graphene-django configures when DEBUG is on (its defaults
    then add DjangoDebugMiddleware), from this project's GRAPHENE setting."""
    defaults = {
        **graphene_django_settings.DEFAULTS,
        "MIDDLEWARE": ("graphene_django.debug.DjangoDebugMiddleware",),
    }
    return graphene_django_settings.GrapheneSettings(
        settings.GRAPHENE, defaults, graphene_django_settings.IMPORT_STRINGS
    ).MIDDLEWARE


def test_no_middleware_parameter_can_clash_with_an_argument():
    middleware = middleware_under_debug()
    assert middleware, "the argument checks run as a middleware"
    for cls in middleware:
        parameters = list(inspect.signature(cls.resolve).parameters.values())
        # self, next, root, info: positional-only, then **args.
        assert [p.kind for p in parameters[:4]] == [
            inspect.Parameter.POSITIONAL_ONLY
        ] * 4, cls
        assert parameters[4].kind == inspect.Parameter.VAR_KEYWORD


def test_reset_password_with_next_under_debug_middleware():
    view = PortalGraphQLView.as_view(middleware=middleware_under_debug())
    body = json.dumps(
        {
            "query": 'mutation { resetPassword(email: "nobody@example.org", '
            'code: "123456", newPassword: "Brand-New-Passw0rd", next: "/en/") '
            "{ ok next } }"
        }
    )
    request = RequestFactory().post("/graphql/", body, content_type="application/json")
    request._dont_enforce_csrf_checks = True  # as Django's test client does
    request.user = AnonymousUser()
    request.session = SessionStore()
    answer = json.loads(view(request).content)
    assert "INTERNAL_SERVER_ERROR" not in error_codes(answer), answer
    assert error_codes(answer) == ["INVALID_CODE"]


def test_every_sortable_list_in_the_schema_has_an_allow_list():
    schema = graphene_settings.SCHEMA.graphql_schema
    sortable = {
        get_named_type(field.type).name
        for type_ in schema.type_map.values()
        for field in getattr(type_, "fields", {}).values()
        if hasattr(field, "args") and "order" in field.args
    }
    assert sortable and sortable <= set(ORDER_FIELDS), sortable - set(ORDER_FIELDS)
