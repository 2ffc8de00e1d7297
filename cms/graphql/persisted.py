"""Automatic persisted queries, as Apollo clients speak them: the client sends
``extensions.persistedQuery.sha256Hash``; the server answers from its store, or
with ``PersistedQueryNotFound`` so the client sends the query once with its hash."""

from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.core.cache import caches
from django.utils.translation import gettext as _

from .errors import ApiError

HASH = re.compile(r"^[0-9a-f]{64}$")


class PersistedQueryNotFound(ApiError):
    code = "PERSISTED_QUERY_NOT_FOUND"


class PersistedQueryInvalid(ApiError):
    code = "PERSISTED_QUERY_INVALID"


def _store():
    return caches[settings.GRAPHQL_CACHE_ALIAS]


def _key(digest: str) -> str:
    return f"graphql:apq:{digest}"


def persisted_hash(extensions) -> str | None:
    """The sha256 hash the request names, or None when it names none."""
    if not extensions:
        return None
    persisted = extensions.get("persistedQuery") if isinstance(extensions, dict) else 0
    if persisted is None:
        return None
    if (
        not isinstance(persisted, dict)
        or persisted.get("version") != 1
        or not isinstance(persisted.get("sha256Hash"), str)
        or not HASH.match(persisted["sha256Hash"].lower())
    ):
        raise PersistedQueryInvalid(
            _("extensions.persistedQuery needs version 1 and a sha256Hash.")
        )
    return persisted["sha256Hash"].lower()


def resolve_query(query: str | None, digest: str | None) -> str | None:
    """The query text to run. With a hash and no query: the stored text, or
    PersistedQueryNotFound. With both: they must agree."""
    if digest is None:
        return query
    if query:
        if hashlib.sha256(query.encode()).hexdigest() != digest:
            raise PersistedQueryInvalid(
                _("The sha256Hash does not match the query sent with it.")
            )
        return query
    stored = _store().get(_key(digest))
    if stored is None:
        # Apollo clients look for this exact message.
        raise PersistedQueryNotFound("PersistedQueryNotFound")
    return stored


def remember(query: str, digest: str) -> None:
    """Keep a query that parsed and validated, under its hash."""
    _store().set(_key(digest), query, settings.GRAPHQL_PERSISTED_QUERY_TIMEOUT)
