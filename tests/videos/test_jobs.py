"""Clips as background jobs: requestVideoDownload answers at once, a worker cuts
the clip through the task queue with progress, the owner follows the job, limits
per account, the "your clip is ready" e-mail, and clip retention."""

import datetime
import threading
from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import TestCase, override_settings
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from freezegun import freeze_time

from cms.scheduled_publishing import tick
from tests.accounts.mailserver import smtp_server  # noqa: F401  (fixture)
from tests.conftest import error_codes
from videos import clipping, ffmpeg
from videos.models import (
    VideoClip,
    VideoDownload,
    VideoDownloadJob,
    VideoPage,
    video_storage,
)

from .conftest import (
    download,
    follow_job,
    frame_numbers,
    generate_counter_video,
    request_job,
    upload,
)

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def job_of(answer: dict) -> dict:
    assert "errors" not in answer, answer
    data = answer["data"]
    return data.get("requestVideoDownload") or data.get("videoDownloadJob")


def run_worker() -> None:
    """The real database-queue worker, in a thread of its own (its own
    connection), until the queue is empty."""
    failures = []

    def work():
        from django.db import connection

        try:
            # db_worker's own loop (the command itself wants the main thread
            # for its signal handlers).
            Worker(
                queue_names=["default"],
                interval=0,
                batch=True,
                backend_name="default",
                startup_delay=False,
                max_tasks=None,
                worker_id="test-worker",
            ).run()
        except Exception as error:  # pragma: no cover - reported below
            failures.append(error)
        finally:
            connection.close()

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(timeout=120)
    assert not worker.is_alive() and failures == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(TASKS=DATABASE_QUEUE)
def test_a_clip_is_a_job_the_worker_cuts_and_the_owner_follows(client, gql, tmp_path):
    user = get_user_model().objects.create_user("desk@example.com", "Long-Pass-2026!")
    client.force_login(user)
    video = VideoPage.objects.get(
        slug="secretary-general-meets-vjosa-osmani-video", locale__language_code="en"
    )
    # At once: a job waiting for a worker. The app server cut nothing.
    job = job_of(request_job(gql, video.pk, start=2, end=3, precision="EXACT"))
    assert job["status"] == "QUEUED" and job["progress"] == 0
    assert job["estimatedSeconds"] >= 1 and job["download"] is None
    clip = VideoClip.objects.get()
    assert clip.status == VideoClip.Status.QUEUED and not clip.file
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert not VideoDownload.objects.exists()

    run_worker()

    followed = job_of(follow_job(gql, job["id"]))
    assert followed["status"] == "READY" and followed["progress"] == 100
    assert followed["estimatedSeconds"] == 0
    result = followed["download"]
    assert (result["start"], result["end"], result["frames"]) == (2.0, 3.0, 25)
    response = client.get(urlparse(result["url"]).path)
    local = tmp_path / "clip.mp4"
    local.write_bytes(b"".join(response.streaming_content))
    assert ffmpeg.count_frames(str(local)) == 25
    # One link row per job, however often it is followed.
    job_of(follow_job(gql, job["id"]))
    assert VideoDownload.objects.count() == 1
    clip.refresh_from_db()
    assert clip.started_at and clip.finished_at and clip.progress == 100


def test_ffmpeg_reports_its_progress(tmp_path, monkeypatch):
    """The worker's progress comes from ffmpeg's own -progress output: frames
    written, rising to the clip's length."""
    source = tmp_path / "counter.mp4"
    generate_counter_video(source, "25", seconds=4)
    monkeypatch.setattr(ffmpeg, "PROGRESS_INTERVAL", 0.01)
    seen = []
    ffmpeg.cut_clip(
        str(source),
        tmp_path / "clip.mp4",
        0.4,
        3.6,
        exact=True,
        progress=lambda p: seen.append(p.frames),
    )
    assert seen == sorted(seen) and seen[-1] == 80
    assert frame_numbers(tmp_path / "clip.mp4") == list(range(10, 90))


def test_whole_renditions_and_clips_already_made_are_ready_at_once(
    gql, signed_in, demo_video
):
    whole = job_of(request_job(gql, demo_video.pk, "144p"))
    assert whole["status"] == "READY" and whole["progress"] == 100
    assert whole["download"]["url"] and whole["download"]["start"] is None
    made = download(gql, demo_video.pk, start=1, end=2)["job"]
    again = job_of(request_job(gql, demo_video.pk, start=1, end=2))
    assert again["status"] == "READY" and again["id"] != made["id"]
    assert again["download"]["sizeBytes"] == made["download"]["sizeBytes"]
    # A link issued per request answered, as before jobs.
    assert VideoDownload.objects.count() == 3


