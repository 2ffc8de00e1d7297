"""A real frontend on loopback that records what it is sent and answers as told."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from webhooks.models import WebhookEndpoint


@dataclass(frozen=True)
class ReceivedRequest:
    path: str
    headers: Message
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


class Receiver:
    """Answers each POST with the next status in ``answers``, then with
    ``default_status``; waits ``delay`` seconds before answering."""

    def __init__(self) -> None:
        self.requests: list[ReceivedRequest] = []
        self.answers: list[int] = []
        self.default_status = 200
        self.delay = 0.0
        self._lock = threading.Lock()
        self.server = _Server(("127.0.0.1", 0), _Handler)
        self.server.receiver = self
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def take(self, path: str, headers: Message, body: bytes) -> int:
        with self._lock:
            self.requests.append(ReceivedRequest(path, headers, body))
            return self.answers.pop(0) if self.answers else self.default_status


class _Server(ThreadingHTTPServer):
    receiver: Receiver

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that gave up (the timeout test) leaves a broken pipe: expected.
        pass


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_POST(self) -> None:
        receiver = self.server.receiver
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        status = receiver.take(self.path, self.headers, body)
        if receiver.delay:
            time.sleep(receiver.delay)
        answer = b"Revalidated." if status < 300 else b"The frontend is unwell."
        self.send_response(status)
        if 300 <= status < 400:
            self.send_header("Location", f"{receiver.url}/moved")
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    frontend = Receiver()
    frontend.thread.start()
    yield frontend
    frontend.server.shutdown()
    frontend.server.server_close()
    frontend.thread.join(timeout=5)


@pytest.fixture
def make_endpoint(receiver: Receiver) -> Callable[..., WebhookEndpoint]:
    def make(path: str = "/revalidate", **fields: Any) -> WebhookEndpoint:
        fields.setdefault("name", f"Frontend {path}")
        fields.setdefault("url", receiver.url + path)
        return WebhookEndpoint.objects.create(**fields)

    return make


@pytest.fixture
def closed_port_url() -> str:
    """An address on loopback where nothing listens: connections are refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/revalidate"
