"""The embargo alert (issue 15): accredited journalists who follow a topic are
e-mailed when a release on it (or below it) is published under embargo; once per
release; nobody else is."""

from __future__ import annotations

import pytest
from django.utils import timezone

from accreditation.models import Accreditation
from tests.embargo.conftest import LIFT, accredit, make_user, publish_under_embargo
from tests.factories import TopicFactory, create_release

pytestmark = pytest.mark.django_db


def test_followers_are_alerted_once(
    db, clock, smtp_server, django_capture_on_commit_callbacks
):
    region = TopicFactory(slug="test-balkans", name="Balkans")
    mission = TopicFactory(slug="test-kfor", name="KFOR", parent=region)
    other = TopicFactory(slug="test-space", name="Space")
    follower = make_user("follower@press.example", language="fr")
    accredit(follower, topics=["test-balkans"])
    elsewhere = make_user("elsewhere@press.example")
    accredit(elsewhere, topics=["test-space"])
    revoked = make_user("revoked-follower@press.example")
    accredit(revoked, status=Accreditation.Status.REVOKED, topics=["test-balkans"])
    make_user("reader@press.example")  # not accredited

    page = create_release(title="KFOR l'annonce", topics=[mission], publish=False)
    with django_capture_on_commit_callbacks(execute=True):
        publish_under_embargo(page, timezone.now() + LIFT)

    assert [m.recipients for m in smtp_server.delivered] == [["follower@press.example"]]
    mail = smtp_server.last_to("follower@press.example")
    assert mail.subject == "Sous embargo : KFOR l'annonce"
    # In the embargo's zone (tests/embargo/test_time_zones.py has the DST cases).
    lift = timezone.localtime(page.embargoed_until, page.embargo_zone())
    shown = lift.strftime("%H:%M %Z (Europe/Brussels)")
    assert shown in mail.text and shown in mail.html
    assert page.slug in mail.text

    # Published again (a correction): no second alert.
    with django_capture_on_commit_callbacks(execute=True):
        publish_under_embargo(page, timezone.now() + LIFT)
    unrelated = create_release(title="Space news", topics=[other], publish=False)
    with django_capture_on_commit_callbacks(execute=True):
        publish_under_embargo(unrelated, timezone.now() + LIFT)
    assert [m.recipients for m in smtp_server.delivered] == [
        ["follower@press.example"],
        ["elsewhere@press.example"],
    ]


def test_no_alert_without_embargo(
    db, clock, smtp_server, django_capture_on_commit_callbacks
):
    topic = TopicFactory(slug="test-open", name="Open")
    accredit(make_user("open@press.example"), topics=["test-open"])
    with django_capture_on_commit_callbacks(execute=True):
        create_release(title="Open release", topics=[topic])
    assert smtp_server.delivered == []
