"""The client address behind the shipped proxy (issue 18, finding 7):
X-Forwarded-For counts only when it comes through TRUSTED_PROXIES, read from the
right; rate limits and django-axes lockouts count by the same address."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from axes.helpers import get_client_ip_address
from django.test import RequestFactory, override_settings

from cms.clientip import client_ip, rate_limit_identity
from tests.conftest import error_codes

from .conftest import PASSWORD, post_graphql

NGINX = "172.28.0.5"
PROXIES = ["172.28.0.0/16", "127.0.0.1"]
LOGIN = """mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) { csrfToken } }"""


def request(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    "remote, forwarded, expected",
    [
        # No proxy trusted: the header is the client's word, ignored.
        ("198.51.100.7", "1.2.3.4", "198.51.100.7"),
        # Through nginx ($proxy_add_x_forwarded_for): the address nginx saw.
        (NGINX, "198.51.100.7", "198.51.100.7"),
        # A client's own header is to the left of what nginx appended: ignored.
        (NGINX, "1.2.3.4, 198.51.100.7", "198.51.100.7"),
        # Two trusted hops (a local proxy in front of nginx): skipped.
        (NGINX, "198.51.100.7, 127.0.0.1", "198.51.100.7"),
        # The proxy sent no header: the proxy is all there is.
        (NGINX, None, NGINX),
        (NGINX, "", NGINX),
        # Garbage where an address should be: the last trusted hop.
        (NGINX, "not-an-ip", NGINX),
        (NGINX, "2001:db8::7", "2001:db8::7"),
        (NGINX, "[2001:db8::7]", "2001:db8::7"),
        ("", "1.2.3.4", "unknown"),
    ],
)
def test_the_client_address(remote, forwarded, expected):
    with override_settings(TRUSTED_PROXIES=[] if remote != NGINX else PROXIES):
        assert client_ip(request(remote, forwarded)) == expected
        # django-axes asks the same function (no address is None for its column).
        axes_sees = None if expected == "unknown" else expected
        assert get_client_ip_address(request(remote, forwarded)) == axes_sees


def test_an_untrusted_peer_cannot_claim_a_trusted_hop():
    with override_settings(TRUSTED_PROXIES=PROXIES):
        spoofed = request("198.51.100.7", "127.0.0.1, 10.9.9.9")
        assert client_ip(spoofed) == "198.51.100.7"


def test_ipv6_clients_are_limited_per_64():
    assert rate_limit_identity("2001:db8:1:2:aaaa::1") == "2001:db8:1:2::/64"
    assert rate_limit_identity("198.51.100.7") == "198.51.100.7"


def login(client, email, forwarded, remote=NGINX, password="Wrong-Passw0rd!"):
    answer = post_graphql(
        client,
        LOGIN,
        {"email": email, "password": password},
        REMOTE_ADDR=remote,
        HTTP_X_FORWARDED_FOR=forwarded,
    ).json()
    return error_codes(answer)


@pytest.mark.django_db
@override_settings(TRUSTED_PROXIES=PROXIES, ACCOUNTS_RATE_LIMITS={"login:ip": (3, 900)})
def test_two_clients_behind_the_proxy_do_not_share_a_limit(client, clock):
    for _try in range(3):
        assert login(client, "a@example.org", "198.51.100.1") == ["INVALID_CREDENTIALS"]
    assert login(client, "a@example.org", "198.51.100.1") == ["RATE_LIMITED"]
    # Changing its own X-Forwarded-For does not help the first client...
    assert login(client, "a@example.org", "9.9.9.9, 198.51.100.1") == ["RATE_LIMITED"]
    # ...and the second client, behind the same proxy, is not limited.
    assert login(client, "b@example.org", "198.51.100.2") == ["INVALID_CREDENTIALS"]


@pytest.mark.django_db
@override_settings(ACCOUNTS_RATE_LIMITS={"login:ip": (3, 900)})
def test_a_spoofed_header_from_an_untrusted_peer_is_ignored(client, clock):
    for number in range(3):
        assert login(
            client, "a@example.org", f"10.0.0.{number}", remote="198.51.100.1"
        ) == ["INVALID_CREDENTIALS"]
    assert login(client, "a@example.org", "10.0.0.99", remote="198.51.100.1") == [
        "RATE_LIMITED"
    ]


@pytest.mark.django_db
@override_settings(TRUSTED_PROXIES=PROXIES)
def test_a_lockout_stays_with_the_client_that_earned_it(client, user, clock):
    for _try in range(4):
        assert login(client, user.email, "198.51.100.1") == ["INVALID_CREDENTIALS"]
    assert login(client, user.email, "198.51.100.1") == ["LOCKED_OUT"]
    assert login(client, user.email, "198.51.100.1", password=PASSWORD) == [
        "LOCKED_OUT"
    ]
    # The owner, elsewhere behind the same proxy, still signs in.
    assert login(client, user.email, "198.51.100.2", password=PASSWORD) == []


def test_the_shipped_proxy_gunicorn_and_app_agree():
    deploy = Path(__file__).resolve().parents[2] / "deploy"
    compose = yaml.safe_load((deploy / "compose.yaml").read_text())
    proxy = compose["services"]["proxy"]["networks"]["default"]["ipv4_address"]
    environment = compose["x-portal"]["environment"]
    assert environment["DJANGO_TRUSTED_PROXIES"] == proxy
    assert "FORWARDED_ALLOW_IPS" not in environment  # follows the trusted proxies
    # nginx appends the address it saw; the app reads it from the right.
    assert (
        "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;"
        in (deploy / "nginx.conf").read_text()
    )
    # gunicorn trusts the same proxies, and never everyone.
    default = "${FORWARDED_ALLOW_IPS:-${DJANGO_TRUSTED_PROXIES:-127.0.0.1}}"
    for name in ("Dockerfile", "Procfile"):
        text = (deploy / name).read_text()
        assert default in text, name
        assert ":-*}" not in text and "allow-ips *" not in text, name


def test_a_bad_proxy_entry_stops_the_start():
    environ = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DJANGO_SECRET_KEY": "x",
        "DJANGO_TRUSTED_PROXIES": "10.0.0.1,nginx",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=Path(__file__).resolve().parents[2],
        env=environ,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "DJANGO_TRUSTED_PROXIES: 'nginx' is not an IP address" in result.stderr