@override_settings(TASKS=DATABASE_QUEUE)
def test_identical_requests_share_one_job_and_one_clip(
    client, gql, signed_in, demo_video
):
    with TestCase.captureOnCommitCallbacks(execute=True):
        first = job_of(request_job(gql, demo_video.pk, start=1, end=3))
        again = job_of(request_job(gql, demo_video.pk, start="00:00:01:00", end=3))
    assert again["id"] == first["id"] and again["status"] == "QUEUED"
    other = get_user_model().objects.create_user("b@example.com", "Long-Pass-2026!")
    client.force_login(other)
    with TestCase.captureOnCommitCallbacks(execute=True):
        theirs = job_of(request_job(gql, demo_video.pk, start=1, end=3))
    assert theirs["id"] != first["id"]
    assert VideoClip.objects.count() == 1
    assert DBTaskResult.objects.count() == 1  # one cut queued for the three
    assert {j.clip_id for j in VideoDownloadJob.objects.all()} == {
        VideoClip.objects.get().pk
    }


def test_only_the_owner_can_follow_a_job(client, gql, signed_in, demo_video):
    with TestCase.captureOnCommitCallbacks(execute=False):
        job = job_of(request_job(gql, demo_video.pk, start=1, end=3))
    assert job_of(follow_job(gql, job["id"]))["id"] == job["id"]
    other = get_user_model().objects.create_user("c@example.com", "Long-Pass-2026!")
    client.force_login(other)
    answer = follow_job(gql, job["id"])
    assert error_codes(answer) == ["NOT_FOUND"]
    assert answer["data"]["videoDownloadJob"] is None
    assert error_codes(follow_job(gql, "not-a-uuid")) == ["NOT_FOUND"]
    client.logout()
    assert error_codes(follow_job(gql, job["id"])) == ["NOT_AUTHENTICATED"]


@override_settings(VIDEO_EXACT_CONCURRENT_JOBS=1)
def test_concurrent_exact_jobs_are_limited_per_account(
    client, gql, signed_in, demo_video
):
    with TestCase.captureOnCommitCallbacks(execute=False):
        job_of(request_job(gql, demo_video.pk, start=1, end=2, precision="EXACT"))
        refused = request_job(gql, demo_video.pk, start=3, end=4, precision="EXACT")
        assert error_codes(refused) == ["RATE_LIMITED"]
        assert refused["errors"][0]["extensions"]["retryAfter"] >= 1
        # FAST clips cost little: not limited. Nor is another account.
        job_of(request_job(gql, demo_video.pk, start=3, end=4, precision="FAST"))
        # A new session changes nothing: the count is in the database.
        client.logout()
        client.force_login(signed_in)
        again = request_job(gql, demo_video.pk, start=3, end=4, precision="EXACT")
        assert error_codes(again) == ["RATE_LIMITED"]
    assert VideoClip.objects.filter(precision="EXACT").count() == 1


@override_settings(VIDEO_EXACT_SECONDS_PER_HOUR=3)
def test_exact_seconds_per_hour_are_limited_per_account(gql, signed_in, demo_video):
    start = timezone.now()
    with freeze_time(start) as clock:
        assert download(gql, demo_video.pk, start=1, end=3, precision="EXACT")["job"]
        refused = request_job(gql, demo_video.pk, start=4, end=6, precision="EXACT")
        assert error_codes(refused) == ["RATE_LIMITED"]
        assert 3590 <= refused["errors"][0]["extensions"]["retryAfter"] <= 3600
        # A clip already made costs nothing more.
        same = job_of(
            request_job(gql, demo_video.pk, start=1, end=3, precision="EXACT")
        )
        assert same["status"] == "READY"
        clock.tick(datetime.timedelta(seconds=3601))
        later = download(gql, demo_video.pk, start=4, end=6, precision="EXACT")
        assert later["job"]["status"] == "READY"


def test_an_in_point_after_the_last_frame_is_its_own_code(
    gql, signed_in, demo_video, tmp_path, django_capture_on_commit_callbacks
):
    """A master whose sound goes on after its picture: an in point between the
    two is not CLIP_FAILED ("try again later") but RANGE_OUT_OF_BOUNDS."""
    source = tmp_path / "short-picture.mp4"
    ffmpeg.run_ffmpeg(
        [
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=160x90:rate=25:duration=1.5",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:sample_rate=48000:duration=3",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-c:a",
            "aac",
            str(source),
        ]  # fmt: skip
    )
    asset = upload("Short picture", source, django_capture_on_commit_callbacks)
    assert asset.is_ready, asset.status_message
    demo_video.asset = asset
    demo_video.save_revision().publish()
    rendition = asset.renditions.order_by("height").first().name
    answer = download(gql, demo_video.pk, rendition, start=2, end=2.5)
    assert error_codes(answer) == ["RANGE_OUT_OF_BOUNDS"]
    assert answer["job"]["status"] == "FAILED"
    assert "earlier in point" in answer["job"]["errorMessage"]
    # Asking again: at once, on the mutation, and nothing is cut again.
    again = request_job(gql, demo_video.pk, rendition, start=2, end=2.5)
    assert error_codes(again) == ["RANGE_OUT_OF_BOUNDS"]


