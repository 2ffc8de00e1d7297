"""Subscribing, confirming and unsubscribing: shared by the GraphQL mutations, the
one-click unsubscribe view and the accounts signals."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.graphql.errors import InvalidArgument, UnknownTopic
from newsroom.models import Topic

from .models import Subscriber, new_token

MAX_TOPICS = 50


def resolve_topics(slugs: list[str], language: str) -> list[Topic]:
    """The topics of ``language`` with these slugs; an unknown slug is an error."""
    slugs = list(dict.fromkeys(slug.strip() for slug in slugs))
    if len(slugs) > MAX_TOPICS:
        raise InvalidArgument(
            _("Choose at most %(max)d topics.") % {"max": MAX_TOPICS},
            argument="topics",
            reason="TOO_MANY_TOPICS",
        )
    topics = list(Topic.objects.filter(slug__in=slugs, locale__language_code=language))
    unknown = sorted(set(slugs) - {topic.slug for topic in topics})
    if unknown:
        raise UnknownTopic(
            _("Unknown topic: %(slugs)s.") % {"slugs": ", ".join(unknown)[:200]},
            argument="topics",
        )
    return topics


def subscribe(
    email: str, language: str, topics: list[Topic], user=None
) -> Subscriber | None:
    """Record a pending subscription. Returns the subscriber to send a confirmation
    to, or None when the address is already confirmed (nothing changes then: an
    unconfirmed request must not rewrite someone's choices)."""
    with transaction.atomic():
        subscriber = (
            Subscriber.objects.select_for_update().filter(email__iexact=email).first()
        )
        if subscriber is not None and subscriber.status == Subscriber.Status.CONFIRMED:
            if user is not None and subscriber.user_id is None:
                subscriber.user = user
                subscriber.save(update_fields=["user"])
            return None
        if subscriber is None:
            subscriber = Subscriber(email=email)
        subscriber.language = language
        subscriber.status = Subscriber.Status.PENDING
        subscriber.token = new_token()
        subscriber.created_at = timezone.now()
        subscriber.unsubscribed_at = None
        if user is not None:
            subscriber.user = user
        subscriber.save()
        subscriber.topics.set(topics)
    return subscriber


def confirm(subscriber: Subscriber) -> None:
    if subscriber.status != Subscriber.Status.CONFIRMED:
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["status", "confirmed_at"])


def unsubscribe(subscriber: Subscriber) -> None:
    if subscriber.status != Subscriber.Status.UNSUBSCRIBED:
        subscriber.status = Subscriber.Status.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["status", "unsubscribed_at"])


def by_token(token: str | None) -> Subscriber | None:
    token = (token or "").strip()
    if not token or len(token) > 64:
        return None
    return Subscriber.objects.filter(token=token).first()


def forget(user) -> None:
    """Delete every subscription of ``user``'s account or address."""
    Subscriber.objects.filter(Q(user=user) | Q(email__iexact=user.email)).delete()
