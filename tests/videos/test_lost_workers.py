"""A clip whose worker died (issue 14): its claim, taken as the worker's task
takes it, is never finished. Once older than the lease it is queued again, when
its owner follows the job or on the worker's tick, up to VIDEO_CLIP_MAX_ATTEMPTS
claims; then the job is FAILED with CLIP_WORKER_LOST. The clock moves; nothing
sleeps."""

import datetime
import threading

import pytest
from django.test import TestCase, override_settings
from django.utils import timezone
from freezegun import freeze_time

from cms.scheduled_publishing import tick
from videos import claims, clipping, ffmpeg
from videos.models import VideoClip

from .conftest import follow_job, request_job

LEASE = datetime.timedelta(seconds=180)


def job_of(answer: dict) -> dict:
    assert "errors" not in answer, answer
    data = answer["data"]
    return data.get("requestVideoDownload") or data.get("videoDownloadJob")


def queued_job(gql, video, **fields) -> tuple[dict, VideoClip]:
    """A clip job waiting for a worker (its task not run)."""
    with TestCase.captureOnCommitCallbacks(execute=False):
        job = job_of(request_job(gql, video.pk, start=1, end=3, **fields))
    assert job["status"] == "QUEUED"
    return job, VideoClip.objects.get()


@override_settings(VIDEO_CLIP_LEASE_SECONDS=180)
def test_following_the_job_of_a_dead_worker_queues_it_again(gql, signed_in, demo_video):
    with freeze_time(timezone.now()) as clock:
        job, clip = queued_job(gql, demo_video)
        claimed = claims.claim(clip.pk)  # the worker's own claim; then it dies
        assert claimed.attempts == 1
        assert claims.claim(clip.pk) is None  # nobody else takes it meanwhile
        assert job_of(follow_job(gql, job["id"]))["status"] == "RUNNING"

        clock.tick(LEASE - datetime.timedelta(seconds=1))
        assert job_of(follow_job(gql, job["id"]))["status"] == "RUNNING"

        clock.tick(datetime.timedelta(seconds=2))
        with TestCase.captureOnCommitCallbacks(execute=False) as queued:
            followed = job_of(follow_job(gql, job["id"]))
        assert followed["status"] == "QUEUED" and followed["progress"] == 0
        assert len(queued) == 1  # its task, queued again
        queued[0]()  # the task runs (the immediate backend): a real cut
        clip.refresh_from_db()
        assert (clip.status, clip.attempts) == ("ready", 2)
        done = job_of(follow_job(gql, job["id"]))
        assert done["status"] == "READY" and done["download"]["url"]


@override_settings(VIDEO_CLIP_LEASE_SECONDS=180)
def test_a_clip_whose_task_the_queue_lost_is_queued_again(gql, signed_in, demo_video):
    """The queue lost the task before any worker claimed the clip (a flushed queue,
    a deleted task row): the tick queues its task again, once per lease."""
    with freeze_time(timezone.now()) as clock:
        job, clip = queued_job(gql, demo_video)  # its task is never run
        clock.tick(LEASE - datetime.timedelta(seconds=1))
        with TestCase.captureOnCommitCallbacks(execute=False) as queued:
            tick(holder="test-worker")
        assert queued == []  # within the lease: its task may still be coming

        clock.tick(datetime.timedelta(seconds=2))
        with TestCase.captureOnCommitCallbacks(execute=False) as queued:
            tick(holder="test-worker")
        assert len(queued) == 1
        with TestCase.captureOnCommitCallbacks(execute=False) as again:
            tick(holder="test-worker")
        assert again == []  # once per lease, not at every tick
        queued[0]()  # the task queued again runs: a real cut
        queued[0]()  # and a duplicate of it finds nothing to do
        clip.refresh_from_db()
        assert (clip.status, clip.attempts) == ("ready", 1)
        assert job_of(follow_job(gql, job["id"]))["status"] == "READY"


