"""Faults survived by the production-like run (deploy/ci-production.sh), each
checked by what a user sees. The services are really stopped: PostgreSQL by
pg_ctl, Redis by SHUTDOWN, S3 by cutting the relay in front of it, the worker by
SIGKILL; each test brings its service back and checks that service resumes
without restarting the app processes."""

from __future__ import annotations

import contextlib
import os
import signal
import uuid
from pathlib import Path

import pytest

from home.demo_admin import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD
from videos import ffmpeg

from .services import (
    Client,
    app_pids,
    children,
    horse_of,
    requires_production,
    sql,
    start_postgres,
    start_redis,
    start_s3,
    start_worker,
    state,
    stop_postgres,
    stop_redis,
    stop_s3,
    wait_until,
    worker_pid,
)
from .test_smoke import finished, finished_job, publish_video_page, upload_video

pytestmark = requires_production

# Variables make each query a cache miss: it must reach the database.
RELEASES = """query FaultReleases($perPage: Int!) {
  pressReleases(locale: en, perPage: $perPage) { items { title } }
}"""


@pytest.fixture(scope="module")
def apps() -> tuple[str, str]:
    return tuple(state()["apps"])


@pytest.fixture(scope="module")
def editor(apps) -> Client:
    client = Client(apps[0])
    client.sign_in(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD)
    return client


