"""The development secret key is made per checkout, never a constant in the
repository (issue 18, finding 9): a key read on GitHub signs nothing anywhere."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def dev_secret_key(**environ: str) -> str:
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        **environ,
    }
    code = "from django.conf import settings as s; print(s.SECRET_KEY)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_each_checkout_makes_its_own_key_once(tmp_path):
    first = tmp_path / "one" / "secret_key"
    key = dev_secret_key(DJANGO_SECRET_KEY_FILE=str(first))
    assert len(key) >= 50 and first.read_text().strip() == key
    assert oct(first.stat().st_mode & 0o777) == "0o600"
    assert dev_secret_key(DJANGO_SECRET_KEY_FILE=str(first)) == key
    other = dev_secret_key(DJANGO_SECRET_KEY_FILE=str(tmp_path / "two" / "key"))
    assert other != key
    # No key is written in the settings.
    for module in ("base", "dev"):
        source = (ROOT / "cms" / "settings" / f"{module}.py").read_text()
        assert key not in source and "insecure-development-key" not in source


def test_the_environment_wins(tmp_path):
    path = tmp_path / "secret_key"
    assert (
        dev_secret_key(
            DJANGO_SECRET_KEY="from-the-env", DJANGO_SECRET_KEY_FILE=str(path)
        )
        == "from-the-env"
    )
    assert not path.exists()


def test_the_key_file_is_ignored_by_git():
    result = subprocess.run(
        ["git", "check-ignore", "-q", "var/secret_key"], cwd=ROOT, check=False
    )
    assert result.returncode == 0
