"""Processing an uploaded master: probe, renditions of the promised size with a
keyframe every second, a poster frame, and failures that leave nothing behind."""

from pathlib import Path

import pytest
from django.core.files import File
from django.core.files.base import ContentFile
from django.test import override_settings

from cms.graphql import cache
from tests.videos.conftest import upload
from videos import ffmpeg
from videos.models import VideoAsset, VideoRendition, video_storage


def stored_files(prefix: str = "videos/renditions") -> set[str]:
    root = Path(video_storage().location) / prefix
    return {str(p) for p in root.rglob("*") if p.is_file()} if root.exists() else set()


@pytest.fixture
def new_files():
    """Rendition files stored since the test began (earlier tests' files stay on
    disk while their rows are rolled back)."""
    before = stored_files()
    return lambda: stored_files() - before


@pytest.fixture
def source(tmp_path) -> Path:
    path = tmp_path / "source.mp4"
    ffmpeg.generate_test_video(path, 4, width=480, height=270)
    return path


def test_demo_video_has_renditions_of_the_promised_size(db):
    asset = VideoAsset.objects.get(title__startswith="Demo:")
    assert asset.status == VideoAsset.Status.READY, asset.status_message
    assert (asset.width, asset.height, asset.duration) == (1280, 720, 12.0)
    assert asset.video_codec == "h264" and asset.audio_codec == "aac"
    assert [step["status"] for step in asset.steps] == ["done"] * len(asset.steps)
    assert asset.poster is not None and asset.poster.width == 1280
    renditions = {r.name: r for r in asset.renditions.all()}
    assert set(renditions) == {"180p", "144p"}
    for name, height in (("180p", 180), ("144p", 144)):
        rendition = renditions[name]
        probe = ffmpeg.probe(video_storage().path(rendition.file.name), keyframes=True)
        # 16:9 kept, width even; what the row says is what the file holds.
        assert (probe.height, probe.width) == (height, round(height * 16 / 9 / 2) * 2)
        assert (rendition.width, rendition.height) == (probe.width, probe.height)
        assert probe.video_codec == "h264" and probe.audio_codec == "aac"
        assert rendition.size_bytes == video_storage().size(rendition.file.name)
        assert abs(probe.duration - 12.0) < 0.1
        # A keyframe every second: what FAST clips cut on.
        assert probe.keyframes == [float(s) for s in range(12)]
        assert rendition.keyframes == probe.keyframes


def test_small_master_is_not_upscaled(db, tmp_path, django_capture_on_commit_callbacks):
    path = tmp_path / "tiny.mp4"
    ffmpeg.generate_test_video(path, 2, width=160, height=90)
    asset = upload("Tiny", path, django_capture_on_commit_callbacks)
    assert asset.status == VideoAsset.Status.READY
    assert [(r.name, r.height) for r in asset.renditions.all()] == [("90p", 90)]


@pytest.mark.parametrize(
    "content, message",
    [
        (b"This is a text file, not a video." * 50, "not a video"),
        (b"", "not a video"),
    ],
)
def test_a_file_that_is_not_a_video_fails_with_a_message(
    db, tmp_path, django_capture_on_commit_callbacks, content, message, new_files
):
    path = tmp_path / "notes.mp4"
    path.write_bytes(content)
    asset = upload("Not a video", path, django_capture_on_commit_callbacks)
    assert asset.status == VideoAsset.Status.FAILED
    assert message in asset.status_message
    assert asset.steps[0]["status"] == "failed"
    assert not asset.renditions.exists()
    assert new_files() == set()


