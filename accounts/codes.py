"""Six-digit codes for e-mail confirmation and password reset.

A code is stored as an HMAC keyed with SECRET_KEY and a per-code salt: a copy of the
database alone does not reveal it. Rules: valid for ``CODE_LIFETIME``, used once,
spent by ``MAX_ATTEMPTS`` wrong tries; a new code replaces the previous one and may
be sent ``RESEND_COOLDOWN`` after it at the earliest."""

from __future__ import annotations

import datetime
import math
import secrets
from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from . import clock
from .errors import CodeExpired, InvalidCode, ResendTooSoon, TooManyAttempts
from .models import ResetCode, User

CODE_LENGTH = 6
CODE_LIFETIME = datetime.timedelta(minutes=30)
MAX_ATTEMPTS = 5
RESEND_COOLDOWN = datetime.timedelta(seconds=60)


def _digest(salt: str, code: str) -> str:
    return salted_hmac(
        "accounts.ResetCode", f"{salt}:{code}", algorithm="sha256"
    ).hexdigest()


def issue_code(user: User, purpose: str) -> str:
    """A new code for ``user``; the previous active one of the purpose stops
    working. Returns the plain code, to be e-mailed and forgotten."""
    code = f"{secrets.randbelow(10**CODE_LENGTH):0{CODE_LENGTH}d}"
    salt = secrets.token_hex(16)
    with transaction.atomic():
        ResetCode.objects.filter(
            user=user, purpose=purpose, status=ResetCode.Status.ACTIVE
        ).update(status=ResetCode.Status.REPLACED)
        ResetCode.objects.create(
            user=user,
            purpose=purpose,
            salt=salt,
            code_hash=_digest(salt, code),
            created_at=clock.now(),
        )
    return code


def is_well_formed(code: str | None) -> bool:
    return bool(code) and len(code) == CODE_LENGTH and code.isascii() and code.isdigit()


def consume_code(
    user: User | None, purpose: str, code: str, then: Callable[[], None] = lambda: None
) -> None:
    """Check ``code`` and spend it; on success run ``then`` in the same transaction
    (so a reset never leaves a spent code with the old password, or the reverse).
    A wrong try is counted and committed even though an error is raised."""
    if user is None or not is_well_formed(code):
        raise InvalidCode(_("This code is not valid."))
    error = None
    with transaction.atomic():
        row = (
            ResetCode.objects.select_for_update()
            .filter(user=user, purpose=purpose)
            .order_by("-created_at", "-pk")
            .first()
        )
        if row is None or row.status in (
            ResetCode.Status.USED,
            ResetCode.Status.REPLACED,
        ):
            error = InvalidCode(_("This code is not valid."))
        elif row.status == ResetCode.Status.EXHAUSTED:
            error = TooManyAttempts(_too_many_message())
        elif clock.now() >= row.created_at + CODE_LIFETIME:
            error = CodeExpired(
                _(
                    "This code has expired. Ask for a new code: it is valid for "
                    "30 minutes."
                )
            )
        elif not constant_time_compare(row.code_hash, _digest(row.salt, code)):
            row.attempts += 1
            if row.attempts >= MAX_ATTEMPTS:
                row.status = ResetCode.Status.EXHAUSTED
                error = TooManyAttempts(_too_many_message())
            else:
                error = InvalidCode(
                    _("This code is not valid."),
                    remainingAttempts=MAX_ATTEMPTS - row.attempts,
                )
            row.save(update_fields=["attempts", "status"])
        else:
            # Only one caller can move the row from active to used.
            claimed = ResetCode.objects.filter(
                pk=row.pk, status=ResetCode.Status.ACTIVE
            ).update(status=ResetCode.Status.USED, used_at=clock.now())
            if not claimed:
                error = InvalidCode(_("This code is not valid."))
            else:
                then()
    if error is not None:
        raise error


def _too_many_message() -> str:
    return _("This code was tried too many times. Ask for a new code.")


# --- resend cooldown ---------------------------------------------------------------
# Kept per purpose and address in the shared cache, whether or not the address has
# an account, so the answer never tells whether it does.


def _cooldown_key(purpose: str, email: str) -> str:
    return f"accounts:code-sent:{purpose}:{email.lower()}"


def check_cooldown(purpose: str, email: str) -> None:
    sent_at = cache.get(_cooldown_key(purpose, email))
    if sent_at is None:
        return
    wait = sent_at + RESEND_COOLDOWN.total_seconds() - clock.now().timestamp()
    if wait > 0:
        seconds = math.ceil(wait)
        raise ResendTooSoon(
            _("A code was just sent. You can ask for a new one in %(seconds)d seconds.")
            % {"seconds": seconds},
            retryAfter=seconds,
        )


def start_cooldown(purpose: str, email: str) -> None:
    cache.set(
        _cooldown_key(purpose, email),
        clock.now().timestamp(),
        timeout=int(RESEND_COOLDOWN.total_seconds()) * 2,
    )
