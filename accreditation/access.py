"""Who is accredited now: the check the embargo app asks (embargo/readers.py)."""

from __future__ import annotations

from django.utils import timezone

from .models import Accreditation


def active_accreditations():
    """Approved, not revoked, press card still valid today."""
    return Accreditation.objects.filter(
        status=Accreditation.Status.APPROVED,
        press_card_expires_on__gte=timezone.localdate(),
    )


def is_accredited(user) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return active_accreditations().filter(user=user).exists()


def current_accreditation(user) -> Accreditation | None:
    """The one a journalist sees: an active one, else their latest application."""
    active = active_accreditations().filter(user=user).first()
    return active or Accreditation.objects.filter(user=user).first()
