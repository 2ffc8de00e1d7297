"""No answer tells whether an address has an account (issue 18, finding 6):
registering a taken address, asking for a code, trying wrong codes and resetting
with a password like the address answer alike for a real account and for an
unknown address. The owner of a taken address hears of it by e-mail (real SMTP)."""

import pytest

from accounts.models import User
from tests.conftest import error_codes

from .conftest import (
    FORGOT,
    PASSWORD,
    REGISTER,
    RESEND,
    RESET,
    VERIFY,
    make_user,
    register_variables,
)

pytestmark = pytest.mark.django_db

KNOWN = "journalist@example.org"
UNKNOWN = "nobody@example.org"
# Strong by the portal's rules, but like the address "journalist@example.org".
LIKE_THE_ADDRESS = "Journalist@example.org1"


def shape(answer: dict) -> dict:
    """What a client sees, with the messages (same wording) left out."""
    return {
        "data": answer.get("data"),
        "errors": [error["extensions"] for error in answer.get("errors", [])],
    }


def not_the(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


@pytest.fixture
def owner():
    return make_user(KNOWN, preferred_language="fr", first_name="Jana")


def test_registering_a_taken_address_answers_like_a_new_one(
    gql, owner, smtp_server, clock
):
    taken = gql(REGISTER, register_variables(email="Journalist@Example.org"))
    new = gql(REGISTER, register_variables(email="new.reporter@example.org"))
    assert taken == {
        "data": {"register": {"email": KNOWN, "retryAfter": 60}},
    }
    assert shape(new) == {
        "data": {"register": {"email": "new.reporter@example.org", "retryAfter": 60}},
        "errors": [],
    }
    # Nothing of the attempt sticks to the account.
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD) and owner.organisation == "Daily Planet"
    assert User.objects.filter(email__iexact=KNOWN).count() == 1
    # The owner is told, in their language, and gets no code.
    notice = smtp_server.last_to(KNOWN)
    assert (
        notice.subject == "Quelqu'un a essayé de s'inscrire avec votre adresse e-mail"
    )
    assert "Bonjour Jana," in notice.text
    assert "réinitialiser" in notice.text and "réinitialiser" in notice.html
    assert len(smtp_server.to(KNOWN)) == 1
    # Trying codes, resending: the same answers for both addresses.
    for email in (KNOWN, "new.reporter@example.org"):
        answer = gql(VERIFY, {"email": email, "code": "000000"})
        assert shape(answer) == {
            "data": {"verifyEmail": None},
            "errors": [{"code": "INVALID_CODE", "remainingAttempts": 4}],
        }, email
        resend = gql(RESEND, {"email": email, "purpose": "EMAIL_CONFIRMATION"})
        assert error_codes(resend) == ["RESEND_TOO_SOON"], email
    # The owner asked for nothing: the confirmation resend sends them nothing.
    clock.advance(seconds=61)
    answer = gql(RESEND, {"email": KNOWN, "purpose": "EMAIL_CONFIRMATION"})
    assert answer == {"data": {"resendCode": {"ok": True, "retryAfter": 60}}}
    assert len(smtp_server.to(KNOWN)) == 1


def test_an_owner_who_never_confirmed_gets_a_new_code(gql, smtp_server, clock):
    make_user(KNOWN, email_verified_at=None)
    answer = gql(REGISTER, register_variables(email=KNOWN))
    assert answer == {"data": {"register": {"email": KNOWN, "retryAfter": 60}}}
    message = smtp_server.last_to(KNOWN)
    assert "already has an account that is not confirmed yet" in message.text
    assert gql(VERIFY, {"email": KNOWN, "code": message.code()}) == {
        "data": {"verifyEmail": {"ok": True}}
    }


