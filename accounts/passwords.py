"""The portal's password rule, as a Django password validator.

"The password must be at least 12 characters long, contain no spaces, and include
upper- and lower-case letters, digits and symbols." Each part is checked on its own
and reported with its own message and code, so a form (or the GraphQL
``WEAK_PASSWORD`` error) can say exactly what is missing. Listed in
AUTH_PASSWORD_VALIDATORS, it applies wherever Django validates a password: the
GraphQL mutations, the Wagtail admin's user forms, ``changepassword``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# Stable codes, also sent to GraphQL clients in ``extensions.rules``.
TOO_SHORT = "password_too_short"
HAS_SPACES = "password_has_spaces"
NO_UPPER = "password_no_upper"
NO_LOWER = "password_no_lower"
NO_DIGIT = "password_no_digit"
NO_SYMBOL = "password_no_symbol"


class PortalPasswordValidator:
    def __init__(self, min_length: int = 12):
        self.min_length = min_length

    def failed_rules(self, password: str) -> list[tuple[str, str]]:
        """(code, message) for every rule the password breaks, in the rule's order."""
        failed = []
        if len(password) < self.min_length:
            failed.append(
                (
                    TOO_SHORT,
                    ngettext(
                        "The password must be at least %(min)d character long.",
                        "The password must be at least %(min)d characters long.",
                        self.min_length,
                    )
                    % {"min": self.min_length},
                )
            )
        if any(char.isspace() for char in password):
            failed.append((HAS_SPACES, _("The password must not contain spaces.")))
        if not any(char.isupper() for char in password):
            failed.append(
                (NO_UPPER, _("The password must include an upper-case letter."))
            )
        if not any(char.islower() for char in password):
            failed.append(
                (NO_LOWER, _("The password must include a lower-case letter."))
            )
        if not any(char.isdigit() for char in password):
            failed.append((NO_DIGIT, _("The password must include a digit.")))
        if not any(is_symbol(char) for char in password):
            failed.append(
                (
                    NO_SYMBOL,
                    _("The password must include a symbol, such as ! ? - # or %."),
                )
            )
        return failed

    def validate(self, password: str, user=None) -> None:
        failed = self.failed_rules(password)
        if failed:
            raise ValidationError(
                [ValidationError(message, code=code) for code, message in failed]
            )

    def get_help_text(self) -> str:
        return _(
            "The password must be at least %(min)d characters long, contain no "
            "spaces, and include upper- and lower-case letters, digits and symbols."
        ) % {"min": self.min_length}


def is_symbol(char: str) -> bool:
    """Anything printable that is not a letter, a digit or a space."""
    return char.isprintable() and not (char.isalnum() or char.isspace())
