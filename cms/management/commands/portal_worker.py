"""Run the background tasks of the Redis queue (TASKS_BACKEND=rq).

    manage.py portal_worker [--queue default] [--burst]

One process per worker machine (or more: they share the queue). On start it takes
back the jobs of dead workers of this host and relays the tasks that waited in
the database while Redis was down; then it works until SIGTERM (it finishes the
task at hand) or a second SIGTERM (cold stop). If Redis goes away for good, RQ
gives up its loop: this command starts a new one after a pause instead of
exiting, so the worker outlives a Redis outage."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from cms.tasks import PortalRQBackend, build_worker, relay_fallback


class Command(BaseCommand):
    help = "Run the Redis task queue worker (django-tasks-rq)."

    def add_arguments(self, parser):
        parser.add_argument("--queue", action="append", dest="queues")
        parser.add_argument(
            "--burst", action="store_true", help="Quit when the queue is empty."
        )

    def handle(self, *args, queues=None, burst=False, **options):
        from django_tasks import task_backends

        if not isinstance(task_backends["default"], PortalRQBackend):
            raise CommandError(
                "The task backend is not Redis: set TASKS_BACKEND=rq and REDIS_URL, "
                "or run `manage.py db_worker` for the database queue."
            )
        while True:
            worker = build_worker(queues)
            try:
                worker.take_back_dead_workers_jobs()
                relay_fallback()
                worker.work(
                    burst=burst,
                    logging_level=settings.TASKS_WORKER_LOG_LEVEL,
                    with_scheduler=True,
                )
            except (RedisConnectionError, RedisTimeoutError) as error:
                self.stderr.write(f"Redis unreachable ({error}); retrying in 2 s")
            if burst or worker._stop_requested:
                return
            time.sleep(2)
