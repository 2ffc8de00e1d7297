from __future__ import annotations

import datetime
import json
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from accounts import clock as accounts_clock
from accounts.models import User

from .mailserver import smtp_server  # noqa: F401  (fixture)

PASSWORD = "Strong-Passw0rd!"


class FrozenClock:
    """Stands in for accounts.clock.now: time moves only when told."""

    def __init__(self) -> None:
        # Just after midnight UTC: rate-limit windows are aligned on multiples of
        # their length (a minute, an hour, a day), so a test that moves time by
        # minutes never crosses a window's end by chance of the real time.
        self.current = timezone.now().replace(hour=0, minute=0, second=1, microsecond=0)

    def __call__(self) -> datetime.datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += datetime.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch) -> FrozenClock:
    frozen = FrozenClock()
    monkeypatch.setattr(accounts_clock, "now", frozen)
    return frozen


def post_graphql(client: Client, query: str, variables: dict | None = None, **extra):
    return client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
        **extra,
    )


@pytest.fixture
def gql_as() -> Callable[..., dict]:
    """Run a query with a given client (each client keeps its own cookies)."""

    def run(client: Client, query: str, variables: dict | None = None) -> dict:
        response = post_graphql(client, query, variables)
        assert response.status_code == 200, response.content[:2000]
        return response.json()

    return run


def make_user(email: str = "journalist@example.org", **fields) -> User:
    fields.setdefault("first_name", "Jana")
    fields.setdefault("last_name", "Novak")
    fields.setdefault("organisation", "Daily Planet")
    fields.setdefault("media_type", "print")
    fields.setdefault("country", "SI")
    fields.setdefault("email_verified_at", timezone.now())
    return User.objects.create_user(email, PASSWORD, **fields)


@pytest.fixture
def user() -> User:
    return make_user()


def code_in(message) -> str:
    """The six-digit code of a message from django.core.mail.outbox."""
    import re

    codes = re.findall(r"\b\d{6}\b", message.body)
    assert len(codes) == 1, message.body
    return codes[0]


# The code mutations, as a frontend sends them.
FORGOT = """mutation($email: String!) {
  requestPasswordReset(email: $email) { ok retryAfter } }"""
RESEND = """mutation($email: String!, $purpose: CodePurpose!) {
  resendCode(email: $email, purpose: $purpose) { ok retryAfter } }"""
RESET = """mutation($email: String!, $code: String!, $password: String!) {
  resetPassword(email: $email, code: $code, newPassword: $password) { ok next } }"""
VERIFY = """mutation($email: String!, $code: String!, $password: String) {
  verifyEmail(email: $email, code: $code, password: $password) { ok } }"""

REGISTER = """
mutation Register($email: String!, $password: String!, $firstName: String!,
                  $organisation: String!, $country: String!, $language: LanguageCode!,
                  $terms: Boolean!, $newsletter: Boolean, $topics: [String!]) {
  register(email: $email, password: $password, firstName: $firstName,
           lastName: "Novak", organisation: $organisation, mediaType: PRINT,
           country: $country, preferredLanguage: $language, acceptTerms: $terms,
           newsletter: $newsletter, newsletterTopics: $topics) { email retryAfter }
}"""


def register_variables(**overrides) -> dict:
    variables = {
        "email": "new.reporter@example.org",
        "password": PASSWORD,
        "firstName": "Jana",
        "organisation": "Daily Planet",
        "country": "SI",
        "language": "en",
        "terms": True,
        "newsletter": False,
        "topics": [],
    }
    variables.update(overrides)
    return variables
