"""Every rule of the e-mailed codes: six digits, stored hashed, 30 minutes, once,
five wrong tries, a new code at most every 60 seconds that replaces the previous,
and the same answer whether or not an address has an account."""

import pytest
from django.core import mail

from accounts.codes import issue_code
from accounts.models import CodePurpose, ResetCode
from tests.conftest import error_codes

from .conftest import FORGOT, PASSWORD, RESEND, RESET, VERIFY, code_in

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Brand-New-Passw0rd"


def ask_code(gql, email="journalist@example.org"):
    answer = gql(FORGOT, {"email": email})
    assert answer == {"data": {"requestPasswordReset": {"ok": True, "retryAfter": 60}}}
    return code_in(mail.outbox[-1])


def reset(gql, code, email="journalist@example.org", password=NEW_PASSWORD):
    return gql(RESET, {"email": email, "code": code, "password": password})


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_a_code_is_six_digits_and_only_its_hash_is_stored(user):
    code = issue_code(user, CodePurpose.PASSWORD_RESET)
    assert len(code) == 6 and code.isdigit()
    row = ResetCode.objects.get(user=user)
    assert code not in row.code_hash and code not in row.salt
    assert len(row.code_hash) == 64


def test_the_right_code_resets_once(gql, user, clock):
    code = ask_code(gql)
    assert reset(gql, code)["data"]["resetPassword"] == {"ok": True, "next": None}
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    again = reset(gql, code, password="Third-Passw0rd!!")
    assert error_codes(again) == ["INVALID_CODE"]
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_a_wrong_code_is_refused_and_counted(gql, user, clock):
    code = ask_code(gql)
    answer = reset(gql, wrong(code))
    assert error_codes(answer) == ["INVALID_CODE"]
    assert answer["errors"][0]["extensions"]["remainingAttempts"] == 4
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


@pytest.mark.parametrize("malformed", ["12345", "1234567", "abcdef", "١٢٣٤٥٦", ""])
def test_malformed_codes_are_invalid(gql, user, clock, malformed):
    ask_code(gql)
    assert error_codes(reset(gql, malformed)) == ["INVALID_CODE"]


def test_a_code_expires_after_30_minutes(gql, user, clock):
    code = ask_code(gql)
    clock.advance(minutes=29, seconds=59)
    assert error_codes(reset(gql, wrong(code))) == ["INVALID_CODE"]
    clock.advance(seconds=1)
    assert error_codes(reset(gql, code)) == ["CODE_EXPIRED"]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_five_wrong_tries_spend_the_code(gql, user, clock):
    code = ask_code(gql)
    for remaining in (4, 3, 2, 1):
        answer = reset(gql, wrong(code))
        assert answer["errors"][0]["extensions"]["remainingAttempts"] == remaining
    assert error_codes(reset(gql, wrong(code))) == ["TOO_MANY_ATTEMPTS"]
    # Spent: even the right code no longer works.
    assert error_codes(reset(gql, code)) == ["TOO_MANY_ATTEMPTS"]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    # A new code works again.
    clock.advance(seconds=61)
    assert reset(gql, ask_code(gql))["data"]["resetPassword"]["ok"] is True


def test_resend_waits_60_seconds(gql, user, clock):
    ask_code(gql)
    clock.advance(seconds=59)
    answer = gql(RESEND, {"email": user.email, "purpose": "PASSWORD_RESET"})
    assert error_codes(answer) == ["RESEND_TOO_SOON"]
    assert answer["errors"][0]["extensions"]["retryAfter"] == 1
    assert len(mail.outbox) == 1
    clock.advance(seconds=1)
    answer = gql(RESEND, {"email": user.email, "purpose": "PASSWORD_RESET"})
    assert answer["data"]["resendCode"] == {"ok": True, "retryAfter": 60}
    assert len(mail.outbox) == 2


def test_a_new_code_replaces_the_previous(gql, user, clock):
    first = ask_code(gql)
    clock.advance(seconds=60)
    gql(RESEND, {"email": user.email, "purpose": "PASSWORD_RESET"})
    second = code_in(mail.outbox[-1])
    if first != second:  # one chance in a million that they are the same
        assert error_codes(reset(gql, first)) == ["INVALID_CODE"]
    assert reset(gql, second)["data"]["resetPassword"]["ok"] is True
    statuses = sorted(
        ResetCode.objects.filter(user=user).values_list("status", flat=True)
    )
    assert statuses == ["replaced", "used"]


def test_unknown_addresses_get_the_same_answer_and_no_mail(gql, user, clock):
    known = gql(FORGOT, {"email": user.email})
    unknown = gql(FORGOT, {"email": "nobody@example.org"})
    assert known == unknown
    assert [message.to for message in mail.outbox] == [[user.email]]
    # The cooldown applies to both, so it tells nothing either.
    clock.advance(seconds=10)
    assert error_codes(gql(FORGOT, {"email": user.email})) == ["RESEND_TOO_SOON"]
    assert error_codes(gql(FORGOT, {"email": "nobody@example.org"})) == [
        "RESEND_TOO_SOON"
    ]
    # Resetting an unknown address is just a wrong code.
    assert error_codes(reset(gql, "123456", email="nobody@example.org")) == [
        "INVALID_CODE"
    ]


def test_a_weak_new_password_does_not_spend_the_code(gql, user, clock):
    code = ask_code(gql)
    answer = reset(gql, code, password="too weak")
    assert error_codes(answer) == ["WEAK_PASSWORD"]
    assert ResetCode.objects.get(user=user).status == "active"
    assert reset(gql, code)["data"]["resetPassword"]["ok"] is True


def test_confirmation_and_reset_codes_are_separate(gql, user, clock):
    user.email_verified_at = None
    user.save()
    confirmation = issue_code(user, CodePurpose.EMAIL_CONFIRMATION)
    assert error_codes(reset(gql, confirmation)) == ["INVALID_CODE"]
    # Not registered from this session (tests/accounts/test_pre_hijacking.py).
    answer = gql(
        VERIFY, {"email": user.email, "code": confirmation, "password": PASSWORD}
    )
    assert answer == {"data": {"verifyEmail": {"ok": True}}}
    user.refresh_from_db()
    assert user.email_verified


def test_code_requests_are_rate_limited_per_address(gql, user, clock, settings):
    settings.ACCOUNTS_RATE_LIMITS = {"code-send:address": (3, 3600)}
    for _ in range(3):
        assert gql(FORGOT, {"email": user.email})["data"]["requestPasswordReset"]
        clock.advance(seconds=61)
    answer = gql(FORGOT, {"email": user.email})
    assert error_codes(answer) == ["RATE_LIMITED"]
    assert answer["errors"][0]["extensions"]["retryAfter"] > 0
    # Another address is not affected; the next window is open again.
    assert gql(FORGOT, {"email": "other@example.org"})["data"]
    clock.advance(hours=1)
    assert gql(FORGOT, {"email": user.email})["data"]


def test_code_checks_are_rate_limited_per_client(gql, user, clock, settings):
    settings.ACCOUNTS_RATE_LIMITS = {"code-check:ip": (3, 3600)}
    for _ in range(3):
        assert error_codes(reset(gql, "000000")) == ["INVALID_CODE"]
    # Even for another address: the limit is per client.
    assert error_codes(reset(gql, "000000", email="x@example.org")) == ["RATE_LIMITED"]
