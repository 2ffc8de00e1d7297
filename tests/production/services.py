"""The production-like run seen from the tests: real HTTP to the two app processes
(as the reverse proxy would send it: ``X-Forwarded-Proto: https``), the services
started by deploy/ci-production.sh (described in its state file), and the
database read directly for what a user cannot see (task rows, file records)."""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

STATE_ENV = "PORTAL_PRODUCTION_STATE"
URLS_ENV = "PORTAL_PRODUCTION_URLS"


def state() -> dict:
    return json.loads(Path(os.environ[STATE_ENV]).read_text())


def production_env() -> dict[str, str]:
    values = dict(os.environ)
    for line in Path(state()["env_file"]).read_text().splitlines():
        if "=" in line:
            key, value = line.split("=", 1)
            values[key] = value
    return values


def wait_until(predicate, seconds: float = 60, every: float = 0.2, what: str = ""):
    """Poll ``predicate`` until it returns something truthy; fail after
    ``seconds`` (a bound, so a broken service fails the test instead of hanging)."""
    deadline = time.monotonic() + seconds
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"Gave up waiting {seconds} s for {what or predicate}")
        time.sleep(every)


# --- HTTP -----------------------------------------------------------------------------


class Response:
    def __init__(self, status: int, headers, body: bytes):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.body)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


