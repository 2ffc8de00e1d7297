"""Broadcast deliverables: renditions up to the master's resolution, the sound
alone for radio (AAC in M4A, PCM in WAV), and the master itself for accounts the
media office lets have it."""

from __future__ import annotations

from urllib.parse import urlsplit

import av
import pytest
from django.contrib.auth.models import Group
from django.test import override_settings

from cms.settings import base
from editorial import roles
from tests.conftest import error_codes
from tests.videos.conftest import download, upload
from videos import ffmpeg
from videos.models import VideoDownload, VideoRendition, video_storage
from videos.processing import planned_renditions

pytestmark = pytest.mark.django_db

RENDITIONS = """query($slug: String!) {
  video(slug: $slug, locale: en) {
    renditions { name kind label width height mimeType sizeBytes duration }
  }
}"""


def test_a_1080p_master_gets_a_1080p_rendition_by_default():
    assert base.VIDEO_RENDITIONS == [("1080p", 1080), ("720p", 720)]
    with override_settings(VIDEO_RENDITIONS=base.VIDEO_RENDITIONS):
        assert planned_renditions(1080) == [("1080p", 1080), ("720p", 720)]
        assert planned_renditions(1088) == [("1080p", 1080), ("720p", 720)]
        assert planned_renditions(720) == [("720p", 720)]


@override_settings(
    VIDEO_RENDITIONS=[("1080p", 1080)], VIDEO_AUDIO_RENDITIONS=["m4a", "wav"]
)
def test_full_hd_and_audio_only_renditions(
    gql, client, signed_in, demo_video, tmp_path, django_capture_on_commit_callbacks
):
    master = tmp_path / "full-hd.mp4"
    ffmpeg.generate_test_video(master, 1, width=1920, height=1080)
    asset = upload("Full HD", master, django_capture_on_commit_callbacks)
    assert asset.status == asset.Status.READY, asset.status_message
    made = {r.name: r for r in asset.renditions.all()}
    assert list(made) == ["1080p", "audio-m4a", "audio-wav"]
    assert (made["1080p"].width, made["1080p"].height) == (1920, 1080)
    storage = video_storage()
    for name, codec, mime in (
        ("audio-m4a", "aac", "audio/mp4"),
        ("audio-wav", "pcm_s24le", "audio/wav"),
    ):
        rendition = made[name]
        assert rendition.kind == VideoRendition.Kind.AUDIO
        assert rendition.mime_type == mime
        with av.open(storage.path(rendition.file.name)) as container:
            assert not container.streams.video
            (audio,) = container.streams.audio
            assert audio.codec_context.name == codec
            assert (audio.rate, audio.channels) == (48000, 2)
        assert rendition.duration == pytest.approx(1.0, abs=0.05)
        assert rendition.size_bytes == storage.size(rendition.file.name)

    # Listed with the video renditions, each with its kind.
    demo_video.asset = asset
    demo_video.save()
    listed = gql(RENDITIONS, {"slug": demo_video.slug})["data"]["video"]["renditions"]
    assert [(r["name"], r["kind"], r["mimeType"]) for r in listed] == [
        ("1080p", "VIDEO", "video/mp4"),
        ("audio-m4a", "AUDIO", "audio/mp4"),
        ("audio-wav", "AUDIO", "audio/wav"),
    ]
    assert listed[1]["label"] == "Audio (AAC, M4A)"
    # Sound has no picture: no size (null, not a 0 that reads as one).
    assert [(r["width"], r["height"]) for r in listed] == [
        (1920, 1080),
        (None, None),
        (None, None),
    ]

    # Downloaded whole, as what they are; a clip of one is refused with a code.
    answer = download(gql, demo_video.pk, "audio-wav")
    assert "errors" not in answer, answer
    link = answer["data"]["requestVideoDownload"]
    assert link["filename"] == f"{demo_video.slug}-audio-wav.wav"
    response = client.get(urlsplit(link["url"]).path)
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/wav"
    body = b"".join(response.streaming_content)
    assert body[:4] == b"RIFF" and body[8:12] == b"WAVE"
    answer = download(gql, demo_video.pk, "audio-m4a", start=0, end=0.5)
    assert error_codes(answer) == ["WHOLE_FILE_ONLY"]


def test_the_master_needs_the_broadcasters_permission(
    gql, client, signed_in, demo_video
):
    answer = download(gql, demo_video.pk, "master")
    assert error_codes(answer) == ["FORBIDDEN"]
    assert answer["data"]["requestVideoDownload"] is None

    signed_in.groups.add(Group.objects.get(name=roles.BROADCASTERS))
    signed_in = type(signed_in).objects.get(pk=signed_in.pk)  # permissions anew
    client.force_login(signed_in)
    answer = download(gql, demo_video.pk, "master")
    assert "errors" not in answer, answer
    link = answer["data"]["requestVideoDownload"]
    asset = demo_video.asset
    assert link["rendition"] == "master"
    assert link["filename"] == f"{demo_video.slug}-master.mp4"
    assert link["sizeBytes"] == asset.size_bytes
    response = client.get(urlsplit(link["url"]).path)
    assert response.status_code == 200
    with asset.master.open("rb") as handle:
        assert b"".join(response.streaming_content) == handle.read()
    assert VideoDownload.objects.filter(rendition="master", user=signed_in).count() == 1
    # Whole only: the master's codecs are whatever the edit suite wrote.
    answer = download(gql, demo_video.pk, "master", start=1, end=2)
    assert error_codes(answer) == ["WHOLE_FILE_ONLY"]


def test_only_the_broadcasters_group_holds_the_master_permission():
    holders = Group.objects.filter(
        permissions__codename="download_master",
        permissions__content_type__app_label="videos",
    )
    assert list(holders.values_list("name", flat=True)) == [roles.BROADCASTERS]
