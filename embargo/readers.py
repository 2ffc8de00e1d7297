"""Who is reading: the current request's user, asked lazily (no query for anonymous
readers), through a context variable that ReaderMiddleware sets for each request.

Which users may read pages under embargo is not decided here: the accreditation
app registers its check (``allow_readers``), so this app knows nothing of it."""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property

from cms.graphql.request_state import mark_private

_checks: list[Callable] = []


def allow_readers(check: Callable) -> None:
    """``check(user) -> bool``: whether a signed-in user may read embargoed pages."""
    if check not in _checks:
        _checks.append(check)


class Reader:
    def __init__(self, request=None, user=None) -> None:
        self.request, self._user = request, user

    @cached_property
    def may_read_embargoed(self) -> bool:
        user = self._user
        if user is None and self.request is not None:
            user = getattr(self.request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        allowed = any(check(user) for check in _checks)
        if allowed and self.request is not None:
            # An answer that may hold embargoed pages is this reader's alone:
            # never the shared response cache, never a CDN (already so for any
            # signed-in user; said again here so it cannot regress).
            mark_private(self.request)
        return allowed


_reader: contextvars.ContextVar[Reader | None] = contextvars.ContextVar(
    "embargo_reader", default=None
)


def may_read_embargoed() -> bool:
    """Outside a request (the worker, webhooks, newsletters, the shell): no."""
    reader = _reader.get()
    return reader is not None and reader.may_read_embargoed


@contextmanager
def reading_as(request=None, user=None) -> Iterator[Reader]:
    reader = Reader(request, user)
    token = _reader.set(reader)
    try:
        yield reader
    finally:
        _reader.reset(token)


class ReaderMiddleware:
    """After AuthenticationMiddleware: every path of a request (GraphQL, page
    serving, downloads) asks the same reader."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        with reading_as(request):
            return self.get_response(request)