@pytest.fixture(scope="module")
def short_master(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("faults") / "fault-master.mp4"
    ffmpeg.generate_test_video(path, 6, width=640, height=360)
    return path


def releases(base: str, per_page: int):
    return Client(base).graphql(RELEASES, {"perPage": per_page})


def failing(base: str) -> list[str]:
    ready = Client(base).get("/readyz")
    return ready.json().get("failing", []) if ready.status == 503 else []


def test_database_stopped_answers_503_with_a_code_then_resumes(apps):
    pids = app_pids()
    assert releases(apps[0], 7).status == 200
    stop_postgres()
    try:
        for base in apps:
            answer = releases(base, 8)
            assert answer.status == 503, answer.text[:500]
            error = answer.json()["errors"][0]
            assert error["extensions"]["code"] == "DATABASE_UNAVAILABLE"
            assert "database" in error["message"]
            assert "Traceback" not in answer.text
            assert answer.headers["Retry-After"]
            assert "database" in failing(base)
            page = Client(base).get("/en/")
            assert page.status == 503 and "DATABASE_UNAVAILABLE" in page.text
            assert Client(base).get("/healthz").status == 200  # alive all the same
    finally:
        start_postgres()
    for base in apps:
        answer = wait_until(
            lambda base=base: (a := releases(base, 9)).status == 200 and a,
            30,
            what="GraphQL after PostgreSQL came back",
        )
        assert len(answer.json()["data"]["pressReleases"]["items"]) == 9
        assert Client(base).get("/readyz").status == 200
    assert app_pids() == pids  # no restart


def test_redis_stopped_site_answers_uncached_and_queued_tasks_are_not_lost(
    apps, editor, short_master
):
    title = f"Queued while Redis was down {uuid.uuid4().hex[:8]}"
    stop_redis()
    try:
        for base in apps:
            for per_page in (3, 3, 4):  # a repeat would have been a cache hit
                answer = releases(base, per_page)
                assert answer.status == 200, answer.text[:500]
                items = answer.json()["data"]["pressReleases"]["items"]
                assert len(items) == per_page
            assert Client(base).get("/en/").status == 200
            assert set(failing(base)) == {"cache", "queue"}
        # The upload is accepted; its processing task waits in the database.
        uploaded = upload_video(editor, title, short_master)
        assert uploaded.status == 302, uploaded.text[:2000]
        asset_id, status = sql(
            "SELECT id, status FROM videos_videoasset WHERE title = %s", (title,)
        )[0]
        assert status == "queued"
        waiting = sql(
            "SELECT task_path, args_kwargs FROM django_tasks_database_dbtaskresult "
            "WHERE backend_name = 'fallback' AND status = 'READY'"
        )
        task = (
            "videos.processing.process_video",
            {"args": [asset_id, 1], "kwargs": {}},
        )
        assert task in [tuple(row) for row in waiting]
    finally:
        start_redis()
    # Redis is back: the worker moves the task to Redis and runs it.
    _, status = wait_until(lambda: finished(title), 120, what="the queued task")
    assert status == "ready"
    assert not sql(
        "SELECT id FROM django_tasks_database_dbtaskresult "
        "WHERE backend_name = 'fallback' AND status = 'READY'"
    )
    for base in apps:
        wait_until(lambda base=base: not failing(base), 20, what="readiness")


def test_s3_unreachable_upload_and_clip_fail_clearly_and_nothing_half_written(
    apps, editor, short_master
):
    # A video ready before the fault, on a published page.
    title = f"S3 fault {uuid.uuid4().hex[:8]}"
    assert upload_video(editor, title, short_master).status == 302
    asset_id, status = wait_until(lambda: finished(title), 120, what="processing")
    assert status == "ready"
    page_id = publish_video_page(asset_id, f"s3-fault-{asset_id}")
    clip_request = {
        "input": {
            "videoId": str(page_id),
            "rendition": "180p",
            "start": 1,
            "end": 3,
            "precision": "FAST",
        }
    }
    lost_title = f"Upload while S3 is down {uuid.uuid4().hex[:8]}"
    stop_s3()
    try:
        assert "storage" in failing(apps[1])
        # The clip: a coded error with a sentence, and no clip recorded as ready.
        answer = Client(apps[1])
        answer.cookies = dict(editor.cookies)
        # The worker cannot read the rendition: the job fails, with a code.
        job = finished_job(answer, clip_request)
        assert job["status"] == "FAILED" and job["download"] is None
        assert job["errorCode"] in ("STORAGE_UNAVAILABLE", "CLIP_FAILED")
        assert job["errorMessage"].endswith(".")
        assert "Traceback" not in job["errorMessage"]
        assert not sql(
            "SELECT c.id FROM videos_videoclip c JOIN videos_videorendition r "
            "ON r.id = c.rendition_id WHERE r.asset_id = %s AND c.status = 'ready'",
            (asset_id,),
        )
        # The upload: a 503 page that says the storage is unreachable; no record.
        uploaded = upload_video(editor, lost_title, short_master)
        assert uploaded.status == 503, uploaded.text[:1000]
        assert "file storage cannot be reached" in uploaded.text
        assert not sql(
            "SELECT id FROM videos_videoasset WHERE title = %s", (lost_title,)
        )
    finally:
        start_s3()
    wait_until(lambda: not failing(apps[1]), 20, what="readiness")
    job = finished_job(answer, clip_request)
    assert job["status"] == "READY" and job["download"]["url"], job


def rendition_running(title: str):
    rows = sql("SELECT id, steps FROM videos_videoasset WHERE title = %s", (title,))
    if not rows:
        return None
    asset_id, steps = rows[0]
    running = [
        s["name"]
        for s in steps or []
        if s["name"].startswith("rendition:") and s["status"] == "running"
    ]
    return (asset_id, running[0]) if running else None


def renditions(asset_id: int) -> dict[str, tuple[str, float]]:
    return {
        name: (file, duration)
        for name, file, duration in sql(
            "SELECT name, file, duration FROM videos_videorendition "
            "WHERE asset_id = %s",
            (asset_id,),
        )
    }


@pytest.fixture(scope="module")
def long_master(tmp_path_factory) -> Path:
    # Long enough for a rendition to take a while, so the kill lands in one.
    path = tmp_path_factory.mktemp("faults") / "long-master.mp4"
    ffmpeg.generate_test_video(path, 40, width=1280, height=720)
    return path


@pytest.mark.parametrize("what", ["work-horse", "whole worker"])
def test_worker_killed_mid_rendition_runs_the_task_again(editor, long_master, what):
    title = f"Killed mid-rendition ({what}) {uuid.uuid4().hex[:8]}"
    assert upload_video(editor, title, long_master).status == 302
    asset_id, step = wait_until(
        lambda: rendition_running(title), 120, every=0.05, what="a rendition"
    )
    worker = worker_pid()
    horse = horse_of(worker)
    assert horse is not None
    log = Path(state()["worker"]["log"])
    crashes = log.read_text().count("died with its process; running it again")
    os.killpg(horse, signal.SIGKILL)  # the horse and its ffmpeg
    if what == "whole worker":
        for child in children(worker):
            # The horse killed above may be gone by now (seen in CI).
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGKILL)
        os.kill(worker, signal.SIGKILL)
        # Nothing runs it now: it is not ready, and no rendition is half-made.
        status = sql("SELECT status FROM videos_videoasset WHERE id = %s", (asset_id,))
        assert status[0][0] == "processing"
        assert step.split(":", 1)[1] not in renditions(asset_id)
        start_worker()  # a new worker takes the dead worker's job back

    else:
        os.kill(worker, 0)  # the worker itself lives on

    _, status = wait_until(lambda: finished(title), 180, what="the re-run")
    assert status == "ready"
    # It was run again because its process died (not finished by a survivor).
    assert log.read_text().count("died with its process; running it again") == (
        crashes + 1
    )
    made = renditions(asset_id)
    assert set(made) == {"360p", "180p", "audio-m4a", "audio-wav"}
    # Every recorded rendition is whole: read back from S3 and probed.
    import boto3

    s3 = boto3.client(
        "s3",
        endpoint_url=f"http://127.0.0.1:{state()['s3']['relay_port']}",
        region_name="us-east-1",
        aws_access_key_id="production-test",
        aws_secret_access_key="production-test-secret",
    )
    master_duration = ffmpeg.probe(str(long_master)).duration
    for name, (file, duration) in made.items():
        assert abs(duration - master_duration) < 1.0, name
        if name.startswith("audio-"):
            continue  # no picture for ffmpeg.probe; its recorded length is checked
        local = long_master.parent / f"{asset_id}-{name}.mp4"
        s3.download_file(state()["s3"]["bucket"], f"private/{file}", str(local))
        probe = ffmpeg.probe(str(local))
        assert abs(probe.duration - master_duration) < 1.0, name
