"""The signature a receiver checks, the backoff, and the settings behind them."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

from django.test import override_settings

from webhooks.sending import encode_payload, retry_delay
from webhooks.signing import sign, verify

ROOT = Path(__file__).resolve().parents[2]
BODY = b'{"event":"page.published"}'


def test_the_signature_is_the_hmac_sha256_of_the_body_in_hex():
    # The same value as: printf '%s' "$BODY" | openssl dgst -sha256 -hmac topsecret
    assert sign("topsecret", BODY) == (
        "sha256=5de652c6de849fbc1513a3d8ff9bcc0cce998dbe12f7271ae17252b0b49497b6"
    )


def test_verify_accepts_only_the_right_secret_and_body():
    signature = sign("topsecret", BODY)
    assert verify("topsecret", BODY, signature)
    assert not verify("topsecret", BODY + b"\n", signature)
    assert not verify("other", BODY, signature)
    assert not verify("topsecret", BODY, None)
    assert not verify("topsecret", BODY, signature.removeprefix("sha256="))


def test_the_body_is_compact_utf8_json():
    assert encode_payload({"title": "Secrétaire général", "id": 3}) == (
        '{"title":"Secrétaire général","id":3}'.encode()
    )


@override_settings(WEBHOOK_RETRY_DELAYS=[10, 60, 300, 1800])
def test_the_backoff_grows_then_repeats_its_last_delay():
    waits = [retry_delay(n).total_seconds() for n in range(1, 7)]
    assert waits == [10, 60, 300, 1800, 1800, 1800]
    assert retry_delay(1) == datetime.timedelta(seconds=10)


def test_the_settings_come_from_the_environment():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.WEBHOOK_TIMEOUT_SECONDS, s.WEBHOOK_MAX_ATTEMPTS, "
        "s.WEBHOOK_RETRY_DELAYS)"
    )

    def load(**environ: str) -> str:
        env = {
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
            **environ,
        }
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    assert load() == "5.0 5 [10, 60, 300, 1800]"
    assert (
        load(
            WEBHOOK_TIMEOUT_SECONDS="2.5",
            WEBHOOK_MAX_ATTEMPTS="8",
            WEBHOOK_RETRY_DELAYS="5, 30,120",
        )
        == "2.5 8 [5, 30, 120]"
    )
