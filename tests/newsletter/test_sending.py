"""Issues: composed from recent releases, previewed, sent over real SMTP to the
confirmed subscribers of one language, with unsubscribe headers; a retry never
sends anyone the same issue twice; the admin shows what was sent and failed."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory
from django.utils.html import escape

from newsletter.models import (
    NewsletterDelivery,
    NewsletterIssue,
    NewsletterIssueItem,
    Subscriber,
    item_page_models,
)
from newsletter.sending import send_issue
from newsroom.models import NewsroomIndexPage

from .conftest import subscriber

pytestmark = pytest.mark.django_db


def test_an_issue_goes_to_confirmed_subscribers_of_its_language(
    make_issue, smtp_server, settings
):
    settings.NEWSLETTER_BATCH_SIZE = 2
    readers = [subscriber(f"reader{n}@example.org", "en") for n in range(5)]
    subscriber("lecteur@example.org", "fr")
    subscriber("pending@example.org", "en", status="pending")
    subscriber("gone@example.org", "en", status="unsubscribed")
    issue = make_issue("en", releases=2)

    result = send_issue.enqueue(issue.pk).return_value
    assert result == {"sent": 5, "failed": 0, "skipped": 0}
    recipients = sorted(r for m in smtp_server.delivered for r in m.recipients)
    assert recipients == sorted(reader.email for reader in readers)
    issue.refresh_from_db()
    assert issue.status == "sent" and issue.sent_at
    assert issue.delivery_counts() == {"sent": 5, "failed": 0, "waiting": 0}

    message = smtp_server.last_to("reader0@example.org")
    assert message.subject == issue.subject
    titles = [item.page.title for item in issue.items.all()]
    assert all(title in message.text and title in message.html for title in titles)
    assert "http://localhost:3000/en/newsroom/" in message.text
    # RFC 2369 / RFC 8058 headers, with this subscriber's own link.
    token = readers[0].token
    assert str(message.message["List-Unsubscribe"]).strip() == (
        f"<http://localhost:8000/newsletter/unsubscribe/{token}/>"
    )
    assert message.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # The link in the text leads to the portal's page (FRONTEND_BASE_URL).
    assert f"http://localhost:3000/en/newsletter/unsubscribe?token={token}" in (
        message.html
    )

    # The header's link unsubscribes with a one-click POST.
    Client().post(
        f"/newsletter/unsubscribe/{token}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    readers[0].refresh_from_db()
    assert readers[0].status == "unsubscribed"


def test_the_subject_arrives_as_written(make_issue, smtp_server):
    """Issue 15: the subject was HTML-escaped (``Lettre d&#x27;information``)."""
    subscriber("lecteur@example.org", "fr")
    issue = make_issue("fr", subject="Lettre d'information : l'été <à> Pristina & co")
    send_issue.enqueue(issue.pk)
    message = smtp_server.last_to("lecteur@example.org")
    assert message.subject == "Lettre d'information : l'été <à> Pristina & co"
    assert message.text.startswith("Lettre d'information : l'été <à> Pristina & co")
    assert "Lettre d&#x27;information" in message.html  # HTML stays escaped


def test_a_retry_sends_only_what_failed_and_nobody_twice(make_issue, smtp_server):
    for n in range(4):
        subscriber(f"reader{n}@example.org")
    smtp_server.refuse = {"reader2@example.org"}
    issue = make_issue("en")

    assert send_issue.enqueue(issue.pk).return_value == {
        "sent": 3,
        "failed": 1,
        "skipped": 0,
    }
    failed = NewsletterDelivery.objects.get(status="failed")
    assert failed.subscriber.email == "reader2@example.org"
    assert "550" in failed.error
    issue.refresh_from_db()
    assert issue.delivery_counts() == {"sent": 3, "failed": 1, "waiting": 0}

    # The mailbox works again; a new subscriber confirmed in the meantime.
    smtp_server.refuse = set()
    subscriber("late@example.org")
    assert send_issue.enqueue(issue.pk).return_value == {
        "sent": 2,
        "failed": 0,
        "skipped": 0,
    }
    # And once more: nothing left to send.
    assert send_issue.enqueue(issue.pk).return_value == {
        "sent": 0,
        "failed": 0,
        "skipped": 0,
    }

    counts: dict[str, int] = {}
    for message in smtp_server.delivered:
        for address in message.recipients:
            counts[address] = counts.get(address, 0) + 1
    assert counts == {
        "reader0@example.org": 1,
        "reader1@example.org": 1,
        "reader2@example.org": 1,
        "reader3@example.org": 1,
        "late@example.org": 1,
    }
    assert (
        NewsletterDelivery.objects.get(subscriber__email="reader2@example.org").attempts
        == 2
    )


def test_a_delivery_claimed_by_another_run_is_not_sent_again(make_issue, smtp_server):
    """A run that died after claiming (status "being sent") may have sent it: the
    next run leaves it alone rather than risk a second copy."""
    claimed = subscriber("claimed@example.org")
    subscriber("waiting@example.org")
    issue = make_issue("en")
    NewsletterDelivery.objects.create(issue=issue, subscriber=claimed, status="sending")
    assert send_issue.enqueue(issue.pk).return_value == {
        "sent": 1,
        "failed": 0,
        "skipped": 0,
    }
    assert [m.recipients for m in smtp_server.delivered] == [["waiting@example.org"]]


def test_one_delivery_per_issue_and_recipient_is_enforced_by_the_database(make_issue):
    from django.db import IntegrityError, transaction

    reader = subscriber("reader@example.org")
    issue = make_issue("en")
    NewsletterDelivery.objects.create(issue=issue, subscriber=reader)
    with pytest.raises(IntegrityError), transaction.atomic():
        NewsletterDelivery.objects.create(issue=issue, subscriber=reader)


def test_unsubscribing_before_the_send_skips_the_reader(make_issue, smtp_server):
    reader = subscriber("reader@example.org")
    issue = make_issue("en")
    NewsletterDelivery.objects.create(issue=issue, subscriber=reader)
    Subscriber.objects.filter(pk=reader.pk).update(status="unsubscribed")
    assert send_issue.enqueue(issue.pk).return_value == {
        "sent": 0,
        "failed": 0,
        "skipped": 0,
    }
    assert smtp_server.delivered == []
    assert NewsletterDelivery.objects.get().status == "skipped"


def test_preview_renders_the_email(make_issue):
    issue = make_issue("fr", releases=2, subject="Cette semaine")
    request = RequestFactory().get("/")
    request.user = None
    response = issue.serve_preview(request, issue.default_preview_mode)
    html = response.render().content.decode()
    assert "Cette semaine" in html and '<html lang="fr">' in html
    for item in issue.items.all():
        assert escape(item.page.title) in html


def test_items_are_press_releases_or_videos_only(make_issue):
    assert item_page_models()[0] == "newsroom.PressReleasePage"
    issue = make_issue("en", releases=0)
    index = NewsroomIndexPage.objects.first()
    item = NewsletterIssueItem(issue=issue, page=index)
    with pytest.raises(ValidationError):
        item.clean()


def test_the_chooser_offers_releases_and_videos_only():
    from newsletter.wagtail_hooks import NewsletterIssueViewSet

    handler = NewsletterIssueViewSet().get_edit_handler()
    inline = next(
        panel
        for panel in handler.children
        if getattr(panel, "relation_name", "") == "items"
    )
    assert inline.panels[0].page_type == item_page_models()


def test_admin_sends_and_shows_counts(admin_client, make_issue, smtp_server):
    subscriber("reader@example.org")
    smtp_server.refuse = {"refused@example.org"}
    subscriber("refused@example.org")
    issue = make_issue("en")
    page = admin_client.get(f"/admin/newsletter/issues/{issue.pk}/send/")
    assert page.status_code == 200
    assert "2 confirmed subscribers" in page.content.decode()
    response = admin_client.post(f"/admin/newsletter/issues/{issue.pk}/send/")
    assert response.status_code == 302
    listing = admin_client.get("/admin/newsletter/issues/").content.decode()
    assert issue.subject in listing
    issue = NewsletterIssue.objects.get(pk=issue.pk)
    assert issue.delivery_counts() == {"sent": 1, "failed": 1, "waiting": 0}
    assert [m.recipients for m in smtp_server.delivered] == [["reader@example.org"]]


def test_admin_composes_an_issue_from_releases_only(admin_client):
    from newsroom.models import PressReleasePage

    release = PressReleasePage.objects.live().filter(locale__language_code="en").first()
    index = NewsroomIndexPage.objects.first()
    assert admin_client.get("/admin/newsletter/issues/add/").status_code == 200

    def form(page):
        return {
            "subject": "Weekly",
            "language": "en",
            "intro": "Hello",
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "0",
            "items-MIN_NUM_FORMS": "0",
            "items-MAX_NUM_FORMS": "1000",
            "items-0-page": str(page.pk),
            "items-0-ORDER": "1",
            "items-0-id": "",
            "items-0-DELETE": "",
        }

    refused = admin_client.post("/admin/newsletter/issues/add/", form(index))
    assert refused.status_code == 200
    assert not NewsletterIssue.objects.exists()
    response = admin_client.post("/admin/newsletter/issues/add/", form(release))
    assert response.status_code == 302
    issue = NewsletterIssue.objects.get()
    assert [item.page_id for item in issue.items.all()] == [release.pk]


def test_admin_lists_searches_and_exports_subscribers(admin_client):
    subscriber("alpha@example.org", "fr")
    subscriber("beta@example.org", "en", status="pending")
    response = admin_client.get("/admin/newsletter/subscribers/", {"q": "alpha"})
    content = response.content.decode()
    assert "alpha@example.org" in content and "beta@example.org" not in content
    response = admin_client.get("/admin/newsletter/subscribers/", {"export": "csv"})
    assert response.status_code == 200
    assert 'filename="newsletter-subscribers.csv"' in response["Content-Disposition"]
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert (
        lines[0].lower().startswith("e-mail address,language,status,all topics,topics")
    )
    assert any(line.startswith("alpha@example.org,fr,confirmed") for line in lines)
