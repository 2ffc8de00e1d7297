"""Issue 15: a journalist's own space. Confirming the address signs the user in;
the profile can be edited; newsletter status comes from the newsletter app
(tests/newsletter/test_topics.py) and downloads from the videos app
(tests/videos/test_my_downloads.py)."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.models import User
from tests.conftest import error_codes

from .conftest import REGISTER, make_user, post_graphql, register_variables

pytestmark = pytest.mark.django_db

VERIFY = """mutation($email: String!, $code: String!) {
  verifyEmail(email: $email, code: $code) { ok csrfToken account { email name } } }"""
ME = "{ me { email name organisation mediaType country preferredLanguage } }"
UPDATE = """mutation($first: String, $org: String, $media: MediaType,
    $country: String, $language: LanguageCode) {
  updateProfile(firstName: $first, organisation: $org, mediaType: $media,
      country: $country, preferredLanguage: $language) {
    account { name organisation mediaType country preferredLanguage } } }"""


def test_confirming_the_address_signs_in(smtp_server, clock):
    browser = Client()
    answer = post_graphql(
        browser, REGISTER, register_variables(email="amelie@radio-lac.example")
    ).json()
    assert "errors" not in answer
    code = smtp_server.last_to("amelie@radio-lac.example").code()
    assert post_graphql(browser, ME).json() == {"data": {"me": None}}

    answer = post_graphql(
        browser, VERIFY, {"email": "amelie@radio-lac.example", "code": code}
    ).json()
    verified = answer["data"]["verifyEmail"]
    assert verified["ok"] is True and verified["csrfToken"]
    assert verified["account"] == {
        "email": "amelie@radio-lac.example",
        "name": "Jana Novak",
    }
    me = post_graphql(browser, ME).json()["data"]["me"]
    assert me["email"] == "amelie@radio-lac.example"
    # The returned token works for the next mutation (it changed on sign-in).
    csrf_browser = Client(enforce_csrf_checks=True)
    csrf_browser.cookies = browser.cookies
    answer = post_graphql(
        csrf_browser,
        UPDATE,
        {"org": "Radio Lac"},
        HTTP_X_CSRFTOKEN=verified["csrfToken"],
    ).json()
    assert answer["data"]["updateProfile"]["account"]["organisation"] == "Radio Lac"


def test_a_wrong_code_signs_nobody_in(clock):
    make_user("new@example.org", email_verified_at=None)
    browser = Client()
    answer = post_graphql(
        browser, VERIFY, {"email": "new@example.org", "code": "000000"}
    ).json()
    assert error_codes(answer) == ["INVALID_CODE"]
    assert post_graphql(browser, ME).json() == {"data": {"me": None}}


def test_the_profile_can_be_edited(client):
    user = make_user("jana@example.org")
    client.force_login(user)
    answer = post_graphql(
        client,
        UPDATE,
        {
            "first": " Amélie ",
            "org": "Radio Lac",
            "media": "RADIO",
            "country": "fr",
            "language": "fr",
        },
    ).json()
    assert answer["data"]["updateProfile"]["account"] == {
        "name": "Amélie Novak",
        "organisation": "Radio Lac",
        "mediaType": "RADIO",
        "country": "FR",
        "preferredLanguage": "fr",
    }
    user.refresh_from_db()
    assert (user.first_name, user.country.code, user.email) == (
        "Amélie",
        "FR",
        "jana@example.org",
    )


@pytest.mark.parametrize(
    "variables, code",
    [
        ({"first": "", "org": "Changed"}, "INVALID_ARGUMENT"),
        ({"org": "x" * 201}, "FIELD_TOO_LONG"),
        ({"org": "Changed", "country": "XX"}, "INVALID_ARGUMENT"),
        ({"org": "Changed", "country": ""}, "INVALID_ARGUMENT"),
        ({"org": "Bad\u0007"}, "INVALID_ARGUMENT"),
    ],
)
def test_a_bad_profile_changes_nothing(client, variables, code):
    user = make_user("jana@example.org")
    client.force_login(user)
    answer = post_graphql(client, UPDATE, variables).json()
    assert error_codes(answer) == [code]
    user.refresh_from_db()
    assert (user.first_name, user.organisation) == ("Jana", "Daily Planet")


def test_editing_the_profile_needs_a_sign_in(client):
    answer = post_graphql(client, UPDATE, {"org": "Anonymous"}).json()
    assert error_codes(answer) == ["NOT_AUTHENTICATED"]
    assert not User.objects.filter(organisation="Anonymous").exists()
