"""Structured logs: one JSON object per line, each carrying the request id and,
for the GraphQL endpoint, the operation name.

``RequestLogMiddleware`` takes the request id from the ``X-Request-ID`` header
(as set by the reverse proxy or CDN, so one id follows a request through every
hop) when it is a sane token, or makes one; returns it in the ``X-Request-ID``
response header; and logs one ``request`` line per request with the method, path,
status, duration and GraphQL operation. Everything logged while the request runs
(a resolver's error, a slow query) carries the same id, through a context
variable that ``JsonFormatter`` reads.

    {"time": "2026-03-01T10:00:00.123Z", "level": "INFO", "logger": "portal.request",
     "message": "POST /graphql/ 200", "request_id": "9f1c…", "graphql_operation":
     "LatestReleases", "method": "POST", "path": "/graphql/", "status": 200,
     "duration_ms": 12.4}
"""

from __future__ import annotations

import contextvars
import datetime
import json
import logging
import re
import time
import uuid

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:@-]{1,128}$")
_OPERATION = re.compile(
    r"^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)"
)

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "request_id", default=None
)
graphql_operation_var: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "graphql_operation", default=None
)

access_logger = logging.getLogger("portal.request")

# Attributes every LogRecord has: anything else was passed with ``extra=``.
_STANDARD = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {
    "message",
    "asctime",
    "request",
    "server_time",
}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = request_id_var.get()
        if request_id:
            entry["request_id"] = request_id
        operation = graphql_operation_var.get()
        if operation:
            entry["graphql_operation"] = operation
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def incoming_request_id(request) -> str:
    value = request.headers.get(REQUEST_ID_HEADER, "")
    if _VALID_REQUEST_ID.match(value):
        return value
    return uuid.uuid4().hex


def graphql_operation_name(request) -> str | None:
    """The operation a GraphQL request runs: its ``operationName``, else the name
    of the (first) operation in the document; None when anonymous or unreadable.
    Reads the body only when it is small JSON (the view reads the same bytes)."""
    from django.conf import settings

    data: dict = {}
    if request.method == "GET":
        data = request.GET
    elif (
        request.content_type == "application/json"
        and int(request.META.get("CONTENT_LENGTH") or 0)
        <= settings.GRAPHQL_MAX_REQUEST_BYTES
    ):
        try:
            data = json.loads(request.body or b"{}")
        except (ValueError, RecursionError):  # bad JSON or bad UTF-8; too deep
            return None
        if not isinstance(data, dict):
            return None
    name = data.get("operationName")
    if isinstance(name, str) and name:
        return name[:100]
    query = data.get("query")
    if isinstance(query, str):
        match = _OPERATION.match(query)
        if match:
            return match.group(1)
    return None


class RequestLogMiddleware:
    """Early in MIDDLEWARE (after the health probes): the request id is set for
    everything that runs after it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = incoming_request_id(request)
        request.request_id = request_id
        id_token = request_id_var.set(request_id)
        operation = None
        if request.path_info.rstrip("/") == "/graphql":
            operation = graphql_operation_name(request)
        operation_token = graphql_operation_var.set(operation)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            access_logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id_var.reset(id_token)
            graphql_operation_var.reset(operation_token)
