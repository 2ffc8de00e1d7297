"""Download links served from local disk: resumable (Range, If-Range, HEAD), and
every response logged apart from the link's issue."""

import threading
import urllib.request
from urllib.parse import urlparse

import pytest
from django.core.signals import request_finished

from cms import serving
from videos.models import VideoDownload, VideoDownloadServed, video_storage

from .conftest import download


@pytest.fixture
def link(gql, signed_in, demo_video) -> str:
    """The path of a fresh link to the whole 144p rendition."""
    answer = download(gql, demo_video.pk, "144p")
    return urlparse(answer["data"]["requestVideoDownload"]["url"]).path


@pytest.fixture
def file_bytes(demo_video) -> bytes:
    rendition = demo_video.asset.renditions.get(name="144p")
    with video_storage().open(rendition.file.name, "rb") as handle:
        return handle.read()


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_whole_file_says_it_can_be_resumed(client, link, file_bytes):
    response = client.get(link)
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert int(response["Content-Length"]) == len(file_bytes)
    assert response["ETag"] and response["Last-Modified"]
    assert body(response) == file_bytes


@pytest.mark.parametrize(
    "header, first, last",
    [
        ("bytes=0-99", 0, 99),
        ("bytes=100-", 100, None),
        ("bytes=-50", -50, None),
        ("bytes=0-0", 0, 0),
        ("bytes=10-999999999", 10, None),  # the end clamped to the file's
    ],
)
def test_a_range_answers_206_with_those_bytes(
    client, link, file_bytes, header, first, last
):
    size = len(file_bytes)
    expected = file_bytes[first : None if last is None else last + 1]
    response = client.get(link, HTTP_RANGE=header)
    assert response.status_code == 206
    start = first if first >= 0 else size + first
    assert (
        response["Content-Range"] == f"bytes {start}-{start + len(expected) - 1}/{size}"
    )
    assert int(response["Content-Length"]) == len(expected)
    assert body(response) == expected


def test_a_download_resumed_in_parts_is_the_file(client, link, file_bytes):
    etag = client.head(link)["ETag"]
    parts, offset = [], 0
    while offset < len(file_bytes):
        response = client.get(
            link, HTTP_RANGE=f"bytes={offset}-{offset + 9999}", HTTP_IF_RANGE=etag
        )
        assert response.status_code == 206
        parts.append(body(response))
        offset += len(parts[-1])
    assert b"".join(parts) == file_bytes


@pytest.mark.parametrize("header", ["bytes=999999999-", "bytes=-0"])
def test_a_range_past_the_end_is_416(client, link, file_bytes, header):
    response = client.get(link, HTTP_RANGE=header)
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(file_bytes)}"


@pytest.mark.parametrize(
    "header", ["bytes=0-9,20-29", "bytes=abc", "items=0-9", "bytes=9-0"]
)
def test_several_ranges_or_a_malformed_one_get_the_whole_file(
    client, link, file_bytes, header
):
    response = client.get(link, HTTP_RANGE=header)
    assert response.status_code == 200
    assert body(response) == file_bytes


