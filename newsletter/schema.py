"""GraphQL for the newsletter: subscribe (double opt-in), confirm, unsubscribe;
change language and topics with the signed link of every issue (no sign-in) or
from the account (``myNewsletter``, ``updateMyNewsletter``)."""

from __future__ import annotations

import graphene
from django.utils.translation import gettext as _

from accounts.ratelimit import hit_all
from accounts.schema import current_user
from accounts.validation import clean_email, clean_language
from cms.graphql.errors import ApiError
from cms.graphql.locale import LanguageCode, language_code, locale_field
from cms.graphql.views import mark_private

from .models import Subscriber
from .sending import send_confirmation, send_manage_link
from .subscriptions import (
    by_preferences_token,
    by_token,
    clean_choice,
    confirm,
    of_user,
    resolve_topics,
    set_preferences,
    subscribe,
    subscribe_account,
    unsubscribe,
)


class InvalidToken(ApiError):
    code = "INVALID_TOKEN"


class SubscriptionTopicType(graphene.ObjectType):
    slug = graphene.String(required=True)
    name = graphene.String(required=True)


SubscriptionStatus = graphene.Enum(
    "SubscriptionStatus",
    [(status.name, status.value) for status in Subscriber.Status],
)


class SubscriptionType(graphene.ObjectType):
    email = graphene.String(required=True)
    language = locale_field()
    status = graphene.Field(SubscriptionStatus, required=True)
    topics = graphene.List(graphene.NonNull(SubscriptionTopicType), required=True)
    all_topics = graphene.Boolean(
        required=True,
        description="Every issue of the language, whatever its topics. Otherwise "
        "the issues on `topics` or on topics filed under them (following Kosovo "
        "includes KFOR), and issues with no topic.",
    )

    @staticmethod
    def resolve_status(subscriber, info):
        # The value: a Status member (just set) is an enum graphene does not know.
        return str(subscriber.status)

    @staticmethod
    def resolve_topics(subscriber, info):
        return list(subscriber.topics.all())


class SubscribeNewsletter(graphene.Mutation):
    """Ask for the newsletter: a link to confirm is e-mailed (double opt-in). The
    answer is the same for a new, pending or already confirmed address; a
    confirmed one is e-mailed a link to manage its preferences instead, and
    nothing changes. No topics: all topics."""

    class Arguments:
        email = graphene.String(required=True)
        language = graphene.Argument(LanguageCode, required=True)
        topics = graphene.List(
            graphene.NonNull(graphene.String),
            description="Topic slugs; one that names no topic is an UNKNOWN_TOPIC "
            "error.",
        )

    ok = graphene.Boolean(required=True)

    @staticmethod
    def mutate(root, info, email, language, topics=None):
        request = info.context
        mark_private(request)
        email = clean_email(email)
        language = clean_language(language_code(language))
        chosen = resolve_topics(topics or [], language)
        hit_all(request, "subscribe", email)
        subscriber, confirmed_already = subscribe(email, language, chosen)
        if confirmed_already:
            send_manage_link.enqueue(subscriber.pk)
        else:
            send_confirmation.enqueue(subscriber.pk)
        return SubscribeNewsletter(ok=True)


class ConfirmSubscription(graphene.Mutation):
    """The link of the confirmation e-mail: its token confirms the subscription."""

    class Arguments:
        token = graphene.String(required=True)

    subscription = graphene.Field(SubscriptionType, required=True)

    @staticmethod
    def mutate(root, info, token):
        mark_private(info.context)
        subscriber = by_token(token)
        if subscriber is None or subscriber.status == subscriber.Status.UNSUBSCRIBED:
            raise InvalidToken(_("This confirmation link is not valid."))
        confirm(subscriber)
        return ConfirmSubscription(subscription=subscriber)


