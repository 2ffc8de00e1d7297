"""The time from request to link for a FAST clip with the job machinery: the
``requestVideoDownload`` mutation (through the real GraphQL view, in this
process), the database task queue, a separate ``manage.py portal_worker``
process that cuts the clip, and ``videoDownloadJob`` polled every 20 ms until it
is READY with its link. Queue latency included (the database queue's worker
polls it every second, its default).

The local stack: SQLite in ``var/bench-clips/jobs/`` (kept between runs: the
demo content is loaded once), the project's dev settings with renditions of 180p.
``bench/clips.py`` runs it in a child process and prints its figures beside the
others; alone: ``.venv/bin/python bench/clip_jobs.py [--runs 5]``. The last line
of its output is a JSON summary."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if sys.path and Path(sys.path[0]).resolve() == ROOT / "bench":
    sys.path[0] = str(ROOT)
elif str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402

WORK = ROOT / "var" / "bench-clips" / "jobs"
ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
    "DJANGO_DEBUG": "false",
    "DATABASE_URL": f"sqlite:///{WORK / 'db.sqlite3'}",
    "DJANGO_MEDIA_ROOT": str(WORK / "media"),
    "DJANGO_PRIVATE_MEDIA_ROOT": str(WORK / "private-media"),
    "VIDEO_RENDITION_HEIGHTS": "180",
    "TASKS_BACKEND": "database",
}
MUTATION = """mutation($input: VideoDownloadInput!) {
  requestVideoDownload(input: $input) { id status download { url } } }"""
FOLLOW = """query($id: ID!) { videoDownloadJob(id: $id) {
  status errorCode download { url } } }"""
CLIP_SECONDS = 10.0


def setup() -> None:
    os.environ.update(ENVIRONMENT)
    WORK.mkdir(parents=True, exist_ok=True)
    import django

    django.setup()


def wait(predicate, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise SystemExit(f"gave up waiting for {what}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from videos.models import VideoClip, VideoDownloadJob, VideoPage

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    if not VideoPage.objects.live().exists():
        print("  loading the demo content (once) …", flush=True)
        call_command("load_demo_content", verbosity=0)
    log = (WORK / "worker.log").open("ab")
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "portal_worker", "--no-reload"],
        cwd=ROOT,
        env={**os.environ, **ENVIRONMENT},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:

        def ready_video():
            video = VideoPage.objects.live().filter(asset__status="ready").first()
            return video

        video = wait(ready_video, 600, "the demo video's processing")
        rendition = video.asset.renditions.order_by("height").first()
        user, _created = get_user_model().objects.get_or_create(
            email="bench-clips@example.com"
        )
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        # Fresh clips every run: nothing reused from an earlier one.
        VideoClip.objects.filter(rendition=rendition).delete()
        last = max(0.0, rendition.duration - CLIP_SECONDS - 0.5)
        # One more first, not counted: the worker process starting up.
        starts = [round(0.04 * (n + 1) + last * n / (args.runs + 1), 2)
                  for n in range(args.runs + 1)]  # fmt: skip
        totals, queued, cutting = [], [], []
        for number, start in enumerate(starts):
            variables = {
                "input": {
                    "videoId": str(video.pk),
                    "rendition": rendition.name,
                    "start": start,
                    "end": start + CLIP_SECONDS,
                    "precision": "FAST",
                }
            }
            began = time.perf_counter()
            answer = client.post(
                "/graphql/",
                {"query": MUTATION, "variables": variables},
                content_type="application/json",
            ).json()
            job = answer["data"]["requestVideoDownload"]

            def link(job_id=job["id"]):
                seen = client.post(
                    "/graphql/",
                    {"query": FOLLOW, "variables": {"id": job_id}},
                    content_type="application/json",
                ).json()["data"]["videoDownloadJob"]
                if seen["status"] == "FAILED":
                    raise SystemExit(f"the clip failed: {seen['errorCode']}")
                return seen["download"] and seen["download"]["url"]

            deadline = time.monotonic() + 120
            while not link():
                if time.monotonic() > deadline:
                    raise SystemExit("no link within 120 s")
                time.sleep(0.02)
            if not number:
                continue  # the warm-up
            totals.append(time.perf_counter() - began)
            record = VideoDownloadJob.objects.select_related("clip").get(pk=job["id"])
            clip = record.clip
            queued.append((clip.started_at - record.created_at).total_seconds())
            cutting.append((clip.finished_at - clip.started_at).total_seconds())
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
        log.close()
    summary = {
        "runs": len(totals),
        "median": statistics.median(totals),
        "min": min(totals),
        "max": max(totals),
        "queue_median": statistics.median(queued),
        "cut_median": statistics.median(cutting),
        "rendition": rendition.name,
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
