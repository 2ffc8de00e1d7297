"""Run the background tasks and scheduled publishing.

    manage.py portal_worker [--queue default] [--burst] [--no-reload]

The one worker command, whatever the queue: the Redis queue (TASKS_BACKEND=rq,
django-tasks-rq, cms/tasks.py) or the database queue (django-tasks-db's worker,
the embedded default that `make run` uses). Beside the tasks, a thread publishes
and expires scheduled pages every SCHEDULED_PUBLISHING_SECONDS
(cms/scheduled_publishing.py); with ``--burst`` it does so once, then runs the
queued tasks and quits.

On the Redis queue, one process per worker machine (or more: they share the
queue). On start it takes back the jobs of dead workers of this host and relays
the tasks that waited in the database while Redis was down; then it works until
SIGTERM (it finishes the task at hand) or a second SIGTERM (cold stop). If Redis
goes away for good, RQ gives up its loop: this command starts a new one after a
pause instead of exiting, so the worker outlives a Redis outage."""

from __future__ import annotations

import os
import time
from argparse import BooleanOptionalAction

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.backend import DatabaseBackend
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from cms import scheduled_publishing
from cms.tasks import PortalRQBackend, build_worker, relay_fallback


class Command(BaseCommand):
    help = "Run the task queue worker and scheduled publishing."

    def add_arguments(self, parser):
        parser.add_argument("--queue", action="append", dest="queues")
        parser.add_argument(
            "--burst", action="store_true", help="Quit when the queue is empty."
        )
        parser.add_argument(
            "--reload",
            action=BooleanOptionalAction,
            default=settings.DEBUG,
            help="Database queue: restart on code changes (default: DEBUG).",
        )

    def handle(self, *args, queues=None, burst=False, reload=False, **options):
        from django_tasks import task_backends

        backend = task_backends["default"]
        if isinstance(backend, PortalRQBackend):
            run, reload = self.run_redis_queue, False
        elif isinstance(backend, DatabaseBackend):
            run = self.run_database_queue
        else:
            raise CommandError(
                "The task backend is neither Redis (TASKS_BACKEND=rq) nor the "
                "database: nothing for this worker to run."
            )
        reload = reload and not burst
        if burst:
            scheduled_publishing.tick()
        elif not reload or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            # With --reload, the first process only watches and restarts the
            # second, which does the work (and the ticks).
            scheduled_publishing.Ticker().start()
        run(queues, burst, reload)

    def run_database_queue(self, queues, burst: bool, reload: bool) -> None:
        call_command(
            "db_worker",
            queue_name=",".join(queues or ["default"]),
            batch=burst,
            reload=reload,
            startup_delay=not burst,
            stdout=self.stdout,
            stderr=self.stderr,
        )

    def run_redis_queue(
        self, queues, burst: bool, _reload: bool, build=build_worker
    ) -> None:
        while True:
            worker = None
            try:
                # Inside the try: building a worker already talks to Redis (RQ
                # names its connection), and Redis may still be down when RQ's
                # loop has given up.
                worker = build(queues)
                worker.take_back_dead_workers_jobs()
                relay_fallback()
                worker.work(
                    burst=burst,
                    logging_level=settings.TASKS_WORKER_LOG_LEVEL,
                    with_scheduler=True,
                )
            except (RedisConnectionError, RedisTimeoutError) as error:
                self.stderr.write(f"Redis unreachable ({error}); retrying in 2 s")
            if burst or (worker is not None and worker._stop_requested):
                return
            time.sleep(2)
