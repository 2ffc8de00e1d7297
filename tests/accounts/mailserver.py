"""A real SMTP server on loopback (aiosmtpd), and Django switched to its SMTP
backend pointing at it: the tests read the codes out of delivered messages."""

from __future__ import annotations

import email
import email.policy
import re
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings


@dataclass(frozen=True)
class Delivered:
    mail_from: str
    recipients: list[str]
    message: EmailMessage

    @property
    def subject(self) -> str:
        # Long or non-ASCII subjects are folded; the value starts after the fold.
        return str(self.message["Subject"]).strip()

    def part(self, content_type: str) -> str:
        body = self.message.get_body(preferencelist=(content_type.split("/")[1],))
        assert body is not None and body.get_content_type() == content_type
        return body.get_content()

    @property
    def text(self) -> str:
        return self.part("text/plain")

    @property
    def html(self) -> str:
        return self.part("text/html")

    def code(self) -> str:
        """The six-digit code in the plain-text part (the HTML has the same)."""
        codes = set(re.findall(r"\b\d{6}\b", self.text))
        assert len(codes) == 1, self.text
        assert codes == set(re.findall(r"\b\d{6}\b", self.html))
        return codes.pop()


class Mailbox:
    """What the server accepted, in order. Recipients in ``refuse`` get a 550."""

    def __init__(self) -> None:
        self.delivered: list[Delivered] = []
        self.refuse: set[str] = set()
        self._lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(
            envelope.original_content or envelope.content, policy=email.policy.default
        )
        with self._lock:
            self.delivered.append(
                Delivered(envelope.mail_from, list(envelope.rcpt_tos), message)
            )
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Delivered]:
        with self._lock:
            return [m for m in self.delivered if address in m.recipients]

    def last_to(self, address: str) -> Delivered:
        messages = self.to(address)
        assert messages, f"nothing was delivered to {address}"
        return messages[-1]

    def clear(self) -> None:
        with self._lock:
            self.delivered.clear()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server() -> Iterator[Mailbox]:
    """Start an SMTP server on 127.0.0.1 and send Django's mail to it."""
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=controller.port,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
            EMAIL_TIMEOUT=5,
        ):
            yield mailbox
    finally:
        controller.stop()
