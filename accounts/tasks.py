"""E-mails of the accounts app, sent by the task worker.

The code is made inside the task, so it is never written to the task queue, and the
request that asks for it does the same work whether or not the address has an
account."""

from __future__ import annotations

import logging

from django_tasks import task

from cms.mail import send_templated_email

from .codes import CODE_LIFETIME, issue_code
from .models import CodePurpose, User

logger = logging.getLogger(__name__)


@task()
def send_code(email: str, purpose: str) -> str:
    """Make a new code of ``purpose`` for the account of ``email`` and e-mail it in
    the user's preferred language. Returns what happened, for the task log.

    An address without an account (or already confirmed) gets a code too, which
    nobody receives: it is tried, spent and expires like a real one, so checking
    codes answers the same for every address."""
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is None:
        issue_code(None, purpose, email)
        return "no-account"
    if purpose == CodePurpose.EMAIL_CONFIRMATION and user.email_verified:
        issue_code(user, purpose)
        return "already-confirmed"
    _email_code(user, purpose)
    return "sent"


@task()
def notify_registration_attempt(email: str) -> str:
    """``register`` was called with the address of an existing account: the
    answer was the same as for a new one; the owner is told here instead, in
    their language. An owner who has not confirmed the address yet gets a new
    confirmation code with it (they may simply have registered twice)."""
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is None:
        issue_code(None, CodePurpose.EMAIL_CONFIRMATION, email)
        return "no-account"
    if not user.email_verified:
        _email_code(user, CodePurpose.EMAIL_CONFIRMATION, registered_twice=True)
        return "sent-code"
    issue_code(user, CodePurpose.EMAIL_CONFIRMATION)  # nobody receives it
    send_templated_email(
        "accounts/email/registration_attempt",
        user.email,
        user.preferred_language,
        {"user": user},
    )
    return "notified"


def _email_code(user: User, purpose: str, registered_twice: bool = False) -> None:
    code = issue_code(user, purpose)
    send_templated_email(
        "accounts/email/code",
        user.email,
        user.preferred_language,
        {
            "user": user,
            "code": code,
            "purpose": purpose,
            "is_reset": purpose == CodePurpose.PASSWORD_RESET,
            "minutes": int(CODE_LIFETIME.total_seconds() // 60),
            "registered_twice": registered_twice,
        },
    )