class Client:
    """One browser: cookies kept by hand (the app sets them Secure, as behind
    HTTPS), every request marked as forwarded over HTTPS by the proxy."""

    def __init__(self, base: str):
        self.base = base.rstrip("/")
        self.cookies: dict[str, str] = {}

    @property
    def origin(self) -> str:
        return "https://" + urllib.parse.urlsplit(self.base).netloc

    def request(
        self, method: str, path: str, body: bytes | None = None, headers=None
    ) -> Response:
        all_headers = {"X-Forwarded-Proto": "https", **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(
                f"{k}={v}" for k, v in self.cookies.items()
            )
        request = urllib.request.Request(
            self.base + path, data=body, method=method, headers=all_headers
        )
        try:
            with _opener.open(request, timeout=60) as answer:
                response = Response(answer.status, answer.headers, answer.read())
        except urllib.error.HTTPError as error:
            response = Response(error.code, error.headers, error.read())
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response

    def get(self, path: str, headers=None) -> Response:
        return self.request("GET", path, headers=headers)

    def graphql(self, query: str, variables=None, headers=None, csrf=False) -> Response:
        extra = {"Content-Type": "application/json", **(headers or {})}
        if csrf:
            extra.update(
                {"X-CSRFToken": self.cookies["csrftoken"], "Origin": self.origin}
            )
        body = json.dumps({"query": query, "variables": variables or {}}).encode()
        return self.request("POST", "/graphql/", body, extra)

    def form_token(self, path: str) -> str:
        page = self.get(path)
        assert page.status == 200, (path, page.status, page.text[:500])
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert match, f"no CSRF token on {path}"
        return match.group(1)

    def post_form(self, path: str, fields: dict, files: dict | None = None) -> Response:
        headers = {"Origin": self.origin, "Referer": self.origin + path}
        if files:
            boundary = uuid.uuid4().hex
            parts = []
            for name, value in fields.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'
                    f"\r\n\r\n{value}\r\n".encode()
                )
            for name, (filename, content, content_type) in files.items():
                head = (
                    f"--{boundary}\r\nContent-Disposition: form-data; "
                    f'name="{name}"; filename="{filename}"\r\n'
                    f"Content-Type: {content_type}\r\n\r\n"
                )
                parts.append(head.encode() + content + b"\r\n")
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        else:
            body = urllib.parse.urlencode(fields, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        return self.request("POST", path, body, headers)

    def sign_in(self, email: str, password: str) -> None:
        token = self.form_token("/admin/login/")
        answer = self.post_form(
            "/admin/login/",
            {"csrfmiddlewaretoken": token, "username": email, "password": password},
        )
        assert answer.status == 302, (answer.status, answer.text[:1000])
        assert "sessionid" in self.cookies


def fetch(url: str) -> Response:
    """A plain download, as a browser following a presigned link would."""
    try:
        with urllib.request.urlopen(url, timeout=60) as answer:
            return Response(answer.status, answer.headers, answer.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, error.headers, error.read())


# --- The database, read directly ------------------------------------------------------


def sql(query: str, params=()) -> list[tuple]:
    import psycopg

    with psycopg.connect(state()["database_url"], connect_timeout=3) as connection:
        with connection.cursor() as cursor:
            cursor.execute(query, params)
            return cursor.fetchall() if cursor.description else []


def manage(*args: str, code: str | None = None) -> str:
    """Run a management command against the production services (settings too)."""
    command = [".venv/bin/python", "manage.py", *args]
    if code is not None:
        command += ["--no-imports", "-c", code]
    done = subprocess.run(
        command,
        cwd=state()["root"],
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


# --- Services: stop and start ---------------------------------------------------------


def port_open(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _as_postgres(command: str) -> None:
    wrapper = shlex.split(state()["postgres"]["as_postgres"])
    subprocess.run([*wrapper, command], check=True, capture_output=True, timeout=120)


def stop_postgres() -> None:
    pg = state()["postgres"]
    _as_postgres(f"{pg['bin']}/pg_ctl -D {pg['data']} -m fast -w stop")


def start_postgres() -> None:
    _as_postgres(state()["postgres"]["start"])


def stop_redis() -> None:
    # SHUTDOWN writes the append-only file: the queue survives, as in production.
    subprocess.run(
        ["redis-cli", "-p", str(state()["redis"]["port"]), "shutdown"],
        capture_output=True,
        timeout=30,
    )
    wait_until(lambda: not port_open(state()["redis"]["port"]), 30, what="Redis stop")


def start_redis() -> None:
    subprocess.run(state()["redis"]["start"], shell=True, check=True, timeout=30)
    wait_until(lambda: port_open(state()["redis"]["port"]), 30, what="Redis start")


def _pidfile(name: str) -> Path:
    return Path(state()["work"]) / f"{name}.pid"


def stop_s3() -> None:
    """Cut the relay in front of the S3 server: connections are refused."""
    pid = int(_pidfile("s3-relay").read_text())
    os.kill(pid, signal.SIGKILL)
    wait_until(lambda: not port_open(state()["s3"]["relay_port"]), 30, what="S3 stop")


def start_s3() -> None:
    s3 = state()["s3"]
    relay = subprocess.Popen(
        [
            ".venv/bin/python",
            "tests/production/tcp_proxy.py",
            str(s3["relay_port"]),
            str(s3["server_port"]),
        ],
        cwd=state()["root"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    _pidfile("s3-relay").write_text(str(relay.pid))
    wait_until(lambda: port_open(s3["relay_port"]), 30, what="S3 start")


def worker_pid() -> int:
    return int(Path(state()["worker"]["pidfile"]).read_text())


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def start_worker() -> int:
    worker = state()["worker"]
    with open(worker["log"], "ab") as log:
        process = subprocess.Popen(
            shlex.split(worker["start"]),
            cwd=state()["root"],
            env=production_env(),
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
    Path(worker["pidfile"]).write_text(str(process.pid))
    return process.pid


def app_pids() -> list[int]:
    return [int(_pidfile(name).read_text()) for name in ("app1", "app2")]


def horse_of(pid: int) -> int | None:
    """The work-horse of an RQ worker: the child that leads its own process group
    (RQ's horse calls setpgrp; the scheduler process does not)."""
    for child in children(pid):
        try:
            fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == child:
            return child
    return None


requires_production = __import__("pytest").mark.skipif(
    not os.environ.get(URLS_ENV),
    reason="production-like run only: deploy/ci-production.sh starts PostgreSQL, "
    "Redis, S3, two app processes and a worker, and sets PORTAL_PRODUCTION_URLS",
)
