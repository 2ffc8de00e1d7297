"""The CMS started on loopback for tests that drive it over HTTP as real clients
do (a browser, a fuzzer): ``manage.py runserver`` on a free port, with its own
SQLite file and media folder (tests/e2e/settings.py reads their paths from the
environment), prepared by tests/e2e/site.py."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"The CMS did not start:\n{log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)  # the server is starting; not a test wait
    raise RuntimeError(f"The CMS did not open port {port}:\n{log.read_text()}")


def cms_environment(
    folder: Path, base_url: str, *, debug: bool = False, cache: bool = False
) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.e2e.settings",
        "E2E_DATABASE": str(folder / "portal.sqlite3"),
        "E2E_MEDIA_ROOT": str(folder / "media"),
        "E2E_BASE_URL": base_url,
        "E2E_DEBUG": "1" if debug else "0",
        "E2E_GRAPHQL_CACHE": "1" if cache else "0",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DATABASE_URL", None)
    return env


def prepare(folder: Path) -> None:
    """Migrate a fresh database in ``folder`` and load the demo content and the
    test users into it (once per folder)."""
    if (folder / "portal.sqlite3").exists():
        return
    env = cms_environment(folder, "http://127.0.0.1")
    subprocess.run(
        [sys.executable, "-m", "tests.e2e.site"], cwd=ROOT, env=env, check=True
    )


@contextmanager
def running_cms(
    folder: Path, *, debug: bool = False, cache: bool = False
) -> Iterator[str]:
    """The CMS prepared in ``folder``, served until the block ends; yields its
    base URL. ``debug`` runs it with DEBUG on, as ``make run`` does; ``cache``
    turns the shared response cache on, as production has it."""
    prepare(folder)
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = folder / f"server-{port}.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "runserver",
                f"127.0.0.1:{port}",
                "--noreload",
                "--insecure",  # static files of the admin, as in development
            ],
            cwd=ROOT,
            env=cms_environment(folder, base_url, debug=debug, cache=cache),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for_port(port, server, log_path)
            yield base_url
        finally:
            server.terminate()
            server.wait(timeout=20)
