"""Local development: debug on, GraphiQL on, mail printed to the console."""

import os
import secrets
from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, env, env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)
GRAPHIQL = True


def secret_key_from_file(path: Path) -> str:
    """The key in ``path``, made on first use: each checkout has its own (var/ is
    ignored by git), so a key read in the repository signs nothing anywhere."""
    try:
        key = path.read_text().strip()
    except FileNotFoundError:
        key = ""
    if key:
        return key
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{os.getpid()}")
    draft.write_text(secrets.token_urlsafe(50))
    draft.chmod(0o600)
    try:
        os.link(draft, path)  # fails if another process made the key first
    except FileExistsError:
        pass
    finally:
        draft.unlink()
    return path.read_text().strip()


SECRET_KEY = env("DJANGO_SECRET_KEY") or secret_key_from_file(
    Path(env("DJANGO_SECRET_KEY_FILE", str(BASE_DIR / "var" / "secret_key")))
)

# `make run` writes to one SQLite file from the server's threads, the worker and the
# demo loader at once: a write waits for the lock (and takes it when its
# transaction starts) instead of failing with "database is locked", as the
# browser tests' server does (tests/e2e/settings.py).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 30, "transaction_mode": "IMMEDIATE"}
    )
