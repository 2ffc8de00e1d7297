"""Settings for the benchmarks: the project's own settings on throw-away storage.

Every run gets its own folder (``BENCH_DIR``, made by ``bench/database.py``) for the
SQLite file and the media, so a benchmark never touches the developer's database,
media or cache. With ``DATABASE_URL`` pointing at PostgreSQL, the run uses a database
of its own on that server (``BENCH_DB_NAME``), created and dropped by the run.
"""

from pathlib import Path

import dj_database_url

from cms.settings.base import *  # noqa: F403
from cms.settings.base import (
    CACHES,
    INSTALLED_APPS,
    STORAGES,
    env,
    env_bool,
    env_required,
)

BENCH_DIR = Path(env_required("BENCH_DIR"))

DEBUG = False
SECRET_KEY = "bench-only-secret-key"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# The demo administrator is created with a password: keep that cheap.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Wagtail's REST API v2 is only mounted by bench/urls.py, for comparison.
INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.api.v2", "rest_framework"]
WAGTAILAPI_LIMIT_MAX = 100

_url = env("DATABASE_URL", "") or ""
if _url and not _url.startswith("sqlite"):
    _database = dj_database_url.parse(
        _url, conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0"))
    )
    if _database["ENGINE"] != "django.db.backends.postgresql":
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "The benchmarks run on SQLite or PostgreSQL only: unset DATABASE_URL "
            "or point it at a PostgreSQL server."
        )
    # Never the developer's database: a database of this run's own on that server.
    _database["NAME"] = env_required("BENCH_DB_NAME")
else:
    _database = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BENCH_DIR / "bench.sqlite3",
        "OPTIONS": {
            # WAL lets the server's readers go on while the publisher writes;
            # IMMEDIATE takes the write lock up front, so two writers queue on the
            # busy timeout instead of failing on a lock upgrade.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
        },
        "CONN_MAX_AGE": int(env("DATABASE_CONN_MAX_AGE", "0")),
    }
DATABASES = {"default": _database}

MEDIA_ROOT = BENCH_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Private files (video masters, photo originals, baskets: every storage the
    # project names) under the run's folder.
    **{
        name: {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {
                "location": BENCH_DIR / "private-media" / name,
                "base_url": None,
            },
        }
        for name in STORAGES
        if name not in ("default", "staticfiles")
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The shared cache as in production: the database cache table (in this run's own
# database), or Redis when REDIS_URL is set, under a prefix of this run's own.
CACHES = {**CACHES}
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    CACHES["default"] = {**CACHES["default"], "KEY_PREFIX": f"bench-{BENCH_DIR.name}"}

GRAPHQL_CACHE_ENABLED = env_bool("GRAPHQL_CACHE_ENABLED", True)
GRAPHIQL = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
