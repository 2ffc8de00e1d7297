"""The CMS started on loopback for tests that talk to it over HTTP, as a browser
or a frontend would (tests/e2e/, tests/clients/): ``manage.py runserver`` on a
free port, with its own SQLite file and media folder."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_env(folder: Path, settings: str, **extra: str) -> dict[str, str]:
    """The environment of a CMS whose database and media live in ``folder``
    (read by tests/e2e/settings.py and the settings built on it)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings,
        "E2E_DATABASE": str(folder / "portal.sqlite3"),
        "E2E_MEDIA_ROOT": str(folder / "media"),
        "PYTHONUNBUFFERED": "1",
        **extra,
    }
    env.pop("DATABASE_URL", None)
    return env


def prepare(module: str, env: dict[str, str]) -> None:
    """Run ``python -m <module>`` (migrate, demo content…) in that environment."""
    subprocess.run([sys.executable, "-m", module], cwd=ROOT, env=env, check=True)


@contextlib.contextmanager
def runserver(env: dict[str, str], log: Path, port: int | None = None) -> Iterator[str]:
    """Start ``manage.py runserver`` with ``env``; yield its base URL; stop it."""
    port = port or free_port()
    with log.open("w") as output:
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
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for_port(port, server, log)
            yield f"http://127.0.0.1:{port}"
        finally:
            server.terminate()
            server.wait(timeout=20)


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
