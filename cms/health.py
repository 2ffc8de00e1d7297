"""Liveness and readiness, for load balancers and orchestrators. Unauthenticated,
never cached, and fast: each check has a short timeout of its own.

Both are answered by ``HealthProbeMiddleware``, whatever the Host header, over
HTTP or HTTPS (also routed in cms/urls.py).

- ``GET /healthz``: the process answers. No database, no network: a load balancer
  that restarts on failure must not restart every app process because PostgreSQL
  is down.
- ``GET /readyz``: the process can serve: database (and the read replica if one is
  configured), cache, storage (of the videos, and of the other media) and task
  queue reachable. 200 when all are, 503 otherwise; the JSON says which one is not:

      {"status": "unavailable",
       "checks": {"database": {"ok": false, "error": "OperationalError"},
                  "cache": {"ok": true}, …}}

  Errors are named by their exception class only: no host names or credentials
  leak to an unauthenticated caller; the details go to the log."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import storages
from django.db import connections
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

STORAGE_TIMEOUT_SECONDS = 2.0
_s3_clients: dict[str, object] = {}


def _answer(status: str, code: int, **extra) -> JsonResponse:
    response = JsonResponse({"status": status, **extra}, status=code)
    add_never_cache_headers(response)
    return response


@require_GET
def healthz(request):
    return _answer("ok", 200)


# --- Checks: each raises when its service is not reachable -------------------------


def check_database(alias: str = "default") -> None:
    connection = connections[alias]
    # A connection broken by a server restart is replaced, not reused (never in the
    # middle of a transaction, which closing would break).
    if not connection.in_atomic_block:
        connection.close_if_unusable_or_obsolete()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    cache = caches["default"]
    ping = getattr(cache, "ping", None)
    if ping is not None:  # FailSafeRedisCache: ask Redis itself, not the breaker
        ping()
        return
    # Any other backend: a read that must reach it (a database cache table...).
    cache.get("readyz:probe")


def _s3_client(alias: str, storage):
    """A client for ``storage`` with short timeouts and no retries."""
    client = _s3_clients.get(alias)
    if client is None:
        from botocore.config import Config

        config = storage.client_config.merge(
            Config(
                connect_timeout=STORAGE_TIMEOUT_SECONDS,
                read_timeout=STORAGE_TIMEOUT_SECONDS,
                retries={"max_attempts": 1, "mode": "standard"},
            )
        )
        client = storage._create_session().client(
            "s3",
            region_name=storage.region_name,
            use_ssl=storage.use_ssl,
            endpoint_url=storage.endpoint_url,
            config=config,
            verify=storage.verify,
        )
        _s3_clients[alias] = client
    return client


def check_storage() -> None:
    """The videos' storage and the other media's, each bucket or folder once."""
    import os

    seen = set()
    for alias in ("videos", "default"):
        storage = storages[alias]
        if hasattr(storage, "bucket_name"):  # S3 (django-storages)
            target = ("s3", storage.endpoint_url, storage.bucket_name)
            if target not in seen:
                _s3_client(alias, storage).head_bucket(Bucket=storage.bucket_name)
        else:  # local disk: the folder exists (or can be made) and can be listed
            target = ("disk", str(getattr(storage, "location", "")))
            if target not in seen and target[1]:
                os.makedirs(target[1], exist_ok=True)
                os.listdir(target[1])
        seen.add(target)


def check_queue() -> None:
    from django_tasks import task_backends

    backend = task_backends["default"]
    try:
        from cms.tasks import PortalRQBackend
    except ImportError:  # pragma: no cover - django-tasks-rq is a requirement
        PortalRQBackend = None
    if PortalRQBackend is not None and isinstance(backend, PortalRQBackend):
        import django_rq

        for name in backend.queues:
            django_rq.get_connection(name).ping()
        return
    if backend.__class__.__module__.startswith("django_tasks_db"):
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.exists()
    # The immediate and dummy backends (tests, development) have nothing to reach.


def readiness_checks() -> dict[str, Callable[[], None]]:
    checks: dict[str, Callable[[], None]] = {"database": check_database}
    if "replica" in settings.DATABASES:
        checks["database_replica"] = lambda: check_database("replica")
    checks["cache"] = check_cache
    checks["storage"] = check_storage
    checks["queue"] = check_queue
    return checks


@require_GET
def readyz(request):
    results: dict[str, dict] = {}
    for name, check in readiness_checks().items():
        started = time.monotonic()
        try:
            check()
        except Exception as error:
            logger.warning("Readiness check %s failed: %s", name, error)
            results[name] = {"ok": False, "error": type(error).__name__}
        else:
            results[name] = {"ok": True}
        results[name]["ms"] = round((time.monotonic() - started) * 1000, 1)
    failing = [name for name, result in results.items() if not result["ok"]]
    if failing:
        return _answer("unavailable", 503, failing=failing, checks=results)
    return _answer("ok", 200, checks=results)


PROBES = {"/healthz": healthz, "/readyz": readyz}


class HealthProbeMiddleware:
    """First in MIDDLEWARE: answers the probes before the host check and the HTTPS
    redirect, so an orchestrator can probe a process by its IP address over plain
    HTTP, and before the request log, so probes do not flood it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = PROBES.get(request.path_info.rstrip("/") or "/")
        if view is not None:
            return view(request)
        return self.get_response(request)


