"""Pre-hijacking (issue 15): someone registers a journalist's address with a
password of their own before the journalist does. The account must never be
confirmed with a password its owner did not choose: confirming from another
session than the registering one needs the password too, and registering again
over an unconfirmed account replaces its password and voids earlier codes."""

import pytest
from django.test import Client

from accounts.models import User
from tests.conftest import error_codes

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

VICTIM = "jana.novak@daily-planet.example"
ATTACKER_PASSWORD = "Attacker-Passw0rd!"

REGISTER = """
mutation($email: String!, $password: String!, $first: String!) {
  register(email: $email, password: $password, firstName: $first,
           lastName: "Novak", organisation: "Daily Planet", mediaType: PRINT,
           country: "SI", preferredLanguage: en, acceptTerms: true) { email } }"""
VERIFY = """mutation($email: String!, $code: String!, $password: String) {
  verifyEmail(email: $email, code: $code, password: $password) {
    ok account { email firstName } } }"""
LOGIN = """mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) { account { email } } }"""
ME = "{ me { email } }"


def register(gql_as, client, password, first="Jana"):
    answer = gql_as(
        client, REGISTER, {"email": VICTIM, "password": password, "first": first}
    )
    assert answer["data"]["register"] == {"email": VICTIM}, answer


def verify(gql_as, client, code, password=None):
    variables = {"email": VICTIM, "code": code, "password": password}
    return gql_as(client, VERIFY, variables)


def test_an_address_registered_by_someone_else_is_not_confirmed_with_their_password(
    smtp_server, clock, gql_as
):
    attacker, victim = Client(), Client()
    register(gql_as, attacker, ATTACKER_PASSWORD, first="Mallory")
    code = smtp_server.last_to(VICTIM).code()  # in the victim's inbox

    # The victim follows the code from their own browser: the code alone is not
    # enough there, and the password they would type is not the one on the account.
    assert error_codes(verify(gql_as, victim, code)) == ["PASSWORD_REQUIRED"]
    wrong = verify(gql_as, victim, code, PASSWORD)
    assert error_codes(wrong) == ["INVALID_CREDENTIALS"]
    assert not User.objects.get(email=VICTIM).email_verified

    # So they register themselves: their password replaces the attacker's, and
    # the codes sent before stop working.
    clock.advance(seconds=61)
    register(gql_as, victim, PASSWORD)
    assert error_codes(verify(gql_as, victim, code)) == ["INVALID_CODE"]
    new_code = smtp_server.last_to(VICTIM).code()
    answer = verify(gql_as, victim, new_code)  # the registering session: code only
    assert answer["data"]["verifyEmail"] == {
        "ok": True,
        "account": {"email": VICTIM, "firstName": "Jana"},
    }

    user = User.objects.get(email=VICTIM)
    assert user.email_verified and user.registration_secret == ""
    assert user.check_password(PASSWORD) and not user.check_password(ATTACKER_PASSWORD)
    assert gql_as(attacker, ME)["data"]["me"] is None
    refused = gql_as(attacker, LOGIN, {"email": VICTIM, "password": ATTACKER_PASSWORD})
    assert error_codes(refused) == ["INVALID_CREDENTIALS"]
    assert gql_as(victim, ME)["data"]["me"] == {"email": VICTIM}


def test_registering_over_the_owner_does_not_let_the_owner_confirm_into_it(
    smtp_server, clock, gql_as
):
    """The other order: the owner registered first, then the attacker registers
    again. The owner's next code must not confirm the attacker's password."""
    victim, attacker = Client(), Client()
    register(gql_as, victim, PASSWORD)
    first_code = smtp_server.last_to(VICTIM).code()
    clock.advance(seconds=61)
    register(gql_as, attacker, ATTACKER_PASSWORD, first="Mallory")
    assert error_codes(verify(gql_as, victim, first_code)) == ["INVALID_CODE"]

    second_code = smtp_server.last_to(VICTIM).code()
    # The owner's browser no longer made the latest registration.
    assert error_codes(verify(gql_as, victim, second_code)) == ["PASSWORD_REQUIRED"]
    wrong = verify(gql_as, victim, second_code, PASSWORD)
    assert error_codes(wrong) == ["INVALID_CREDENTIALS"]
    assert not User.objects.get(email=VICTIM).email_verified


def test_another_device_confirms_with_the_password(smtp_server, clock, gql_as):
    laptop, phone = Client(), Client()
    register(gql_as, laptop, PASSWORD)
    code = smtp_server.last_to(VICTIM).code()
    # Refusals leave the code unspent.
    assert error_codes(verify(gql_as, phone, code)) == ["PASSWORD_REQUIRED"]
    assert error_codes(verify(gql_as, phone, code, "x" * 200)) == [
        "INVALID_CREDENTIALS"
    ]
    answer = verify(gql_as, phone, code, PASSWORD)
    assert answer["data"]["verifyEmail"]["ok"] is True
    assert gql_as(phone, ME)["data"]["me"] == {"email": VICTIM}
    # Spent: the registering browser cannot use it again.
    assert error_codes(verify(gql_as, laptop, code)) == ["INVALID_CODE"]


def test_the_registering_session_needs_no_password(smtp_server, clock, gql_as):
    """The portal's flow is unchanged: register, read the e-mail, type the code."""
    browser = Client()
    register(gql_as, browser, PASSWORD)
    answer = verify(gql_as, browser, smtp_server.last_to(VICTIM).code())
    assert answer["data"]["verifyEmail"]["ok"] is True
    assert gql_as(browser, ME)["data"]["me"] == {"email": VICTIM}


def test_a_newsletter_asked_by_the_first_registration_is_not_kept(
    smtp_server, clock, gql_as
):
    from newsletter.models import Subscriber

    attacker, victim = Client(), Client()
    subscribe = REGISTER.replace(
        "acceptTerms: true", "acceptTerms: true, newsletter: true"
    )
    answer = gql_as(
        attacker,
        subscribe,
        {"email": VICTIM, "password": ATTACKER_PASSWORD, "first": "Mallory"},
    )
    assert "errors" not in answer, answer
    assert Subscriber.objects.filter(email__iexact=VICTIM, status="pending").exists()
    clock.advance(seconds=61)
    register(gql_as, victim, PASSWORD)  # the box left empty
    answer = verify(gql_as, victim, smtp_server.last_to(VICTIM).code())
    assert answer["data"]["verifyEmail"]["ok"] is True
    assert not Subscriber.objects.filter(email__iexact=VICTIM).exists()
