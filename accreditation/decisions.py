"""Every change of an accreditation, each logged with who, when, what and why.

A change is one conditional UPDATE (from the status it must come from), so two
reviewers acting at once cannot both decide, plus its log row, in one transaction;
the journalist's e-mail goes out once it commits."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.graphql.errors import ApiError

from .models import Accreditation, AccreditationDecision
from .tasks import send_decision

Status = Accreditation.Status
Action = AccreditationDecision.Action

# action -> (the status it comes from, the status it leads to)
TRANSITIONS = {
    Action.APPROVED: (Status.PENDING, Status.APPROVED),
    Action.REJECTED: (Status.PENDING, Status.REJECTED),
    Action.REVOKED: (Status.APPROVED, Status.REVOKED),
}


class AccreditationPending(ApiError):
    code = "ACCREDITATION_PENDING"


class DecisionNotAllowed(Exception):
    """The accreditation is no longer in the status the action needs."""


def _log(accreditation, action, actor, reason="") -> AccreditationDecision:
    return AccreditationDecision.objects.create(
        accreditation=accreditation,
        action=action,
        actor=actor,
        actor_name=(actor.get_full_name() or actor.email) if actor else "",
        reason=reason,
    )


def submit(user, **fields) -> Accreditation:
    try:
        with transaction.atomic():
            accreditation = Accreditation.objects.create(user=user, **fields)
            _log(accreditation, Action.SUBMITTED, user)
    except IntegrityError:
        raise AccreditationPending(
            _(
                "Your application is waiting for a decision: you can apply again once "
                "the media office has decided."
            )
        ) from None
    return accreditation


def decide(accreditation: Accreditation, action: str, actor, reason: str = ""):
    """Approve, reject or revoke; DecisionNotAllowed if it is too late for that."""
    source, target = TRANSITIONS[Action(action)]
    now = timezone.now()
    with transaction.atomic():
        changed = Accreditation.objects.filter(
            pk=accreditation.pk, status=source
        ).update(status=target, decided_at=now, decided_by=actor, reason=reason)
        if not changed:
            raise DecisionNotAllowed(action)
        decision = _log(accreditation, action, actor, reason)
        transaction.on_commit(lambda: send_decision.enqueue(decision.pk))
    accreditation.refresh_from_db()
    return decision
