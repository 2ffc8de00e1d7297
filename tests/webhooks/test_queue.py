"""On the database queue (what `make run` and production use), a failed attempt is
queued again to run after its backoff delay, and the worker leaves it alone until
then."""

import datetime

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.factories import create_release
from webhooks.models import WebhookDelivery


def run_worker() -> None:
    call_command("db_worker", batch=True, interval=0, stdout=open("/dev/null", "w"))


def queued_sends():
    return DBTaskResult.objects.filter(
        task_path="webhooks.sending.send_webhook", status=TaskResultStatus.READY
    )


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
    WEBHOOK_RETRY_DELAYS=[10, 60],
)
def test_a_retry_waits_in_the_queue_for_its_backoff(receiver, make_endpoint):
    make_endpoint()
    receiver.answers = [500]

    create_release("en")  # commits: the first attempt is queued, not run
    delivery = WebhookDelivery.objects.get()
    assert delivery.attempts == 0 and receiver.requests == []
    [first] = queued_sends()
    assert first.args_kwargs == {"args": [str(delivery.pk)], "kwargs": {}}

    run_worker()  # attempt 1: the frontend answers 500
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("pending", 1)
    assert len(receiver.requests) == 1
    [retry] = queued_sends()
    assert retry.run_after == delivery.next_attempt_at
    wait = retry.run_after - timezone.now()
    assert datetime.timedelta(seconds=5) < wait <= datetime.timedelta(seconds=10)

    run_worker()  # not due yet: nothing happens
    delivery.refresh_from_db()
    assert delivery.attempts == 1 and len(receiver.requests) == 1

    queued_sends().update(run_after=timezone.now() - datetime.timedelta(seconds=1))
    run_worker()  # attempt 2, once due: the frontend answers 200
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("succeeded", 2)
    assert delivery.last_status_code == 200
    assert len(receiver.requests) == 2
    assert not queued_sends().exists()
