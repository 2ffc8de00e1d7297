"""Sign-in with the session cookie; repeated failures lock the address out for
that client (django-axes), in GraphQL and in the Wagtail admin alike."""

import pytest
from django.test import Client

from tests.conftest import error_codes

from .conftest import PASSWORD, make_user, post_graphql

pytestmark = pytest.mark.django_db

LOGIN = """mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) { csrfToken account { email } } }"""
LOGOUT = "mutation { logout { ok } }"
ME = "{ me { email name organisation mediaType country preferredLanguage } }"


def login(client, email, password, ip="198.51.100.7"):
    response = post_graphql(
        client, LOGIN, {"email": email, "password": password}, REMOTE_ADDR=ip
    )
    assert response.status_code == 200
    return response.json()


def test_sign_in_sets_a_session_and_me_answers_privately(client, user):
    answer = login(client, user.email, PASSWORD)
    assert answer["data"]["login"]["account"] == {"email": user.email}
    assert answer["data"]["login"]["csrfToken"]
    assert "sessionid" in client.cookies
    response = post_graphql(client, ME)
    assert response.json()["data"]["me"] == {
        "email": user.email,
        "name": "Jana Novak",
        "organisation": "Daily Planet",
        "mediaType": "PRINT",
        "country": "SI",
        "preferredLanguage": "en",
    }
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_signed_out_me_is_null(gql):
    assert gql(ME) == {"data": {"me": None}}


def test_sign_out(client, user):
    login(client, user.email, PASSWORD)
    assert post_graphql(client, LOGOUT).json() == {"data": {"logout": {"ok": True}}}
    assert post_graphql(client, ME).json()["data"]["me"] is None


def test_wrong_password_and_unknown_address_answer_alike(client, user):
    assert error_codes(login(client, user.email, "Wrong-Passw0rd!")) == [
        "INVALID_CREDENTIALS"
    ]
    assert error_codes(login(client, "nobody@example.org", PASSWORD)) == [
        "INVALID_CREDENTIALS"
    ]


def test_unconfirmed_address_cannot_sign_in(client):
    make_user("unconfirmed@example.org", email_verified_at=None)
    assert error_codes(login(client, "unconfirmed@example.org", PASSWORD)) == [
        "EMAIL_NOT_VERIFIED"
    ]
    assert "sessionid" not in client.cookies


def test_five_failures_lock_the_address_out_for_that_client(client, user):
    for _ in range(4):
        assert error_codes(login(client, user.email, "Wrong-Passw0rd!")) == [
            "INVALID_CREDENTIALS"
        ]
    assert error_codes(login(client, user.email, "Wrong-Passw0rd!")) == ["LOCKED_OUT"]
    # Locked out: even the right password is refused, with the same coded error.
    answer = login(client, user.email.upper(), PASSWORD)
    assert error_codes(answer) == ["LOCKED_OUT"]
    assert "sessionid" not in client.cookies
    # Someone else, elsewhere, signing in to their account is not affected.
    assert login(Client(), user.email, PASSWORD, ip="203.0.113.9")["data"]["login"]


def test_the_wagtail_admin_sign_in_is_locked_out_too(client, user):
    user.is_staff = True
    user.is_superuser = True
    user.save()
    for _ in range(5):
        response = client.post(
            "/admin/login/", {"username": user.email, "password": "Wrong-Passw0rd!"}
        )
    response = client.post(
        "/admin/login/", {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "sessionid" not in client.cookies


def test_a_reset_lifts_the_lockout(client, user, mailoutbox):
    from .conftest import code_in

    for _ in range(5):
        login(client, user.email, "Wrong-Passw0rd!")
    post_graphql(
        client,
        'mutation { requestPasswordReset(email: "journalist@example.org") { ok } }',
        REMOTE_ADDR="198.51.100.7",
    )
    code = code_in(mailoutbox[-1])
    answer = post_graphql(
        client,
        """mutation($code: String!) { resetPassword(email: "journalist@example.org",
           code: $code, newPassword: "Brand-New-Passw0rd") { ok } }""",
        {"code": code},
        REMOTE_ADDR="198.51.100.7",
    ).json()
    assert answer["data"]["resetPassword"]["ok"] is True
    assert login(client, user.email, "Brand-New-Passw0rd")["data"]["login"]


def test_sign_in_attempts_are_rate_limited_per_client(client, user, settings):
    settings.ACCOUNTS_RATE_LIMITS = {"login:ip": (3, 900)}
    for number in range(3):
        login(client, f"someone{number}@example.org", "Wrong-Passw0rd!")
    assert error_codes(login(client, user.email, PASSWORD)) == ["RATE_LIMITED"]