def test_a_truncated_video_fails_and_stores_nothing(
    db, source, tmp_path, django_capture_on_commit_callbacks, new_files
):
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(source.read_bytes()[: source.stat().st_size // 3])
    asset = upload("Broken", broken, django_capture_on_commit_callbacks)
    assert asset.status == VideoAsset.Status.FAILED
    assert asset.status_message
    assert not VideoRendition.objects.filter(asset=asset).exists()
    assert new_files() == set()


@pytest.mark.parametrize(
    "settings_change, expected",
    [
        ({"VIDEO_FFMPEG_TIMEOUT": 0.01}, "did not finish"),
        ({"VIDEO_FFMPEG_BINARY": "/bin/false"}, "ffmpeg failed"),
        ({"VIDEO_FFMPEG_BINARY": "/nonexistent/ffmpeg"}, "could not be started"),
    ],
)
def test_ffmpeg_failing_or_timing_out_leaves_no_file(
    db,
    source,
    django_capture_on_commit_callbacks,
    settings_change,
    expected,
    new_files,
    tmp_path,
    monkeypatch,
):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(ffmpeg.tempfile, "tempdir", str(scratch))
    with override_settings(**settings_change):
        asset = upload("Fails", source, django_capture_on_commit_callbacks)
    assert asset.status == VideoAsset.Status.FAILED
    assert expected in asset.status_message
    failed = [s for s in asset.steps if s["status"] == "failed"]
    assert len(failed) == 1 and failed[0]["name"].startswith("rendition:")
    assert not asset.renditions.exists()
    assert new_files() == set()
    # Nothing half-written left in the temporary folders either.
    assert list(scratch.iterdir()) == []


def test_a_new_master_replaces_the_renditions(
    db, source, tmp_path, django_capture_on_commit_callbacks, new_files
):
    asset = upload("Replaced", source, django_capture_on_commit_callbacks)
    old_files = new_files()
    old_master = video_storage().path(asset.master.name)
    assert asset.status == VideoAsset.Status.READY and len(old_files) == 2
    replacement = tmp_path / "replacement.mp4"
    ffmpeg.generate_test_video(replacement, 3, width=480, height=270)
    with replacement.open("rb") as handle:
        asset.master.save("replacement.mp4", File(handle), save=False)
    with django_capture_on_commit_callbacks(execute=True):
        asset.save()
    asset.refresh_from_db()
    assert asset.status == VideoAsset.Status.READY and asset.revision == 2
    assert asset.duration == 3.0
    assert all(
        r.duration == pytest.approx(3.0, abs=0.1) for r in asset.renditions.all()
    )
    current = {video_storage().path(r.file.name) for r in asset.renditions.all()}
    # Only the new master's renditions are in storage: the first ones are gone.
    assert new_files() == current and len(current) == len(old_files) == 2
    assert not Path(old_master).exists()
    assert Path(video_storage().path(asset.master.name)).exists()


def test_deleting_a_video_file_deletes_its_files(
    db, source, django_capture_on_commit_callbacks
):
    asset = upload("Deleted", source, django_capture_on_commit_callbacks)
    storage = video_storage()
    files = [Path(storage.path(asset.master.name))] + [
        Path(storage.path(r.file.name)) for r in asset.renditions.all()
    ]
    assert len(files) == 3 and all(path.exists() for path in files)
    with django_capture_on_commit_callbacks(execute=True):
        asset.delete()
    assert not any(path.exists() for path in files)


def test_saving_without_a_new_master_does_not_reprocess(
    db, source, django_capture_on_commit_callbacks
):
    asset = upload("Kept", source, django_capture_on_commit_callbacks)
    renditions = list(asset.renditions.values_list("pk", flat=True))
    asset.title = "Kept, renamed"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        asset.save()
    # Nothing queued but the response cache's invalidation (the title shows).
    assert [c for c in callbacks if getattr(c, "func", None) is not cache.bump] == []
    assert list(asset.renditions.values_list("pk", flat=True)) == renditions


def test_subtitles_must_be_webvtt(db):
    from django.core.exceptions import ValidationError

    from videos.models import VideoSubtitle

    asset = VideoAsset.objects.get(title__startswith="Demo:")
    subtitle = VideoSubtitle(asset=asset, language="en")
    subtitle.file = File(
        ContentFile(b"1\n00:00:01,000 --> 00:00:02,000\nHi\n"), "x.vtt"
    )
    subtitle.file._committed = False
    with pytest.raises(ValidationError):
        subtitle.clean()
