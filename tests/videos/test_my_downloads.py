"""Issue 15: "my downloads" in a journalist's own space, with a new link to each
while it is valid (the video published, the file there, within
VIDEO_MY_DOWNLOADS_DAYS)."""

import datetime
from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.conftest import error_codes
from videos.models import VideoDownload, VideoDownloadServed

from .conftest import download

MINE = """query($limit: Int) { myDownloads(limit: $limit) {
  id videoTitle rendition kind precision start end available availableUntil
  video { id title }
  download { url filename rendition start end sizeBytes } } }"""


def fetch(client, url: str) -> bytes:
    response = client.get(urlparse(url).path)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def mine(gql, limit=20):
    answer = gql(MINE, {"limit": limit})
    assert "errors" not in answer, answer
    return answer["data"]["myDownloads"]


@pytest.mark.django_db
def test_my_downloads_give_new_links_while_valid(
    gql, client, signed_in, demo_video, settings
):
    full = download(gql, demo_video.pk, "180p")["data"]["requestVideoDownload"]
    part = download(gql, demo_video.pk, "180p", start=2.5, end=4)["data"][
        "requestVideoDownload"
    ]
    first_full, first_part = fetch(client, full["url"]), fetch(client, part["url"])

    rows = mine(gql)
    assert [row["kind"] for row in rows] == ["PARTIAL", "FULL"]  # newest first
    assert all(row["available"] for row in rows)
    assert rows[0]["video"] == {"id": str(demo_video.pk), "title": demo_video.title}
    assert (rows[0]["start"], rows[0]["end"], rows[0]["precision"]) == (
        part["start"],
        part["end"],
        "FAST",
    )
    assert rows[0]["download"]["filename"] == part["filename"]
    assert rows[1]["download"]["filename"] == full["filename"]
    # New links, the same files; what they serve is logged against the originals.
    assert rows[1]["download"]["url"] != full["url"]
    assert fetch(client, rows[1]["download"]["url"]) == first_full
    assert fetch(client, rows[0]["download"]["url"]) == first_part
    assert VideoDownload.objects.count() == 2
    originals = {int(row["id"]) for row in rows}
    assert set(VideoDownloadServed.objects.values_list("download_id", flat=True)) == (
        originals
    )
    assert len(mine(gql, limit=1)) == 1

    # Another user sees none of them.
    other = get_user_model().objects.create_user("other@example.com", "x")
    someone = Client()
    someone.force_login(other)
    answer = someone.post(
        "/graphql/", {"query": MINE}, content_type="application/json"
    ).json()
    assert answer == {"data": {"myDownloads": []}}

    # Past VIDEO_MY_DOWNLOADS_DAYS: listed no more.
    VideoDownload.objects.filter(kind="full").update(
        created_at=VideoDownload.objects.get(kind="full").created_at
        - datetime.timedelta(days=settings.VIDEO_MY_DOWNLOADS_DAYS, seconds=1)
    )
    assert [row["kind"] for row in mine(gql)] == ["PARTIAL"]

    # Unpublished: listed, but no link and no page.
    demo_video.unpublish()
    [row] = mine(gql)
    assert (row["available"], row["download"], row["video"]) == (False, None, None)
    assert row["videoTitle"] == demo_video.title


@pytest.mark.django_db
def test_a_deleted_clip_file_gives_no_link(gql, signed_in, demo_video):
    from videos.models import VideoClip

    download(gql, demo_video.pk, "180p", start=2.5, end=4)
    VideoClip.objects.update(status=VideoClip.Status.FAILED)
    [row] = mine(gql)
    assert row["available"] is False and row["download"] is None


@pytest.mark.django_db
def test_my_downloads_need_a_sign_in(gql):
    assert error_codes(gql(MINE, status=None)) == ["NOT_AUTHENTICATED"]


@pytest.mark.django_db
def test_the_limit_is_checked(gql, signed_in):
    assert error_codes(gql(MINE, {"limit": 0}, status=None)) == ["INVALID_ARGUMENT"]
    assert error_codes(gql(MINE, {"limit": 101}, status=None)) == ["INVALID_ARGUMENT"]
