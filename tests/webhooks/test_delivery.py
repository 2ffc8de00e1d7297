"""Publishing, unpublishing and deleting a page POSTs a signed JSON event to every
frontend that asked for it, once the change is committed; failures are retried and
never reach the editor."""

import datetime
import uuid

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from tests.factories import create_release, locale
from webhooks.models import WebhookDelivery, WebhookEvent
from webhooks.sending import send_webhook
from webhooks.signing import verify

pytestmark = pytest.mark.django_db


def test_publish_sends_a_signed_post_with_the_page(
    receiver, make_endpoint, django_capture_on_commit_callbacks
):
    endpoint = make_endpoint()
    with django_capture_on_commit_callbacks(execute=True):
        page = create_release("fr", title="Le Secrétaire général en visite")

    [request] = receiver.requests
    delivery = WebhookDelivery.objects.get()
    assert request.path == "/revalidate"
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["X-Portal-Event"] == "page.published"
    assert request.headers["X-Portal-Delivery"] == str(delivery.pk)
    signature = request.headers["X-Portal-Signature"]
    assert signature.startswith("sha256=")
    assert verify(endpoint.secret, request.body, signature)
    assert not verify(endpoint.secret, request.body + b" ", signature)
    assert not verify("another-secret", request.body, signature)

    payload = request.json()
    assert payload == {
        "event": "page.published",
        "delivery": str(delivery.pk),
        "timestamp": payload["timestamp"],
        "page": {
            "id": page.pk,
            "type": "newsroom.PressReleasePage",
            "locale": "fr",
            "translation_key": str(page.translation_key),
            "slug": page.slug,
            "url": page.url,
            "title": "Le Secrétaire général en visite",
        },
    }
    assert payload["page"]["url"] == f"/fr/salle-de-presse/{page.slug}/"
    sent_at = datetime.datetime.fromisoformat(payload["timestamp"])
    assert abs(timezone.now() - sent_at) < datetime.timedelta(minutes=1)

    assert delivery.status == WebhookDelivery.Status.SUCCEEDED
    assert (delivery.attempts, delivery.last_status_code) == (1, 200)
    assert delivery.last_error == "" and delivery.next_attempt_at is None
    assert delivery.payload == payload


def test_each_endpoint_gets_its_own_delivery_id(
    receiver, make_endpoint, django_capture_on_commit_callbacks
):
    make_endpoint("/one")
    make_endpoint("/two")
    with django_capture_on_commit_callbacks(execute=True):
        create_release("en")

    ids = {request.headers["X-Portal-Delivery"] for request in receiver.requests}
    assert sorted(r.path for r in receiver.requests) == ["/one", "/two"]
    assert ids == {
        str(pk) for pk in WebhookDelivery.objects.values_list("pk", flat=True)
    }
    assert len(ids) == 2


def test_nothing_is_sent_before_the_transaction_commits(
    receiver, make_endpoint, django_capture_on_commit_callbacks
):
    make_endpoint()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        create_release("en")

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("pending", 0)
    assert receiver.requests == []  # written with the page, not yet sent
    for callback in callbacks:
        callback()  # what the commit runs
    assert len(receiver.requests) == 1
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.SUCCEEDED


def test_a_change_that_rolls_back_sends_nothing(
    receiver, make_endpoint, django_capture_on_commit_callbacks
):
    make_endpoint()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            create_release("en")
            raise RuntimeError("the editor's save failed")

    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_unpublish_in_the_admin_sends_page_unpublished(
    admin_client, receiver, make_endpoint, django_capture_on_commit_callbacks
):
    page = create_release("en")
    endpoint = make_endpoint()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/pages/{page.pk}/unpublish/")
    assert response.status_code == 302

    [request] = receiver.requests
    assert request.headers["X-Portal-Event"] == "page.unpublished"
    assert verify(endpoint.secret, request.body, request.headers["X-Portal-Signature"])
    payload = request.json()
    assert payload["event"] == "page.unpublished"
    assert payload["page"]["id"] == page.pk
    assert payload["page"]["url"] == f"/en/newsroom/{page.slug}/"


