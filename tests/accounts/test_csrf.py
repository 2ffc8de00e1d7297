"""CSRF for the session cookie: queries need no token (anonymous reads stay
cacheable); every mutation needs one, signed in or not (login CSRF), from a
trusted origin; a browser frontend on another origin gets it through ``csrfToken``
and sends it with credentials; an SSR frontend forwards the cookies and header.
Mutations are never cached."""

import json

import pytest
from django.test import Client, override_settings

from cms.graphql import cache
from tests.conftest import error_codes, response_cache_key

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

FRONTEND = "http://localhost:3000"
LOGIN = """mutation { login(email: "journalist@example.org",
                            password: "%s") { account { email } csrfToken } }""" % (
    PASSWORD
)
ME = "{ me { email } }"


def post(client, query, **headers):
    return client.post(
        "/graphql/",
        json.dumps({"query": query}),
        content_type="application/json",
        **headers,
    )


@pytest.fixture
def browser():
    return Client(enforce_csrf_checks=True)


def csrf_token(client) -> str:
    response = client.get("/graphql/", {"query": "{ csrfToken }"}, HTTP_ORIGIN=FRONTEND)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["Access-Control-Allow-Origin"] == FRONTEND
    assert response["Access-Control-Allow-Credentials"] == "true"
    assert "csrftoken" in response.cookies
    return response.json()["data"]["csrfToken"]


def test_queries_need_no_token(browser, user):
    response = post(browser, "{ topics(locale: en) { slug } }", HTTP_ORIGIN=FRONTEND)
    assert response.status_code == 200 and response.json()["data"]["topics"]
    # Also with a session cookie: reads change nothing.
    browser.force_login(user)
    assert post(browser, ME).json() == {"data": {"me": {"email": user.email}}}


def test_a_mutation_without_a_token_is_refused_signed_out_too(browser, user):
    response = post(browser, LOGIN, HTTP_ORIGIN=FRONTEND)
    assert response.status_code == 403
    assert error_codes(response.json()) == ["CSRF_FAILED"]
    assert "sessionid" not in browser.cookies


def test_a_browser_frontend_gets_a_token_then_signs_in(browser, user):
    token = csrf_token(browser)
    response = post(browser, LOGIN, HTTP_ORIGIN=FRONTEND, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200
    answer = response.json()["data"]["login"]
    assert answer["account"] == {"email": user.email}
    # Signing in rotates the token: the new one comes with the answer.
    rotated = answer["csrfToken"]
    logout = "mutation { logout { ok } }"
    response = post(browser, logout, HTTP_ORIGIN=FRONTEND, HTTP_X_CSRFTOKEN=rotated)
    assert response.json() == {"data": {"logout": {"ok": True}}}


def test_a_token_from_an_untrusted_origin_is_refused(browser, user):
    token = csrf_token(browser)
    response = post(
        browser, LOGIN, HTTP_ORIGIN="https://evil.example", HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 403
    assert error_codes(response.json()) == ["CSRF_FAILED"]


def test_a_wrong_token_is_refused(browser, user):
    csrf_token(browser)
    response = post(browser, LOGIN, HTTP_ORIGIN=FRONTEND, HTTP_X_CSRFTOKEN="x" * 32)
    assert response.status_code == 403


def test_an_ssr_frontend_forwards_cookie_and_token(user):
    """A server: no Origin header, the browser's cookies and token forwarded."""
    visitor = Client(enforce_csrf_checks=True)
    token = csrf_token(visitor)
    server = Client(enforce_csrf_checks=True)
    server.cookies["csrftoken"] = visitor.cookies["csrftoken"].value
    response = post(server, LOGIN, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200
    assert response.json()["data"]["login"]["account"] == {"email": user.email}
    session = response.cookies["sessionid"].value
    # The browser keeps the session cookie; the SSR server forwards it later.
    server = Client(enforce_csrf_checks=True)
    server.cookies["sessionid"] = session
    assert post(server, ME).json() == {"data": {"me": {"email": user.email}}}


def test_a_mutation_over_get_is_refused(browser):
    response = browser.get(
        "/graphql/",
        {"query": 'mutation { requestPasswordReset(email: "a@b.org") { ok } }'},
    )
    assert response.status_code == 405


@override_settings(GRAPHQL_CACHE_ENABLED=True)
def test_mutations_are_never_cached(client, user, mailoutbox, clock):
    """Two identical anonymous mutations both run (two e-mails) and neither answer
    is stored in or served from the shared cache, nor marked public."""
    mutation = (
        'mutation { requestPasswordReset(email: "journalist@example.org") { ok } }'
    )
    stored = []
    original = cache.store
    cache.store = lambda *args: stored.append(args) or original(*args)
    try:
        first = post(client, mutation)
        clock.advance(seconds=61)
        second = post(client, mutation)
        assert stored == []
        # A read is still shared (the watch on the cache works).
        post(client, "{ topics(locale: en) { slug } }")
        assert len(stored) == 1
    finally:
        cache.store = original
    ok = {"data": {"requestPasswordReset": {"ok": True}}}
    assert first.json() == second.json() == ok
    assert len(mailoutbox) == 2
    for response in (first, second):
        assert "public" not in response["Cache-Control"]
        assert "no-store" in response["Cache-Control"]


@override_settings(GRAPHQL_CACHE_ENABLED=True)
def test_a_cached_read_never_answers_a_mutation(client, user, mailoutbox):
    """Even if a mutation's key were in the cache, it is not looked up."""
    mutation = (
        'mutation { requestPasswordReset(email: "journalist@example.org") { ok } }'
    )
    from django.utils import translation

    key = response_cache_key(mutation, language=translation.get_language() or "en")
    _body, generation = cache.lookup(key)
    cache.store(key, generation, b'{"data": {"requestPasswordReset": {"ok": false}}}')
    response = post(client, mutation)
    assert response.json() == {"data": {"requestPasswordReset": {"ok": True}}}
    assert len(mailoutbox) == 1
