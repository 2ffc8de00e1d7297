"""The embargo's time zone (issue 15): the editor writes the lift time in the zone
they pick beside it, across daylight-saving changes; the API and the e-mails
give the zone with the time."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)
from wagtail.users.models import UserProfile
from wagtail_localize.fields import SynchronizedField, get_translatable_fields

from newsroom.models import PressReleasePage
from photos.models import GalleryPage
from tests.embargo.conftest import (
    accredit,
    graphql,
    make_user,
    publish_under_embargo,
)
from tests.factories import TopicFactory, create_release
from videos.models import VideoPage

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser(
        "editor@portal.example", "Strong-Passw0rd!"
    )
    # The editor's own zone is neither of the embargo's: it must not matter.
    profile = UserProfile.get_for_user(user)
    profile.current_time_zone = "Asia/Tokyo"
    profile.save()
    client.force_login(user)
    return client


def edit_data(page: PressReleasePage, until: str, zone: str) -> dict:
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "date": timezone.localtime(page.date).strftime("%Y-%m-%d %H:%M"),
            "location": page.location,
            "standfirst": page.standfirst,
            "body": streamfield([("paragraph", rich_text("<p>Body.</p>"))]),
            "release_people": inline_formset([]),
            "release_topics": inline_formset([]),
            "related_releases": inline_formset([]),
            "comments": inline_formset([]),
            "embargoed_until": until,
            "embargo_time_zone": zone,
        }
    )


def save(client, page, until, zone):
    return client.post(f"/admin/pages/{page.pk}/edit/", edit_data(page, until, zone))


def draft(page):
    page.refresh_from_db()
    return page.get_latest_revision_as_object()


def test_the_embargo_time_is_read_and_shown_in_its_own_zone(editor):
    page = create_release(title="Zoned release")
    # 12 March 2027: New York is still on EST (UTC-5, its DST starts on the 14th),
    # Brussels on CET (UTC+1).
    response = save(editor, page, "2027-03-12 10:00", "America/New_York")
    assert response.status_code == 302, response.content.decode()[-3000:]
    saved = draft(page)
    assert saved.embargoed_until == datetime.datetime(2027, 3, 12, 15, 0, tzinfo=UTC)
    assert saved.embargo_time_zone == "America/New_York"

    # The edit form shows it back as written, not in the editor's Tokyo time.
    page.get_latest_revision().publish()  # the form only saved a draft
    form = editor.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert 'value="2027-03-12 10:00"' in form
    assert '<option value="America/New_York" selected>' in form

    # Two days later the same wall time is EDT (UTC-4); in Brussels, CET.
    assert save(editor, page, "2027-03-14 10:00", "America/New_York").status_code == 302
    assert draft(page).embargoed_until == datetime.datetime(
        2027, 3, 14, 14, 0, tzinfo=UTC
    )
    assert save(editor, page, "2027-03-14 10:00", "Europe/Brussels").status_code == 302
    assert draft(page).embargoed_until == datetime.datetime(
        2027, 3, 14, 9, 0, tzinfo=UTC
    )


@pytest.mark.parametrize(
    "until",
    [
        "2027-03-28 02:30",  # Brussels springs forward at 02:00: no such time
        "2027-10-31 02:30",  # and falls back at 03:00: this time happens twice
    ],
)
def test_a_time_the_zone_skips_or_repeats_is_a_form_error(editor, until):
    page = create_release(title="Gap release")
    before = page.latest_revision_id
    response = save(editor, page, until, "Europe/Brussels")
    assert response.status_code == 200  # the form again, with its error
    assert "may be ambiguous or it may not exist" in response.content.decode()
    page.refresh_from_db()
    assert page.latest_revision_id == before
    # The same wall time elsewhere is fine.
    assert save(editor, page, until, "America/New_York").status_code == 302


def test_an_unknown_zone_is_a_form_error(editor):
    page = create_release(title="Nowhere release")
    before = page.latest_revision_id
    response = save(editor, page, "2027-01-05 10:00", "Mars/Olympus_Mons")
    assert response.status_code == 200
    page.refresh_from_db()
    assert page.latest_revision_id == before
    assert PressReleasePage(embargo_time_zone="Europe/Brussels").embargo_zone_name()


def test_the_api_gives_the_zone_beside_the_time(db, clock):
    reader = make_user("zone-reader@press.example")
    accredit(reader)
    from django.test import Client

    client = Client()
    client.force_login(reader)
    page = create_release(title="API zone release", publish=False)
    page.embargo_time_zone = "America/New_York"
    publish_under_embargo(page, timezone.now() + datetime.timedelta(hours=2))
    plain = create_release(title="Open release")
    query = """query($s: String!, $o: String!) {
      a: pressRelease(slug: $s, locale: en) { embargoedUntil embargoTimeZone }
      b: pressRelease(slug: $o, locale: en) { embargoedUntil embargoTimeZone }
    }"""
    data = graphql(client, query, {"s": page.slug, "o": plain.slug})
    assert data["a"]["embargoTimeZone"] == "America/New_York"
    assert data["a"]["embargoedUntil"] is not None
    assert data["b"] == {"embargoedUntil": None, "embargoTimeZone": None}


@pytest.mark.parametrize(
    "lift,expected",
    [
        # Winter and summer time in Brussels, in French, as the office wrote it.
        (
            datetime.datetime(2027, 1, 15, 10, 0, tzinfo=BRUSSELS),
            "15 janvier 2027, 10:00 CET (Europe/Brussels)",
        ),
        (
            datetime.datetime(2027, 7, 1, 10, 0, tzinfo=BRUSSELS),
            "1 juillet 2027, 10:00 CEST (Europe/Brussels)",
        ),
        (
            datetime.datetime(2027, 7, 1, 10, 0, tzinfo=NEW_YORK),
            "1 juillet 2027, 10:00 EDT (America/New_York)",
        ),
    ],
)
def test_the_alert_gives_the_lift_in_the_embargo_zone(
    db, clock, smtp_server, django_capture_on_commit_callbacks, lift, expected
):
    topic = TopicFactory(slug="test-zones", name="Zones")
    follower = make_user("zone-follower@press.example", language="fr")
    accredit(follower, topics=["test-zones"])
    page = create_release(title="Communiqué", topics=[topic], publish=False)
    page.embargo_time_zone = str(lift.tzinfo)
    with django_capture_on_commit_callbacks(execute=True):
        publish_under_embargo(page, lift.astimezone(UTC))
    mail = smtp_server.last_to("zone-follower@press.example")
    assert f"jusqu'au {expected} :" in mail.text
    assert expected in mail.html


@pytest.mark.parametrize("model", [PressReleasePage, VideoPage, GalleryPage])
def test_every_language_shares_one_embargo(model):
    fields = {f.field_name: f for f in get_translatable_fields(model)}
    for name in ("embargoed_until", "embargo_time_zone"):
        assert isinstance(fields[name], SynchronizedField), (model, name)
        # A translator cannot give one language its own embargo: the field is not
        # offered in wagtail-localize's editor (it would lift the French version
        # at another time than the English one).
        assert not fields[name].is_overridable(model()), (model, name)