def test_deleting_a_live_page_sends_page_deleted_only(
    admin_client, receiver, make_endpoint, django_capture_on_commit_callbacks
):
    """Wagtail unpublishes a live page while deleting it: one event, not two."""
    page = create_release("fr")
    url, key = page.url, str(page.translation_key)
    make_endpoint()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/pages/{page.pk}/delete/")
    assert response.status_code == 302
    assert not Page.objects.filter(pk=page.pk).exists()

    [request] = receiver.requests
    assert request.headers["X-Portal-Event"] == "page.deleted"
    payload = request.json()
    assert payload["event"] == "page.deleted"
    assert payload["page"]["id"] == page.pk
    assert payload["page"]["type"] == "newsroom.PressReleasePage"
    assert payload["page"]["locale"] == "fr"
    assert payload["page"]["translation_key"] == key
    assert payload["page"]["url"] == url  # where it was served until now


def test_deleting_a_page_reports_its_descendants_too(
    receiver, make_endpoint, django_capture_on_commit_callbacks
):
    first, second = create_release("en"), create_release("en")
    index = first.get_parent()
    draft = create_release("en", publish=False)
    make_endpoint(events=["page.deleted"])
    with django_capture_on_commit_callbacks(execute=True):
        index.delete()

    deleted = {r.json()["page"]["id"] for r in receiver.requests}
    assert {index.pk, first.pk, second.pk, draft.pk} <= deleted
    assert {r.headers["X-Portal-Event"] for r in receiver.requests} == {"page.deleted"}


def test_inactive_endpoints_and_unwanted_events_get_nothing(
    receiver, make_endpoint, django_capture_on_commit_callbacks
):
    make_endpoint("/inactive", active=False)
    make_endpoint("/published-only", events=["page.published"])
    make_endpoint("/unpublished-only", events=["page.unpublished"])
    make_endpoint("/french-only", locale=locale("fr"))
    make_endpoint("/english-only", locale=locale("en"))

    with django_capture_on_commit_callbacks(execute=True):
        page = create_release("en")
    assert sorted(r.path for r in receiver.requests) == [
        "/english-only",
        "/published-only",
    ]

    receiver.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert sorted(r.path for r in receiver.requests) == [
        "/english-only",
        "/unpublished-only",
    ]
    assert not WebhookDelivery.objects.filter(endpoint__active=False).exists()


