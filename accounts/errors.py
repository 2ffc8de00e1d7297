"""Errors of the accounts API, each with a stable ``extensions.code``."""

from __future__ import annotations

from cms.graphql.errors import ApiError


class InvalidEmail(ApiError):
    code = "INVALID_EMAIL"


class FieldTooLong(ApiError):
    """extensions: ``argument``, ``maxLength``."""

    code = "FIELD_TOO_LONG"


class TermsNotAccepted(ApiError):
    code = "TERMS_NOT_ACCEPTED"


class WeakPassword(ApiError):
    """extensions: ``rules`` (the codes of the rules the password breaks) and
    ``messages`` (one sentence per rule, in the request's language)."""

    code = "WEAK_PASSWORD"


class InvalidCode(ApiError):
    """Wrong, already used or replaced, or no code for this address.
    extensions: ``remainingAttempts`` when a live code was tried (addresses
    without an account have codes too: the answer is the same)."""

    code = "INVALID_CODE"


class CodeExpired(ApiError):
    code = "CODE_EXPIRED"


class TooManyAttempts(ApiError):
    """The code was spent by wrong tries: ask for a new one."""

    code = "TOO_MANY_ATTEMPTS"


class ResendTooSoon(ApiError):
    """extensions: ``retryAfter`` (seconds)."""

    code = "RESEND_TOO_SOON"


class RateLimited(ApiError):
    """extensions: ``retryAfter`` (seconds)."""

    code = "RATE_LIMITED"


class InvalidCredentials(ApiError):
    code = "INVALID_CREDENTIALS"


class PasswordRequired(ApiError):
    """verifyEmail from a session other than the registering one: the password
    chosen at registration is needed with the code."""

    code = "PASSWORD_REQUIRED"


class LockedOut(ApiError):
    code = "LOCKED_OUT"


class EmailNotVerified(ApiError):
    code = "EMAIL_NOT_VERIFIED"


class NotAuthenticated(ApiError):
    code = "NOT_AUTHENTICATED"


class UnsafeRedirect(ApiError):
    code = "UNSAFE_REDIRECT"
