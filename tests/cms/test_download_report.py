"""The admin's one report of downloads (issue 19: "the report of downloads
includes photos"): video downloads, clips and photo downloads in one table with
a kind column, filters, CSV export (byte-order mark, formula-safe cells); each
reader sees the logs they may view, the media office all of them."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from tests.photos.conftest import make_asset, make_gallery
from videos.models import VideoDownload

pytestmark = pytest.mark.django_db

URL = "/admin/reports/downloads/"


def rows(response) -> list[dict]:
    assert response.status_code == 200
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\xef\xbb\xbf") == 1
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


@pytest.fixture
def downloads(client):
    """A full video, a clip of it (with what was served) and a photo taken
    through the real API and served from disk."""
    user = get_user_model().objects.create_user(
        "reporter@example.com", "Long-Enough-Pass-2026!", organisation="Radio Lac"
    )
    full = VideoDownload.objects.create(
        user=user,
        video_title="Demo video",
        language="en",
        rendition="720p",
        kind="full",
    )
    full.served.create(method="GET", status=206, bytes_served=100, completed=True)
    full.served.create(method="GET", status=200, bytes_served=5000, completed=True)
    VideoDownload.objects.create(
        user=user,
        video_title="Demo video",
        language="fr",
        rendition="180p",
        kind="partial",
        precision="FAST",
        start=2.0,
        end=6.5,
        segment="Soundbite",
    )
    gallery = make_gallery("=Report gallery", [make_asset("Report")])
    photo = gallery.photos.get()
    client.force_login(user)
    answer = client.post(
        "/graphql/",
        json.dumps(
            {
                "query": "mutation($id: ID!) { requestPhotoDownload(photoId: $id) "
                "{ url } }",
                "variables": {"id": str(photo.pk)},
            }
        ),
        content_type="application/json",
    ).json()
    path = urlparse(answer["data"]["requestPhotoDownload"]["url"]).path
    b"".join(client.get(path).streaming_content)
    client.logout()
    return photo


def test_one_report_lists_videos_clips_and_photos_together(admin_client, downloads):
    html = admin_client.get(URL).content.decode()
    assert "reporter@example.com" in html
    assert "Report gallery" in html and "Demo video" in html
    assert "00:00:02.000" in html  # the clip's range
    for label in ("Video", "Clip", "Photo"):
        assert f">{label}<" in html.replace("\n", "").replace("  ", "")
    exported = rows(admin_client.get(URL, {"export": "csv"}))
    mine = [row for row in exported if row["User"] == "reporter@example.com"]
    # Newest first: the photo was asked last.
    assert [row["Kind"] for row in mine] == ["Photo", "Clip", "Video"]
    photo, clip, video = mine
    assert photo["Video or gallery"] == "'=Report gallery"  # never a formula
    assert (photo["Rendition or form"], photo["Responses"]) == ("original", "1")
    assert photo["Served completely"] == "True"
    assert int(photo["Bytes served"]) == downloads.asset.size_bytes
    assert int(photo["Size (bytes)"]) == downloads.asset.size_bytes
    assert photo["File name"].endswith(".jpg")
    assert (clip["In (seconds)"], clip["Out (seconds)"]) == ("2.0", "6.5")
    assert (clip["Segment or photo"], clip["Precision"]) == ("Soundbite", "FAST")
    assert (video["Responses"], video["Bytes served"]) == ("2", "5100")
    assert video["Served completely"] == "True" and clip["Served completely"] == "False"
    assert {row["Organisation"] for row in mine} == {"Radio Lac"}


def test_the_report_filters_by_kind_title_and_date(admin_client, downloads):
    only = rows(admin_client.get(URL, {"export": "csv", "kind": "photo"}))
    assert {row["Kind"] for row in only} == {"Photo"} and len(only) == 1
    clips = rows(admin_client.get(URL, {"export": "csv", "kind": "clip"}))
    assert [row["Segment or photo"] for row in clips] == ["Soundbite"]
    titled = rows(admin_client.get(URL, {"export": "csv", "title": "report gal"}))
    assert [row["Kind"] for row in titled] == ["Photo"]
    later = rows(
        admin_client.get(
            URL, {"export": "csv", "created_at_from": "2999-01-01", "kind": "video"}
        )
    )
    assert later == []
    # The filtered listing answers too (the results view the filters fetch).
    html = admin_client.get(URL + "results/", {"kind": "clip"}).content.decode()
    assert "Soundbite" in html and "Report gallery" not in html


def test_a_reader_sees_only_the_logs_they_may_view(client, downloads):
    user = get_user_model().objects.create_user("staff@example.com", "x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(URL).status_code in (302, 403)
    user.user_permissions.add(Permission.objects.get(codename="view_photodownload"))
    user = get_user_model().objects.get(pk=user.pk)  # permissions cache
    client.force_login(user)
    exported = rows(client.get(URL, {"export": "csv"}))
    assert {row["Kind"] for row in exported} == {"Photo"}


def test_the_old_reports_lead_to_the_one_report(admin_client):
    for old in ("video-downloads", "photo-downloads"):
        response = admin_client.get(f"/admin/reports/{old}/?export=csv")
        assert response.status_code == 301 or response.status_code == 302
        assert response["Location"] == URL + "?export=csv"
