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

from django.db import IntegrityError, transaction
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from . import clock
from .errors import CodeExpired, InvalidCode, ResendTooSoon, TooManyAttempts
from .models import ResendCooldown, ResetCode, User
from .ratelimit import identity_digest

CODE_LENGTH = 6
CODE_LIFETIME = datetime.timedelta(minutes=30)
MAX_ATTEMPTS = 5
RESEND_COOLDOWN = datetime.timedelta(seconds=60)
# How long a code is remembered at all: past it, trying one is INVALID_CODE.
CODE_RETENTION = datetime.timedelta(days=1)


def _digest(salt: str, code: str) -> str:
    return salted_hmac(
        "accounts.ResetCode", f"{salt}:{code}", algorithm="sha256"
    ).hexdigest()


def issue_code(user: User | None, purpose: str, email: str = "") -> str:
    """A new code for ``user`` (or, with no user, for the address ``email``: a
    code nobody receives); the previous active one of the purpose stops working.
    Returns the plain code, to be e-mailed and forgotten."""
    code = f"{secrets.randbelow(10**CODE_LENGTH):0{CODE_LENGTH}d}"
    salt = secrets.token_hex(16)
    owner = _owner(user, email)
    with transaction.atomic():
        ResetCode.objects.filter(
            **owner, purpose=purpose, status=ResetCode.Status.ACTIVE
        ).update(status=ResetCode.Status.REPLACED)
        ResetCode.objects.create(
            **owner,
            purpose=purpose,
            salt=salt,
            code_hash=_digest(salt, code),
            created_at=clock.now(),
        )
        # Forgotten after CODE_RETENTION, every address's alike (a code kept longer
        # for accounts than for unknown addresses would tell them apart).
        ResetCode.objects.filter(created_at__lt=clock.now() - CODE_RETENTION).delete()
    return code


def void_codes(user: User, purpose: str) -> None:
    """The active code of ``user`` for ``purpose`` stops working."""
    ResetCode.objects.filter(
        user=user, purpose=purpose, status=ResetCode.Status.ACTIVE
    ).update(status=ResetCode.Status.REPLACED)


def _owner(user: User | None, email: str) -> dict:
    """The rows of a user's codes, or of the codes of an address without one."""
    if user is not None:
        return {"user": user}
    return {"user": None, "identity": identity_digest(email)}


def is_well_formed(code: str | None) -> bool:
    return bool(code) and len(code) == CODE_LENGTH and code.isascii() and code.isdigit()


def consume_code(
    user: User | None,
    purpose: str,
    code: str,
    then: Callable[[], None] = lambda: None,
    email: str = "",
) -> None:
    """Check ``code`` and spend it; on success run ``then`` in the same transaction
    (so a reset never leaves a spent code with the old password, or the reverse).
    A wrong try is counted and committed even though an error is raised. With no
    ``user``, the codes of the address ``email`` answer: the same errors, the same
    remaining attempts, and never a success."""
    if not is_well_formed(code) or (user is None and not email):
        raise InvalidCode(_("This code is not valid."))
    error = None
    with transaction.atomic():
        row = (
            ResetCode.objects.select_for_update()
            .filter(
                **_owner(user, email),
                purpose=purpose,
                created_at__gte=clock.now() - CODE_RETENTION,
            )
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
            if not claimed or user is None:
                error = InvalidCode(_("This code is not valid."))
            else:
                then()
    if error is not None:
        raise error


def _too_many_message() -> str:
    return _("This code was tried too many times. Ask for a new code.")


# --- resend cooldown ---------------------------------------------------------------
# Kept per purpose and address in the database (not the cache, which evicts), whether
# or not the address has an account, so the answer never tells whether it does.


def _too_soon(available_at: datetime.datetime) -> ResendTooSoon:
    seconds = max(1, math.ceil((available_at - clock.now()).total_seconds()))
    return ResendTooSoon(
        _("A code was just sent. You can ask for a new one in %(seconds)d seconds.")
        % {"seconds": seconds},
        retryAfter=seconds,
    )


def check_cooldown(purpose: str, email: str) -> None:
    available_at = (
        ResendCooldown.objects.filter(purpose=purpose, identity=identity_digest(email))
        .values_list("available_at", flat=True)
        .first()
    )
    if available_at is not None and available_at > clock.now():
        raise _too_soon(available_at)


def start_cooldown(purpose: str, email: str) -> None:
    """Claim the right to send a code now: RESEND_TOO_SOON when another request
    claimed it within RESEND_COOLDOWN (one UPDATE or INSERT decides)."""
    now = clock.now()
    identity = identity_digest(email)
    claimed = ResendCooldown.objects.filter(
        purpose=purpose, identity=identity, available_at__lte=now
    ).update(available_at=now + RESEND_COOLDOWN)
    if claimed:
        return
    try:
        with transaction.atomic():
            ResendCooldown.objects.create(
                purpose=purpose, identity=identity, available_at=now + RESEND_COOLDOWN
            )
    except IntegrityError:
        check_cooldown(purpose, email)
        raise _too_soon(now + RESEND_COOLDOWN) from None
    # A new address: a good moment to forget the cool-downs that are over.
    ResendCooldown.objects.filter(available_at__lte=now).delete()
