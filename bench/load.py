"""``make load``: the GraphQL endpoint under load in gunicorn, while an editor
publishes, checking that no answer is stale once a publish has committed.

One run, on a throw-away database (SQLite in WAL mode, or a database of its own
when DATABASE_URL points at PostgreSQL), with the shared response cache on:

1. a publisher process (bench/publisher.py) migrates and seeds the content;
2. gunicorn serves the project (bench/wsgi.py: cms.urls, DEBUG off) with
   ``--workers`` sync workers on a free loopback port;
3. a load generator process (bench/loadgen.py) sends a mix of GraphQL queries,
   GET and POST, for ``--seconds``;
4. meanwhile the publisher publishes new releases and renames a topic, several
   times; after each commit this process queries the listings through the server
   (several requests, so several workers answer) and counts as STALE every answer
   without the new content.

It prints requests, errors, stale answers, latency percentiles and throughput, and
exits non-zero when there were errors or stale answers. Every child process is
stopped at the end, on failure and on Ctrl-C too; every wait is bounded.
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
import select  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402

from bench.database import BenchStorage  # noqa: E402
from bench.loadgen import MIX, TOPICS, Call, listing, send  # noqa: E402
from bench.machine import Contention  # noqa: E402

PYTHON = sys.executable


class RunFailed(Exception):
    pass


def _die_with_parent() -> None:
    """In the child, before exec: on Linux, get SIGTERM if this process dies even
    by SIGKILL, so no server outlives a killed run."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Child:
    """A child process in a session of its own (so a Ctrl-C in the terminal reaches
    only this process, which then stops the children in order)."""

    def __init__(self, name: str, command: list[str], env: dict, log: Path, **kw):
        self.name, self.log_path = name, log
        self.log = open(log, "wb")
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=kw.pop("stdout", self.log),
            stderr=self.log,
            start_new_session=True,
            preexec_fn=_die_with_parent,
            **kw,
        )
        self.pending = b""

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self, grace: float = 10.0) -> None:
        process = self.process
        if process.poll() is None:
            for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5.0)):
                try:
                    os.killpg(process.pid, sig)  # its own group: our child only
                except ProcessLookupError:
                    break
                try:
                    process.wait(timeout=wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                stream.close()
        self.log.close()

    def tail(self, lines: int = 15) -> str:
        try:
            text = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return ""
        return "\n".join(f"    {line}" for line in text[-lines:])

    # --- line protocol (the publisher) -------------------------------------------

    def ask(self, command: str, timeout: float) -> str:
        self.process.stdin.write(command.encode() + b"\n")
        self.process.stdin.flush()
        deadline = time.monotonic() + timeout
        descriptor = self.process.stdout.fileno()
        while b"\n" not in self.pending:
            left = deadline - time.monotonic()
            if left <= 0:
                raise RunFailed(f"The {self.name} did not answer {command!r} in time.")
            ready, _w, _x = select.select([descriptor], [], [], min(left, 1.0))
            if ready:
                chunk = os.read(descriptor, 65536)
                if not chunk:
                    raise RunFailed(
                        f"The {self.name} exited on {command!r}:\n{self.tail()}"
                    )
                self.pending += chunk
        line, _newline, self.pending = self.pending.partition(b"\n")
        answer = line.decode()
        if not answer.startswith("ok "):
            raise RunFailed(
                f"The {self.name} failed {command!r}: {answer}\n{self.tail()}"
            )
        return answer


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def process_tree(root: int) -> list[int]:
    """``root`` and its descendants (Linux /proc)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            parents.setdefault(parent, []).append(int(entry.name))
    tree, frontier = [root], [root]
    while frontier:
        frontier = [c for pid in frontier for c in parents.get(pid, [])]
        tree += frontier
    return tree


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time used so far by these processes (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def wait_until_serving(server: Child, port: int, timeout: float) -> None:
    probe = Call("probe", "POST", "{ __typename }", {})
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not server.alive():
            raise RunFailed(f"gunicorn exited:\n{server.tail()}")
        if send(port, probe, timeout=2).status == 200:
            return
        time.sleep(0.2)
    raise RunFailed(f"gunicorn did not answer within {timeout:.0f} s:\n{server.tail()}")


class Checker:
    """After a commit, every answer to the listings must show the change."""

    def __init__(self, port: int, requests: int, seconds: float):
        self.port, self.requests, self.seconds = port, requests, seconds
        self.sent = self.stale = self.errors = 0
        self.samples: list[str] = []
        self.workers: set[str] = set()
        self.workers_per_check: list[int] = []

    def check(self, calls: list[Call], expected: str) -> None:
        """Query ``calls`` in turn, ``self.requests`` times or for ``self.seconds``,
        whichever ends first; each answer without ``expected`` is stale."""
        needle = json.dumps(expected)[1:-1].encode()  # as it appears in JSON
        seen: set[str] = set()
        deadline = time.monotonic() + self.seconds
        for number in range(self.requests):
            if time.monotonic() >= deadline:
                break
            call = calls[number % len(calls)]
            answer = send(self.port, call)
            self.sent += 1
            seen.add(answer.worker)
            if answer.problem:
                self.errors += 1
                self.samples.append(f"{call.name}: {answer.problem}")
            elif needle not in answer.body:
                self.stale += 1
                self.samples.append(
                    f"STALE {call.name} from worker {answer.worker}: "
                    f"no {expected!r} after the commit"
                )
        self.workers |= seen
        self.workers_per_check.append(len(seen))


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def run(args, storage: BenchStorage, children: list[Child]) -> int:
    folder = storage.folder
    env = {
        **os.environ,
        **storage.env,
        "PYTHONPATH": str(ROOT),
        "GRAPHQL_CACHE_ENABLED": "true",
        "DJANGO_DEBUG": "false",
        "DATABASE_CONN_MAX_AGE": str(args.conn_max_age),
        "BENCH_SKIP_INVALIDATION": "1" if args.without_invalidation else "0",
        # This run checks that a publish is seen at once: no stale-while-revalidate
        # (bench/publish.py measures with it, as in production).
        "GRAPHQL_CACHE_STALE_SECONDS": "0",
    }
    cache_backend = (
        "Redis (REDIS_URL), keys under this run's prefix"
        if os.environ.get("REDIS_URL")
        else "DatabaseCache (table portal_cache in the run's database)"
    )

    print(f"Seeding {args.items} releases per language …", flush=True)
    started = time.monotonic()
    publisher = Child(
        "publisher",
        [PYTHON, "-m", "bench.publisher"],
        env,
        folder / "publisher.log",
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    children.append(publisher)
    publisher.ask(f"seed {args.items}", timeout=600)
    print(f"… ready in {time.monotonic() - started:.1f} s", flush=True)

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
            "--graceful-timeout=5",
            "--log-level=warning",
        ],
        env,
        folder / "gunicorn.log",
    )
    children.append(server)
    wait_until_serving(server, port, timeout=60)
    for _weight, call in MIX:  # warm-up: renditions made, every answer cached
        answer = send(port, call)
        if answer.problem:
            raise RunFailed(f"Warm-up {call.name} failed: {answer.problem}")

    server_pids = process_tree(server.process.pid)
    server_cpu = cpu_seconds(server_pids)
    publisher_cpu = cpu_seconds([publisher.process.pid])
    own_cpu = time.process_time()
    contention = Contention()
    contention.start()
    results_path = folder / "loadgen.json"
    generator = Child(
        "load generator",
        [
            PYTHON,
            "-m",
            "bench.loadgen",
            f"--port={port}",
            f"--seconds={args.seconds}",
            f"--concurrency={args.concurrency}",
            f"--out={results_path}",
        ],
        env,
        folder / "loadgen.log",
    )
    children.append(generator)
    load_started = time.monotonic()
    print(
        f"Load: {args.seconds:.0f} s, {args.concurrency} client threads against "
        f"{args.workers} gunicorn workers; {args.publishes} publishes during it",
        flush=True,
    )

    checker = Checker(port, args.check_requests, args.check_seconds)
    en_listing = [listing("en", "POST"), listing("en", "GET")]
    fr_listing = [listing("fr", "GET"), listing("fr", "POST")]
    topics_en = Call("topics en POST", "POST", TOPICS, {"locale": "en"})
    publish_seconds = []
    for number in range(1, args.publishes + 1):
        at = load_started + args.seconds * number / (args.publishes + 1)
        time.sleep(max(0.0, at - time.monotonic()))
        if not generator.alive():
            break
        if number % 2:
            title = f"Load-test release {number}"
            answer = publisher.ask(f"release {title}", timeout=120)
            checker.check(en_listing, title)
            checker.check(fr_listing, f"{title} (FR)")
        else:
            name = f"Defence, edition {number}"
            answer = publisher.ask(f"topic {name}", timeout=120)
            checker.check([*en_listing, topics_en], name)
        publish_seconds.append(float(answer.split()[1]))
        print(f"  publish {number}: {answer[3:]}", flush=True)

    try:
        generator.process.wait(timeout=args.seconds + 60)
    except subprocess.TimeoutExpired as timeout:
        raise RunFailed("The load generator did not stop in time.") from timeout
    if generator.process.returncode != 0 or not results_path.exists():
        raise RunFailed(f"The load generator failed:\n{generator.tail()}")
    results = json.loads(results_path.read_text())
    results["server_cpu_seconds"] = cpu_seconds(server_pids) - server_cpu
    results["others_cpu_seconds"] = contention.others(
        results["server_cpu_seconds"]
        + results["cpu_seconds"]
        + cpu_seconds([publisher.process.pid])
        - publisher_cpu
        + time.process_time()
        - own_cpu
    )
    server_alive = server.alive()
    report(args, results, checker, publish_seconds, storage, cache_backend, port)
    failed = results["errors"] + checker.errors + checker.stale
    if not server_alive:
        print("gunicorn exited during the run:\n" + server.tail())
        failed += 1
    if failed and server.tail():
        print("gunicorn log (tail):\n" + server.tail())
    return 1 if failed else 0


def report(args, results, checker, publish_seconds, storage, cache, port) -> None:
    latencies = results["latencies_ms"]
    seconds = results["seconds"]
    print()
    print(
        f"Machine: {os.cpu_count()} cores. Server: gunicorn, {args.workers} sync "
        f"workers on 127.0.0.1:{port}, DEBUG off. Database: {storage.describe()}, "
        f"CONN_MAX_AGE {args.conn_max_age}. "
        f"Response cache: on, {cache}."
    )
    print(
        f"Client: Python threads in a process of their own ({args.concurrency}, "
        "closed loop, a new connection per request), sharing the 2 cores with "
        "the server: latencies are measured by the client, queueing included."
    )
    print(
        f"CPU during the run: server {results['server_cpu_seconds']:.1f} s, "
        f"load generator {results['cpu_seconds']:.1f} s, other processes on the "
        f"machine {results['others_cpu_seconds']:.1f} s, of "
        f"{os.cpu_count() * seconds:.0f} core-seconds"
        + (
            " (well above 0: the figures are disturbed)."
            if results["others_cpu_seconds"] > 0.05 * seconds
            else "."
        )
    )
    print()
    header = (
        f"{'requests':>9} {'errors':>7} {'stale':>6} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'p99 ms':>8} {'req/s':>8}"
    )
    print(header)
    print("-" * len(header))
    errors = results["errors"] + checker.errors
    print(
        f"{results['requests'] + checker.sent:>9d} {errors:>7d} {checker.stale:>6d} "
        f"{percentile(latencies, 0.50):>8.1f} {percentile(latencies, 0.95):>8.1f} "
        f"{percentile(latencies, 0.99):>8.1f} {results['requests'] / seconds:>8.1f}"
    )
    print()
    print(
        f"Load generator: {results['requests']} requests in {seconds:.1f} s, "
        f"{results['errors']} errors; answered by workers "
        + ", ".join(f"{w}: {n}" for w, n in sorted(results["workers"].items()))
    )
    print(f"{'  query':<42} {'count':>6} {'p50 ms':>8} {'p99 ms':>8}")
    for name, values in results["by_call"].items():
        print(
            f"  {name:<40} {len(values):>6d} {percentile(values, 0.5):>8.1f} "
            f"{percentile(values, 0.99):>8.1f}"
        )
    if publish_seconds:
        print(
            f"Publishes: {len(publish_seconds)} (releases and topic renames), "
            f"commit in {statistics.median(publish_seconds):.2f} s median, "
            f"{max(publish_seconds):.2f} s at most."
        )
    print(
        f"Freshness: {checker.sent} requests after the commits, answered by "
        f"{len(checker.workers)} workers ({min(checker.workers_per_check, default=0)}"
        f" to {max(checker.workers_per_check, default=0)} per check): "
        f"{checker.stale} stale, {checker.errors} errors."
    )
    samples = results["error_samples"] + checker.samples
    for sample in samples[:10]:
        print(f"  {sample}")
    if results.get("unfinished_threads"):
        print(f"  {results['unfinished_threads']} client threads did not finish.")
    print()
    verdict = "PASS" if not errors and not checker.stale else "FAIL"
    print(f"{verdict}: {errors} errors, {checker.stale} stale answers after commit.")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument(
        "--concurrency", type=int, default=6, help="client threads (closed loop)"
    )
    parser.add_argument("--items", type=int, default=50, help="releases seeded")
    parser.add_argument(
        "--publishes", type=int, help="publishes during the run (default: 1 per 10 s)"
    )
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        help="seconds the server keeps a database connection (the project's "
        "DATABASE_CONN_MAX_AGE, 0 by default: a connection per request)",
    )
    parser.add_argument(
        "--without-invalidation",
        action="store_true",
        help="check the checker: publish without invalidating the response cache "
        "(the run must then FAIL with stale answers)",
    )
    parser.add_argument("--check-requests", type=int, default=12)
    parser.add_argument("--check-seconds", type=float, default=5.0)
    args = parser.parse_args()
    if args.seconds <= 0 or args.workers < 1 or args.concurrency < 1:
        parser.error("--seconds, --workers and --concurrency must be positive.")
    if args.publishes is None:
        args.publishes = max(2, int(args.seconds // 10))

    # SIGTERM (and SIGHUP) end the run like Ctrl-C: the finally below stops the
    # children.
    def interrupted(signum, _frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGHUP, interrupted)

    storage = BenchStorage(prefix="portal-load-")
    children: list[Child] = []
    try:
        return run(args, storage, children)
    except RunFailed as failure:
        print(f"\nThe load run failed: {failure}")
        return 2
    except KeyboardInterrupt:
        print("\nInterrupted: stopping the server and the other processes.")
        return 130
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C: still clean
        for child in reversed(children):
            child.stop()
        storage.close()


if __name__ == "__main__":
    sys.exit(main())
