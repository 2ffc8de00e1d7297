"""Who registered an unconfirmed account: the guard against pre-hijacking.

An attacker may register someone else's address with a password of their own and
wait for its owner to confirm it (from a later code, or after registering too):
the account would then be confirmed with the attacker's password on it. So:

- each registration gives the account a new secret, kept in the registering
  session; registering again over an unconfirmed account replaces its password,
  its details and its secret, and voids the codes sent before;
- ``verifyEmail`` from the session that holds the secret needs the code only (the
  portal's flow: register, read the e-mail, type the code);
- from any other session it also needs the password of the latest registration
  (``PASSWORD_REQUIRED`` without one, ``INVALID_CREDENTIALS`` for a wrong one), so
  whoever confirms knows the password the account keeps."""

from __future__ import annotations

import secrets

from django.utils.crypto import constant_time_compare

from .models import User

SESSION_KEY = "accounts.registration"


def remember_registration(request, user: User) -> None:
    """A new secret for ``user`` (saved by the caller), held by this session."""
    user.registration_secret = secrets.token_urlsafe(32)
    request.session[SESSION_KEY] = {
        "email": user.email.lower(),
        "secret": user.registration_secret,
    }


def registered_here(request, user: User) -> bool:
    """Whether this session made the latest registration of ``user``."""
    held = request.session.get(SESSION_KEY) or {}
    return (
        bool(user.registration_secret)
        and held.get("email") == user.email.lower()
        and constant_time_compare(str(held.get("secret", "")), user.registration_secret)
    )


def forget_registration(request) -> None:
    request.session.pop(SESSION_KEY, None)
