"""The videos' storage path on S3, against moto's standalone S3 server on
loopback (tests/s3.py): the master and renditions stored in the bucket under the
private prefix, presigned attachment links, a FAST clip cut by ffmpeg over HTTP
from the presigned rendition URL, and an unreachable storage answered with an error
that leaves no clip behind.

moto does not check signatures, so the links are checked for being presigned by
their query string (SigV4, the configured lifetime); what they download (status,
attachment name, bytes) is checked by fetching them."""

from __future__ import annotations

import socket
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from tests.conftest import error_codes
from tests.s3 import BUCKET, CREDENTIALS, s3_server, storage_on_s3  # noqa: F401
from tests.videos.conftest import download, upload
from videos import ffmpeg
from videos.downloads import CLIP_FAILED, STORAGE_UNAVAILABLE
from videos.models import (
    VideoAsset,
    VideoClip,
    VideoDownload,
    VideoDownloadServed,
    VideoIndexPage,
    VideoPage,
    VideoRendition,
)
from videos.storage import readable_location

SOURCE_SECONDS = 6


@pytest.fixture(scope="module")
def master_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("s3-master") / "s3-master.mp4"
    ffmpeg.generate_test_video(path, seconds=SOURCE_SECONDS, width=320, height=180)
    return path


def videos_on_s3(endpoint: str):
    """STORAGES["videos"] on S3 at ``endpoint``, for the video file fields too."""
    return storage_on_s3(
        "videos",
        endpoint,
        fields=[
            VideoAsset._meta.get_field("master"),
            VideoRendition._meta.get_field("file"),
            VideoClip._meta.get_field("file"),
        ],
    )


@pytest.fixture
def s3(s3_server):  # noqa: F811
    endpoint, client = s3_server
    with videos_on_s3(endpoint) as storage:
        yield endpoint, client, storage


@pytest.fixture
def s3_asset(s3, master_file, django_capture_on_commit_callbacks) -> VideoAsset:
    """A master uploaded to the bucket and processed (the task runs on commit)."""
    return upload("S3 test video", master_file, django_capture_on_commit_callbacks)


