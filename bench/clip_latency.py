"""Request to link for a 10 s FAST clip on the production-like stack, beside a bare
ffmpeg cut of the same span.

The stack is deploy/ci-production.sh's, started by it (PostgreSQL, Redis as cache
and task queue, moto's S3 behind a relay, two gunicorn processes with
cms.settings.production, one ``portal_worker``; the demo content loaded and
processed through them): run without ``PORTAL_PRODUCTION_STATE``, this script
asks that script to run it again inside the stack (``PRODUCTION_COMMAND``), then
everything is stopped.

Inside, over real HTTP as the proxy sends it: sign in, then for each run
``requestVideoDownload`` (FAST, 10 s, a range no earlier run asked for) and
``videoDownloadJob`` every 20 ms until the job carries its link. Measured on the
client's clock: request to link (queue, the worker's claim, ffmpeg reading the
rendition from S3, storing the clip in S3, the presigned link). Beside it, the
floor: the same ffmpeg command (``videos.ffmpeg.cut_clip``'s FAST arguments) run
bare by this process on the same presigned S3 location, process start included.
The first run warms the worker up and is not counted. The last line of the output
is a JSON summary.

    make bench-clip-latency            # or: .venv/bin/python bench/clip_latency.py
"""

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
import shlex  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

CLIP_SECONDS = 10.0
RENDITION = "360p"
DOWNLOAD = """mutation BenchClip($input: VideoDownloadInput!) {
  requestVideoDownload(input: $input) { id status download { url } } }"""
FOLLOW = """query BenchJob($id: ID!) { videoDownloadJob(id: $id) {
  status errorCode download { url } } }"""


def outside(args: argparse.Namespace) -> int:
    """Start the stack with deploy/ci-production.sh and run this inside it."""
    parts = (sys.executable, str(Path(__file__).resolve()), "--runs", str(args.runs))
    command = " ".join(shlex.quote(part) for part in parts)
    env = {**os.environ, "PRODUCTION_COMMAND": command}
    return subprocess.call(["bash", str(ROOT / "deploy" / "ci-production.sh")], env=env)


def inside(args: argparse.Namespace) -> int:
    from tests.production.services import Client, production_env, state, wait_until

    os.environ.update(production_env())
    import django

    django.setup()
    from home.demo_admin import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD
    from videos import ffmpeg
    from videos.models import VideoDownloadJob, VideoPage, VideoRendition
    from videos.storage import readable_location, video_storage

    def longest_rendition():
        ready = VideoRendition.objects.filter(
            name=RENDITION,
            asset__status="ready",
            duration__gte=CLIP_SECONDS + 0.5,
            asset__in=VideoPage.objects.live().values("asset"),
        )
        return ready.order_by("-duration").first()

    rendition = wait_until(longest_rendition, 900, 1, what="a processed demo video")
    video = VideoPage.objects.live().filter(asset=rendition.asset_id).first()
    client = Client(state()["apps"][0])
    client.sign_in(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD)
    client.get("/admin/")  # the csrftoken cookie

    spread = rendition.duration - CLIP_SECONDS - 0.3
    starts = [round(0.04 * (n + 1) + spread * n / (args.runs + 1), 2)
              for n in range(args.runs + 1)]  # fmt: skip
    totals, queued, cut, bare = [], [], [], []
    source = readable_location(video_storage(), rendition.file.name)
    for number, start in enumerate(starts):
        variables = {
            "input": {
                "videoId": str(video.pk),
                "rendition": RENDITION,
                "start": start,
                "end": start + CLIP_SECONDS,
                "precision": "FAST",
            }
        }
        began = time.perf_counter()
        answer = client.graphql(DOWNLOAD, variables, csrf=True).json()
        if "errors" in answer:
            raise SystemExit(f"requestVideoDownload: {answer['errors']}")
        job = answer["data"]["requestVideoDownload"]

        def link(job_id=job["id"]):
            seen = client.graphql(FOLLOW, {"id": job_id}, csrf=True).json()
            seen = seen["data"]["videoDownloadJob"]
            if seen["status"] == "FAILED":
                raise SystemExit(f"the clip failed: {seen['errorCode']}")
            return seen["download"] and seen["download"]["url"]

        wait_until(link, 120, 0.02, what="the clip's link")
        took = time.perf_counter() - began
        # The same cut, bare: ffmpeg alone on the same S3 location.
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / "clip.mp4"
            began = time.perf_counter()
            ffmpeg.run_ffmpeg(
                ["-seek_streams_individually", "0", "-ss", f"{start:.3f}",
                 "-i", source, "-t", f"{CLIP_SECONDS:.3f}", "-map", "0:v:0",
                 "-map", "0:a:0?", "-c", "copy", "-avoid_negative_ts", "make_zero",
                 "-movflags", "+faststart", str(target)]
            )  # fmt: skip
            floor = time.perf_counter() - began
        record = VideoDownloadJob.objects.select_related("clip").get(pk=job["id"])
        clip = record.clip
        waited = (clip.started_at - record.created_at).total_seconds()
        worked = (clip.finished_at - clip.started_at).total_seconds()
        print(
            f"  run {number}: {took * 1000:7.0f} ms request→link (queue "
            f"{waited * 1000:.0f} ms, worker {worked * 1000:.0f} ms); bare ffmpeg "
            f"{floor * 1000:.0f} ms" + ("" if number else "  [warm-up, not counted]"),
            flush=True,
        )
        if not number:
            continue
        totals.append(took)
        bare.append(floor)
        queued.append(waited)
        cut.append(worked)

    def p50(values):
        return statistics.median(values)

    print()
    print(f"10 s FAST clip of {rendition.name} ({video.slug}), {len(totals)} runs:")
    print(f"  {'':28} {'p50':>8} {'max':>8}")
    print(f"  {'request → link':28} {p50(totals):8.3f} {max(totals):8.3f} s")
    print(f"  {'  of it: queue → claim':28} {p50(queued):8.3f} {max(queued):8.3f} s")
    print(f"  {'  of it: worker cut + store':28} {p50(cut):8.3f} {max(cut):8.3f} s")
    print(f"  {'bare ffmpeg, same span':28} {p50(bare):8.3f} {max(bare):8.3f} s")
    print(f"  ratio p50 request→link / bare ffmpeg: {p50(totals) / p50(bare):.1f}x")
    summary = {
        "runs": len(totals),
        "rendition": rendition.name,
        "p50": p50(totals),
        "max": max(totals),
        "queue_p50": p50(queued),
        "cut_p50": p50(cut),
        "bare_p50": p50(bare),
        "bare_max": max(bare),
        "ratio_p50": p50(totals) / p50(bare),
    }
    print(json.dumps(summary))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    if os.environ.get("PORTAL_PRODUCTION_STATE"):
        return inside(args)
    return outside(args)


if __name__ == "__main__":
    sys.exit(main())