class Unsubscribe(graphene.Mutation):
    """Stop the newsletter, with the token of an issue's unsubscribe link."""

    class Arguments:
        token = graphene.String(required=True)

    ok = graphene.Boolean(required=True)

    @staticmethod
    def mutate(root, info, token):
        mark_private(info.context)
        subscriber = by_token(token)
        if subscriber is None:
            raise InvalidToken(_("This unsubscribe link is not valid."))
        unsubscribe(subscriber)
        return Unsubscribe(ok=True)


class PreferenceArguments:
    language = graphene.Argument(LanguageCode, required=True)
    topics = graphene.List(
        graphene.NonNull(graphene.String),
        description="Topic slugs of the language; an unknown one is UNKNOWN_TOPIC. "
        "Kept even with allTopics.",
    )
    all_topics = graphene.Boolean(
        required=True,
        description="Every issue of the language. False with no topics is "
        "INVALID_ARGUMENT (reason NO_TOPICS).",
    )


def clean_preferences(language, topics, all_topics) -> tuple[str, list]:
    language = clean_language(language_code(language))
    return language, clean_choice(language, topics or [], bool(all_topics))


def subscriber_of_link(token: str) -> Subscriber:
    subscriber = by_preferences_token(token)
    if subscriber is None:
        raise InvalidToken(
            _(
                "This link is not valid or has expired. Subscribe again with your "
                "address to get a new one."
            )
        )
    return subscriber


class UpdateNewsletterPreferences(graphene.Mutation):
    """Change language and topics with the token of the "manage my preferences"
    link of an issue or e-mail (no sign-in)."""

    class Arguments(PreferenceArguments):
        token = graphene.String(required=True)

    subscription = graphene.Field(SubscriptionType, required=True)

    @staticmethod
    def mutate(root, info, token, language, all_topics, topics=None):
        mark_private(info.context)
        subscriber = subscriber_of_link(token)
        language, chosen = clean_preferences(language, topics, all_topics)
        set_preferences(subscriber, language, chosen, bool(all_topics))
        return UpdateNewsletterPreferences(subscription=subscriber)


class UpdateMyNewsletter(graphene.Mutation):
    """Subscribe the signed-in account's address (confirmed at once when the
    account's address is), change its language and topics, or with
    ``subscribed: false`` unsubscribe it."""

    class Arguments(PreferenceArguments):
        subscribed = graphene.Boolean(default_value=True)

    subscription = graphene.Field(
        SubscriptionType,
        description="Null after unsubscribing an account that had no subscription.",
    )

    @staticmethod
    def mutate(root, info, language, all_topics, topics=None, subscribed=True):
        user = current_user(info.context)
        if not subscribed:
            subscriber = of_user(user)
            if subscriber is not None:
                unsubscribe(subscriber)
            return UpdateMyNewsletter(subscription=subscriber)
        language, chosen = clean_preferences(language, topics, all_topics)
        subscriber = subscribe_account(user, language, chosen, bool(all_topics))
        return UpdateMyNewsletter(subscription=subscriber)


class NewsletterQuery:
    my_newsletter = graphene.Field(
        SubscriptionType,
        description="The signed-in account's newsletter subscription, or null when "
        "it has none (NOT_AUTHENTICATED when signed out).",
    )
    newsletter_preferences = graphene.Field(
        SubscriptionType,
        token=graphene.String(required=True),
        description='The subscription of a "manage my preferences" link '
        "(INVALID_TOKEN when forged, expired or unsubscribed).",
    )

    @staticmethod
    def resolve_my_newsletter(root, info):
        return of_user(current_user(info.context))

    @staticmethod
    def resolve_newsletter_preferences(root, info, token):
        mark_private(info.context)
        return subscriber_of_link(token)


class NewsletterMutation:
    subscribe_newsletter = SubscribeNewsletter.Field()
    confirm_subscription = ConfirmSubscription.Field()
    unsubscribe = Unsubscribe.Field()
    update_newsletter_preferences = UpdateNewsletterPreferences.Field()
    update_my_newsletter = UpdateMyNewsletter.Field()
