"""Fixed-window counters: brute-force limits per address and per client for sign-in,
the code endpoints, registration and newsletter subscription.

Two kinds of limit (issue 15: a press centre behind one NAT address locked its
journalists out). Brute-force limits (``count_failures``) count failed attempts
only: every attempt is counted before the work, so concurrent requests cannot
slip past, and given back when it succeeds. Work limits (``hit``, ``hit_all``)
count every request that e-mails someone or creates something, successful or
not, with ceilings well above what a shared address does legitimately. Either is
counted per client address and, where there is one, per e-mail address; none
depends on anything the client can change at will (cookies, the e-mail address
it tries next).

The counters are rows of ``RateLimitCounter`` in the database, incremented in one
UPDATE (``F("count") + 1``), so every process sees the same count and nothing
evicts them: filling the cache (which anyone can do with cheap requests) does not
give a spent limit back. Windows are numbered from ``clock.now()``, so tests move
time instead of waiting; rows of finished windows are purged as new ones are made.
Identities (addresses, e-mail addresses) are stored as keyed digests."""

from __future__ import annotations

import datetime
import functools
import math
from collections.abc import Callable
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


@dataclass(frozen=True)
class Counted:
    """One attempt counted in one window, to give back if it succeeds."""

    name: str
    identity: str  # the digest
    period: int


HOUR = 60 * 60
# name -> attempts allowed per window (README, "Rate limits"). ACCOUNTS_RATE_LIMITS
# overrides any of them with {"name": (count, seconds)}. ":ip" is the client's
# address (IPv6: its /64), ":address" the e-mail address asked about.
DEFAULT_LIMITS = {
    # Failed attempts only (successes are given back).
    "login:ip": Limit(30, 15 * 60),
    "register:ip": Limit(30, HOUR),
    "code-check:ip": Limit(50, HOUR),
    "code-check:address": Limit(15, HOUR),
    # Every attempt: ceilings against floods, far above a press centre's use.
    "login:ip-all": Limit(600, 15 * 60),
    "register:ip-all": Limit(200, HOUR),
    # Every request that e-mails an address (they all do, whatever the answer).
    "register:address": Limit(10, HOUR),
    "code-send:ip": Limit(100, HOUR),
    "code-send:address": Limit(6, HOUR),
    "subscribe:ip": Limit(100, HOUR),
    "subscribe:address": Limit(5, HOUR),
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


def count_attempt(name: str, identity: str, limit: Limit) -> tuple[int, float, int]:
    """Add one to the counter of ``identity`` for ``name`` in the current window.
    Returns the count (this attempt included), the end of the window and its
    number."""
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
            return 1, ends_at, period
    return row.values_list("count", flat=True).get(), ends_at, period


def purge_expired() -> int:
    """Delete the counters of finished windows. Run whenever a window starts."""
    deleted, _by_model = RateLimitCounter.objects.filter(
        expires_at__lte=clock.now()
    ).delete()
    return deleted


def hit(name: str, identity: str) -> Counted:
    """Count one attempt of ``identity`` (an IP address, an e-mail address) against
    the limit ``name``; raise RateLimited once it is spent for this window."""
    limit = limit_for(name)
    count, ends_at, period = count_attempt(name, identity, limit)
    if count > limit.count:
        retry_after = max(1, math.ceil(ends_at - clock.now().timestamp()))
        raise RateLimited(
            _("Too many attempts. Try again in %(seconds)d seconds.")
            % {"seconds": retry_after},
            retryAfter=retry_after,
        )
    return Counted(name, identity_digest(identity), period)


def give_back(counted: Counted) -> None:
    """Take a successful attempt off its counter (in the window it was counted)."""
    RateLimitCounter.objects.filter(
        name=counted.name,
        identity=counted.identity,
        period=counted.period,
        count__gt=0,
    ).update(count=F("count") - 1)


def client_identity(request) -> str:
    return rate_limit_identity(client_ip(request))


def hit_all(request, prefix: str, address: str | None = None) -> list[Counted]:
    """The per-client limit of ``prefix``, then its per-address limit when given."""
    counted = [hit(f"{prefix}:ip", client_identity(request))]
    if address:
        counted.append(hit(f"{prefix}:address", address))
    return counted


def count_failures(
    prefix: str, address_argument: str | None = None
) -> Callable[[Callable], Callable]:
    """Decorate a mutation's ``mutate``: its attempts count against
    ``<prefix>:ip`` (and ``<prefix>:address`` for the e-mail address in
    ``address_argument``) and, when it returns without an error, are given back:
    only failures weigh. ``<prefix>:ip-all``, if defined, counts every attempt."""

    def decorate(mutate: Callable) -> Callable:
        @functools.wraps(mutate)
        def wrapper(root, info, **arguments):
            request = info.context
            if f"{prefix}:ip-all" in DEFAULT_LIMITS:
                hit(f"{prefix}:ip-all", client_identity(request))
            address = arguments.get(address_argument) if address_argument else None
            counted = hit_all(request, prefix, address if address else None)
            result = mutate(root, info, **arguments)
            for attempt in counted:  # it succeeded: it does not weigh
                give_back(attempt)
            return result

        return wrapper

    return decorate
