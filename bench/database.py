"""A throw-away database for one benchmark run, and what it needs before Django.

``BenchStorage`` makes the run's folder (SQLite file, media) and, when DATABASE_URL
points at PostgreSQL, a database of the run's own on that server; ``close`` removes
both. ``migrate`` runs inside a configured Django process."""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url and not url.startswith("sqlite") else None


class BenchStorage:
    def __init__(self, prefix: str = "portal-bench-") -> None:
        self.folder = Path(tempfile.mkdtemp(prefix=prefix))
        self.db_name: str | None = None
        self.env = {
            "BENCH_DIR": str(self.folder),
            "DJANGO_SETTINGS_MODULE": "bench.settings",
        }
        if _postgres_url():
            self.db_name = f"portal_bench_{os.getpid()}_{secrets.token_hex(3)}"
            self._admin(f'CREATE DATABASE "{self.db_name}"')
            self.env["BENCH_DB_NAME"] = self.db_name

    def describe(self) -> str:
        if self.db_name:
            return f"PostgreSQL database {self.db_name} (dropped at the end)"
        return f"SQLite (WAL) in {self.folder} (removed at the end)"

    def apply(self) -> None:
        """Point this process's Django at the run's storage."""
        os.environ.update(self.env)

    def close(self) -> None:
        if os.environ.get("REDIS_URL"):
            self._forget_redis_keys()
        if self.db_name:
            try:
                self._admin(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')
            except Exception as error:  # report, but still remove the folder
                print(f"Could not drop the database {self.db_name}: {error}")
        shutil.rmtree(self.folder, ignore_errors=True)

    def _forget_redis_keys(self) -> None:
        """The run's cache entries, under its own key prefix (bench/settings.py)."""
        try:
            import redis

            client = redis.Redis.from_url(os.environ["REDIS_URL"])
            keys = list(client.scan_iter(match=f"bench-{self.folder.name}:*"))
            if keys:
                client.delete(*keys)
        except Exception as error:
            print(f"Could not remove this run's keys from Redis: {error}")

    @staticmethod
    def _admin(sql: str) -> None:
        import dj_database_url
        import psycopg

        config = dj_database_url.parse(_postgres_url())
        with psycopg.connect(
            host=config.get("HOST") or None,
            port=config.get("PORT") or None,
            user=config.get("USER") or None,
            password=config.get("PASSWORD") or None,
            dbname="postgres",
            autocommit=True,
        ) as connection:
            connection.execute(sql)


def migrate() -> None:
    """Create the schema and the cache table (Django must be set up)."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)


def migrate_and_seed(items: int) -> None:
    """Migrate the run's database, then the demo content and ``items`` releases
    per language (bench/seed.py), saying how long it took. In a configured
    Django process."""
    import time

    print(f"Seeding {items} releases per language …", flush=True)
    started = time.perf_counter()
    migrate()
    from bench.seed import seed

    seed(items)
    print(f"… ready in {time.perf_counter() - started:.1f} s", flush=True)
