"""``make bench-publish``: the response cache while editors publish all day.

gunicorn with ``--workers`` processes on the run's database (PostgreSQL when
DATABASE_URL says so) and shared cache (Redis when REDIS_URL is set), the load run's
mix of queries in both languages (bench/loadgen.py), two phases of ``--seconds``
each in one run: quiet (no publishes), then one publish every ``--every`` seconds
(a release and its translation), each third one followed by the unpublish of the
release just published, after which several requests check the listings: an
answer still showing it is STALE. It prints, side by side, the hit ratio (from the
``X-Cache`` headers) and p50/p95/p99, and the targets: hit ratio with publishes at
least 90% of the quiet one, p99 with publishes at most 2x, no errors, no stale
answer after an unpublish commits.

    DATABASE_URL=postgres://… REDIS_URL=redis://… .venv/bin/python bench/publish.py
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
import signal  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402

from bench.database import BenchStorage  # noqa: E402
from bench.load import (  # noqa: E402
    PYTHON,
    Child,
    RunFailed,
    free_port,
    percentile,
    wait_until_serving,
)
from bench.loadgen import MIX, listing, send  # noqa: E402

HIT_RATIO_TARGET = 0.9
P99_TARGET = 2.0


def start_load(env, folder: Path, port: int, args, name: str) -> tuple[Child, Path]:
    out = folder / f"{name}.json"
    generator = Child(
        f"load generator ({name})",
        [
            PYTHON,
            "-m",
            "bench.loadgen",
            f"--port={port}",
            f"--seconds={args.seconds}",
            f"--concurrency={args.concurrency}",
            f"--out={out}",
        ],
        env,
        folder / f"{name}.log",
    )
    return generator, out


def finish(generator: Child, out: Path, seconds: float) -> dict:
    try:
        generator.process.wait(timeout=seconds + 60)
    except subprocess.TimeoutExpired as timeout:
        raise RunFailed("The load generator did not stop in time.") from timeout
    if generator.process.returncode != 0 or not out.exists():
        raise RunFailed(f"The load generator failed:\n{generator.tail()}")
    return json.loads(out.read_text())


def still_shown(port: int, title: str, requests: int) -> tuple[int, int]:
    """(answers still showing ``title``, answers) over the listings."""
    needle = json.dumps(title)[1:-1].encode()
    calls = [listing("en", "GET"), listing("en", "POST")]
    stale = 0
    for number in range(requests):
        answer = send(port, calls[number % len(calls)])
        if answer.problem or needle in answer.body:
            stale += 1
    return stale, requests


def run(args, storage: BenchStorage, children: list) -> int:
    env = {
        **os.environ,
        **storage.env,
        "PYTHONPATH": str(ROOT),
        "GRAPHQL_CACHE_ENABLED": "true",
        "DJANGO_DEBUG": "false",
        "DATABASE_CONN_MAX_AGE": "60",
    }
    publisher = Child(
        "publisher",
        [PYTHON, "-m", "bench.publisher"],
        env,
        storage.folder / "publisher.log",
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    children.append(publisher)
    publisher.ask(f"seed {args.items}", timeout=900)
    port = free_port()
    server = Child(
        "gunicorn",
        [
            PYTHON,
            "-m",
            "gunicorn",
            "bench.wsgi:application",
            f"--workers={args.workers}",
            f"--bind=127.0.0.1:{port}",
            "--timeout=30",
            "--log-level=warning",
        ],
        env,
        storage.folder / "gunicorn.log",
    )
    children.append(server)
    wait_until_serving(server, port, timeout=60)
    for _weight, call in MIX:
        answer = send(port, call)
        if answer.problem:
            raise RunFailed(f"Warm-up {call.name} failed: {answer.problem}")

    print(f"Quiet phase: {args.seconds:.0f} s, no publishes…", flush=True)
    generator, out = start_load(env, storage.folder, port, args, "quiet")
    children.append(generator)
    quiet = finish(generator, out, args.seconds)

    print(f"Publishing phase: one publish every {args.every:.0f} s…", flush=True)
    generator, out = start_load(env, storage.folder, port, args, "publishing")
    children.append(generator)
    started = time.monotonic()
    publishes = stale = checked = 0
    commit_seconds = []
    while time.monotonic() - started < args.seconds - args.every:
        time.sleep(max(0.0, started + (publishes + 1) * args.every - time.monotonic()))
        publishes += 1
        title = f"Publish-run release {publishes}"
        answer = publisher.ask(f"release {title}", timeout=120)
        commit_seconds.append(float(answer.split()[1]))
        if publishes % 3 == 0:
            publisher.ask(f"unpublish {title}", timeout=120)
            found, sent = still_shown(port, title, args.check_requests)
            stale, checked = stale + found, checked + sent
    publishing = finish(generator, out, args.seconds)
    return report(args, quiet, publishing, publishes, stale, checked, storage)


def hit_ratio(results: dict) -> float:
    cache = results["cache"]
    return (cache.get("HIT", 0) + cache.get("STALE", 0)) / max(1, results["requests"])


def report(args, quiet, publishing, publishes, stale, checked, storage) -> int:
    cache = "Redis" if os.environ.get("REDIS_URL") else "DatabaseCache"
    print(
        f"\n{os.cpu_count()} cores; gunicorn {args.workers} workers; "
        f"{storage.describe()}; cache: {cache}; {args.concurrency} client threads."
    )
    print(
        f"  {'phase':<14}{'requests':>9}{'errors':>8}{'hit %':>8}{'stale %':>9}"
        f"{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}"
    )
    for name, results in (("quiet", quiet), ("publishing", publishing)):
        latencies = results["latencies_ms"]
        served_stale = results["cache"].get("STALE", 0) / max(1, results["requests"])
        print(
            f"  {name:<14}{results['requests']:>9}{results['errors']:>8}"
            f"{100 * hit_ratio(results):>8.1f}{100 * served_stale:>9.1f}"
            f"{percentile(latencies, 0.5):>8.1f}{percentile(latencies, 0.95):>8.1f}"
            f"{percentile(latencies, 0.99):>8.1f}"
        )
    ratio = hit_ratio(publishing) / max(hit_ratio(quiet), 1e-9)
    p99 = percentile(publishing["latencies_ms"], 0.99) / max(
        percentile(quiet["latencies_ms"], 0.99), 1e-9
    )
    errors = quiet["errors"] + publishing["errors"]
    print(
        f"Publishes: {publishes}; unpublishes checked with {checked} requests: "
        f"{stale} still showed the withdrawn release."
    )
    checks = [
        (f"hit ratio with publishes / quiet = {ratio:.2f}", ratio >= HIT_RATIO_TARGET),
        (f"p99 with publishes / quiet = {p99:.2f}", p99 <= P99_TARGET),
        (f"errors = {errors}", errors == 0),
        (f"stale after unpublish = {stale}", stale == 0),
    ]
    for text, ok in checks:
        print(f"  {'PASS' if ok else 'FAIL'}: {text}")
    return 0 if all(ok for _text, ok in checks) else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--every", type=float, default=5.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--check-requests", type=int, default=8)
    args = parser.parse_args()

    def interrupted(signum, _frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, interrupted)
    storage = BenchStorage(prefix="portal-publish-")
    children: list = []
    try:
        return run(args, storage, children)
    except RunFailed as failure:
        print(f"\nThe run failed: {failure}")
        return 2
    except KeyboardInterrupt:
        return 130
    finally:
        for child in reversed(children):
            child.stop()
        storage.close()


if __name__ == "__main__":
    sys.exit(main())