# --- Faults: what a user sees when a service is down -------------------------------


def unavailable_service(error: BaseException | None) -> str | None:
    """Which backing service an exception says is unreachable, if any."""
    from django.db import InterfaceError, OperationalError

    if isinstance(error, OperationalError | InterfaceError):
        return "database"
    try:
        from botocore.exceptions import ConnectionError as BotoConnectionError
        from botocore.exceptions import ReadTimeoutError
    except ImportError:  # pragma: no cover - boto3 is a requirement
        pass
    else:
        if isinstance(error, BotoConnectionError | ReadTimeoutError):
            return "storage"
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    if isinstance(error, RedisConnectionError | RedisTimeoutError):
        return "queue"
    return None


UNAVAILABLE = {
    "database": (
        "DATABASE_UNAVAILABLE",
        _("The database cannot be reached. Try again in a moment."),
    ),
    "storage": (
        "STORAGE_UNAVAILABLE",
        _("The file storage cannot be reached. Nothing was saved. Try again later."),
    ),
    "queue": (
        "SERVICE_UNAVAILABLE",
        _("A service the site depends on cannot be reached. Try again in a moment."),
    ),
}


def server_error(request, *args, **kwargs):
    """``handler500``: an unreachable database, storage or queue is a 503 with a
    coded, translated message (JSON for the API, a short page otherwise), not an
    anonymous 500. Anything else is the usual 500."""
    import sys

    from django.http import HttpResponse
    from django.utils.html import escape
    from django.views import defaults

    service = unavailable_service(sys.exc_info()[1])
    wants_json = request.path_info.startswith("/graphql") or "json" in (
        request.headers.get("Accept", "")
    )
    if service is None:
        if wants_json:
            response = JsonResponse(
                {
                    "errors": [
                        {
                            "message": _("An internal error occurred."),
                            "extensions": {"code": "INTERNAL_SERVER_ERROR"},
                        }
                    ]
                },
                status=500,
            )
            add_never_cache_headers(response)
            return response
        return defaults.server_error(request, *args, **kwargs)
    code, message = UNAVAILABLE[service]
    if wants_json:
        response = JsonResponse(
            {"errors": [{"message": str(message), "extensions": {"code": code}}]},
            status=503,
        )
    else:
        response = HttpResponse(
            f"<!doctype html><title>503</title><h1>{escape(message)}</h1>"
            f"<p>{escape(code)}</p>",
            status=503,
        )
    response["Retry-After"] = "5"
    add_never_cache_headers(response)
    return response
