"""Errors of the basket API, each with a stable ``extensions.code`` (README,
"Download basket")."""

from __future__ import annotations

from cms.graphql.errors import ApiError

NOT_AUTHENTICATED = "NOT_AUTHENTICATED"
NOT_FOUND = "NOT_FOUND"
UNKNOWN_BASKET_KIND = "UNKNOWN_BASKET_KIND"
BASKET_EMPTY = "BASKET_EMPTY"
BASKET_TOO_LARGE = "BASKET_TOO_LARGE"
BASKET_TOO_MANY_ITEMS = "BASKET_TOO_MANY_ITEMS"
RATE_LIMITED = "RATE_LIMITED"
# The zip's own failures (a job's errorCode).
STORAGE_UNAVAILABLE = "STORAGE_UNAVAILABLE"
INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"
ZIP_EXPIRED = "ZIP_EXPIRED"


class BasketError(ApiError):
    def __init__(self, code: str, message: str, **extensions):
        self.code = code
        super().__init__(message, **extensions)