def test_reset_codes_answer_alike_for_unknown_addresses(gql, owner, clock):
    for email in (KNOWN, UNKNOWN):
        answer = gql(FORGOT, {"email": email})
        assert answer == {
            "data": {"requestPasswordReset": {"ok": True, "retryAfter": 60}}
        }
    answers = {KNOWN: [], UNKNOWN: []}
    for email in (KNOWN, UNKNOWN):
        for _try in range(6):
            answer = gql(RESET, {"email": email, "code": "123456", "password": "x"})
            answers[email].append(shape(answer))
    # The account-independent rules first, for everyone: too short.
    assert answers[KNOWN] == answers[UNKNOWN]
    assert {error["code"] for a in answers[KNOWN] for error in a["errors"]} == {
        "WEAK_PASSWORD"
    }
    answers = {KNOWN: [], UNKNOWN: []}
    for email in (KNOWN, UNKNOWN):
        for _try in range(6):
            answer = gql(
                RESET, {"email": email, "code": "123456", "password": "Brand-New-Pw0rd"}
            )
            answers[email].append(shape(answer))
    assert answers[KNOWN] == answers[UNKNOWN]
    assert [a["errors"] for a in answers[KNOWN]] == [
        [{"code": "INVALID_CODE", "remainingAttempts": 4}],
        [{"code": "INVALID_CODE", "remainingAttempts": 3}],
        [{"code": "INVALID_CODE", "remainingAttempts": 2}],
        [{"code": "INVALID_CODE", "remainingAttempts": 1}],
        [{"code": "TOO_MANY_ATTEMPTS"}],
        [{"code": "TOO_MANY_ATTEMPTS"}],
    ]
    # A new code, left to expire: expired for both.
    clock.advance(seconds=61)
    for email in (KNOWN, UNKNOWN):
        gql(FORGOT, {"email": email})
    clock.advance(minutes=30)
    for email in (KNOWN, UNKNOWN):
        answer = gql(
            RESET, {"email": email, "code": "123456", "password": "Brand-New-Pw0rd"}
        )
        assert error_codes(answer) == ["CODE_EXPIRED"], email
    # A day later no code is remembered, for either address.
    clock.advance(days=1)
    gql(FORGOT, {"email": "someone.else@example.org"})  # purges old codes
    for email in (KNOWN, UNKNOWN):
        answer = gql(
            RESET, {"email": email, "code": "123456", "password": "Brand-New-Pw0rd"}
        )
        assert shape(answer)["errors"] == [{"code": "INVALID_CODE"}], email


def test_a_password_like_the_address_is_refused_only_with_the_right_code(
    gql, owner, smtp_server, clock
):
    for email in (KNOWN, UNKNOWN):
        gql(FORGOT, {"email": email})
    code = smtp_server.last_to(KNOWN).code()
    known = gql(
        RESET, {"email": KNOWN, "code": not_the(code), "password": LIKE_THE_ADDRESS}
    )
    unknown = gql(RESET, {"email": UNKNOWN, "code": code, "password": LIKE_THE_ADDRESS})
    assert (
        shape(known)
        == shape(unknown)
        == {
            "data": {"resetPassword": None},
            "errors": [{"code": "INVALID_CODE", "remainingAttempts": 4}],
        }
    )
    # With the right code, the owner learns the rule; the code still works.
    answer = gql(RESET, {"email": KNOWN, "code": code, "password": LIKE_THE_ADDRESS})
    assert error_codes(answer) == ["WEAK_PASSWORD"]
    assert answer["errors"][0]["extensions"]["rules"] == ["password_too_similar"]
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)
    answer = gql(RESET, {"email": KNOWN, "code": code, "password": "Brand-New-Pw0rd"})
    assert answer == {"data": {"resetPassword": {"ok": True, "next": None}}}


def test_asking_for_codes_answers_alike(gql, owner, smtp_server, clock):
    for purpose in ("PASSWORD_RESET", "EMAIL_CONFIRMATION"):
        answers = []
        for email in (KNOWN, UNKNOWN):
            first = gql(RESEND, {"email": email, "purpose": purpose})
            again = gql(RESEND, {"email": email, "purpose": purpose})
            answers.append((shape(first), shape(again)))
        assert answers[0] == answers[1]
        assert answers[0][0]["data"] == {"resendCode": {"ok": True, "retryAfter": 60}}
        assert [e["code"] for e in answers[0][1]["errors"]] == ["RESEND_TOO_SOON"]
        clock.advance(seconds=61)
    # Only the reset code reached the owner (the address is confirmed already).
    assert [m.subject for m in smtp_server.to(KNOWN)] == [
        "Votre code pour réinitialiser votre mot de passe"
    ]
    assert smtp_server.to(UNKNOWN) == []
