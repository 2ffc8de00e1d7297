"""Background work goes through Django's tasks API to the database-backed queue,
and `manage.py db_worker` (which `make run` starts) runs it."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks import task, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from newsroom.models import Topic


@task()
def rename_topic(topic_id: int, name: str) -> str:
    Topic.objects.filter(pk=topic_id).update(name=name)
    return name


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_database_queue_and_worker_run_a_task():
    topic = Topic.objects.first()
    assert isinstance(task_backends["default"], DatabaseBackend)
    result = rename_topic.enqueue(topic.pk, "Renamed by the worker")
    assert DBTaskResult.objects.filter(id=result.id, status="READY").exists()
    topic.refresh_from_db()
    assert topic.name != "Renamed by the worker"  # queued, not run inline

    call_command("db_worker", batch=True, interval=0, stdout=open("/dev/null", "w"))

    topic.refresh_from_db()
    assert topic.name == "Renamed by the worker"
    assert DBTaskResult.objects.get(id=result.id).status == "SUCCESSFUL"
