"""The production pieces that run without the services (in `make test`): probes,
request ids and JSON logs, the 503 answers, the replica router's choices, the
fail-safe cache against a dead Redis, and `check --deploy` on the production
settings. The services themselves are exercised by test_smoke.py and
test_faults.py in the production-like run."""

from __future__ import annotations

import io
import json
import logging
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError
from django.test import RequestFactory, override_settings

from cms.db_routers import may_use_replica
from cms.health import server_error, unavailable_service
from cms.logging import JsonFormatter
from cms.redis_cache import FailSafeRedisCache

ROOT = Path(__file__).resolve().parents[2]
LOCMEM = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_healthz_answers_without_database(client):
    answer = client.get("/healthz", HTTP_HOST="10.0.0.7")  # any host: a probe by IP
    assert answer.status_code == 200 and answer.json() == {"status": "ok"}
    assert "no-cache" in answer["Cache-Control"]


@pytest.mark.django_db
@override_settings(CACHES=LOCMEM)
def test_readyz_lists_every_check(client):
    answer = client.get("/readyz")
    assert answer.status_code == 200, answer.content
    assert set(answer.json()["checks"]) == {"database", "cache", "storage", "queue"}


@pytest.mark.django_db
@override_settings(
    CACHES={
        **LOCMEM,
        "default": {
            "BACKEND": "cms.redis_cache.FailSafeRedisCache",
            "LOCATION": "redis://127.0.0.1:%d/0" % closed_port(),
        },
    }
)
def test_readyz_says_which_service_is_down(client):
    answer = client.get("/readyz")
    assert answer.status_code == 503
    body = answer.json()
    assert body["failing"] == ["cache"]
    assert body["checks"]["cache"]["error"] == "ConnectionError"
    assert "127.0.0.1" not in answer.content.decode()  # no addresses leak


def test_request_id_is_honoured_or_made_and_returned(client):
    path = "/graphql/?query={__typename}"
    given = client.get(path, HTTP_X_REQUEST_ID="abc-123")
    assert given["X-Request-ID"] == "abc-123"
    made = client.get(path, HTTP_X_REQUEST_ID="bad id with spaces")
    assert made["X-Request-ID"] != "bad id with spaces"
    assert len(made["X-Request-ID"]) == 32


@pytest.mark.django_db
def test_log_lines_are_json_with_request_id_and_operation(client):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("portal.request")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)
    try:
        client.post(
            "/graphql/",
            json.dumps({"query": "query LatestTopics { topics { slug } }"}),
            content_type="application/json",
            HTTP_X_REQUEST_ID="req-42",
        )
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    line = json.loads(stream.getvalue().splitlines()[-1])
    assert line["request_id"] == "req-42"
    assert line["graphql_operation"] == "LatestTopics"
    assert line["status"] == 200 and line["path"] == "/graphql/"
    assert line["level"] == "INFO" and line["time"].endswith("Z")
    assert line["logger"] == "portal.request" and "duration_ms" in line


def test_unreachable_services_are_503_with_a_code():
    factory = RequestFactory()
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        answer = server_error(factory.post("/graphql/"))
    assert answer.status_code == 503 and answer["Retry-After"]
    assert json.loads(answer.content)["errors"][0]["extensions"]["code"] == (
        "DATABASE_UNAVAILABLE"
    )
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        page = server_error(factory.get("/en/"))
    assert page.status_code == 503 and b"DATABASE_UNAVAILABLE" in page.content

    from botocore.exceptions import EndpointConnectionError
    from redis.exceptions import ConnectionError as RedisConnectionError

    assert unavailable_service(EndpointConnectionError(endpoint_url="x")) == "storage"
    assert unavailable_service(RedisConnectionError()) == "queue"
    assert unavailable_service(ValueError()) is None


