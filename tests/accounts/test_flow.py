"""The whole journey over real SMTP, in both languages: register, confirm the
address with the e-mailed code, sign in, forget the password, ask for a code, ask
for a new one, reset, and go back to the page the user came from."""

import pytest
from django.test import Client

from accounts.models import User
from tests.conftest import error_codes

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

REGISTER = """
mutation Register($email: String!, $password: String!, $language: LanguageCode!) {
  register(email: $email, password: $password, firstName: "Amélie",
           lastName: "Durand", organisation: "Radio Lac", mediaType: RADIO,
           country: "FR", preferredLanguage: $language, acceptTerms: true) {
    email retryAfter
  }
}"""
VERIFY = """mutation($email: String!, $code: String!) {
  verifyEmail(email: $email, code: $code) { ok } }"""
LOGIN = """mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    csrfToken account { email name organisation mediaType country countryName
                        preferredLanguage emailVerified termsAcceptedAt } } }"""
ME = "{ me { email } }"
FORGOT = """mutation($email: String!) {
  requestPasswordReset(email: $email) { ok retryAfter } }"""
RESEND = """mutation($email: String!, $purpose: CodePurpose!) {
  resendCode(email: $email, purpose: $purpose) { ok retryAfter } }"""
RESET = """mutation($email: String!, $code: String!, $password: String!,
                     $next: String) {
  resetPassword(email: $email, code: $code, newPassword: $password, next: $next) {
    ok next } }"""

WORDING = {
    "en": {
        "confirm_subject": "Your code to confirm your e-mail address",
        "reset_subject": "Your code to reset your password",
        "validity": "The code is valid for 30 minutes and can be used once.",
    },
    "fr": {
        "confirm_subject": "Votre code pour confirmer votre adresse e-mail",
        "reset_subject": "Votre code pour réinitialiser votre mot de passe",
        "validity": "Le code est valable 30 minutes et ne peut servir qu'une fois.",
    },
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_register_confirm_sign_in_forget_resend_reset_and_return(
    smtp_server, clock, gql_as, language
):
    address = f"amelie.{language}@radio-lac.example"
    browser = Client()
    words = WORDING[language]

    answer = gql_as(
        browser,
        REGISTER,
        {"email": address, "password": PASSWORD, "language": language},
    )
    assert answer["data"]["register"] == {"email": address, "retryAfter": 60}

    # Not confirmed yet: signing in is refused.
    refused = gql_as(browser, LOGIN, {"email": address, "password": PASSWORD})
    assert error_codes(refused) == ["EMAIL_NOT_VERIFIED"]

    confirmation = smtp_server.last_to(address)
    assert confirmation.subject == words["confirm_subject"]
    assert words["validity"] in confirmation.text
    assert (
        confirmation.code() in confirmation.html and "30 minutes" in confirmation.html
    )
    assert confirmation.message["From"]
    answer = gql_as(browser, VERIFY, {"email": address, "code": confirmation.code()})
    assert answer == {"data": {"verifyEmail": {"ok": True}}}

    answer = gql_as(browser, LOGIN, {"email": address.upper(), "password": PASSWORD})
    account = answer["data"]["login"]["account"]
    assert account["email"] == address and account["emailVerified"] is True
    assert account["mediaType"] == "RADIO" and account["country"] == "FR"
    assert account["countryName"] == "France"
    assert account["preferredLanguage"] == language
    assert account["termsAcceptedAt"]
    assert gql_as(browser, ME)["data"]["me"] == {"email": address}

    # Later, on another device, the password is forgotten.
    phone = Client()
    clock.advance(minutes=5)
    answer = gql_as(phone, FORGOT, {"email": address})
    assert answer["data"]["requestPasswordReset"] == {"ok": True, "retryAfter": 60}
    first = smtp_server.last_to(address)
    assert first.subject == words["reset_subject"]
    first_code = first.code()

    # "Didn't get a code?": too soon at first, then a new code replaces the old.
    clock.advance(seconds=30)
    early = gql_as(phone, RESEND, {"email": address, "purpose": "PASSWORD_RESET"})
    assert error_codes(early) == ["RESEND_TOO_SOON"]
    assert early["errors"][0]["extensions"]["retryAfter"] == 30
    clock.advance(seconds=31)
    answer = gql_as(phone, RESEND, {"email": address, "purpose": "PASSWORD_RESET"})
    assert answer["data"]["resendCode"]["ok"] is True
    second_code = smtp_server.last_to(address).code()
    assert len(smtp_server.to(address)) == 3

    new_password = "Another-Passw0rd?"
    if first_code != second_code:
        stale = gql_as(
            phone,
            RESET,
            {"email": address, "code": first_code, "password": new_password},
        )
        assert error_codes(stale) == ["INVALID_CODE"]

    next_url = f"http://localhost:3000/{language}/newsroom/?page=2"
    answer = gql_as(
        phone,
        RESET,
        {
            "email": address,
            "code": second_code,
            "password": new_password,
            "next": next_url,
        },
    )
    assert answer["data"]["resetPassword"] == {"ok": True, "next": next_url}

    # Signed out everywhere: the first browser's session is gone.
    assert gql_as(browser, ME)["data"]["me"] is None
    old = gql_as(phone, LOGIN, {"email": address, "password": PASSWORD})
    assert error_codes(old) == ["INVALID_CREDENTIALS"]
    answer = gql_as(phone, LOGIN, {"email": address, "password": new_password})
    assert answer["data"]["login"]["account"]["email"] == address
    assert gql_as(phone, ME)["data"]["me"] == {"email": address}
    assert User.objects.get(email=address).preferred_language == language
