"""The embargo alert: accredited journalists who follow a topic are e-mailed when
a release or video on it is published under embargo, i.e. when it becomes
available to them (and not yet to anyone else). Following a topic follows the
topics filed under it; one alert per journalist and release, whatever the number
of its languages or publishes."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from embargo.signals import embargoed_page_published

from .access import active_accreditations
from .models import EmbargoAlertSent
from .tasks import send_embargo_alert

# The page relations that file a page under topics (newsroom, videos).
TOPIC_RELATIONS = ("release_topics", "video_topics")


def topic_slugs(page) -> set[str]:
    """The slugs of the page's topics and of every topic above them."""
    slugs: set[str] = set()
    for relation in TOPIC_RELATIONS:
        links = getattr(page, relation, None)
        if links is None:
            continue
        for link in links.select_related("topic"):
            slugs.update(topic.slug for topic in link.topic.with_ancestors())
    return slugs


def followers(slugs: set[str]) -> list[int]:
    """Ids of the accredited journalists who follow any of ``slugs``."""
    if not slugs:
        return []
    found = set()
    for user_id, followed in active_accreditations().values_list(
        "user_id", "alert_topics"
    ):
        if slugs & set(followed or ()):
            found.add(user_id)
    return sorted(found)


def on_embargoed_page_published(sender, page, lifts_at, **kwargs) -> None:
    for user_id in followers(topic_slugs(page)):
        try:
            with transaction.atomic():
                EmbargoAlertSent.objects.create(
                    user_id=user_id, translation_key=page.translation_key
                )
        except IntegrityError:
            continue  # told already (another language, or published again)
        transaction.on_commit(
            lambda user_id=user_id: send_embargo_alert.enqueue(user_id, page.pk)
        )


def connect_signals() -> None:
    embargoed_page_published.connect(
        on_embargoed_page_published, dispatch_uid="accreditation-embargo-alerts"
    )
