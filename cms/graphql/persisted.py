"""Automatic persisted queries, as Apollo clients speak them: the client sends
``extensions.persistedQuery.sha256Hash``; the server answers from its store, or
with ``PersistedQueryNotFound`` so the client sends the query once with its hash.

The store is the ``PersistedQuery`` table, never the shared cache: registering is
cheap and anonymous, and ten thousand ``{__typename}#N`` must not push anything else
out. The table is bounded (GRAPHQL_PERSISTED_QUERY_MAX_ENTRIES rows, the least
recently used dropped first; queries over GRAPHQL_PERSISTED_QUERY_MAX_BYTES are run
but not kept), and each client may register GRAPHQL_PERSISTED_QUERY_REGISTRATIONS
new queries per hour: past that, PERSISTED_QUERY_REGISTRATION_LIMITED."""

from __future__ import annotations

import datetime
import hashlib
import math
import re
import time

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from cms.clientip import client_ip, rate_limit_identity
from cms.models import PersistedQuery

from .errors import ApiError

HASH = re.compile(r"^[0-9a-f]{64}$")
REGISTRATION_WINDOW = datetime.timedelta(hours=1)
# A stored query's use is written at most this often (not on every read).
USED_AT_PRECISION = datetime.timedelta(hours=1)


class PersistedQueryNotFound(ApiError):
    code = "PERSISTED_QUERY_NOT_FOUND"


class PersistedQueryInvalid(ApiError):
    code = "PERSISTED_QUERY_INVALID"


class PersistedQueryRegistrationLimited(ApiError):
    """extensions: ``retryAfter`` (seconds). Send the query without a hash."""

    code = "PERSISTED_QUERY_REGISTRATION_LIMITED"


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


def resolve_query(query: str | None, digest: str | None, request=None) -> str | None:
    """The query text to run. With a hash and no query: the stored text, or
    PersistedQueryNotFound. With both: they must agree, and a new hash counts
    against the client's registrations (when ``request`` is given)."""
    if digest is None:
        return query
    if query:
        if hashlib.sha256(query.encode()).hexdigest() != digest:
            raise PersistedQueryInvalid(
                _("The sha256Hash does not match the query sent with it.")
            )
        if request is not None and not _stored(digest):
            check_registrations(request)
        return query
    stored = lookup(digest)
    if stored is None:
        # Apollo clients look for this exact message.
        raise PersistedQueryNotFound("PersistedQueryNotFound")
    return stored


def lookup(digest: str) -> str | None:
    now = timezone.now()
    row = (
        PersistedQuery.objects.filter(sha256=digest, used_at__gt=now - _timeout())
        .values_list("query", "used_at")
        .first()
    )
    if row is None:
        return None
    query, used_at = row
    if used_at < now - USED_AT_PRECISION:
        PersistedQuery.objects.filter(sha256=digest).update(used_at=now)
    return query


# Hashes whose use this process wrote lately (monotonic time): a hash-only
# request answered from the response cache without reading the store (a read
# seen before, cms/graphql/views.py) still counts as a use, or a query in
# constant use would leave the store as if unused.
_used: dict[str, float] = {}
USED_KEPT = 10_000


def used(digest: str) -> None:
    """Record a use of ``digest`` (at most once per USED_AT_PRECISION here)."""
    now = time.monotonic()
    last = _used.get(digest)
    if last is not None and now - last < USED_AT_PRECISION.total_seconds():
        return
    if len(_used) >= USED_KEPT:
        _used.clear()
    _used[digest] = now
    lookup(digest)


def remember(query: str, digest: str, request=None) -> None:
    """Keep a query that parsed and validated, under its hash, unless it is too
    long or already kept (or ``request``'s client has registered too many)."""
    if len(query.encode()) > settings.GRAPHQL_PERSISTED_QUERY_MAX_BYTES:
        return
    if _stored(digest):
        return
    now = timezone.now()
    # A row past its timeout (not purged yet) comes back to life.
    if PersistedQuery.objects.filter(sha256=digest).update(query=query, used_at=now):
        return
    client = ""
    if request is not None:
        try:
            check_registrations(request)
        except PersistedQueryRegistrationLimited:
            return
        client = _client_digest(request)
    try:
        with transaction.atomic():
            PersistedQuery.objects.create(
                sha256=digest, query=query, client=client, created_at=now, used_at=now
            )
    except IntegrityError:  # registered by a concurrent request
        return
    _enforce_bounds(now)


def check_registrations(request) -> None:
    """PERSISTED_QUERY_REGISTRATION_LIMITED once the client has registered its
    allowance of new queries in the last hour."""
    since = timezone.now() - REGISTRATION_WINDOW
    recent = PersistedQuery.objects.filter(
        client=_client_digest(request), created_at__gt=since
    )
    allowance = settings.GRAPHQL_PERSISTED_QUERY_REGISTRATIONS
    if recent.count() < allowance:
        return
    oldest = recent.order_by("created_at").values_list("created_at", flat=True)[0]
    retry_after = max(
        1, math.ceil((oldest + REGISTRATION_WINDOW - timezone.now()).total_seconds())
    )
    raise PersistedQueryRegistrationLimited(
        _(
            "Too many new persisted queries from this client. Send the query "
            "itself, or try again in %(seconds)d seconds."
        )
        % {"seconds": retry_after},
        retryAfter=retry_after,
    )


def _stored(digest: str) -> bool:
    """Kept and not past its timeout."""
    live_since = timezone.now() - _timeout()
    return PersistedQuery.objects.filter(sha256=digest, used_at__gt=live_since).exists()


def _client_digest(request) -> str:
    identity = rate_limit_identity(client_ip(request))
    return salted_hmac("cms.persisted", identity, algorithm="sha256").hexdigest()


def _timeout() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.GRAPHQL_PERSISTED_QUERY_TIMEOUT)


def _enforce_bounds(now: datetime.datetime) -> None:
    """Drop the queries unused for the timeout, and the least recently used past
    the cap (down to nine tenths of it, so this runs rarely)."""
    PersistedQuery.objects.filter(used_at__lte=now - _timeout()).delete()
    cap = settings.GRAPHQL_PERSISTED_QUERY_MAX_ENTRIES
    if PersistedQuery.objects.count() <= cap:
        return
    keep = max(1, cap * 9 // 10)
    newest = PersistedQuery.objects.order_by("-used_at")
    cutoff = newest.values_list("used_at", flat=True)[keep - 1]
    PersistedQuery.objects.filter(used_at__lt=cutoff).delete()