def test_without_endpoints_publishing_records_nothing(
    receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        create_release("en")
    assert not WebhookDelivery.objects.exists()
    assert receiver.requests == []
    assert not any("enqueue_delivery" in repr(c) for c in callbacks)


@override_settings(WEBHOOK_RETRY_DELAYS=[10, 60, 300, 1800])
def test_a_failed_attempt_is_retried_later_and_then_succeeds(
    receiver, make_endpoint, django_capture_on_commit_callbacks, caplog
):
    """The tests' immediate backend cannot run a task later, so the retry is not
    queued there (tests/webhooks/test_queue.py shows the database queue doing it):
    the delivery waits, pending, and sending it again succeeds."""
    make_endpoint()
    receiver.answers = [500]
    with django_capture_on_commit_callbacks(execute=True):
        create_release("en")

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.PENDING
    assert (delivery.attempts, delivery.last_status_code) == (1, 500)
    assert delivery.last_error == (
        "The endpoint answered HTTP 500. Response: The frontend is unwell."
    )
    wait = delivery.next_attempt_at - timezone.now()
    assert datetime.timedelta(seconds=5) < wait <= datetime.timedelta(seconds=10)
    assert len(receiver.requests) == 1
    assert "stays pending until it is sent again" in caplog.text

    result = send_webhook.enqueue(str(delivery.pk))
    assert result.return_value == "succeeded"

    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.SUCCEEDED
    assert (delivery.attempts, delivery.last_status_code) == (2, 200)
    assert delivery.last_error == "" and delivery.next_attempt_at is None
    first, second = receiver.requests
    # A retry is the same delivery: same id, same body, same signature.
    assert first.body == second.body
    for header in ("X-Portal-Delivery", "X-Portal-Signature", "X-Portal-Event"):
        assert first.headers[header] == second.headers[header]

    assert send_webhook.call(str(delivery.pk)) == "succeeded"
    assert len(receiver.requests) == 2  # a finished delivery is not sent again


@override_settings(WEBHOOK_MAX_ATTEMPTS=3, WEBHOOK_RETRY_DELAYS=[10, 60])
def test_a_frontend_that_always_fails_ends_failed_after_the_last_attempt(
    receiver, make_endpoint, django_capture_on_commit_callbacks
):
    make_endpoint()
    receiver.default_status = 503
    with django_capture_on_commit_callbacks(execute=True):
        create_release("en")
    delivery = WebhookDelivery.objects.get()
    waits = [delivery.next_attempt_at - delivery.updated_at]

    assert send_webhook.call(str(delivery.pk)) == "pending"
    delivery.refresh_from_db()
    waits.append(delivery.next_attempt_at - delivery.updated_at)
    assert [round(w.total_seconds()) for w in waits] == [10, 60]

    assert send_webhook.call(str(delivery.pk)) == "failed"
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert (delivery.attempts, delivery.last_status_code) == (3, 503)
    assert "HTTP 503" in delivery.last_error
    assert delivery.next_attempt_at is None
    assert len(receiver.requests) == 3

    assert send_webhook.call(str(delivery.pk)) == "failed"
    assert len(receiver.requests) == 3


def test_an_unreachable_frontend_never_breaks_publishing_in_the_admin(
    admin_client, make_endpoint, closed_port_url, django_capture_on_commit_callbacks
):
    home = Page.objects.get(depth=2, locale__language_code="en").specific
    make_endpoint(url=closed_port_url)
    edit_url = f"/admin/pages/{home.pk}/edit/"
    data = querydict_from_html(
        admin_client.get(edit_url).content.decode(), form_id="page-edit-form"
    )
    data["title"] = "Media portal, republished"
    data["action-publish"] = "action-publish"
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(edit_url, {k: data.getlist(k) for k in data})

    assert response.status_code == 302, response.content[:2000]
    home.refresh_from_db()
    assert home.live and home.title == "Media portal, republished"
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.PENDING
    assert (delivery.attempts, delivery.last_status_code) == (1, None)
    port = closed_port_url.split(":")[2].split("/")[0]
    assert delivery.last_error == (
        f"Could not connect to 127.0.0.1:{port}: Connection refused."
    )
    assert delivery.next_attempt_at > timezone.now()


@override_settings(WEBHOOK_TIMEOUT_SECONDS=0.2)
def test_a_slow_frontend_times_out(
    receiver, make_endpoint, django_capture_on_commit_callbacks
):
    make_endpoint()
    receiver.delay = 1.5
    with django_capture_on_commit_callbacks(execute=True):
        create_release("en")
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.PENDING
    assert delivery.last_error == (
        f"{receiver.url.removeprefix('http://')} did not answer within 0.2 seconds."
    )


def test_a_redirect_is_a_failure_not_a_silent_get(
    receiver, make_endpoint, django_capture_on_commit_callbacks
):
    make_endpoint()
    receiver.answers = [301]
    with django_capture_on_commit_callbacks(execute=True):
        create_release("en")
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.PENDING
    assert delivery.last_status_code == 301
    assert f"redirect to {receiver.url}/moved" in delivery.last_error
    assert len(receiver.requests) == 1  # the redirect was not followed


def test_a_deactivated_endpoint_stops_its_pending_deliveries(
    receiver, make_endpoint, django_capture_on_commit_callbacks
):
    endpoint = make_endpoint()
    receiver.answers = [500]
    with django_capture_on_commit_callbacks(execute=True):
        create_release("en")
    endpoint.active = False
    endpoint.save()
    delivery = WebhookDelivery.objects.get()

    assert send_webhook.call(str(delivery.pk)) == "failed"
    delivery.refresh_from_db()
    assert delivery.attempts == 1
    assert "deactivated" in delivery.last_error
    assert len(receiver.requests) == 1


def test_an_unknown_delivery_is_ignored():
    assert send_webhook.call(str(uuid.uuid4())) == "missing"


def test_the_event_names_are_the_documented_ones():
    assert WebhookEvent.values == ["page.published", "page.unpublished", "page.deleted"]


def test_a_bug_in_the_webhooks_never_breaks_publishing(
    make_endpoint, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    make_endpoint()

    def broken(page):
        raise RuntimeError("a bug in the payload")

    monkeypatch.setattr("webhooks.events.describe_page", broken)
    with django_capture_on_commit_callbacks(execute=True):
        page = create_release("en")

    page.refresh_from_db()
    assert page.live
    assert not WebhookDelivery.objects.exists()
    assert "Could not record the page.published webhooks" in caplog.text
