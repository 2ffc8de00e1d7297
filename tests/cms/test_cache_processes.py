"""Invalidation by dependency across processes: two CMS processes share one
database and one cache (the database cache, and Redis when redis-server is on
the machine). What one process stores, a change made in the other invalidates,
exactly: both directions, what must go and what must stay."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cms.cache_worker import ANSWER
from tests.live import ROOT, free_port, site_env

BACKENDS = ["database"]
if shutil.which("redis-server"):
    BACKENDS.append("redis")


class Worker:
    def __init__(self, env: dict, log: Path) -> None:
        self.log = log.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.cms.cache_worker"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
        )

    def __call__(self, command: str) -> dict:
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        while True:
            line = self.process.stdout.readline()
            assert line, f"the worker stopped: see {self.log.name}"
            if line.startswith(ANSWER):
                break
        answer = json.loads(line[len(ANSWER) :])
        assert "error" not in answer, answer
        return answer

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


@pytest.fixture(scope="module")
def prepared(tmp_path_factory) -> Path:
    """A migrated database with the demo content, made once, copied per test."""
    folder = tmp_path_factory.mktemp("cache-site")
    worker = Worker(site_env(folder, "tests.clients.settings"), folder / "prepare.log")
    try:
        worker("prepare")
    finally:
        worker.stop()
    return folder / "portal.sqlite3"


@pytest.fixture(params=BACKENDS)
def workers(request, tmp_path, prepared):
    shutil.copy(prepared, tmp_path / "portal.sqlite3")
    extra = {"GRAPHQL_CACHE_CLOCK_SKEW": "0"}
    redis = None
    if request.param == "redis":
        port = free_port()
        redis = subprocess.Popen(
            ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        extra["REDIS_URL"] = f"redis://127.0.0.1:{port}/0"
    env = site_env(tmp_path, "tests.clients.settings", **extra)
    first = Worker({**env, "CACHE_WORKER": "1"}, tmp_path / "a.log")
    second = Worker({**env, "CACHE_WORKER": "2"}, tmp_path / "b.log")
    try:
        yield first, second
    finally:
        first.stop()
        second.stop()
        if redis is not None:
            redis.terminate()
            redis.wait(timeout=10)


def states(worker, names):
    return {name: worker(f"ask {name}")["state"] for name in names}


def test_a_change_in_one_process_invalidates_what_the_other_stored(workers):
    a, b = workers
    slugs = a("releases")
    names = ["en", "fr", "topics", f"release:{slugs['en']}"]
    assert set(states(a, names).values()) == {"MISS"}
    # B reads A's entries…
    assert set(states(b, names).values()) == {"HIT"}
    # …B publishes: only the English list goes, for both processes.
    b("publish Published by the other process")
    answer = a("ask en")
    assert answer["state"] == "MISS"
    assert answer["titles"][0] == "Published by the other process"
    assert states(a, names[1:]) == dict.fromkeys(names[1:], "HIT")

    # The other direction: B stores, A edits the standing release.
    b_names = ["fr", "topics", f"release:{slugs['en']}"]
    assert set(states(b, b_names).values()) == {"HIT"}
    a(f"edit {slugs['en']} Standing release, corrected")
    page = b(f"ask release:{slugs['en']}")
    assert page == {"state": "MISS", "titles": ["Standing release, corrected"]}
    assert states(b, ["fr", "topics"]) == {"fr": "HIT", "topics": "HIT"}

    # An unpublish in A is never seen in B's answers, not even stale.
    assert "Published by the other process" in b("ask en")["titles"]
    published = a("ask en")["titles"][0]
    assert published == "Published by the other process"
    slug = b("publish Withdrawn at once")["slug"]
    assert b("ask en")["titles"][0] == "Withdrawn at once"
    a(f"unpublish {slug}")
    assert "Withdrawn at once" not in b("ask en")["titles"]
    assert b("ask fr")["state"] == "HIT"
