"""GraphQL for accreditation: ``myAccreditation``, ``applyForAccreditation`` and
``updateEmbargoAlerts``. Every field depends on who asks: answers are private."""

from __future__ import annotations

import uuid

import graphene
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.schema import current_user
from accounts.validation import clean_text
from cms.graphql.errors import ApiError, InvalidArgument, UnknownTopic

from .access import current_accreditation
from .decisions import submit
from .models import Accreditation, AccreditationDocument

AccreditationStatus = graphene.Enum(
    "AccreditationStatus",
    [(status.name, status.value) for status in Accreditation.Status],
    description="PENDING until the media office decides; APPROVED until the press "
    "card expires (EXPIRED) or the media office revokes it (REVOKED).",
)
MAX_ALERT_TOPICS = 50


class UnknownDocument(ApiError):
    code = "UNKNOWN_DOCUMENT"


class AccreditationType(graphene.ObjectType):
    """The signed-in journalist's accreditation (their active one, else their
    latest application)."""

    id = graphene.ID(required=True)
    status = graphene.Field(AccreditationStatus, required=True)
    media_outlet = graphene.String(required=True)
    role = graphene.String(required=True)
    press_card_number = graphene.String(required=True)
    press_card_expires_on = graphene.Date(required=True)
    document_name = graphene.String(required=True)
    submitted_at = graphene.DateTime(required=True)
    decided_at = graphene.DateTime()
    reason = graphene.String(
        description="Why the media office rejected or revoked it (null otherwise)."
    )
    embargo_alert_topics = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="Topic slugs: an e-mail when a release or video on one of them "
        "(or below it) is published under embargo.",
    )

    @staticmethod
    def resolve_id(accreditation, info):
        return f"accreditation:{accreditation.pk}"

    @staticmethod
    def resolve_status(accreditation, info):
        return str(accreditation.current_status())

    @staticmethod
    def resolve_document_name(accreditation, info):
        return accreditation.document.name

    @staticmethod
    def resolve_reason(accreditation, info):
        return accreditation.reason or None

    @staticmethod
    def resolve_embargo_alert_topics(accreditation, info):
        return list(accreditation.alert_topics or [])


def clean_topics(slugs) -> list[str]:
    from newsroom.models import Topic

    slugs = list(dict.fromkeys(s.strip() for s in slugs or () if s and s.strip()))
    if len(slugs) > MAX_ALERT_TOPICS:
        raise InvalidArgument(
            _("Follow at most %(max)d topics.") % {"max": MAX_ALERT_TOPICS},
            argument="embargoAlertTopics",
            reason="TOO_MANY_TOPICS",
        )
    known = set(Topic.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    unknown = [slug for slug in slugs if slug not in known]
    if unknown:
        raise UnknownTopic(
            _("There is no topic “%(slug)s”.") % {"slug": unknown[0][:100]},
            slug=unknown[0][:100],
        )
    return slugs


class AccreditationInput(graphene.InputObjectType):
    media_outlet = graphene.String(required=True)
    role = graphene.String(required=True, description="e.g. correspondent, camera")
    press_card_number = graphene.String(required=True)
    press_card_expires_on = graphene.Date(required=True)
    document_id = graphene.ID(
        required=True,
        description="The id POST /accreditation/documents/ answered with.",
    )
    embargo_alert_topics = graphene.List(graphene.NonNull(graphene.String))


class ApplyForAccreditation(graphene.Mutation):
    """Apply (or apply again, e.g. with a new press card) for accreditation: the
    media office decides and the journalist is e-mailed."""

    class Arguments:
        input = AccreditationInput(required=True)

    accreditation = graphene.Field(AccreditationType, required=True)

    @staticmethod
    def mutate(root, info, input):
        user = current_user(info.context)
        fields = {
            "media_outlet": clean_text(
                input.media_outlet, "mediaOutlet", 200, required=True
            ),
            "role": clean_text(input.role, "role", 200, required=True),
            "press_card_number": clean_text(
                input.press_card_number, "pressCardNumber", 100, required=True
            ),
        }
        if input.press_card_expires_on < timezone.localdate():
            raise InvalidArgument(
                _("The press card has expired: apply with a valid one."),
                argument="pressCardExpiresOn",
                reason="PRESS_CARD_EXPIRED",
            )
        topics = clean_topics(input.embargo_alert_topics)
        document = None
        try:
            document_id = uuid.UUID(str(input.document_id))
        except ValueError:
            document_id = None
        if document_id is not None:
            document = AccreditationDocument.objects.filter(
                pk=document_id, user=user
            ).first()
        if document is None:
            raise UnknownDocument(
                _("There is no document of yours with this id: upload it first."),
                argument="documentId",
            )
        accreditation = submit(
            user,
            press_card_expires_on=input.press_card_expires_on,
            document=document,
            alert_topics=topics,
            **fields,
        )
        return ApplyForAccreditation(accreditation=accreditation)


class UpdateEmbargoAlerts(graphene.Mutation):
    """The topics whose embargoed releases the journalist is e-mailed about."""

    class Arguments:
        topics = graphene.List(graphene.NonNull(graphene.String), required=True)

    accreditation = graphene.Field(AccreditationType)

    @staticmethod
    def mutate(root, info, topics):
        user = current_user(info.context)
        topics = clean_topics(topics)
        accreditation = current_accreditation(user)
        if accreditation is None:
            return UpdateEmbargoAlerts(accreditation=None)
        Accreditation.objects.filter(pk=accreditation.pk).update(alert_topics=topics)
        accreditation.alert_topics = topics
        return UpdateEmbargoAlerts(accreditation=accreditation)


class AccreditationQuery:
    my_accreditation = graphene.Field(
        AccreditationType,
        description="The signed-in journalist's accreditation, or null when they "
        "never applied. NOT_AUTHENTICATED when signed out.",
    )

    @staticmethod
    def resolve_my_accreditation(root, info):
        return current_accreditation(current_user(info.context))


class AccreditationMutation:
    apply_for_accreditation = ApplyForAccreditation.Field()
    update_embargo_alerts = UpdateEmbargoAlerts.Field()
