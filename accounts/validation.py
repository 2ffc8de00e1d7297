"""Argument checks shared by the accounts and newsletter mutations: every one runs
before anything is written, and each failure is a coded error."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from cms.graphql.errors import InvalidArgument

from .errors import FieldTooLong, InvalidEmail, WeakPassword

EMAIL_MAX_LENGTH = 254
# Hashing is deliberately slow: a megabyte-long "password" must not reach it.
PASSWORD_MAX_LENGTH = 128


def too_long(argument: str, max_length: int) -> FieldTooLong:
    return FieldTooLong(
        _("%(argument)s is longer than %(max)d characters.")
        % {"argument": argument, "max": max_length},
        argument=argument,
        maxLength=max_length,
    )


def clean_text(
    value: str | None, argument: str, max_length: int, *, required: bool = False
) -> str:
    value = (value or "").strip()
    if len(value) > max_length:
        raise too_long(argument, max_length)
    if required and not value:
        raise InvalidArgument(
            _("%(argument)s is required.") % {"argument": argument},
            argument=argument,
            reason="REQUIRED",
        )
    if any(ord(char) < 32 for char in value):
        raise InvalidArgument(
            _("%(argument)s contains control characters.") % {"argument": argument},
            argument=argument,
            reason="INVALID_CHARACTERS",
        )
    return value


def clean_email(value: str | None, argument: str = "email") -> str:
    """The address, trimmed and lower-cased, or INVALID_EMAIL / FIELD_TOO_LONG."""
    value = (value or "").strip()
    if len(value) > EMAIL_MAX_LENGTH:
        raise too_long(argument, EMAIL_MAX_LENGTH)
    try:
        validate_email(value)
    except ValidationError:
        raise InvalidEmail(
            _("Enter a valid e-mail address."), argument=argument
        ) from None
    return value.lower()


def clean_language(value: str | None, argument: str = "language") -> str:
    codes = [code for code, _name in settings.LANGUAGES]
    value = (value or settings.LANGUAGE_CODE).strip().lower()
    if value not in codes:
        raise InvalidArgument(
            _("Unknown language “%(code)s”. Use one of: %(codes)s.")
            % {"code": value[:20], "codes": ", ".join(codes)},
            argument=argument,
            reason="UNKNOWN_LANGUAGE",
        )
    return value


def clean_password(password: str | None, user=None, argument: str = "password") -> str:
    """The password if the validators in AUTH_PASSWORD_VALIDATORS accept it;
    otherwise WEAK_PASSWORD listing every broken rule."""
    password = password or ""
    if len(password) > PASSWORD_MAX_LENGTH:
        raise too_long(argument, PASSWORD_MAX_LENGTH)
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise WeakPassword(
            _("This password is not strong enough."),
            argument=argument,
            rules=[item.code or "password_invalid" for item in error.error_list],
            messages=[
                message for item in error.error_list for message in item.messages
            ],
        ) from None
    return password
