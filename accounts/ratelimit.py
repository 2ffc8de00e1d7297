"""Fixed-window counters: brute-force limits per address and per client for sign-in,
the code endpoints, registration and newsletter subscription.

The counters are rows of ``RateLimitCounter`` in the database, incremented in one
UPDATE (``F("count") + 1``), so every process sees the same count and nothing
evicts them: filling the cache (which anyone can do with cheap requests) does not
give a spent limit back. Windows are numbered from ``clock.now()``, so tests move
time instead of waiting; rows of finished windows are purged as new ones are made.
Identities (addresses, e-mail addresses) are stored as keyed digests."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from cms.clientip import client_ip as _client_ip
from cms.clientip import rate_limit_identity

from . import clock
from .errors import RateLimited
from .models import RateLimitCounter


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int


# name -> attempts allowed per window. ACCOUNTS_RATE_LIMITS overrides any of them
# with {"name": (count, seconds)}.
DEFAULT_LIMITS = {
    "login:ip": Limit(30, 15 * 60),
    "code-send:ip": Limit(20, 60 * 60),
    "code-send:address": Limit(6, 60 * 60),
    "code-check:ip": Limit(50, 60 * 60),
    "code-check:address": Limit(15, 60 * 60),
    "register:ip": Limit(20, 60 * 60),
    "subscribe:ip": Limit(20, 60 * 60),
    "subscribe:address": Limit(5, 60 * 60),
}


def limit_for(name: str) -> Limit:
    override = getattr(settings, "ACCOUNTS_RATE_LIMITS", {}).get(name)
    return Limit(*override) if override else DEFAULT_LIMITS[name]


def client_ip(request) -> str:
    """The client's address (cms/clientip.py: X-Forwarded-For only through
    TRUSTED_PROXIES); django-axes uses the same function."""
    return _client_ip(request)


def identity_digest(value: str) -> str:
    """A keyed digest of an address: the table never holds the address itself."""
    return salted_hmac(
        "accounts.ratelimit", value.strip().lower(), algorithm="sha256"
    ).hexdigest()


def count_attempt(name: str, identity: str, limit: Limit) -> tuple[int, float]:
    """Add one to the counter of ``identity`` for ``name`` in the current window.
    Returns the count (this attempt included) and the end of the window."""
    now = clock.now().timestamp()
    period = int(now // limit.seconds)
    ends_at = (period + 1) * limit.seconds
    row = RateLimitCounter.objects.filter(
        name=name, identity=identity_digest(identity), period=period
    )
    if not row.update(count=F("count") + 1):
        try:
            with transaction.atomic():
                RateLimitCounter.objects.create(
                    name=name,
                    identity=identity_digest(identity),
                    period=period,
                    count=1,
                    expires_at=datetime.datetime.fromtimestamp(ends_at, datetime.UTC),
                )
        except IntegrityError:  # another request made it first
            row.update(count=F("count") + 1)
        else:
            purge_expired()
            return 1, ends_at
    return row.values_list("count", flat=True).get(), ends_at


def purge_expired() -> int:
    """Delete the counters of finished windows. Run whenever a window starts."""
    deleted, _by_model = RateLimitCounter.objects.filter(
        expires_at__lte=clock.now()
    ).delete()
    return deleted


def hit(name: str, identity: str) -> None:
    """Count one attempt of ``identity`` (an IP address, an e-mail address) against
    the limit ``name``; raise RateLimited once it is spent for this window."""
    limit = limit_for(name)
    count, ends_at = count_attempt(name, identity, limit)
    if count > limit.count:
        retry_after = max(1, math.ceil(ends_at - clock.now().timestamp()))
        raise RateLimited(
            _("Too many attempts. Try again in %(seconds)d seconds.")
            % {"seconds": retry_after},
            retryAfter=retry_after,
        )


def hit_all(request, prefix: str, address: str | None = None) -> None:
    """The per-client limit of ``prefix``, then its per-address limit when given."""
    hit(f"{prefix}:ip", rate_limit_identity(client_ip(request)))
    if address:
        hit(f"{prefix}:address", address)
