"""The ``next`` address of a password reset: only paths of the frontend and
addresses on FRONTEND_ORIGINS come back; anything else is UNSAFE_REDIRECT and
nothing changes."""

import pytest
from django.core import mail

from accounts.models import ResetCode
from accounts.redirects import is_safe_next
from tests.conftest import error_codes

from .conftest import PASSWORD, code_in

SAFE = [
    "/",
    "/fr/salle-de-presse/",
    "/en/newsroom/?page=2#top",
    "http://localhost:3000/en/videos/",
    "https://www.example.org/fr/",
    "http://localhost:3000",
    "/en/search?q=a%2Fb&next=http://x#top",
    "/fr/communiqu%C3%A9s/2026/",
    "/en/page.html",
    "/en/..hidden/",
]
UNSAFE = [
    "//evil.example",
    "//evil.example/path",
    "///evil.example",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "https://evil.example/",
    "http://localhost:3001/",  # another port
    "https://localhost:3000/",  # another scheme
    "http://localhost:3000@evil.example/",
    "http://evil.example\\@localhost:3000/",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "http:/evil.example",
    "ftp://localhost:3000/",
    "relative/path",
    "/" + "a" * 2100,
    # Normalised or decoded by a browser, a router or a proxy into another host.
    "/..//evil.example",
    "/../evil.example/..//x",
    "/a/../..//evil.example",
    "/.//evil.example",
    "/%2F%2Fevil.example",
    "/%2f/evil.example",
    "/%252F%252Fevil.example",
    "/%25252F%25252Fevil.example",
    "/%5Cevil.example",
    "/%5cevil.example",
    "/%09/evil.example",
    "/%0d%0a/evil.example",
    "/%2E%2E//evil.example",
    "/.%2e/%2fevil.example",
    "/%3F//evil.example",
    "/\uff0f\uff0fevil.example",  # fullwidth solidus: NFKC makes it "//"
    "/%EF%BC%8F%EF%BC%8Fevil.example",
    "/%ff",  # not UTF-8
    "\\\\evil",
    "/\t/evil",
    "http://localhost:3000/..//evil.example",
    "http://localhost:3000/%2F%2Fevil.example",
    "http://localhost:3000//evil.example",
]


@pytest.fixture(autouse=True)
def origins(settings):
    settings.FRONTEND_ORIGINS = ["http://localhost:3000", "https://www.example.org"]


@pytest.mark.parametrize("url", SAFE)
def test_safe(url):
    assert is_safe_next(url)


@pytest.mark.parametrize("url", UNSAFE)
def test_unsafe(url):
    assert not is_safe_next(url)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["//evil.example", "javascript:alert(1)"])
def test_reset_with_an_unsafe_next_changes_nothing(gql, user, url):
    gql('mutation { requestPasswordReset(email: "journalist@example.org") { ok } }')
    code = code_in(mail.outbox[-1])
    answer = gql(
        """mutation($code: String!, $next: String) {
          resetPassword(email: "journalist@example.org", code: $code,
                        newPassword: "Brand-New-Passw0rd", next: $next) {
            ok next } }""",
        {"code": code, "next": url},
    )
    assert error_codes(answer) == ["UNSAFE_REDIRECT"]
    assert answer["data"] == {"resetPassword": None}
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert ResetCode.objects.get(user=user).status == "active"
