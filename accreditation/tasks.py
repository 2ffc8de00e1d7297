"""E-mails of the accreditation app, in the journalist's language, by the worker."""

from __future__ import annotations

from django.conf import settings
from django_tasks import task

from cms.mail import send_templated_email


@task()
def send_decision(decision_id: int) -> str:
    from .models import AccreditationDecision

    decision = (
        AccreditationDecision.objects.select_related("accreditation__user")
        .filter(pk=decision_id)
        .first()
    )
    if decision is None:
        return "gone"
    accreditation = decision.accreditation
    user = accreditation.user
    send_templated_email(
        "accreditation/email/decision",
        user.email,
        user.preferred_language,
        {
            "user": user,
            "accreditation": accreditation,
            "action": decision.action,
            "reason": decision.reason,
            "account_url": (
                settings.FRONTEND_BASE_URL or settings.PUBLIC_BASE_URL
            ).rstrip("/")
            + f"/{user.preferred_language}/account",
        },
    )
    return "sent"


@task()
def send_embargo_alert(user_id: int, page_id: int) -> str:
    """One accredited journalist, one release or video under embargo on a topic
    they follow: what it is, where to read it, when it lifts."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    from .access import is_accredited

    user = get_user_model().objects.filter(pk=user_id).first()
    page = Page.objects.filter(pk=page_id, live=True).specific().first()
    if user is None or page is None or not is_accredited(user):
        return "skipped"
    lifts_at = getattr(page, "embargo_in_force", lambda: None)()
    if lifts_at is None:
        return "lifted"  # everybody's already: no alert
    path = page.get_url() or ""
    base = (settings.FRONTEND_BASE_URL or settings.PUBLIC_BASE_URL).rstrip("/")
    send_templated_email(
        "accreditation/email/embargo_alert",
        user.email,
        user.preferred_language,
        {
            "user": user,
            "page": page,
            "title": page.title,
            "lifts_at": lifts_at,
            # Shown as the press office announced it: "10:00 CET (Europe/Brussels)".
            "zone": page.embargo_zone_name(),
            "url": path if path.startswith("http") else f"{base}{path}",
        },
    )
    return "sent"
