"""Django's Redis cache, failing safe: when Redis cannot be reached, the site goes
on uncached instead of answering 500.

A failed call answers like a miss (``get`` returns the default, ``add`` False,
``incr`` raises ValueError as for a missing key) and opens a breaker: for
``DOWN_SECONDS`` (default 5) no call tries Redis, so a dead server costs one
short connection timeout per process, not one per lookup. Invalidations that could
not be written (``incr``, ``delete``, and ``set_many``: the GraphQL response
cache's tag versions) are kept and replayed, in order, as soon as Redis answers
again, so the invalidation of a publish made during the outage is not lost
(unless this process exits first: the entries' timeout then bounds the
staleness). ``ping()`` raises, for the readiness check.

    CACHES["default"] = {
        "BACKEND": "cms.redis_cache.FailSafeRedisCache",
        "LOCATION": "redis://…",
        "DOWN_SECONDS": 5,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

REDIS_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)
MAX_PENDING = 1000

_MISS = object()


class FailSafeRedisCache(RedisCache):
    def __init__(self, server, params):
        params = dict(params)
        self.down_seconds = float(params.pop("DOWN_SECONDS", 5))
        super().__init__(server, params)
        self._down_until = 0.0
        self._pending: list[tuple[str, tuple, dict]] = []
        self._lock = threading.Lock()

    @property
    def is_down(self) -> bool:
        return time.monotonic() < self._down_until

    def ping(self) -> None:
        """Raise unless Redis answers (used by /readyz; ignores the breaker)."""
        self._cache.get_client(write=True).ping()

    def _call(self, name: str, on_failure, *args, replay: bool = False, **kwargs):
        method = getattr(super(), name)
        if not self.is_down:
            try:
                self._replay_pending()
                return method(*args, **kwargs)
            except REDIS_ERRORS as error:
                self._down_until = time.monotonic() + self.down_seconds
                logger.warning(
                    "Cache unreachable, serving uncached for %ss: %s",
                    self.down_seconds,
                    error,
                )
        if replay:
            with self._lock:
                if len(self._pending) < MAX_PENDING:
                    self._pending.append((name, args, kwargs))
        if on_failure is ValueError:
            raise ValueError("The cache is unreachable.")
        return on_failure

    def _replay_pending(self) -> None:
        if not self._pending:
            return
        with self._lock:
            pending, self._pending = self._pending, []
        for index, (name, args, kwargs) in enumerate(pending):
            try:
                getattr(super(), name)(*args, **kwargs)
            except ValueError:  # incr of a key that is gone: nothing to bump
                pass
            except REDIS_ERRORS:
                with self._lock:
                    self._pending[:0] = pending[index:]
                raise
        logger.info("Cache reachable again: replayed %d invalidation(s)", len(pending))

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Only the response cache's invalidations use set_many (cms/graphql/cache.py).
        return self._call("set_many", list(data), data, timeout, version, replay=True)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version, replay=True)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, list(keys), version, replay=True)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", ValueError, key, delta, version, replay=True)

    def clear(self):
        return self._call("clear", False)
