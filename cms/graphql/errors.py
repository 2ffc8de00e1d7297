"""Errors a client can act on, each with a stable ``extensions.code``."""

from graphql import GraphQLError


class ApiError(GraphQLError):
    code = "BAD_REQUEST"

    def __init__(self, message: str, **extensions):
        super().__init__(message, extensions={"code": self.code, **extensions})


class UnknownLocale(ApiError):
    code = "UNKNOWN_LOCALE"


class InvalidArgument(ApiError):
    code = "INVALID_ARGUMENT"


class PageOutOfRange(ApiError):
    code = "PAGE_OUT_OF_RANGE"


class ResponseTooLarge(ApiError):
    """The answer would be larger than GRAPHQL_MAX_RESPONSE_BYTES."""

    code = "RESPONSE_TOO_LARGE"


# Codes of requests refused before any GraphQL work (cms/graphql/views.py).
BAD_REQUEST = "BAD_REQUEST"
METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
REQUEST_TOO_LARGE = "REQUEST_TOO_LARGE"
UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE"
CSRF_FAILED = "CSRF_FAILED"

# Codes given to errors raised by graphql-core itself or by unexpected failures.
GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"


# Slugs given as arguments (filters, newsletter topics) that name nothing.
class UnknownTopic(ApiError):
    code = "UNKNOWN_TOPIC"


class UnknownPerson(ApiError):
    code = "UNKNOWN_PERSON"
