"""E-mails of the newsletter: the double opt-in confirmation, and an issue sent to
its subscribers in batches by a background task that can run again safely.

No double sends: every recipient has one NewsletterDelivery per issue (a unique
constraint), and a delivery is claimed (waiting → being sent, a conditional
UPDATE) before its message goes out. A second run of the task, or two at once,
skip what is sent or being sent and only try what is waiting or failed."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import get_connection
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from cms.mail import build_templated_email, send_templated_email

from .models import NewsletterDelivery, NewsletterIssue, Subscriber, issue_context
from .subscriptions import preferences_token

logger = logging.getLogger(__name__)

ERROR_CHARS = 500


def _on_portal(subscriber: Subscriber, page: str, token: str) -> str | None:
    """The portal's page ``/<language>/newsletter/<page>?token=…`` when
    FRONTEND_BASE_URL is set; None without a portal (the CMS's own page then)."""
    base = settings.FRONTEND_BASE_URL.rstrip("/")
    if not base:
        return None
    # Tokens are URL-safe (letters, digits, "-", "_" and the signature's ":").
    return f"{base}/{subscriber.language}/newsletter/{page}?token={token}"


def _on_cms(name: str, token: str) -> str:
    return settings.CMS_BASE_URL.rstrip("/") + reverse(name, args=[token])


def confirm_url(subscriber: Subscriber) -> str:
    """The double opt-in link: the portal's confirmation page, else the CMS's."""
    return _on_portal(subscriber, "confirm", subscriber.token) or _on_cms(
        "newsletter-confirm", subscriber.token
    )


def preferences_url(subscriber: Subscriber) -> str:
    """The page to change language and topics, with a signed token (no sign-in):
    the portal's (it calls ``newsletterPreferences`` and
    ``updateNewsletterPreferences``), else the CMS's own form."""
    token = preferences_token(subscriber)
    return _on_portal(subscriber, "preferences", token) or _on_cms(
        "newsletter-preferences", token
    )


def unsubscribe_url(subscriber: Subscriber) -> str:
    """The one-click address of the List-Unsubscribe header (RFC 8058): always the
    CMS, which unsubscribes on POST without the portal."""
    return _on_cms("newsletter-unsubscribe", subscriber.token)


def unsubscribe_page_url(subscriber: Subscriber) -> str:
    """The unsubscribe link in the text of an e-mail: the portal's page (a button,
    then "you are unsubscribed"), else the CMS's one-click page."""
    return _on_portal(subscriber, "unsubscribe", subscriber.token) or unsubscribe_url(
        subscriber
    )


def unsubscribe_headers(subscriber: Subscriber) -> dict[str, str]:
    """RFC 2369 and RFC 8058: mail programs show an unsubscribe button that POSTs
    ``List-Unsubscribe=One-Click`` to the link."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(subscriber)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def _email_subscriber(subscriber_id: int, status: str, template: str, context) -> bool:
    """E-mail ``template`` to the subscriber if it is still in ``status``, with
    its topics and ``context(subscriber)``."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id, status=status).first()
    if subscriber is None:
        return False
    send_templated_email(
        template,
        subscriber.email,
        subscriber.language,
        {"topics": list(subscriber.topics.all()), **context(subscriber)},
    )
    return True


@task()
def send_confirmation(subscriber_id: int) -> str:
    sent = _email_subscriber(
        subscriber_id,
        Subscriber.Status.PENDING,
        "newsletter/email/confirm",
        lambda subscriber: {"confirm_url": confirm_url(subscriber)},
    )
    return "sent" if sent else "nothing-to-confirm"


@task()
def send_manage_link(subscriber_id: int) -> str:
    """A confirmed address asked to subscribe again: its owner gets a link to
    change language and topics (the request itself changes nothing)."""
    sent = _email_subscriber(
        subscriber_id,
        Subscriber.Status.CONFIRMED,
        "newsletter/email/manage",
        lambda subscriber: {
            "preferences_url": preferences_url(subscriber),
            "unsubscribe_url": unsubscribe_page_url(subscriber),
            "all_topics": subscriber.all_topics,
        },
    )
    return "sent" if sent else "not-subscribed"


@task()
def send_issue(issue_id: int) -> dict[str, int]:
    """Send ``issue`` to its recipients (the confirmed subscribers of its language
    who follow its topics, see newsletter/models.py), in batches of
    NEWSLETTER_BATCH_SIZE over one SMTP connection each. Run it again to retry the
    failed deliveries: nobody gets the issue twice. ``skipped`` counts the
    confirmed subscribers of the language who follow other topics."""
    issue = NewsletterIssue.objects.filter(pk=issue_id).first()
    if issue is None:
        return {"sent": 0, "failed": 0, "skipped": 0}
    NewsletterIssue.objects.filter(
        pk=issue.pk, status=NewsletterIssue.Status.DRAFT
    ).update(status=NewsletterIssue.Status.SENDING, send_started_at=timezone.now())
    # One delivery per recipient; those of an earlier run stay as they are.
    recipients = set(issue.recipients().values_list("pk", flat=True))
    NewsletterDelivery.objects.bulk_create(
        [NewsletterDelivery(issue=issue, subscriber_id=pk) for pk in recipients],
        ignore_conflicts=True,
        batch_size=1000,
    )
    skipped = issue.audience().exclude(deliveries__issue=issue).count()
    NewsletterIssue.objects.filter(pk=issue.pk).update(skipped_count=skipped)
    entries = issue.entries()
    sent = failed = 0
    last_pk = 0
    batch_size = max(1, settings.NEWSLETTER_BATCH_SIZE)
    while True:
        batch = list(
            issue.deliveries.filter(
                pk__gt=last_pk,
                status__in=[
                    NewsletterDelivery.Status.PENDING,
                    NewsletterDelivery.Status.FAILED,
                ],
            )
            .select_related("subscriber")
            .order_by("pk")[:batch_size]
        )
        if not batch:
            break
        last_pk = batch[-1].pk
        with get_connection() as connection:
            for delivery in batch:
                outcome = _deliver(issue, entries, delivery, connection)
                sent += outcome == NewsletterDelivery.Status.SENT
                failed += outcome == NewsletterDelivery.Status.FAILED
    if not issue.deliveries.filter(
        status__in=[
            NewsletterDelivery.Status.PENDING,
            NewsletterDelivery.Status.SENDING,
        ]
    ).exists():
        NewsletterIssue.objects.filter(pk=issue.pk).update(
            status=NewsletterIssue.Status.SENT, sent_at=timezone.now()
        )
    return {"sent": sent, "failed": failed, "skipped": skipped}


def _deliver(issue, entries, delivery: NewsletterDelivery, connection) -> str | None:
    claimed = NewsletterDelivery.objects.filter(
        pk=delivery.pk, status=delivery.status
    ).update(
        status=NewsletterDelivery.Status.SENDING,
        attempts=F("attempts") + 1,
        updated_at=timezone.now(),
    )
    if not claimed:  # sent or being sent by another run
        return None
    subscriber = delivery.subscriber
    if subscriber.status != Subscriber.Status.CONFIRMED:
        return _finish(delivery, NewsletterDelivery.Status.SKIPPED)
    context = {
        **issue_context(
            issue, unsubscribe_page_url(subscriber), preferences_url(subscriber)
        ),
        "entries": entries,
    }
    try:
        build_templated_email(
            "newsletter/email/issue",
            subscriber.email,
            issue.language,
            context,
            headers=unsubscribe_headers(subscriber),
            connection=connection,
        ).send()
    except Exception as error:  # SMTP refusal, lost connection, …: retry later
        logger.warning("Newsletter %s to %s failed: %s", issue.pk, subscriber.pk, error)
        return _finish(
            delivery, NewsletterDelivery.Status.FAILED, str(error)[:ERROR_CHARS]
        )
    return _finish(delivery, NewsletterDelivery.Status.SENT)


def _finish(delivery: NewsletterDelivery, status: str, error: str = "") -> str:
    now = timezone.now()
    NewsletterDelivery.objects.filter(pk=delivery.pk).update(
        status=status,
        error=error,
        sent_at=now if status == NewsletterDelivery.Status.SENT else None,
        updated_at=now,
    )
    return status
