"""The GraphQL endpoint: graphene-django's executor behind our front door.

In order, a request meets: method, size and content-type checks; automatic
persisted queries; for mutations, the CSRF check; for anonymous reads, the shared
response cache; the query limits (depth, aliases, fields, introspection); execution
in one batch scope. Every error carries ``extensions.code``.

CSRF: Django's middleware is bypassed for this URL (``csrf_exempt`` in cms/urls.py)
and the same check runs here for mutations only. Queries change nothing, so they
need no token, whether or not a session cookie comes along (a cross-origin page
cannot read their answers: CORS allows only FRONTEND_ORIGINS). Every mutation needs
the token, signed in or not: ``login`` and ``register`` too, against login CSRF."""

from __future__ import annotations

import hashlib
import json
import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import translation
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.translation import gettext as _
from graphene_django.views import GraphQLView, HttpError
from graphql import GraphQLError, OperationType, parse, specified_rules
from graphql.language import OperationDefinitionNode

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


def is_mutation(query: str | None, operation_name: str | None) -> bool:
    """Whether the operation to run is a mutation (or a subscription): anything but
    a read. Unparsable documents count as reads; they fail validation anyway."""
    # Cheap test first: the keyword is case-sensitive and must appear literally.
    if not query or ("mutation" not in query and "subscription" not in query):
        return False
    try:
        document = parse(query)
    except GraphQLError:
        return False
    operations = [
        node
        for node in document.definitions
        if isinstance(node, OperationDefinitionNode)
    ]
    chosen = [
        node
        for node in operations
        if operation_name is None or (node.name and node.name.value == operation_name)
    ]
    # Ambiguous (several operations, no name) or unknown name: be careful.
    candidates = chosen if len(chosen) == 1 else operations
    return any(node.operation != OperationType.QUERY for node in candidates)


class _CsrfCheck(CsrfViewMiddleware):
    """Django's CSRF check (Origin/Referer against CSRF_TRUSTED_ORIGINS, then the
    csrftoken cookie against the X-CSRFToken header), answering with the reason
    for a refusal instead of a response."""

    def _reject(self, request, reason):
        return reason


def csrf_failure_reason(request) -> str | None:
    check = _CsrfCheck(lambda _request: None)
    check.process_request(request)
    return check.process_view(request, lambda _request: None, (), {})


def validation_rules():
    rules = [*specified_rules, QueryLimitsRule]
    if not settings.GRAPHQL_INTROSPECTION:
        rules.append(IntrospectionDisabledRule)
    return tuple(rules)


def raise_unavailable_database(result) -> None:
    """A resolver that lost the database fails the whole request: handler500
    (cms/health.py) answers 503 with DATABASE_UNAVAILABLE, not a partial 200."""
    for error in getattr(result, "errors", None) or ():
        original = getattr(error, "original_error", None)
        if isinstance(original, OperationalError | InterfaceError):
            raise original


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

        # A mutation is never looked up in, nor stored to, the shared cache, and
        # needs the CSRF token.
        mutation = is_mutation(query, operation_name)
        if mutation and request.method == "POST":
            reason = csrf_failure_reason(request)
            if reason is not None:
                logger.warning("GraphQL mutation refused: CSRF: %s", reason)
                raise RequestRefused(
                    403,
                    "CSRF_FAILED",
                    _(
                        "The CSRF check failed: send the token from the csrfToken "
                        "query in the X-CSRFToken header, with cookies."
                    ),
                )
        shared = not mutation and self.may_share(request)
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
        raise_unavailable_database(result)
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
