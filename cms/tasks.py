"""Background tasks on Redis: django-tasks-rq, hardened for outages and crashes.

Selected with ``TASKS_BACKEND=rq`` (settings in cms/settings/base.py); the database
queue (django-tasks-db) stays the embedded default. Three guarantees on top of
django-tasks-rq:

- **Redis unreachable while enqueueing**: the task is written to the database (the
  ``fallback`` backend, django-tasks-db) instead of being lost; the worker moves it
  to Redis as soon as Redis answers again (``relay_fallback``).
- **A worker killed while it runs a task** (SIGKILL, out of memory, machine lost):
  the task runs again. A killed work-horse is seen at once by its worker; a worker
  killed whole leaves its job in RQ's started registry, which RQ declares abandoned
  when its heartbeat expires (about 90 s), and which a worker starting on the same
  host takes back at once when the dead worker's process is gone.
- **A task that raises is not run again**: django-tasks promises one attempt;
  tasks that want retries (webhooks) schedule them themselves. Only a crash, where
  the task never got to finish or fail, earns a new run (``TASKS_CRASH_RETRIES``).

Tasks must therefore be safe to run twice after a crash: ``process_video`` is (it
records a rendition only once its file is stored, and discards the partial work of
an earlier run)."""

from __future__ import annotations

import logging
import os
import socket
from functools import partial

import django_rq
from django.conf import settings
from django.db import close_old_connections, connections, transaction
from django_tasks import task_backends
from django_tasks.base import TASK_MAX_PRIORITY, TaskResult, TaskResultStatus
from django_tasks.signals import task_enqueued
from django_tasks.utils import get_random_id
from django_tasks_rq.backend import (
    Job,
    RQBackend,
    failed_callback,
    success_callback,
)
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from rq.exceptions import AbandonedJobError, NoSuchJobError
from rq.job import Callback, JobStatus
from rq.registry import StartedJobRegistry
from rq.utils import as_text, parse_composite_key
from rq.worker import Worker

logger = logging.getLogger(__name__)

FALLBACK_ALIAS = "fallback"
REDIS_ERRORS = (RedisConnectionError, RedisTimeoutError)
CRASH_RETRIES_META = "portal_crash_retries"


class PortalRQBackend(RQBackend):
    """django-tasks-rq's backend, sending a task when the transaction that asked
    for it commits, and falling back to the database queue while Redis cannot be
    reached."""

    def enqueue(self, task, args, kwargs):
        """As the database backend does by nature, a task asked for inside a
        transaction is only sent once it commits (Wagtail enqueues index updates
        from its signals: a worker must not look for a page not yet committed).
        The task's id is known at once; if the transaction rolls back, nothing is
        sent."""
        self.validate_task(task)
        task_id = get_random_id()
        if transaction.get_connection().in_atomic_block:
            transaction.on_commit(
                partial(self._send, task, args, kwargs, task_id), robust=True
            )
            return self._result(task, args, kwargs, task_id)
        return self._send(task, args, kwargs, task_id)

    def _result(self, task, args, kwargs, task_id, enqueued_at=None) -> TaskResult:
        return TaskResult(
            task=task,
            id=task_id,
            status=TaskResultStatus.READY,
            enqueued_at=enqueued_at,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )

    def _send(self, task, args, kwargs, task_id):
        try:
            return self.send_to_redis(task, args, kwargs, task_id)
        except REDIS_ERRORS as error:
            logger.warning(
                "Redis unreachable (%s): task %s kept in the database until it "
                "answers again",
                error,
                task.module_path,
            )
            fallback = task_backends[FALLBACK_ALIAS]
            return fallback.enqueue(task.using(backend=FALLBACK_ALIAS), args, kwargs)

    def send_to_redis(self, task, args, kwargs, task_id=None):
        """django-tasks-rq's enqueue (0.12.0), with the task id given."""
        task_id = task_id or get_random_id()
        queue = django_rq.get_queue(task.queue_name, job_class=Job)
        job = queue.create_job(
            task.module_path,
            args=args,
            kwargs=kwargs,
            job_id=task_id,
            status=JobStatus.SCHEDULED if task.run_after else JobStatus.QUEUED,
            on_failure=Callback(failed_callback),
            on_success=Callback(success_callback),
            meta={"backend_name": self.alias},
        )
        if task.run_after is None:
            job = queue.enqueue_job(job, at_front=task.priority == TASK_MAX_PRIORITY)
        else:
            job = queue.schedule_job(job, task.run_after)
        result = self._result(task, args, kwargs, task_id, job.enqueued_at)
        task_enqueued.send(type(self), task_result=result)
        return result