@override_settings(VIDEO_CLIP_EMAIL_AFTER_SECONDS=30)
def test_a_long_wait_ends_with_an_email_in_the_users_language(
    client,
    gql,
    signed_in,
    demo_video,
    smtp_server,  # noqa: F811
    tmp_path,
):
    signed_in.preferred_language = "fr"
    signed_in.save()
    with TestCase.captureOnCommitCallbacks(execute=False) as queued:
        job = job_of(request_job(gql, demo_video.pk, start=1, end=2))
    # The queue was busy: the worker takes the clip 45 s after it was asked for.
    VideoDownloadJob.objects.filter(pk=job["id"]).update(
        created_at=timezone.now() - datetime.timedelta(seconds=45)
    )
    for callback in queued:
        callback()
    notice = smtp_server.last_to(signed_in.email)
    assert "est prêt" in notice.subject
    assert "00:00:01:00" in notice.text and "00:00:02:00" in notice.text
    url = next(w for w in notice.text.split() if w.startswith("http"))
    assert url in notice.html
    response = client.get(urlparse(url).path)
    assert response.status_code == 200
    local = tmp_path / "from-mail.mp4"
    local.write_bytes(b"".join(response.streaming_content))
    assert ffmpeg.count_frames(str(local)) == 25
    # The e-mail's link is the job's link: one row.
    followed = job_of(follow_job(gql, job["id"]))
    assert followed["download"]["url"]
    assert VideoDownload.objects.count() == 1


def test_a_quick_clip_sends_no_email(gql, signed_in, demo_video):
    download(gql, demo_video.pk, start=1, end=2)
    assert mail.outbox == []


def test_clips_unused_for_the_retention_time_are_deleted_by_the_worker(
    gql, signed_in, demo_video
):
    retention = datetime.timedelta(days=7)
    storage = video_storage()
    old = download(gql, demo_video.pk, start=1, end=2)["job"]
    kept = download(gql, demo_video.pk, start=3, end=4)["job"]
    old_clip = VideoClip.objects.get(start_ms=1000)
    with TestCase.captureOnCommitCallbacks(execute=False):
        waiting = job_of(request_job(gql, demo_video.pk, start=5, end=6))
    assert storage.exists(old_clip.file.name)

    with freeze_time(timezone.now() + retention - datetime.timedelta(hours=1)):
        # The second clip is asked for again: its retention starts anew.
        assert job_of(request_job(gql, demo_video.pk, start=3, end=4))["download"]
    with freeze_time(timezone.now() + retention + datetime.timedelta(minutes=1)):
        with TestCase.captureOnCommitCallbacks(execute=True):
            tick(holder="test-worker")
        assert not VideoClip.objects.filter(pk=old_clip.pk).exists()
        assert not storage.exists(old_clip.file.name)
        assert VideoClip.objects.filter(start_ms=3000).exists()
        # The clip still waiting for a worker is not deleted: waiting longer
        # than a lease, its task was queued again by the tick (videos/claims.py)
        # and, run here, made it.
        assert VideoClip.objects.get(start_ms=5000).status == "ready"
        assert job_of(follow_job(gql, waiting["id"]))["status"] == "READY"
        expired = job_of(follow_job(gql, old["id"]))
        assert (expired["status"], expired["errorCode"]) == ("FAILED", "CLIP_EXPIRED")
        assert job_of(follow_job(gql, kept["id"]))["status"] == "READY"
    # Asking for it again makes it again.
    again = download(gql, demo_video.pk, start=1, end=2)
    assert again["job"]["status"] == "READY"


def test_the_worker_marks_a_clip_failed_with_a_code(demo_video):
    """A cut that ffmpeg cannot make is CLIP_FAILED on the clip (the jobs read
    it), with ffmpeg's reason kept for the operators."""
    rendition = demo_video.asset.renditions.get(name="144p")
    clip = VideoClip.objects.create(
        rendition=rendition,
        precision="FAST",
        start_ms=1000,
        end_ms=2000,
        status=VideoClip.Status.QUEUED,
    )
    with override_settings(VIDEO_FFMPEG_BINARY="/bin/false"):
        clipping.make_clip.call(clip.pk)
    clip.refresh_from_db()
    assert (clip.status, clip.error_code) == ("failed", "CLIP_FAILED")
    assert clip.message.startswith("ffmpeg failed")


def test_the_workers_progress_is_the_jobs_with_an_estimate(gql, signed_in, demo_video):
    """What ffmpeg reports is written on the clip (at most once a second) and
    read by every job waiting for it, with the time left estimated from it."""
    with TestCase.captureOnCommitCallbacks(execute=False):
        job = job_of(request_job(gql, demo_video.pk, start=1, end=5, precision="EXACT"))
    clip = VideoClip.objects.get()
    started = timezone.now() - datetime.timedelta(seconds=6)
    VideoClip.objects.filter(pk=clip.pk).update(status="making", started_at=started)
    clip.refresh_from_db()
    report = clipping.Reporter(clip, frames=100, seconds=4.0)
    report(ffmpeg.Progress(frames=40, seconds=1.6))
    report(ffmpeg.Progress(frames=45, seconds=1.8))  # within the second: not written
    followed = job_of(follow_job(gql, job["id"]))
    assert (followed["status"], followed["progress"]) == ("RUNNING", 40)
    # 6 s for 40 %: about 9 s to go.
    assert 8 <= followed["estimatedSeconds"] <= 10
    assert followed["download"] is None