@pytest.fixture
def s3_video(s3_asset) -> VideoPage:
    """A published English video page presenting the processed asset."""
    index = VideoIndexPage.objects.get(locale__language_code="en")
    page = VideoPage(
        title="Video stored on S3",
        slug="video-stored-on-s3",
        locale=index.locale,
        asset=s3_asset,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def keys(client, prefix: str) -> set[str]:
    listing = client.list_objects_v2(Bucket=BUCKET, Prefix=prefix)
    return {item["Key"] for item in listing.get("Contents", [])}


def object_bytes(client, key: str) -> bytes:
    return client.get_object(Bucket=BUCKET, Key=key)["Body"].read()


def request_download(gql, video: VideoPage, **fields) -> dict:
    """The link once its job is done (tests/videos/conftest.py: ``download``)."""
    return download(gql, video.pk, "180p", **fields)


def downloaded(gql, video: VideoPage, **fields) -> dict:
    answer = request_download(gql, video, **fields)
    assert "errors" not in answer, answer["errors"]
    return answer["data"]["requestVideoDownload"]


def assert_presigned(url: str, endpoint: str, key: str) -> None:
    """A SigV4 presigned GET of ``key`` in the bucket, path style, living as long
    as the setting says."""
    parts = urllib.parse.urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == endpoint
    assert urllib.parse.unquote(parts.path) == f"/{BUCKET}/{key}"
    query = urllib.parse.parse_qs(parts.query)
    assert query["X-Amz-Algorithm"] == ["AWS4-HMAC-SHA256"]
    assert query["X-Amz-Credential"][0].startswith(CREDENTIALS["access_key"] + "/")
    assert query["X-Amz-Signature"][0]
    assert query["X-Amz-Expires"] == [str(settings.VIDEO_DOWNLOAD_URL_SECONDS)]


def fetch(url: str):
    """GET ``url``: the status, the headers (names in any case) and the body."""
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.headers, response.read()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.django_db
def test_upload_is_processed_into_renditions_in_the_bucket(s3, s3_asset, tmp_path):
    endpoint, client, storage = s3
    assert s3_asset.status == VideoAsset.Status.READY, s3_asset.status_message
    assert [step["status"] for step in s3_asset.steps] == ["done"] * 5
    assert (s3_asset.width, s3_asset.height) == (320, 180)
    assert abs(s3_asset.duration - SOURCE_SECONDS) < 0.1
    assert f"private/{s3_asset.master.name}" in keys(client, "private/videos/masters/")
    assert s3_asset.size_bytes == storage.size(s3_asset.master.name)

    stored = keys(client, "private/videos/renditions/")
    renditions = {r.name: r for r in s3_asset.renditions.all()}
    assert set(renditions) == {"180p", "144p"}
    for name, height in (("180p", 180), ("144p", 144)):
        rendition = renditions[name]
        key = f"private/{rendition.file.name}"
        assert key.startswith(f"private/videos/renditions/{s3_asset.pk}/")
        assert key in stored
        head = client.head_object(Bucket=BUCKET, Key=key)
        assert head["ContentLength"] == rendition.size_bytes
        # What the bucket holds is the promised rendition.
        local = tmp_path / f"{name}.mp4"
        local.write_bytes(object_bytes(client, key))
        probe = ffmpeg.probe(str(local), keyframes=True)
        assert (probe.width, probe.height) == (rendition.width, rendition.height)
        assert probe.height == height
        assert probe.keyframes[:SOURCE_SECONDS] == [
            float(s) for s in range(SOURCE_SECONDS)
        ]
    # Nothing of the videos went to local disk.
    assert not Path(settings.PRIVATE_MEDIA_ROOT, s3_asset.master.name).exists()


@pytest.mark.django_db
def test_full_download_is_a_presigned_attachment_link(s3, s3_video, gql, signed_in):
    endpoint, client, storage = s3
    rendition = s3_video.asset.renditions.get(name="180p")
    key = f"private/{rendition.file.name}"

    result = downloaded(gql, s3_video)

    filename = f"{s3_video.slug}-180p.mp4"
    assert result["filename"] == filename
    assert (result["start"], result["end"], result["precision"]) == (None,) * 3
    assert result["sizeBytes"] == rendition.size_bytes
    assert_presigned(result["url"], endpoint, key)
    status, headers, body = fetch(result["url"])
    assert status == 200
    assert headers["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert headers["Content-Type"] == "video/mp4"
    assert body == object_bytes(client, key)
    assert VideoDownload.objects.filter(
        user=signed_in, video=s3_video, kind=VideoDownload.Kind.FULL, rendition="180p"
    ).exists()
    # Resumable on S3's side: the presigned GET answers a byte range.
    ranged = urllib.request.Request(result["url"], headers={"Range": "bytes=100-199"})
    with urllib.request.urlopen(ranged, timeout=10) as response:
        assert response.status == 206
        assert response.headers["Content-Range"] == f"bytes 100-199/{len(body)}"
        assert response.read() == body[100:200]
    # S3 serves its links itself: nothing is logged as served here.
    assert not VideoDownloadServed.objects.exists()


@pytest.mark.django_db
def test_fast_clip_is_cut_over_http_and_stored_in_the_bucket(
    s3, s3_video, gql, signed_in, tmp_path
):
    endpoint, client, storage = s3
    rendition = s3_video.asset.renditions.get(name="180p")
    # ffmpeg reads the rendition through a presigned URL (HTTP range requests),
    # not through a local copy of it.
    location = readable_location(storage, rendition.file.name)
    assert location.startswith(f"{endpoint}/{BUCKET}/private/videos/renditions/")

    result = downloaded(gql, s3_video, start=1.0, end=3.0, precision="FAST")

    clip = VideoClip.objects.get(rendition=rendition, start_ms=1000, end_ms=3000)
    assert clip.status == VideoClip.Status.READY and clip.precision == "FAST"
    key = f"private/{clip.file.name}"
    assert key.startswith(f"private/videos/clips/{s3_video.asset_id}/")
    assert key in keys(client, "private/videos/clips/")
    assert_presigned(result["url"], endpoint, key)
    assert result["precision"] == "FAST"
    # A keyframe every second: the FAST cut starts on the one at 1.0.
    assert (result["start"], result["end"]) == (clip.actual_start, clip.actual_end)
    assert result["start"] == pytest.approx(1.0, abs=0.001)
    assert result["filename"].startswith(f"{s3_video.slug}-180p-")

    status, headers, body = fetch(result["url"])
    assert status == 200
    assert headers["Content-Disposition"] == (
        f'attachment; filename="{result["filename"]}"'
    )
    assert body == object_bytes(client, key)
    assert len(body) == clip.size_bytes == result["sizeBytes"]
    local = tmp_path / "clip.mp4"
    local.write_bytes(body)
    probe = ffmpeg.probe(str(local))
    assert abs((probe.video_duration or probe.duration) - 2.0) <= 1.0
    assert (probe.width, probe.height) == (320, 180)

    # The same request again is the same clip: nothing cut, nothing stored anew.
    again = downloaded(gql, s3_video, start="00:00:01.000", end=3, precision="FAST")
    assert urllib.parse.urlsplit(again["url"]).path == (
        urllib.parse.urlsplit(result["url"]).path
    )
    assert VideoClip.objects.filter(rendition=rendition).count() == 1
    assert (
        VideoDownload.objects.filter(
            user=signed_in, video=s3_video, kind=VideoDownload.Kind.PARTIAL
        ).count()
        == 2
    )
    # EXACT over HTTP too: the frames asked for, 2.52 to 3.48 s at 25 fps.
    exact = downloaded(gql, s3_video, start=2.52, end=3.48, precision="EXACT")
    assert (exact["start"], exact["end"], exact["frames"]) == (2.52, 3.48, 24)
    local.write_bytes(fetch(exact["url"])[2])
    assert ffmpeg.count_frames(str(local)) == 24


@pytest.mark.django_db
def test_unreachable_storage_answers_an_error_and_keeps_no_clip(
    s3, s3_video, gql, signed_in
):
    endpoint, client, storage = s3
    rendition = s3_video.asset.renditions.get(name="180p")
    clip_keys = f"private/videos/clips/{s3_video.asset_id}/"
    before = keys(client, clip_keys)

    # The same bucket, behind an address where nothing answers.
    with videos_on_s3(f"http://127.0.0.1:{closed_port()}"):
        answer = request_download(gql, s3_video, start=2.0, end=4.0, precision="FAST")

    assert (answer.get("data") or {}).get("requestVideoDownload") is None
    assert error_codes(answer) in ([STORAGE_UNAVAILABLE], [CLIP_FAILED])
    assert "Traceback" not in str(answer)
    assert not VideoClip.objects.filter(
        rendition=rendition, status=VideoClip.Status.READY
    ).exists()
    assert keys(client, clip_keys) == before
    assert not VideoDownload.objects.filter(video=s3_video).exists()

    # Once the storage answers again, the same request makes the clip.
    result = downloaded(gql, s3_video, start=2.0, end=4.0, precision="FAST")
    clip = VideoClip.objects.get(rendition=rendition, start_ms=2000, end_ms=4000)
    assert clip.status == VideoClip.Status.READY
    assert keys(client, clip_keys) == before | {f"private/{clip.file.name}"}
    status, _headers, body = fetch(result["url"])
    assert status == 200 and len(body) == clip.size_bytes


@pytest.mark.django_db
def test_the_preview_streams_from_the_bucket(s3, s3_video, client):
    """On S3 the media playlist names presigned URLs of the rendition itself: the
    player reads byte ranges from the bucket; the sprite redirects there."""
    endpoint, s3_client, _storage = s3
    asset = s3_video.asset
    rendition = asset.renditions.get(name="180p")
    base = f"/videos/preview/a{asset.pk}/"
    playlist = client.get(base + "180p.m3u8").content.decode()
    uris = {line for line in playlist.splitlines() if line.startswith("http")}
    (uri,) = uris
    parts = urllib.parse.urlsplit(uri)
    assert f"{parts.scheme}://{parts.netloc}" == endpoint
    assert (
        urllib.parse.unquote(parts.path) == f"/{BUCKET}/private/{rendition.file.name}"
    )
    query = urllib.parse.parse_qs(parts.query)
    assert query["X-Amz-Expires"] == [str(settings.VIDEO_PREVIEW_URL_SECONDS)]
    ranges = [
        line.split(":", 1)[1].split("@")
        for line in playlist.splitlines()
        if line.startswith("#EXT-X-BYTERANGE:")
    ]
    length, offset = map(int, ranges[1])
    ranged = urllib.request.Request(
        uri, headers={"Range": f"bytes={offset}-{offset + length - 1}"}
    )
    with urllib.request.urlopen(ranged, timeout=10) as response:
        assert response.status == 206
        body = response.read()
    assert len(body) == length and body[4:8] == b"moof"
    assert f"private/{asset.thumbnail_sprite.name}" in keys(
        s3_client, "private/videos/thumbnails/"
    )
    response = client.get(base + "thumbnails.jpg")
    assert response.status_code == 302
    assert fetch(response["Location"])[2][:2] == b"\xff\xd8"  # a JPEG
    vtt = client.get(base + "thumbnails.vtt")
    assert vtt.status_code == 200 and vtt.content.startswith(b"WEBVTT")
