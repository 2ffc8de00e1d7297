"""The GraphQL endpoint: GraphQL over HTTP (graphql.github.io/graphql-over-http) in
front of graphql-core's validation and execution.

In order, a request meets: method, size and content-type checks; the request's
parameters, each checked for its type; automatic persisted queries; one parse of
the document; for mutations, POST and the CSRF check; for anonymous reads, the
shared response cache; validation (with the query limits); execution in one batch
scope; the bound on the answer's size. Every error carries ``extensions.code``.

Status codes and media types: the answer is ``application/graphql-response+json``
when the client's Accept header prefers it, else ``application/json``. A request
the server cannot read (malformed JSON, a parameter of the wrong type, a wrong
method or media type, too large, a failed CSRF check) is an HTTP error (4xx). A
well-formed request whose GraphQL fails before execution (parse, validation,
variable values) answers 200 under ``application/json`` and 400 under
``application/graphql-response+json``, as the spec asks; either way the body is
``{"errors": [...]}`` without ``data``.

Languages: error messages follow Accept-Language; data follows the ``locale``
arguments only. So an answer with errors varies on Accept-Language, and an answer
without errors does not (no ``Vary: Accept-Language``, no ``Content-Language``):
a CDN keeps one copy for every language of the reader.

CSRF: Django's middleware is bypassed for this URL (``csrf_exempt`` in cms/urls.py)
and the same check runs here for mutations only. Queries change nothing, so they
need no token, whether or not a session cookie comes along (a cross-origin page
cannot read their answers: CORS allows only FRONTEND_ORIGINS). Every mutation needs
the token, signed in or not: ``login`` and ``register`` too, against login CSRF."""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.signals import setting_changed
from django.db import InterfaceError, OperationalError, connection, transaction
from django.dispatch import receiver
from django.http import HttpResponse
from django.http.response import ResponseHeaders
from django.utils import translation
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from graphene_django.constants import MUTATION_ERRORS_FLAG
from graphene_django.settings import graphene_settings
from graphene_django.utils.utils import set_rollback
from graphene_django.views import GraphQLView
from graphql import (
    DocumentNode,
    ExecutionResult,
    GraphQLError,
    OperationType,
    execute,
    parse,
    specified_rules,
    validate,
)

from cms.csrf import csrf_failure_reason

from . import cache, dependencies, documents, errors, nodes, persisted
from .limits import IntrospectionDisabledRule, QueryLimitsRule
from .loaders import batch_scope
from .request_state import state_of

logger = logging.getLogger(__name__)

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
APPLICATION_JSON = "application/json"
JSON_TYPES = {"application/json", "application/graphql"}
FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}
# Nesting of the JSON a request may carry (its variables are the deepest part):
# the schema's input types are a few levels deep; deeper JSON is only a way to
# exhaust the recursion of whatever walks it.
MAX_JSON_DEPTH = 32


