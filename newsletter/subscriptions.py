"""Subscribing, confirming and unsubscribing: shared by the GraphQL mutations, the
one-click unsubscribe view and the accounts signals."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from cms.graphql.errors import InvalidArgument, UnknownTopic
from newsroom.models import Topic

from .models import Subscriber, new_token

PREFERENCES_SALT = "newsletter.preferences"

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
) -> tuple[Subscriber, bool]:
    """Record a pending subscription (no topics: all topics). Returns the
    subscriber and whether it was confirmed already: then nothing changes (an
    unconfirmed request must not rewrite someone's choices) and its owner is sent
    a link to manage them instead of a confirmation."""
    with transaction.atomic():
        subscriber = (
            Subscriber.objects.select_for_update().filter(email__iexact=email).first()
        )
        if subscriber is not None and subscriber.status == Subscriber.Status.CONFIRMED:
            if user is not None and subscriber.user_id is None:
                subscriber.user = user
                subscriber.save(update_fields=["user"])
            return subscriber, True
        if subscriber is None:
            subscriber = Subscriber(email=email)
        subscriber.language = language
        subscriber.all_topics = not topics
        subscriber.status = Subscriber.Status.PENDING
        subscriber.token = new_token()
        subscriber.created_at = timezone.now()
        subscriber.unsubscribed_at = None
        if user is not None:
            subscriber.user = user
        subscriber.save()
        subscriber.topics.set(topics)
    return subscriber, False


def clean_choice(language: str, topics: list[str], all_topics: bool) -> list[Topic]:
    """The topics of a change of preferences; neither topics nor all topics is
    refused (the subscriber would receive only the issues that have no topic)."""
    chosen = resolve_topics(topics, language)
    if not chosen and not all_topics:
        raise InvalidArgument(
            _("Choose at least one topic, or all topics."),
            argument="topics",
            reason="NO_TOPICS",
        )
    return chosen


def set_preferences(
    subscriber: Subscriber, language: str, topics: list[Topic], all_topics: bool
) -> Subscriber:
    """Change what a subscriber receives (the address proved itself: a signed
    link sent to it, or the signed-in account it belongs to)."""
    with transaction.atomic():
        subscriber.language = language
        subscriber.all_topics = all_topics
        subscriber.save(update_fields=["language", "all_topics"])
        subscriber.topics.set(topics)
    return subscriber


def of_user(user) -> Subscriber | None:
    """The subscription of an account: linked to it, or of its address."""
    return (
        Subscriber.objects.filter(Q(user=user) | Q(email__iexact=user.email))
        .order_by("-created_at")
        .first()
    )


def subscribe_account(user, language: str, topics: list[Topic], all_topics: bool):
    """Subscribe a signed-in account (or change its choices). Its address is
    confirmed already when the account's is: no double opt-in then."""
    with transaction.atomic():
        subscriber = of_user(user)
        if subscriber is None:
            subscriber = Subscriber(email=user.email)
        subscriber.user = user
        if subscriber.status != Subscriber.Status.CONFIRMED:
            subscriber.status = Subscriber.Status.PENDING
            subscriber.unsubscribed_at = None
            subscriber.token = new_token()
        subscriber.save()
        set_preferences(subscriber, language, topics, all_topics)
        if user.email_verified:
            confirm(subscriber)
    return subscriber


# --- the signed preferences link (in every issue and the "manage" e-mail) ------------


def _token_digest(subscriber: Subscriber) -> str:
    # Binds the link to the subscriber's secret token: a new subscription (a new
    # token) ends the links sent before it.
    return hashlib.sha256(subscriber.token.encode()).hexdigest()[:16]


def preferences_token(subscriber: Subscriber) -> str:
    return signing.dumps(
        {"s": subscriber.pk, "k": _token_digest(subscriber)}, salt=PREFERENCES_SALT
    )


def by_preferences_token(token: str | None) -> Subscriber | None:
    """The subscriber of a preferences link, or None if it is forged, expired
    (NEWSLETTER_PREFERENCES_LINK_DAYS) or of an ended subscription."""
    token = (token or "").strip()
    if not token or len(token) > 200:
        return None
    try:
        data = signing.loads(
            token,
            salt=PREFERENCES_SALT,
            max_age=settings.NEWSLETTER_PREFERENCES_LINK_DAYS * 86400,
        )
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("s"), int):
        return None
    subscriber = Subscriber.objects.filter(pk=data["s"]).first()
    if subscriber is None or subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return None
    if not constant_time_compare(str(data.get("k", "")), _token_digest(subscriber)):
        return None
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