def test_if_range_keeps_the_range_only_for_the_same_file(client, link, file_bytes):
    head = client.head(link)
    for validator in (head["ETag"], head["Last-Modified"]):
        response = client.get(link, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=validator)
        assert response.status_code == 206 and body(response) == file_bytes[:10]
    response = client.get(link, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"changed"')
    assert response.status_code == 200 and body(response) == file_bytes


def test_head_says_everything_and_sends_nothing(client, link, file_bytes):
    response = client.head(link)
    assert response.status_code == 200
    assert int(response["Content-Length"]) == len(file_bytes)
    assert response["Accept-Ranges"] == "bytes"
    assert response.content == b""
    response = client.head(link, HTTP_RANGE="bytes=0-99")
    assert response.status_code == 206 and response["Content-Length"] == "100"


def test_each_fetch_is_logged_apart_from_the_link(
    client, link, file_bytes, signed_in, demo_video
):
    """Issue 14: four fetches of one link (with and without cookies, HEAD,
    Range) left one row."""
    issued = VideoDownload.objects.get()
    body(client.get(link))
    client.head(link)
    body(client.get(link, HTTP_RANGE="bytes=0-99"))
    client.logout()
    body(client.get(link))
    assert VideoDownload.objects.count() == 1
    served = list(VideoDownloadServed.objects.order_by("pk"))
    assert [(s.method, s.status, s.byte_range) for s in served] == [
        ("GET", 200, ""),
        ("HEAD", 200, ""),
        ("GET", 206, "bytes=0-99"),
        ("GET", 200, ""),
    ]
    size = len(file_bytes)
    assert [s.bytes_served for s in served] == [size, 0, 100, size]
    assert all(s.completed and s.finished_at for s in served)
    assert all(s.download == issued for s in served)
    assert [s.user for s in served] == [signed_in] * 3 + [None]


def test_a_download_broken_off_is_logged_as_incomplete(client, link, monkeypatch):
    monkeypatch.setattr(serving, "CHUNK_BYTES", 1000)
    response = client.get(link)
    next(iter(response.streaming_content))  # the client reads a little, then leaves
    # Closing the test client's own iterator closes the response as a server does,
    # without closing the test's database connection (a bare close() does that
    # on PostgreSQL: request_finished closes old connections).
    response._iterator.close()
    served = VideoDownloadServed.objects.get()
    assert (served.bytes_served, served.completed) == (1000, False)
    assert served.bytes_expected > 1000 and served.finished_at


def test_unsatisfiable_and_forged_links_are_logged_or_refused(client, link):
    client.get(link, HTTP_RANGE="bytes=999999999-")
    served = VideoDownloadServed.objects.get()
    assert (served.status, served.bytes_served, served.completed) == (416, 0, False)
    assert client.get(link[:-3] + "xx/").status_code == 404
    assert VideoDownloadServed.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_resumed_over_a_real_http_server(live_server, client):
    """The same over HTTP, through a real server (Django's live server): a first
    part, then the rest with If-Range, and a HEAD."""
    from django.contrib.auth import get_user_model

    from videos.models import VideoPage

    user = get_user_model().objects.create_user("live@example.com", "Long-Pass-2026!")
    client.force_login(user)
    video = VideoPage.objects.get(
        slug="secretary-general-meets-vjosa-osmani-video", locale__language_code="en"
    )
    response = client.post(
        "/graphql/",
        {
            "query": "mutation($i: VideoDownloadInput!) "
            "{ requestVideoDownload(input: $i) { download { url sizeBytes } } }",
            "variables": {"i": {"videoId": str(video.pk), "rendition": "144p"}},
        },
        content_type="application/json",
    )
    result = response.json()["data"]["requestVideoDownload"]["download"]
    url = live_server.url + urlparse(result["url"]).path
    size = int(result["sizeBytes"])

    # The server logs a response when it closes it, after the client has its
    # bytes: wait for that (Django signals the close) before looking.
    finished = threading.Semaphore(0)

    def closed(**kwargs):
        finished.release()

    def get(headers: dict, method="GET"):
        request = urllib.request.Request(url, headers=headers, method=method)
        with urllib.request.urlopen(request, timeout=10) as answer:
            answered = answer.status, answer.headers, answer.read()
        assert finished.acquire(timeout=10)
        return answered

    request_finished.connect(closed, weak=False)
    try:
        status, headers, head_body = get({}, "HEAD")
        assert (status, headers["Content-Length"], head_body) == (200, str(size), b"")
        status, headers, first = get({"Range": "bytes=0-999"})
        assert (status, headers["Content-Range"]) == (206, f"bytes 0-999/{size}")
        status, _headers, rest = get(
            {"Range": "bytes=1000-", "If-Range": headers["ETag"]}
        )
        assert status == 206 and len(first + rest) == size
        status, _headers, whole = get({})
        assert status == 200 and whole == first + rest
    finally:
        request_finished.disconnect(closed)

    served = VideoDownloadServed.objects.order_by("pk")
    assert [(s.method, s.status, s.bytes_served) for s in served] == [
        ("HEAD", 200, 0),
        ("GET", 206, 1000),
        ("GET", 206, size - 1000),
        ("GET", 200, size),
    ]
    assert all(s.completed for s in served)