@override_settings(VIDEO_CLIP_LEASE_SECONDS=180, VIDEO_CLIP_MAX_ATTEMPTS=2)
def test_the_tick_gives_up_after_the_last_attempt(gql, signed_in, demo_video):
    with freeze_time(timezone.now()) as clock:
        job, clip = queued_job(gql, demo_video, precision="EXACT")
        claims.claim(clip.pk)
        clock.tick(LEASE + datetime.timedelta(seconds=1))
        with TestCase.captureOnCommitCallbacks(execute=False) as queued:
            tick(holder="test-worker")
        assert len(queued) == 1
        clip.refresh_from_db()
        assert (clip.status, clip.attempts) == ("queued", 1)

        claims.claim(clip.pk)  # the second worker dies too
        clock.tick(LEASE + datetime.timedelta(seconds=1))
        with TestCase.captureOnCommitCallbacks(execute=False) as queued:
            tick(holder="test-worker")
        assert queued == []
        failed = job_of(follow_job(gql, job["id"]))
        assert (failed["status"], failed["errorCode"]) == ("FAILED", "CLIP_WORKER_LOST")
        assert "stopped several times" in failed["errorMessage"]
        # The task queued for the second attempt, run late, finds nothing to do.
        clipping.make_clip.call(clip.pk)
        clip.refresh_from_db()
        assert (clip.status, clip.error_code) == ("failed", "CLIP_WORKER_LOST")

        # Asking again starts anew.
        with TestCase.captureOnCommitCallbacks(execute=False):
            again = job_of(
                request_job(gql, demo_video.pk, start=1, end=3, precision="EXACT")
            )
        assert again["status"] == "QUEUED"
        clip.refresh_from_db()
        assert (clip.status, clip.attempts) == ("queued", 0)


@override_settings(VIDEO_CLIP_LEASE_SECONDS=180)
def test_a_worker_that_lost_its_claim_writes_nothing(gql, signed_in, demo_video):
    """A worker paused past the lease (not dead after all) finishes after its
    clip was given to another: its result is dropped, the other's stands."""
    with freeze_time(timezone.now()) as clock:
        _job, clip = queued_job(gql, demo_video)
        slow = claims.claim(clip.pk)
        clock.tick(LEASE + datetime.timedelta(seconds=1))
        with TestCase.captureOnCommitCallbacks(execute=False):
            assert claims.recover_lost() == (1, 0)
        fresh = claims.claim(clip.pk)
        assert fresh.attempts == 2

        assert clipping.cut(slow) is False
        clip.refresh_from_db()
        assert (clip.status, clip.attempts, clip.file.name) == ("making", 2, "")

        assert clipping.cut(fresh) is True
        clip.refresh_from_db()
        assert clip.status == "ready" and clip.file.name


@override_settings(VIDEO_CLIP_LEASE_SECONDS=180)
def test_a_working_worker_renews_its_claim(gql, signed_in, demo_video):
    with freeze_time(timezone.now()) as clock:
        _job, clip = queued_job(gql, demo_video)
        mine = claims.claim(clip.pk)
        report = clipping.Reporter(mine, frames=50, seconds=2.0)
        for _step in range(8):  # 8 × 40 s: well past the lease, renewed on the way
            clock.tick(datetime.timedelta(seconds=40))
            report(ffmpeg.Progress(frames=1, seconds=0.04))
            assert claims.recover_lost() == (0, 0)
        clip.refresh_from_db()
        assert clip.status == "making"
        assert timezone.now() - clip.claimed_at <= LEASE / 4 + datetime.timedelta(
            seconds=40
        )


@pytest.mark.parametrize("language,words", [("fr", "plusieurs fois")])
def test_the_message_is_translated(language, words):
    from django.utils import translation

    from videos.downloads import clip_error_message

    with translation.override(language):
        assert words in clip_error_message("CLIP_WORKER_LOST")


@override_settings(VIDEO_CLIP_LEASE_SECONDS=0.04)
def test_the_claim_is_renewed_while_the_clip_is_stored(
    gql, signed_in, demo_video, monkeypatch
):
    """Storing the finished clip (an upload to S3) can outlast the lease: the
    worker renews its claim meanwhile, so nobody takes the clip back from it."""
    job, clip = queued_job(gql, demo_video)
    renewals = []
    renewed = threading.Condition()
    real_renew, real_store = claims.renew, clipping.store

    def renew(claimed):
        held = real_renew(claimed)
        with renewed:
            renewals.append(held)
            renewed.notify_all()
        return held

    def long_upload(*args):
        # Returns once the worker renewed its claim twice during the upload.
        with renewed:
            before = len(renewals)
            assert renewed.wait_for(lambda: len(renewals) >= before + 2, timeout=10)
        return real_store(*args)

    monkeypatch.setattr(claims, "renew", renew)
    monkeypatch.setattr(clipping, "store", long_upload)
    clipping.make_clip.call(clip.pk)
    clip.refresh_from_db()
    assert (clip.status, clip.attempts, clip.error_code) == ("ready", 1, "")
    assert all(renewals)  # every renewal found the claim still its own
    assert job_of(follow_job(gql, job["id"]))["status"] == "READY"
