"""The producer's upload in the admin, the processing panel, the shotlist form and
the media office's download report."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.videos.conftest import upload
from videos import ffmpeg
from videos.models import VideoAsset, VideoDownload

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/snippets/videos/videoasset/add/"
MANAGEMENT = {
    "subtitles-TOTAL_FORMS": "0",
    "subtitles-INITIAL_FORMS": "0",
    "subtitles-MIN_NUM_FORMS": "0",
    "subtitles-MAX_NUM_FORMS": "1000",
}


@pytest.fixture
def admin_client(client):
    admin = get_user_model().objects.get(email="admin@example.com")
    client.force_login(admin)
    return client


def test_upload_is_processed_and_the_steps_are_shown(
    admin_client, tmp_path, django_capture_on_commit_callbacks
):
    path = tmp_path / "upload.mp4"
    ffmpeg.generate_test_video(path, 2, width=320, height=180)
    upload = SimpleUploadedFile("upload.mp4", path.read_bytes(), "video/mp4")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            ADD_URL, {"title": "Uploaded in the admin", "master": upload, **MANAGEMENT}
        )
    assert response.status_code == 302, response.content[:3000]
    asset = VideoAsset.objects.get(title="Uploaded in the admin")
    assert asset.status == VideoAsset.Status.READY
    page = admin_client.get(f"/admin/snippets/videos/videoasset/edit/{asset.pk}/")
    html = page.content.decode()
    assert 'data-video-status="ready"' in html
    assert html.count('data-step-status="done"') == len(asset.steps) == 5
    listing = admin_client.get("/admin/snippets/videos/videoasset/").content.decode()
    assert "Uploaded in the admin" in listing


def test_a_file_with_another_extension_is_a_form_error(admin_client):
    upload = SimpleUploadedFile("notes.txt", b"hello", "text/plain")
    response = admin_client.post(
        ADD_URL, {"title": "Wrong file", "master": upload, **MANAGEMENT}
    )
    assert response.status_code == 200
    assert "File extension" in response.content.decode()
    assert not VideoAsset.objects.filter(title="Wrong file").exists()


def test_the_processing_panel_says_why_it_failed(admin_client, tmp_path):
    asset = VideoAsset.objects.get(title__startswith="Demo:")
    VideoAsset.objects.filter(pk=asset.pk).update(
        status="failed", status_message="This file has no video stream."
    )
    html = admin_client.get(
        f"/admin/snippets/videos/videoasset/edit/{asset.pk}/"
    ).content.decode()
    assert "This file has no video stream." in html


def test_download_report_lists_and_exports(admin_client, client):
    user = get_user_model().objects.create_user("reporter@example.com", "x")
    for kind, start, end in (("full", None, None), ("partial", 2.0, 6.5)):
        VideoDownload.objects.create(
            user=user,
            video_title="Demo video",
            language="en",
            rendition="180p",
            kind=kind,
            precision="FAST" if start is not None else "",
            start=start,
            end=end,
            segment="",
        )
    served = VideoDownload.objects.get(kind="full")
    for status, sent, completed in ((206, 100, True), (200, 5000, True)):
        served.served.create(
            method="GET", status=status, bytes_served=sent, completed=completed
        )
    html = admin_client.get("/admin/reports/video-downloads/").content.decode()
    assert "reporter@example.com" in html and "00:00:02.000" in html
    assert "Bytes served" in html and "5100" in html
    response = admin_client.get("/admin/reports/video-downloads/?export=csv")
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert len(rows) == 2
    assert {row["User"] for row in rows} == {"reporter@example.com"}
    assert {row["In (seconds)"] for row in rows} == {"", "2.0"}
    assert {(row["Responses"], row["Bytes served"]) for row in rows} == {
        ("2", "5100"),
        ("0", "0"),
    }
    assert {row["Served completely"] for row in rows} == {"True", "False"}
    # Not for anyone: an account without the permission is refused.
    client.force_login(user)
    assert client.get("/admin/reports/video-downloads/").status_code in (302, 403)


def test_a_shot_is_previewed_as_a_clip(
    admin_client, client, django_capture_on_commit_callbacks
):
    from videos.models import VideoClip, VideoPage

    video = VideoPage.objects.get(slug="secretary-general-meets-vjosa-osmani-video")
    edit = admin_client.get(f"/admin/pages/{video.pk}/edit/").content.decode()
    shot = video.shots.order_by("sort_order")[1]
    assert f'data-preview-shot="{shot.pk}"' in edit
    # The worker cuts it (the tests' queue runs a task when it is queued).
    with django_capture_on_commit_callbacks(execute=False) as queued:
        first = admin_client.get(f"/admin/videos/preview/shot/{shot.pk}/")
    assert "data-clip-making" in first.content.decode() and len(queued) == 1
    queued[0]()
    html = admin_client.get(f"/admin/videos/preview/shot/{shot.pk}/").content.decode()
    assert 'data-clip-start="4.0"' in html and "<video" in html
    clip = VideoClip.objects.get()
    assert (clip.rendition.name, clip.precision) == ("144p", "FAST")
    # Someone who may not edit the page cannot make clips through it.
    outsider = get_user_model().objects.create_user("outsider@example.com", "x")
    outsider.is_staff = True
    outsider.save()
    client.force_login(outsider)
    response = client.get(f"/admin/videos/preview/shot/{shot.pk}/")
    assert response.status_code in (302, 403)
    assert VideoClip.objects.count() == 1


def test_a_failed_video_file_can_be_processed_again(
    admin_client, django_capture_on_commit_callbacks, tmp_path
):
    # Its own file: processing again replaces the renditions on disk, which the
    # database rollback after the test would not bring back.
    path = tmp_path / "again.mp4"
    ffmpeg.generate_test_video(path, 2, width=320, height=180)
    asset = upload("Processed again", path, django_capture_on_commit_callbacks)
    VideoAsset.objects.filter(pk=asset.pk).update(
        status="failed", status_message="The storage cannot be reached."
    )
    edit = f"/admin/snippets/videos/videoasset/edit/{asset.pk}/"
    assert "data-process-again" in admin_client.get(edit).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/videos/process-again/{asset.pk}/")
    assert response.status_code == 302 and response["Location"] == edit
    asset.refresh_from_db()
    assert asset.status == VideoAsset.Status.READY and asset.revision == 2
    assert asset.renditions.count() == 2
    # Not by GET: refused, and nothing queued again.
    response = admin_client.get(f"/admin/videos/process-again/{asset.pk}/")
    assert response.status_code in (302, 403)
    asset.refresh_from_db()
    assert asset.revision == 2
