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
    the user's preferred language. Returns what happened, for the task log."""
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is None:
        return "no-account"
    if purpose == CodePurpose.EMAIL_CONFIRMATION and user.email_verified:
        return "already-confirmed"
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
        },
    )
    return "sent"
