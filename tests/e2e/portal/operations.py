"""The GraphQL operations the CMS behind the portal tests is asked, by name, so a
test can say how many requests one page render makes (counted on the CMS side,
not timed): a middleware notes each ``/graphql/`` request as it arrives, and
``GET /__tests__/graphql-operations/`` returns the names noted since the last
such call and forgets them."""

from __future__ import annotations

import json
import re
import threading

from django.http import JsonResponse

_lock = threading.Lock()
_names: list[str] = []
_NAMED = re.compile(r"^\s*(?:query|mutation)\s+(\w+)")


def operation_name(request) -> str:
    if request.method == "GET":
        name = request.GET.get("operationName")
        text = request.GET.get("query", "")
    else:
        try:
            payload = json.loads(request.body or b"{}")
        except ValueError:
            payload = {}
        payload = payload if isinstance(payload, dict) else {}
        name = payload.get("operationName")
        text = payload.get("query") or ""
    if not name:
        match = _NAMED.match(text)
        name = match.group(1) if match else "anonymous"
    return name


class OperationsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/graphql/":
            name = operation_name(request)
            with _lock:
                _names.append(name)
        return self.get_response(request)


def operations(request):
    with _lock:
        names = list(_names)
        _names.clear()
    return JsonResponse({"operations": names})
