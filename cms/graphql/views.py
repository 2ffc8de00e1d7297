"""The GraphQL endpoint: graphene-django's executor behind our front door.

In order, a request meets: method, size and content-type checks; automatic
persisted queries; for anonymous readers, the shared response cache; the query
limits (depth, aliases, fields, introspection); execution in one batch scope.
Every error carries ``extensions.code``."""

from __future__ import annotations

import hashlib
import json
import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.translation import gettext as _
from graphene_django.views import GraphQLView, HttpError
from graphql import GraphQLError, specified_rules

from . import cache, errors, persisted
from .limits import IntrospectionDisabledRule, QueryLimitsRule
from .loaders import batch_scope

logger = logging.getLogger(__name__)

JSON_TYPES = {"application/json", "application/graphql"}
FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


class RequestRefused(Exception):
    """Refused before any GraphQL work: answered with an HTTP status and a code."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def mark_private(request) -> None:
    """This answer depends on who asks (a preview, a signed-in user): never share
    it through the response cache or a CDN."""
    request.graphql_private = True


def validation_rules():
    rules = [*specified_rules, QueryLimitsRule]
    if not settings.GRAPHQL_INTROSPECTION:
        rules.append(IntrospectionDisabledRule)
    return tuple(rules)


class PortalGraphQLView(GraphQLView):
    def __init__(self, **kwargs):
        kwargs.setdefault("validation_rules", validation_rules())
        super().__init__(**kwargs)

    # --- front door ---------------------------------------------------------------

    def dispatch(self, request, *args, **kwargs):
        try:
            self.check_request(request)
            data = self.parse_body(request)
            if self.graphiql and self.can_display_graphiql(request, data):
                return super().dispatch(request, *args, **kwargs)
            return self.answer(request, data)
        except RequestRefused as refused:
            return self.refusal(refused.status, refused.code, refused.message)
        except RequestDataTooBig:
            return self.refusal(413, "REQUEST_TOO_LARGE", self.too_large_message())
        except HttpError as error:  # graphene-django: bad JSON, no query, …
            return self.refusal(
                error.response.status_code, "BAD_REQUEST", str(error) or "Bad request."
            )

    def check_request(self, request) -> None:
        if request.method not in ("GET", "POST"):
            raise RequestRefused(
                405, "METHOD_NOT_ALLOWED", _("Use GET or POST for GraphQL requests.")
            )
        size = int(request.META.get("CONTENT_LENGTH") or 0)
        size += len(request.META.get("QUERY_STRING", ""))
        if size > settings.GRAPHQL_MAX_REQUEST_BYTES:
            raise RequestRefused(413, "REQUEST_TOO_LARGE", self.too_large_message())
        if request.method == "POST":
            content_type = self.get_content_type(request)
            if content_type not in JSON_TYPES | FORM_TYPES:
                raise RequestRefused(
                    415,
                    "UNSUPPORTED_MEDIA_TYPE",
                    _("Send the query as application/json (or application/graphql)."),
                )

    @staticmethod
    def too_large_message() -> str:
        return _("The request is larger than %(max)d bytes.") % {
            "max": settings.GRAPHQL_MAX_REQUEST_BYTES
        }

    def refusal(self, status: int, code: str, message: str) -> HttpResponse:
        body = json.dumps(
            {"errors": [{"message": message, "extensions": {"code": code}}]}
        )
        response = HttpResponse(body, status=status, content_type="application/json")
        patch_cache_control(response, no_store=True)
        return response

    # --- persisted queries and the response cache ---------------------------------

    def answer(self, request, data) -> HttpResponse:
        query, variables, operation_name, _id = self.get_graphql_params(request, data)
        try:
            digest = persisted.persisted_hash(self.get_extensions(request, data))
            query = persisted.resolve_query(query, digest)
        except errors.ApiError as error:
            return self.respond(request, self.errors_body(error), 200, shared=False)

        shared = self.may_share(request)
        key = generation = None
        if shared:
            key = cache.response_key(
                query, variables, operation_name, translation.get_language()
            )
            body, generation = cache.lookup(key)
            if body is not None:
                return self.respond(request, body, 200, shared=True)

        params = {
            "query": query,
            "variables": variables,
            "operationName": operation_name,
        }
        body, status = self.get_response(request, params)
        if digest and getattr(request, "graphql_validated", False):
            persisted.remember(query, digest)
        shared = shared and not getattr(request, "graphql_private", False)
        if shared and status == 200 and not getattr(request, "graphql_errors", True):
            cache.store(key, generation, body)
        return self.respond(request, body, status, shared=shared)

    @staticmethod
    def may_share(request) -> bool:
        if not settings.GRAPHQL_CACHE_ENABLED:
            return False
        # Without a session cookie the user is anonymous: no session lookup needed.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return True
        return not request.user.is_authenticated

    @staticmethod
    def get_extensions(request, data):
        extensions = request.GET.get("extensions") or data.get("extensions")
        if isinstance(extensions, str):
            try:
                extensions = json.loads(extensions)
            except ValueError:
                raise RequestRefused(
                    400, "BAD_REQUEST", _("extensions is not valid JSON.")
                ) from None
        return extensions

    def errors_body(self, error: GraphQLError) -> str:
        return json.dumps({"errors": [self.format_error(error)]})

    def respond(self, request, body, status: int, *, shared: bool) -> HttpResponse:
        response = HttpResponse(body, status=status, content_type="application/json")
        if not shared:
            patch_cache_control(response, private=True, no_store=True)
            return response
        patch_vary_headers(response, ["Accept-Language"])
        if request.method != "GET" or status != 200:
            patch_cache_control(response, no_cache=True)
            return response
        # GET answers can be kept by a CDN and revalidated with If-None-Match.
        patch_cache_control(
            response, public=True, max_age=settings.GRAPHQL_HTTP_MAX_AGE
        )
        content = body if isinstance(body, bytes) else body.encode()
        etag = '"%s"' % hashlib.sha256(content).hexdigest()[:32]
        response["ETag"] = etag
        return get_conditional_response(request, etag=etag, response=response)

    # --- execution ------------------------------------------------------------------

    def execute_graphql_request(self, request, *args, **kwargs):
        # One batch scope per operation: loaders share what they fetched. Root
        # fields may switch the active language (activate_locale): restore it after.
        with batch_scope(), translation.override(translation.get_language()):
            result = super().execute_graphql_request(request, *args, **kwargs)
        if result is not None:
            request.graphql_errors = bool(result.errors)
            request.graphql_validated = not result.errors or all(
                error.path for error in result.errors
            )
        return result

    @staticmethod
    def format_error(error) -> dict:
        """Every error carries ``extensions.code``; unexpected failures are logged
        and their details kept out of the response."""
        if not isinstance(error, GraphQLError):
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
            else:
                extensions["code"] = errors.GRAPHQL_VALIDATION_FAILED
        formatted["extensions"] = extensions
        return formatted
