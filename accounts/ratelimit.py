"""Fixed-window counters in the shared cache: brute-force limits per address and
per client IP for sign-in and the code endpoints.

Windows are numbered from ``clock.now()``, so tests move time instead of waiting.
The counters live in the default cache, which every process shares (the database
cache table, or Redis)."""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from . import clock
from .errors import RateLimited


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
    """The client's address as django-axes sees it (same proxy settings)."""
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or "unknown"


def hit(name: str, identity: str) -> None:
    """Count one attempt of ``identity`` (an IP address, an e-mail address) against
    the limit ``name``; raise RateLimited once it is spent for this window."""
    limit = limit_for(name)
    now = clock.now().timestamp()
    window = int(now // limit.seconds)
    digest = hashlib.sha256(identity.lower().encode()).hexdigest()[:32]
    key = f"accounts:ratelimit:{name}:{digest}:{window}"
    cache.add(key, 0, timeout=limit.seconds * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=limit.seconds * 2)
        count = 1
    if count > limit.count:
        retry_after = max(1, math.ceil((window + 1) * limit.seconds - now))
        raise RateLimited(
            _("Too many attempts. Try again in %(seconds)d seconds.")
            % {"seconds": retry_after},
            retryAfter=retry_after,
        )


def hit_all(request, prefix: str, address: str | None = None) -> None:
    """The per-IP limit of ``prefix``, then its per-address limit when given."""
    hit(f"{prefix}:ip", client_ip(request))
    if address:
        hit(f"{prefix}:address", address)