def test_replica_only_for_anonymous_reads_outside_the_admin():
    factory = RequestFactory()
    assert may_use_replica(factory.get("/en/"))
    assert may_use_replica(
        factory.post(
            "/graphql/",
            json.dumps({"query": "{ topics { slug } }"}),
            content_type="application/json",
        )
    )
    assert not may_use_replica(
        factory.post(
            "/graphql/",
            json.dumps({"query": "mutation { logout { ok } }"}),
            content_type="application/json",
        )
    )
    assert not may_use_replica(factory.get("/admin/pages/"))
    assert not may_use_replica(factory.post("/en/"))


def test_failsafe_cache_answers_like_a_miss_while_redis_is_down():
    cache = FailSafeRedisCache(
        "redis://127.0.0.1:%d/0" % closed_port(),
        {"OPTIONS": {"socket_connect_timeout": 0.5}, "DOWN_SECONDS": 60},
    )
    assert cache.get("key", "default") == "default"
    assert cache.is_down  # the breaker is open: no more attempts for a while
    assert cache.add("key", 1) is False
    assert cache.get_many(["a", "b"]) == {}
    cache.set("key", 1)
    with pytest.raises(ValueError):
        cache.incr("graphql:generation")
    cache.set_many({"graphql:tag:tk:x": 1})  # a response cache invalidation
    assert [name for name, *_ in cache._pending] == ["incr", "set_many"]
    with pytest.raises(Exception):  # noqa: B017 - the readiness check sees it
        cache.ping()


@pytest.mark.skipif(not os.path.exists("/usr/bin/redis-server"), reason="no redis")
def test_failsafe_cache_replays_invalidations_when_redis_returns(tmp_path):
    port = closed_port()
    cache = FailSafeRedisCache(
        f"redis://127.0.0.1:{port}/0",
        {"OPTIONS": {"socket_connect_timeout": 0.5}, "DOWN_SECONDS": 0},
    )
    with pytest.raises(ValueError):
        cache.incr("generation")  # down: kept
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""],
        stdout=subprocess.DEVNULL,
        cwd=tmp_path,
    )
    try:
        for _attempt in range(100):
            try:
                cache.ping()
                break
            except Exception:
                import time

                time.sleep(0.05)
        cache.set("generation", 5)  # replays the incr first (a missing key: no-op)
        cache.incr("generation")
        cache._pending.append(("incr", ("generation", 1, None), {}))
        assert cache.get("generation") == 7  # the kept incr ran before the get
        assert cache._pending == []
    finally:
        server.terminate()
        server.wait(10)


def test_check_deploy_is_clean_with_production_settings():
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DJANGO_SECRET_KEY": "x" * 20 + "-production-check-" + "y" * 20,
        "DJANGO_ALLOWED_HOSTS": "cms.example.org",
        # Production needs a database URL (the check connects to nothing) and,
        # with one app process, no shared cache or S3.
        "DATABASE_URL": os.environ.get("DATABASE_URL")
        or "postgres://portal@127.0.0.1:5432/portal",
        "WEB_CONCURRENCY": "1",
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_production_settings_refuse_to_start_without_secrets():
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    }
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0 and "DJANGO_SECRET_KEY" in done.stderr


def test_the_redis_worker_outlives_redis_being_down_when_it_starts_a_round():
    """RQ's loop gives up when Redis stays away; the worker command then starts a
    new round, and building the new RQ worker already talks to Redis. Seen in the
    production-like run: that error escaped the loop and the worker process died,
    so the tasks kept in the database during the outage were never relayed."""
    import redis
    from rq import Queue

    from cms.management.commands.portal_worker import Command
    from cms.tasks import PortalWorker

    url = "redis://127.0.0.1:%d/0" % closed_port()

    def build(_queues):
        connection = redis.Redis.from_url(url, socket_connect_timeout=1)
        return PortalWorker(
            [Queue("default", connection=connection)], connection=connection
        )

    command = Command(stdout=io.StringIO(), stderr=io.StringIO())
    command.run_redis_queue(None, True, False, build=build)  # --burst: one round
    assert "Redis unreachable" in command.stderr.getvalue()