def relay_fallback(limit: int = 100) -> int:
    """Move the tasks that waited in the database while Redis was down onto the
    Redis queue; returns how many. A Redis error leaves them where they are."""
    from django_tasks_db.models import DBTaskResult

    backend = task_backends["default"]
    moved = 0
    while True:
        with transaction.atomic():
            rows = list(
                DBTaskResult.objects.select_for_update(skip_locked=True)
                .filter(backend_name=FALLBACK_ALIAS, status=TaskResultStatus.READY)
                .order_by("enqueued_at")[:limit]
            )
            if not rows:
                return moved
            for row in rows:
                # Straight to Redis: if it fails again, roll back and keep the
                # rows rather than writing them to the database twice.
                backend.send_to_redis(
                    row.task.using(backend="default"),
                    row.args_kwargs["args"],
                    row.args_kwargs["kwargs"],
                )
            DBTaskResult.objects.filter(pk__in=[row.pk for row in rows]).delete()
        moved += len(rows)
        logger.info("Moved %d task(s) from the database to the Redis queue", moved)


def _grant_crash_retry(job) -> bool:
    """Let a job that died with its process run once more, up to the limit."""
    used = int(job.meta.get(CRASH_RETRIES_META, 0))
    if used >= settings.TASKS_CRASH_RETRIES:
        logger.error("Task %s died %d times; giving up", job.id, used + 1)
        return False
    job.meta[CRASH_RETRIES_META] = used + 1
    job.retries_left = 1
    job.retry_intervals = None  # at once
    logger.warning("Task %s died with its process; running it again", job.id)
    return True


def retry_abandoned(job, exc_type, exc_value, traceback):
    """RQ exception handler: an abandoned job (its worker died) runs again. Other
    failures are the task's own and are left failed."""
    if exc_type is AbandonedJobError:
        _grant_crash_retry(job)
    return True  # let the other handlers run


class PortalWorker(Worker):
    """RQ's forking worker for Django: fresh database connections in each
    work-horse, crash retries, and the database fallback relayed at every
    maintenance round (``TASKS_MAINTENANCE_SECONDS``)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("maintenance_interval", settings.TASKS_MAINTENANCE_SECONDS)
        super().__init__(*args, **kwargs)
        self.push_exc_handler(retry_abandoned)
        # While Redis is down, try again at least this often (RQ backs off to 60 s).
        self.max_connection_wait_time = min(self.max_connection_wait_time, 5)

    def fork_work_horse(self, job, queue):
        # A connection must never be shared by two processes.
        connections.close_all()
        super().fork_work_horse(job, queue)

    def handle_work_horse_killed(self, job, retpid, ret_val, rusage):
        super().handle_work_horse_killed(job, retpid, ret_val, rusage)
        _grant_crash_retry(job)  # handle_job_failure then retries it

    def run_maintenance_tasks(self):
        super().run_maintenance_tasks()
        close_old_connections()
        try:
            relay_fallback()
        except REDIS_ERRORS:
            logger.warning("Redis still unreachable: fallback tasks wait")
        except Exception:
            logger.exception("Could not relay the fallback tasks")
        finally:
            connections.close_all()

    def take_back_dead_workers_jobs(self) -> int:
        """Jobs started by a worker of this host whose process is gone are
        declared abandoned now rather than when their heartbeat expires."""
        hostname = socket.gethostname()
        taken = 0
        for queue in self.queues:
            registry = StartedJobRegistry(
                queue=queue, job_class=self.job_class, serializer=self.serializer
            )
            for member in self.connection.zrange(registry.key, 0, -1):
                job_id, _execution = parse_composite_key(as_text(member))
                try:
                    job = self.job_class.fetch(job_id, connection=self.connection)
                except NoSuchJobError:
                    continue
                if job.worker_name and self._worker_is_gone(job.worker_name, hostname):
                    self.connection.zadd(registry.key, {member: 0}, xx=True)
                    taken += 1
            if taken:
                registry.cleanup(exception_handlers=self._exc_handlers)
        return taken

    def _worker_is_gone(self, name: str, hostname: str) -> bool:
        key = self.redis_worker_namespace_prefix + name
        values = self.connection.hmget(key, "hostname", "pid")
        host, pid = (as_text(value) if value else None for value in values)
        if host is None:
            return True  # its registration expired: dead for long
        if host != hostname or not pid:
            return False  # another machine: RQ's heartbeat decides
        pid = int(pid)
        if pid == os.getpid():
            return True  # a restarted container reuses the dead worker's pid
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False


def build_worker(queue_names: list[str] | None = None) -> PortalWorker:
    names = queue_names or list(settings.RQ_QUEUES)
    queues = [django_rq.get_queue(name, job_class=Job) for name in names]
    return PortalWorker(
        queues,
        connection=queues[0].connection,
        job_class=Job,
        worker_ttl=settings.TASKS_WORKER_TTL,
    )
