"""Readers of every kind, a release under embargo, and a clock that moves."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from freezegun import freeze_time

from accounts.models import User
from accreditation.models import Accreditation, AccreditationDocument
from tests.accounts.mailserver import smtp_server  # noqa: F401  (fixture)
from tests.factories import create_release

PASSWORD = "Strong-Passw0rd!"
LIFT = datetime.timedelta(hours=2)
READERS = ("anonymous", "signed_in", "accredited", "expired", "revoked")
# Who sees a page under embargo before its lift: the accredited reader alone.
SEES_EMBARGOED = {"accredited"}


@pytest.fixture
def clock():
    # Midday: the press card that expires "yesterday" has, whatever the hour.
    start = timezone.now().replace(hour=12, minute=0, second=0, microsecond=0)
    with freeze_time(start) as frozen:
        yield frozen


def make_user(email: str, language: str = "en") -> User:
    return User.objects.create_user(
        email,
        PASSWORD,
        first_name="Jana",
        last_name="Novak",
        preferred_language=language,
        email_verified_at=timezone.now(),
    )


def accredit(
    user: User,
    status: str = Accreditation.Status.APPROVED,
    expires: datetime.date | None = None,
    topics=(),
) -> Accreditation:
    document = AccreditationDocument.objects.create(
        user=user,
        file=ContentFile(b"%PDF-1.4 press card", name="card.pdf"),
        name="card.pdf",
        content_type="application/pdf",
        size=19,
    )
    return Accreditation.objects.create(
        user=user,
        media_outlet="Daily Planet",
        role="Correspondent",
        press_card_number="PC-2026-1",
        press_card_expires_on=expires
        or timezone.localdate() + datetime.timedelta(days=365),
        document=document,
        status=status,
        alert_topics=list(topics),
    )


@pytest.fixture
def readers(db, clock) -> dict[str, Client]:
    """A client per kind of reader, each with its own cookies."""
    clients = {"anonymous": Client()}
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    kinds = {
        "signed_in": None,
        "accredited": {},
        "expired": {"expires": yesterday},
        "revoked": {"status": Accreditation.Status.REVOKED},
    }
    for kind, accreditation in kinds.items():
        user = make_user(f"{kind}@press.example")
        if accreditation is not None:
            accredit(user, **accreditation)
        client = Client()
        client.force_login(user)
        clients[kind] = client
    return clients


def publish_under_embargo(page, until: datetime.datetime):
    page.embargoed_until = until
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def embargoed(db, clock):
    """A press release published under embargo, lifting in two hours."""
    page = create_release(title="Zanzibar summit communique", publish=False)
    return publish_under_embargo(page, timezone.now() + LIFT)


def graphql(client: Client, query: str, variables: dict | None = None) -> dict:
    response = client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content[:2000]
    answer = response.json()
    assert not answer.get("errors"), answer["errors"]
    return answer["data"]
