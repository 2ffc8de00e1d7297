"""The producer's upload in the admin, the processing panel, the shotlist form and
the media office's download report (now tests/cms/test_download_report.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.videos.conftest import upload
from videos import ffmpeg
from videos.models import VideoAsset

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


def test_a_shot_is_previewed_as_a_clip(
    admin_client, client, django_capture_on_commit_callbacks
):
    from videos.models import VideoClip, VideoPage

    video = VideoPage.objects.get(slug="secretary-general-meets-vjosa-osmani-video")
    edit = admin_client.get(f"/admin/pages/{video.pk}/edit/").content.decode()
    shot = video.shots.order_by("sort_order")[1]
    assert f'data-preview-shot="{shot.pk}"' in edit
    # An audio-only rendition (height 0) is not the smallest video to cut from.
    video.asset.renditions.create(
        name="audio-m4a", kind="audio", width=0, height=0, size_bytes=1,
        duration=12, file="videos/renditions/none.m4a", mime_type="audio/mp4",
    )  # fmt: skip
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


def shot_timecode_field(page, asset_id, name="start"):
    """The shotlist's first row's timecode field of the video page's admin form,
    bound to a submission that chooses this video file."""
    from videos.models import VideoPage

    form_class = VideoPage.get_edit_handler().get_form_class()
    data = {
        "asset": str(asset_id) if asset_id else "",
        "shots-TOTAL_FORMS": "1",
        "shots-INITIAL_FORMS": "0",
        "shots-MIN_NUM_FORMS": "0",
        "shots-MAX_NUM_FORMS": "1000",
    }
    form = form_class(data, instance=page, parent_page=page.get_parent())
    return form.formsets["shots"].forms[0].fields[name]


def test_the_shotlist_takes_smpte_at_the_videos_frame_rate():
    from django import forms

    from videos.models import VideoAsset, VideoPage

    page = VideoPage.objects.get(
        slug="secretary-general-meets-vjosa-osmani-video", locale__language_code="en"
    )
    asset = page.asset
    assert asset.frame_rate == 25
    field = shot_timecode_field(page, asset.pk)
    assert field.clean("00:00:02:10") == 2.4  # 2 s and 10 frames at 25 fps
    assert field.clean("00:00:04.000") == 4.0 and field.clean("12.5") == 12.5
    assert "SMPTE" in field.help_text and "25 fps" in field.help_text
    for wrong in ("1:2", "00:00:01:25", "00:00:01;10"):
        with pytest.raises(forms.ValidationError):
            field.clean(wrong)
    # 29.97 drop-frame, counted from the master's own start timecode.
    VideoAsset.objects.filter(pk=asset.pk).update(
        frame_rate=29.97, start_timecode="10:00:00;00"
    )
    field = shot_timecode_field(page, asset.pk, "end")
    assert field.clean("10:00:01;00") == pytest.approx(30 * 1001 / 30000, abs=1e-6)
    with pytest.raises(forms.ValidationError):
        field.clean("09:59:59;29")  # before the video's first frame
    # No video file chosen: no frame rate to count SMPTE frames at.
    field = shot_timecode_field(page, None)
    with pytest.raises(forms.ValidationError, match="frame rate"):
        field.clean("00:00:02:10")
    assert field.clean("2.4") == 2.4
