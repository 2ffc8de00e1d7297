"""Issue 15: a press centre behind one NAT address. Failed attempts weigh against
the address's limits, successful ones are given back; ceilings on every attempt
stay far above such a centre's use; the counts cannot be wiped by changing the
e-mail address tried or the cookies; the client-address header is configurable."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory, override_settings

from cms.clientip import client_ip
from tests.conftest import error_codes

from .conftest import PASSWORD, REGISTER, make_user, post_graphql, register_variables

pytestmark = pytest.mark.django_db

NAT = {"REMOTE_ADDR": "203.0.113.50"}
LOGIN = """mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) { csrfToken } }"""


def register(client: Client, **variables) -> list[str]:
    answer = post_graphql(client, REGISTER, register_variables(**variables), **NAT)
    return error_codes(answer.json())


def login(client: Client, email: str, password: str = PASSWORD) -> list[str]:
    answer = post_graphql(client, LOGIN, {"email": email, "password": password}, **NAT)
    return error_codes(answer.json())


@override_settings(ACCOUNTS_RATE_LIMITS={"register:ip": (3, 3600)})
def test_journalists_behind_one_address_all_register(clock):
    for number in range(8):
        assert register(Client(), email=f"reporter{number}@example.org") == []
    # Failures weigh: three, then even a good registration waits.
    for _try in range(3):
        assert register(Client(), email="x@example.org", terms=False) == [
            "TERMS_NOT_ACCEPTED"
        ]
    assert register(Client(), email="late@example.org") == ["RATE_LIMITED"]
    # Another address is not affected.
    answer = post_graphql(
        Client(),
        REGISTER,
        register_variables(email="elsewhere@example.org"),
        REMOTE_ADDR="198.51.100.9",
    )
    assert error_codes(answer.json()) == []


@override_settings(ACCOUNTS_RATE_LIMITS={"login:ip": (3, 900)})
def test_journalists_behind_one_address_all_sign_in(clock):
    users = [make_user(f"reporter{number}@example.org") for number in range(8)]
    for user in users:
        assert login(Client(), user.email) == []
    # A new e-mail address and a fresh client (no cookies) for every failure:
    # the address's count of failures stays.
    for number in range(3):
        assert login(Client(), f"guess{number}@example.org", "Wrong-Passw0rd!") == [
            "INVALID_CREDENTIALS"
        ]
    assert login(Client(), users[0].email) == ["RATE_LIMITED"]


@override_settings(ACCOUNTS_RATE_LIMITS={"register:ip-all": (4, 3600)})
def test_every_registration_counts_against_the_flood_ceiling(clock):
    for number in range(4):
        assert register(Client(), email=f"bulk{number}@example.org") == []
    assert register(Client(), email="bulk-more@example.org") == ["RATE_LIMITED"]


@override_settings(ACCOUNTS_RATE_LIMITS={"register:address": (2, 3600)})
def test_an_address_is_not_e_mailed_by_registrations_without_end(clock, mailoutbox):
    make_user("owner@example.org")
    for _try in range(2):
        assert register(Client(), email="owner@example.org") == []
        clock.advance(seconds=61)  # past the resend cool-down
    assert register(Client(), email="OWNER@example.org") == ["RATE_LIMITED"]
    assert len(mailoutbox) == 2
    # Whether the address has an account or not.
    for _try in range(2):
        assert register(Client(), email="nobody@example.org") == []
        clock.advance(seconds=61)
    assert register(Client(), email="nobody@example.org") == ["RATE_LIMITED"]


@override_settings(
    ACCOUNTS_RATE_LIMITS={"code-check:ip": (3, 3600), "code-check:address": (3, 3600)}
)
def test_a_right_code_is_given_back(clock, mailoutbox):
    from accounts.codes import issue_code
    from accounts.models import CodePurpose

    verify = """mutation($email: String!, $code: String!, $password: String!) {
      verifyEmail(email: $email, code: $code, password: $password) { ok } }"""
    for number in range(5):
        user = make_user(f"new{number}@example.org", email_verified_at=None)
        code = issue_code(user, CodePurpose.EMAIL_CONFIRMATION)
        answer = post_graphql(
            Client(),
            verify,
            {"email": user.email, "code": code, "password": PASSWORD},
            **NAT,
        ).json()
        assert answer == {"data": {"verifyEmail": {"ok": True}}}


@pytest.mark.parametrize(
    "header, meta, value, expected",
    [
        ("X-Real-IP", "HTTP_X_REAL_IP", "198.51.100.7", "198.51.100.7"),
        ("CF-Connecting-IP", "HTTP_CF_CONNECTING_IP", "2001:db8::9", "2001:db8::9"),
        (
            "Forwarded",
            "HTTP_FORWARDED",
            'for=1.2.3.4, for="198.51.100.7:4711";proto=https',
            "198.51.100.7",
        ),
        ("Forwarded", "HTTP_FORWARDED", 'for="[2001:db8::7]:443"', "2001:db8::7"),
        # X-Forwarded-For is not read once another header is configured.
        ("X-Real-IP", "HTTP_X_FORWARDED_FOR", "198.51.100.7", "10.0.0.2"),
    ],
)
def test_the_client_address_header_is_configurable(header, meta, value, expected):
    with override_settings(CLIENT_IP_HEADER=header, TRUSTED_PROXIES=["10.0.0.0/8"]):
        request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", **{meta: value})
        assert client_ip(request) == expected
        # From a peer that is not a trusted proxy the header is ignored.
        request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1", **{meta: value})
        assert client_ip(request) == "192.0.2.1"


def test_a_bad_header_name_is_refused_at_start_up(monkeypatch):
    import importlib

    from django.core.exceptions import ImproperlyConfigured

    import cms.settings.base as base

    monkeypatch.setenv("DJANGO_CLIENT_IP_HEADER", "X-Real-IP\\r\\nEvil: 1")
    with pytest.raises(ImproperlyConfigured):
        importlib.reload(base)
    monkeypatch.delenv("DJANGO_CLIENT_IP_HEADER")
    importlib.reload(base)