class RequestRefused(Exception):
    """Refused before any GraphQL work: answered with an HTTP status and a code."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        headers: dict | None = None,
        **extensions,
    ):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.headers = headers or {}
        self.extensions = extensions


def bad_request(message: str, parameter: str | None = None) -> RequestRefused:
    extensions = {"parameter": parameter} if parameter else {}
    return RequestRefused(400, errors.BAD_REQUEST, message, **extensions)


def validation_rules():
    rules = [*specified_rules, QueryLimitsRule]
    if not settings.GRAPHQL_INTROSPECTION:
        rules.append(IntrospectionDisabledRule)
    return tuple(rules)


# Documents that passed validation, by their text: validation depends on the
# schema, the rules and the settings only, and a client sends the same few
# queries again and again (a fifth of a small list's time went to validating it
# anew). Failures are not kept: their messages are in the request's language.
VALIDATED_KEPT = 1000
_validated: OrderedDict[tuple, None] = OrderedDict()
_validated_lock = threading.Lock()


# Parsed documents, by their text (queries of at most PARSED_MAX_CHARS: the
# document keeps its text): a client's few queries are parsed once per process.
# graphql-core reads a document, never changes it, so requests can share one.
PARSED_KEPT = 1000
PARSED_MAX_CHARS = 10_000
_parsed: OrderedDict[str, DocumentNode] = OrderedDict()


def parsed(query: str) -> DocumentNode:
    """``parse(query)``, once per text; a syntax error raises every time."""
    if len(query) > PARSED_MAX_CHARS:
        return parse(query)
    key = query  # at most PARSED_MAX_CHARS: kept as it is, not hashed
    with _validated_lock:
        document = _parsed.get(key)
        if document is not None:
            _parsed.move_to_end(key)
            return document
    document = parse(query)
    with _validated_lock:
        _parsed[key] = document
        while len(_parsed) > PARSED_KEPT:
            _parsed.popitem(last=False)
    return document


@functools.lru_cache(maxsize=PARSED_KEPT)
def _normalised_text(query: str) -> str:
    return documents.normalised(parsed(query))


def normalised(query: str | None, document: DocumentNode) -> str:
    """``documents.normalised(document)``, printed once per query text (the
    response cache's key is made from it on every request)."""
    if query is None or len(query) > PARSED_MAX_CHARS:
        return documents.normalised(document)
    return _normalised_text(query)


# Anonymous reads seen before, by the request as it came (method, body or query
# string, Accept, language): the response cache's key, found the full way the
# first time. A hit then costs one cache lookup: no decoding, parsing or key
# making. Only requests that went the full way to a shared read are kept, so
# whatever that way refuses (a mutation, a bad variable, a signed-in reader, a
# query too large) is never answered from here.
KNOWN_READS_KEPT = 1000
_known_reads: OrderedDict[bytes, tuple] = OrderedDict()


def _request_fingerprint(request) -> bytes | None:
    """What makes two requests the same read, hashed; None for a request that
    cannot be a shared read (a session cookie, a body that is not JSON, a large
    one)."""
    if not settings.GRAPHQL_CACHE_ENABLED:
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    meta = request.META
    # Sized as check_request sizes it (the body and the query string, whatever
    # the method): what the full way refuses as too large is never a known read.
    try:
        size = int(meta.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    if size + len(meta.get("QUERY_STRING", "")) > settings.GRAPHQL_MAX_REQUEST_BYTES:
        return None
    if request.method == "GET":
        raw = meta.get("QUERY_STRING", "").encode()
    elif request.method == "POST" and meta.get("CONTENT_TYPE", "").startswith(
        "application/json"
    ):
        raw = request.body
    else:
        return None
    digest = hashlib.sha256(raw)
    for part in (
        request.method,
        meta.get("CONTENT_TYPE", ""),
        meta.get("HTTP_ACCEPT", ""),
        translation.get_language() or "",
    ):
        digest.update(b"\0" + part.encode())
    return digest.digest()


def known_read(request) -> tuple | None:
    """(media type, response cache key, query sent with a hash, hash) of a read
    seen before, else None (and the fingerprint is kept for learn_read)."""
    fingerprint = _request_fingerprint(request)
    request._graphql_fingerprint = fingerprint
    if fingerprint is None:
        return None
    with _validated_lock:
        known = _known_reads.get(fingerprint)
        if known is not None:
            _known_reads.move_to_end(fingerprint)
    return known


def learn_read(request, media_type: str, key: str, query, digest) -> None:
    """Remember a shared read that went the full way: its key, and the persisted
    query it sent (``query`` with its hash: registered again on a hit, as the
    full way does; the hash alone: its use recorded)."""
    fingerprint = getattr(request, "_graphql_fingerprint", None)
    if fingerprint is None:
        return
    # The text only for what persisted.remember would keep: a thousand reads of
    # up to GRAPHQL_MAX_REQUEST_BYTES each would otherwise hold their texts.
    if not digest or (
        query and len(query.encode()) > settings.GRAPHQL_PERSISTED_QUERY_MAX_BYTES
    ):
        query = None
    with _validated_lock:
        _known_reads[fingerprint] = (media_type, key, query or None, digest)
        while len(_known_reads) > KNOWN_READS_KEPT:
            _known_reads.popitem(last=False)


@receiver(setting_changed)
def _forget_validated(**kwargs) -> None:
    with _validated_lock:
        _validated.clear()
        _known_reads.clear()


def validation_problems(schema, document: DocumentNode, rules) -> list:
    """``validate``, run once per document text (while the schema, rules and
    settings stay the same)."""
    source = document.loc.source.body if document.loc is not None else None
    key = (
        id(schema),
        rules,
        hashlib.sha256(source.encode()).digest() if source is not None else None,
    )
    if source is not None:
        with _validated_lock:
            if key in _validated:
                _validated.move_to_end(key)
                return []
    problems = validate(
        schema, document, rules, max_errors=graphene_settings.MAX_VALIDATION_ERRORS
    )
    if not problems and source is not None:
        with _validated_lock:
            _validated[key] = None
            while len(_validated) > VALIDATED_KEPT:
                _validated.popitem(last=False)
    return problems


def raise_unavailable_database(result) -> None:
    """A resolver that lost the database fails the whole request: handler500
    (cms/health.py) answers 503 with DATABASE_UNAVAILABLE, not a partial 200."""
    for error in getattr(result, "errors", None) or ():
        original = getattr(error, "original_error", None)
        if isinstance(original, OperationalError | InterfaceError):
            raise original


# --- media types ------------------------------------------------------------------


def _quality(parameters: str) -> float:
    for parameter in parameters.split(";"):
        name, _sep, value = parameter.partition("=")
        if name.strip().lower() == "q":
            try:
                return float(value.strip())
            except ValueError:
                return 0.0
    return 1.0


def response_media_type(accept: str | None) -> str:
    """``application/graphql-response+json`` when Accept names it at least as
    highly as ``application/json``; else ``application/json`` (also for ``*/*``,
    no Accept at all, or only types we do not speak: the spec's default)."""
    named: dict[str, float] = {}
    for item in (accept or "").split(","):
        media_type, _sep, parameters = item.partition(";")
        media_type = media_type.strip().lower()
        if media_type:
            named[media_type] = max(named.get(media_type, 0.0), _quality(parameters))
    preferred = named.get(GRAPHQL_RESPONSE_JSON, 0.0)
    plain = named.get(
        APPLICATION_JSON, named.get("application/*", named.get("*/*", 0.0))
    )
    return (
        GRAPHQL_RESPONSE_JSON
        if preferred > 0 and preferred >= plain
        else (APPLICATION_JSON)
    )


class _LanguageNeutralHeaders(ResponseHeaders):
    """Headers of an answer that reads the same in every language. Django's
    LocaleMiddleware, which runs after the view, adds ``Vary: Accept-Language``
    and a ``Content-Language`` following the request's header to every answer
    outside the /en/, /fr/ prefixes; here neither would be true, and both would
    split a CDN's copy of one answer into one per reader language."""

    def __setitem__(self, key, value):
        name = str(key).lower()
        if name == "content-language":
            return
        if name == "vary":
            fields = [
                field
                for field in cc_delim_re.split(str(value))
                if field.strip().lower() != "accept-language"
            ]
            if not fields:
                self.pop("Vary")
                return
            value = ", ".join(fields)
        super().__setitem__(key, value)


def make_language_neutral(response: HttpResponse) -> HttpResponse:
    if not isinstance(response.headers, _LanguageNeutralHeaders):
        # The same headers, from now on filtered (no copy: the class adds no
        # state), and what is there already passed through the filter.
        response.headers.__class__ = _LanguageNeutralHeaders
        for name in ("Vary", "Content-Language"):
            if name in response.headers:
                response.headers[name] = response.headers.pop(name)
    return response


# --- request parameters -------------------------------------------------------------


@dataclass(frozen=True)
class GraphQLParams:
    query: str | None
    variables: dict | None
    operation_name: str | None
    extensions: dict | None


def _utf8(raw: bytes, message: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise bad_request(str(message)) from None


def _body_utf8(request) -> str:
    return _utf8(request.body, gettext_lazy("The request body is not valid UTF-8."))


def _refusal(parameter: str | None, of_body: str, of_parameter: str, **values):
    """A 400 about the request body (``parameter`` None) or one parameter."""
    if parameter is None:
        return bad_request(of_body % values)
    return bad_request(of_parameter % {"parameter": parameter, **values}, parameter)


def _check_json(value, parameter: str | None) -> None:
    """JSON nested at most MAX_JSON_DEPTH levels, whose strings are Unicode text
    (JSON's ``\\ud800`` escapes can smuggle lone surrogates in)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise _too_deep(parameter)
        if isinstance(item, dict):
            stack.extend((key, depth) for key in item)
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
        elif isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise _refusal(
                    parameter,
                    _("The request body contains text that is not valid Unicode."),
                    _("%(parameter)s contains text that is not valid Unicode."),
                ) from None


def _too_deep(parameter: str | None) -> RequestRefused:
    return _refusal(
        parameter,
        _("The request body is nested deeper than %(max)d levels."),
        _("%(parameter)s is nested deeper than %(max)d levels."),
        max=MAX_JSON_DEPTH,
    )


def decode_json(text: str, parameter: str | None = None):
    """``text`` decoded: the request body (``parameter`` None) or a parameter."""
    try:
        value = json.loads(text)
    except RecursionError:
        raise _too_deep(parameter) from None
    except ValueError:
        raise _refusal(
            parameter,
            _("The request body is not valid JSON."),
            _("%(parameter)s is not valid JSON."),
        ) from None
    _check_json(value, parameter)
    return value


def _json_object(value, parameter: str) -> dict | None:
    """A map parameter (``variables``, ``extensions``): a JSON object, sent as
    such or as a JSON string (in a URL or a form); absent or null is None."""
    if isinstance(value, str):
        if not value.strip():
            return None
        value = decode_json(value, parameter)
    if value is None or isinstance(value, dict):
        return value
    raise bad_request(
        _("%(parameter)s must be a JSON object.") % {"parameter": parameter},
        parameter,
    )


def _string(value, parameter: str) -> str | None:
    if value is None or isinstance(value, str):
        return value or None
    raise bad_request(
        _("%(parameter)s must be a string.") % {"parameter": parameter}, parameter
    )


def params_from(fields: dict) -> GraphQLParams:
    return GraphQLParams(
        query=_string(fields.get("query"), "query"),
        variables=_json_object(fields.get("variables"), "variables"),
        operation_name=_string(fields.get("operationName"), "operationName"),
        extensions=_json_object(fields.get("extensions"), "extensions"),
    )


def query_string_fields(request) -> dict[str, str]:
    """The URL's parameters, decoded strictly: invalid UTF-8 is refused, not
    replaced by U+FFFD as request.GET would (the last value wins, as there)."""
    raw = request.META.get("QUERY_STRING", "")
    try:
        raw_bytes = raw.encode("iso-8859-1")  # WSGI hands bytes over as Latin-1
    except UnicodeEncodeError:
        raw_bytes = raw.encode("utf-8")
    fields = {}
    for pair in raw_bytes.split(b"&"):
        if pair:
            name, _sep, value = pair.partition(b"=")
            fields[_url_decoded(name)] = _url_decoded(value)
    return fields


def _url_decoded(raw: bytes) -> str:
    raw = unquote_to_bytes(raw.replace(b"+", b" "))
    return _utf8(raw, _("The query string is not valid UTF-8."))


class PortalGraphQLView(GraphQLView):
    # Items of root lists cached one by one in shared answers (nodes.py).
    execution_context_class = nodes.NodeCachingExecutionContext

    def __init__(self, **kwargs):
        kwargs.setdefault("validation_rules", validation_rules())
        super().__init__(**kwargs)

    # --- front door ---------------------------------------------------------------

    def dispatch(self, request, *args, **kwargs):
        media_type = response_media_type(request.META.get("HTTP_ACCEPT"))
        try:
            hit = self.known_hit(request)
            if hit is not None:
                return hit
            self.check_request(request)
            if (
                self.graphiql
                and request.method == "GET"
                and self.can_display_graphiql(request, {})
            ):
                return super().dispatch(request, *args, **kwargs)
            params = self.request_params(request)
            return self.answer(request, params, media_type)
        except RequestRefused as refused:
            return self.refusal(refused, media_type)
        except RequestDataTooBig:
            return self.refusal(self.too_large(), media_type)

    def known_hit(self, request) -> HttpResponse | None:
        """The cached answer of a read seen before (known_read), if fresh."""
        known = known_read(request)
        if known is None:
            return None
        media_type, key, query, digest = known
        found = cache.lookup(key)
        if found.state != cache.HIT:
            request._graphql_lookup = found  # the full way, without looking again
            return None
        if digest and query:
            persisted.remember(query, digest, request=request)
        elif digest:
            persisted.used(digest)
        return self.respond(request, found.body, media_type, shared=True, cached=found)

    def parse_body(self, request):
        # Only GraphiQL's page goes through graphene-django's dispatch: a GET.
        return {}

    def check_request(self, request) -> None:
        if request.method not in ("GET", "POST"):
            raise RequestRefused(
                405,
                errors.METHOD_NOT_ALLOWED,
                _("Use GET or POST for GraphQL requests."),
                headers={"Allow": "GET, POST"},
            )
        try:
            size = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            raise bad_request(_("Content-Length is not a number.")) from None
        size += len(request.META.get("QUERY_STRING", ""))
        if size > settings.GRAPHQL_MAX_REQUEST_BYTES:
            raise self.too_large()
        # A GET has no body: whatever Content-Type it names (Apollo's HttpLink
        # names application/json) is ignored.
        if request.method == "POST":
            content_type = self.get_content_type(request)
            if content_type not in JSON_TYPES | FORM_TYPES:
                raise RequestRefused(
                    415,
                    errors.UNSUPPORTED_MEDIA_TYPE,
                    _("Send the query as application/json (or application/graphql)."),
                )

    @staticmethod
    def too_large() -> RequestRefused:
        return RequestRefused(
            413,
            errors.REQUEST_TOO_LARGE,
            _("The request is larger than %(max)d bytes.")
            % {"max": settings.GRAPHQL_MAX_REQUEST_BYTES},
        )

    def request_params(self, request) -> GraphQLParams:
        """The GraphQL parameters: from the URL for a GET, from the body for a
        POST. Each has its type checked; a wrong one is a 400."""
        if request.method == "GET":
            return params_from(query_string_fields(request))
        content_type = self.get_content_type(request)
        if content_type == "application/json":
            body = decode_json(_body_utf8(request))
            if not isinstance(body, dict):
                raise bad_request(_("The request body must be a JSON object."))
            return params_from(body)
        if content_type == "application/graphql":
            fields = query_string_fields(request)
            fields["query"] = _body_utf8(request)
            return params_from(fields)
        return params_from(request.POST.dict())

    def refusal(self, refused: RequestRefused, media_type: str) -> HttpResponse:
        extensions = {"code": refused.code, **refused.extensions}
        body = json.dumps(
            {"errors": [{"message": refused.message, "extensions": extensions}]}
        )
        response = HttpResponse(
            body, status=refused.status, content_type=self.content_type(media_type)
        )
        for name, value in refused.headers.items():
            response[name] = value
        patch_cache_control(response, no_store=True)
        return response

    @staticmethod
    def content_type(media_type: str) -> str:
        return f"{media_type}; charset=utf-8"

    # --- persisted queries and the response cache ---------------------------------

    def answer(self, request, params: GraphQLParams, media_type: str) -> HttpResponse:
        try:
            digest = persisted.persisted_hash(params.extensions)
            query = persisted.resolve_query(params.query, digest, request=request)
        except errors.ApiError as error:
            body = json.dumps({"errors": [self.format_error(error)]})
            return self.respond(
                request, body, media_type, request_error=True, shared=False
            )
        if not query:
            raise bad_request(
                _("Send a query, or the hash of a persisted query."), "query"
            )
        try:
            document = parsed(query)
        except GraphQLError as error:
            result = ExecutionResult(None, coded([error], errors.GRAPHQL_PARSE_FAILED))
            body, _too_large = self.encode(request, result)
            return self.respond(
                request, body, media_type, request_error=True, shared=False
            )

        operation_name = params.operation_name
        # A mutation is never looked up in, nor stored to, the shared cache, is
        # sent with POST, and needs the CSRF token.
        mutation = documents.changes_data(document, operation_name)
        if mutation:
            self.check_mutation_allowed(request)
        shared = not mutation and self.may_share(request)
        if not shared:
            return self.compute(request, document, params, digest, query, media_type)
        key = self.response_key(document, params, query)
        learn_read(request, media_type, key, params.query and query, digest)
        found = getattr(request, "_graphql_lookup", None)
        if found is None or found.key != key:
            found = cache.lookup(key)
        locked = found.state != cache.HIT and cache.acquire(key)
        if found.state == cache.MISS and not locked:
            # Another process computes this answer: wait for it, not beside it.
            found = cache.wait_for(key)
        if found.state == cache.HIT or (found.state == cache.STALE and not locked):
            # Only answers of valid queries are stored: a query sent with its
            # hash is remembered here too, or the client's next hashed GET
            # would miss for as long as the answer stays cached.
            if digest and params.query:
                persisted.remember(query, digest, request=request)
            return self.respond(
                request, found.body, media_type, shared=True, cached=found
            )
        try:
            return self.compute(
                request, document, params, digest, query, media_type, found
            )
        finally:
            if locked:
                cache.release(key)

    def compute(
        self, request, document, params, digest, query, media_type, found=None
    ) -> HttpResponse:
        """Run the operation; with ``found`` (a shared read), store its answer
        with what it depends on."""
        with (
            dependencies.recording() as recorded,
            nodes.node_cache(found, document) as node_cache,
        ):
            result = self.execute_document(
                request, document, params.variables, params.operation_name
            )
        request_error = is_request_error(result)
        if digest and not request_error:
            persisted.remember(query, digest, request=request)
        body, too_large = self.encode(request, result)
        has_errors = bool(result.errors) or too_large
        shared = found is not None and not state_of(request).private
        tags = ()
        if shared and not has_errors:
            tags = recorded.finish(result.data)
            if cache.store(found.key, found, body, tags) and node_cache is not None:
                node_cache.store()  # its items, once the answer is filed
        return self.respond(
            request,
            body,
            media_type,
            shared=shared,
            request_error=request_error and not too_large,
            has_errors=has_errors,
            tags=tags,
        )

    def check_mutation_allowed(self, request) -> None:
        if request.method != "POST":
            raise RequestRefused(
                405,
                errors.METHOD_NOT_ALLOWED,
                _("Send mutations with POST."),
                headers={"Allow": "POST"},
            )
        reason = csrf_failure_reason(request)
        if reason is not None:
            logger.warning("GraphQL mutation refused: CSRF: %s", reason)
            raise RequestRefused(
                403,
                errors.CSRF_FAILED,
                _(
                    "The CSRF check failed: send the token from the csrfToken "
                    "query in the X-CSRFToken header, with cookies."
                ),
            )

    @staticmethod
    def response_key(
        document: DocumentNode, params: GraphQLParams, query: str | None = None
    ) -> str:
        """The shared cache's key: the document as printed back, so comments and
        whitespace make no new entries; only the variables the operation uses.
        The language stays in the key although answers stored there carry no
        messages: a safeguard should any field ever read it."""
        name = params.operation_name
        return cache.response_key(
            normalised(query, document),
            documents.declared_variables(document, name, params.variables),
            name,
            translation.get_language(),
        )

    @staticmethod
    def may_share(request) -> bool:
        if not settings.GRAPHQL_CACHE_ENABLED:
            return False
        # Without a session cookie the user is anonymous: no session lookup needed.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return True
        return not request.user.is_authenticated

    def encode(self, request, result: ExecutionResult) -> tuple[str, bool]:
        """The answer's JSON, and whether it was replaced for being too large."""
        answer = {}
        if result.errors:
            answer["errors"] = [self.format_error(error) for error in result.errors]
        if not is_request_error(result):
            answer["data"] = result.data
        body = self.json_encode(request, answer)
        if len(body) <= settings.GRAPHQL_MAX_RESPONSE_BYTES:
            return body, False
        # The backstop behind the cost limits: never sent, never cached.
        limit = settings.GRAPHQL_MAX_RESPONSE_BYTES
        error = errors.ResponseTooLarge(
            _(
                "The answer is larger than %(max)d bytes: ask for fewer items or "
                "fewer fields."
            )
            % {"max": limit},
            limit=limit,
        )
        return json.dumps({"errors": [self.format_error(error)], "data": None}), True

    def respond(
        self,
        request,
        body,
        media_type: str,
        *,
        shared: bool,
        request_error: bool = False,
        has_errors: bool | None = None,
        tags=(),
        cached: cache.Lookup | None = None,
    ) -> HttpResponse:
        """The answer with its status and cache headers. ``shared``: the same for
        every anonymous reader (may go to a CDN); ``request_error``: no GraphQL
        ran (no ``data``); ``has_errors``: it carries error messages, which are in
        the reader's language."""
        if has_errors is None:
            has_errors = request_error
        status = 400 if request_error and media_type == GRAPHQL_RESPONSE_JSON else 200
        response = HttpResponse(
            body, status=status, content_type=self.content_type(media_type)
        )
        patch_vary_headers(response, ["Accept"])
        if not shared:
            patch_cache_control(response, private=True, no_store=True)
            return response
        if has_errors:
            patch_vary_headers(response, ["Accept-Language"])
            patch_cache_control(response, no_cache=True)
            return response
        make_language_neutral(response)
        header = ""
        if cached is not None:
            header = cached.surrogate
            response["X-Cache"] = cached.state
        elif tags:
            response["X-Cache"] = cache.MISS
        add_surrogate_keys(response, tags, header)
        if request.method != "GET" or (
            cached is not None and cached.state == cache.STALE
        ):
            # A stale answer (served while another process recomputes it) never
            # lives on in a CDN beyond the staleness bound.
            patch_cache_control(response, no_cache=True)
            return response
        # GET answers can be kept by a CDN and revalidated with If-None-Match.
        patch_cache_control(
            response, public=True, max_age=settings.GRAPHQL_HTTP_MAX_AGE
        )
        content = body if isinstance(body, bytes) else body.encode()
        etag = '"%s"' % hashlib.sha256(content).hexdigest()[:32]
        response["ETag"] = etag
        conditional = get_conditional_response(request, etag=etag, response=response)
        return make_language_neutral(conditional)

    # --- execution ------------------------------------------------------------------

    def execute_document(
        self, request, document: DocumentNode, variables, operation_name
    ) -> ExecutionResult:
        """Validate and run the parsed document (graphene-django would parse it
        again): what its ``execute_graphql_request`` does, once."""
        schema = self.schema.graphql_schema
        problems = validation_problems(schema, document, tuple(self.validation_rules))
        if problems:
            return ExecutionResult(
                None, coded(problems, errors.GRAPHQL_VALIDATION_FAILED)
            )
        options = {
            "root_value": self.get_root_value(request),
            "context_value": self.get_context(request),
            "variable_values": variables,
            "operation_name": operation_name,
            "middleware": self.get_middleware(request),
        }
        if self.execution_context_class:
            options["execution_context_class"] = self.execution_context_class
        operation = documents.selected_operation(document, operation_name)
        atomic = (
            operation is not None
            and operation.operation == OperationType.MUTATION
            and (
                graphene_settings.ATOMIC_MUTATIONS is True
                or connection.settings_dict.get("ATOMIC_MUTATIONS", False) is True
            )
        )
        # One batch scope per operation: loaders share what they fetched. Root
        # fields may switch the active language (activate_locale): restore it after.
        with batch_scope(), translation.override(translation.get_language()):
            if atomic:
                with transaction.atomic():
                    result = execute(schema, document, **options)
                    if getattr(request, MUTATION_ERRORS_FLAG, False) is True:
                        transaction.set_rollback(True)
            else:
                result = execute(schema, document, **options)
        raise_unavailable_database(result)
        if result.errors or getattr(request, MUTATION_ERRORS_FLAG, False) is True:
            set_rollback()
        if is_request_error(result):
            # Variable values that do not fit their declared types.
            coded(result.errors, errors.GRAPHQL_VALIDATION_FAILED)
        return result

    @staticmethod
    def format_error(error) -> dict:
        """Every error carries ``extensions.code``; unexpected failures are logged
        and their details kept out of the response. With introspection off,
        graphql-core's "Did you mean …?" suggestions go: they name the schema."""
        if not isinstance(error, GraphQLError):
            return {"message": str(error), "extensions": {"code": errors.BAD_REQUEST}}
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
        if not settings.GRAPHQL_INTROSPECTION:
            formatted["message"] = documents.without_suggestions(formatted["message"])
        formatted["extensions"] = extensions
        return formatted


def add_surrogate_keys(response: HttpResponse, tags=(), header: str = "") -> None:
    """What the answer depends on, for a CDN's purge by key (cms/graphql/purge.py):
    ``Surrogate-Key`` (Fastly, Varnish xkey) and ``Cache-Tag`` (Cloudflare).
    ``header``: made already (cache.surrogate_header), as a cached entry keeps it."""
    header = header or (cache.surrogate_header(tags) if tags else "")
    if not header:
        return
    response["Surrogate-Key"] = header
    response["Cache-Tag"] = header.replace(" ", ",")


def is_request_error(result: ExecutionResult) -> bool:
    """The request failed before execution (no ``data`` in the answer): errors
    without a path, as parse, validation and variable coercion give."""
    return any(not error.path for error in result.errors or ())


def coded(problems: list[GraphQLError], code: str) -> list[GraphQLError]:
    """The errors with ``code`` where they carry none of their own."""
    for problem in problems:
        if "code" not in (problem.extensions or {}):
            problem.extensions = {**(problem.extensions or {}), "code": code}
    return problems
