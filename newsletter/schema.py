"""GraphQL for the newsletter: subscribe (double opt-in), confirm, unsubscribe."""

from __future__ import annotations

import graphene
from django.utils.translation import gettext as _

from accounts.ratelimit import hit_all
from accounts.validation import clean_email, clean_language
from cms.graphql.errors import ApiError
from cms.graphql.locale import LanguageCode, language_code, locale_field
from cms.graphql.request_state import mark_private

from .models import Subscriber
from .sending import send_confirmation
from .subscriptions import by_token, confirm, resolve_topics, subscribe, unsubscribe


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

    @staticmethod
    def resolve_status(subscriber, info):
        # The value: a Status member (just set) is an enum graphene does not know.
        return str(subscriber.status)

    @staticmethod
    def resolve_topics(subscriber, info):
        return list(subscriber.topics.all())


class SubscribeNewsletter(graphene.Mutation):
    """Ask for the newsletter: a link to confirm is e-mailed (double opt-in). The
    answer is the same for a new, pending or already confirmed address."""

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
        subscriber = subscribe(email, language, chosen)
        if subscriber is not None:
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


class NewsletterMutation:
    subscribe_newsletter = SubscribeNewsletter.Field()
    confirm_subscription = ConfirmSubscription.Field()
    unsubscribe = Unsubscribe.Field()
