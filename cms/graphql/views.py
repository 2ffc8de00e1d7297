"""The GraphQL endpoint: graphene-django's view with our limits and error codes."""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils import translation
from graphene.validation import depth_limit_validator
from graphene_django.views import GraphQLView
from graphql import GraphQLError, specified_rules

from . import errors
from .loaders import batch_scope

logger = logging.getLogger(__name__)


class PortalGraphQLView(GraphQLView):
    def __init__(self, **kwargs):
        kwargs.setdefault(
            "validation_rules",
            (*specified_rules, depth_limit_validator(settings.GRAPHQL_MAX_DEPTH)),
        )
        super().__init__(**kwargs)

    def execute_graphql_request(self, *args, **kwargs):
        # One batch scope per operation: loaders share what they fetched. Root
        # fields may switch the active language (activate_locale): restore it after.
        with batch_scope(), translation.override(translation.get_language()):
            return super().execute_graphql_request(*args, **kwargs)

    @staticmethod
    def format_error(error) -> dict:
        """Every error carries ``extensions.code``; unexpected failures are logged
        and their details kept out of the response."""
        if not isinstance(error, GraphQLError):
            # graphene-django's HttpError: no query, bad JSON, wrong method.
            return {"message": str(error), "extensions": {"code": "BAD_REQUEST"}}
        formatted = error.formatted
        extensions = dict(formatted.get("extensions") or {})
        original = getattr(error, "original_error", None)
        if "code" not in extensions:
            if original is not None and not isinstance(original, GraphQLError):
                logger.error("GraphQL resolver failed", exc_info=original)
                extensions["code"] = errors.INTERNAL_SERVER_ERROR
                if not settings.DEBUG:
                    formatted["message"] = "An internal error occurred."
            elif error.message.startswith("Syntax Error"):
                extensions["code"] = errors.GRAPHQL_PARSE_FAILED
            elif "exceeds maximum operation depth" in error.message:
                extensions["code"] = errors.QueryTooDeep.code
            else:
                extensions["code"] = errors.GRAPHQL_VALIDATION_FAILED
        formatted["extensions"] = extensions
        return formatted
