"""The newsletter's side of the accounts signals (accounts never imports us)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.db.models.signals import post_delete

from accounts.signals import (
    account_deleting,
    email_verified,
    registration_checking,
    user_registered,
)

from .models import Subscriber
from .subscriptions import confirm, forget, resolve_topics, subscribe


def on_registration_checking(sender, user, newsletter_topics=(), **kwargs):
    """An unknown topic is refused for every address alike."""
    resolve_topics(list(newsletter_topics or []), user.preferred_language)


def on_registered(sender, user, newsletter=False, newsletter_topics=(), **kwargs):
    """The registration form's newsletter box: a subscription that the e-mail
    confirmation code confirms (the same proof of address as the double opt-in)."""
    topics = resolve_topics(list(newsletter_topics or []), user.preferred_language)
    if newsletter:
        subscribe(user.email, user.preferred_language, topics, user=user)
    else:
        # Registered again over an unconfirmed account without the box ticked:
        # what an earlier registration (maybe someone else's) asked for is not
        # confirmed with the address.
        Subscriber.objects.filter(user=user, status=Subscriber.Status.PENDING).delete()


def on_email_verified(sender, user, **kwargs):
    pending = Subscriber.objects.filter(
        Q(user=user) | Q(email__iexact=user.email), status=Subscriber.Status.PENDING
    )
    for subscriber in pending:
        confirm(subscriber)


def on_account_deleted(sender, user=None, instance=None, **kwargs):
    forget(user or instance)


def connect_signals() -> None:
    registration_checking.connect(
        on_registration_checking, dispatch_uid="newsletter-registration-checking"
    )
    user_registered.connect(on_registered, dispatch_uid="newsletter-registered")
    email_verified.connect(on_email_verified, dispatch_uid="newsletter-verified")
    account_deleting.connect(on_account_deleted, dispatch_uid="newsletter-deleting")
    # Accounts deleted elsewhere (the admin) lose their subscription too.
    post_delete.connect(
        on_account_deleted,
        sender=get_user_model(),
        dispatch_uid="newsletter-user-deleted",
    )
