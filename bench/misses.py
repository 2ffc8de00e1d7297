"""``make bench-misses``: what a list miss costs after one release changed,
against a cold one (issue 17, "cheaper misses": cms/graphql/nodes.py).

One run seeds N releases (``--items``, default 50) per language in a throw-away
database and asks the listing of ``make bench`` (N releases with people, topics,
translations and srcSet) through the shared response cache, in rounds of three
requests measured side by side:

- **cold**: every entry invalidated (``GLOBAL`` bumped, as any change did
  before issue 17): no answer, no item, every item computed and filed in the
  node cache;
- **after one release changed**: one release of the list republished (a new
  title), so the answer misses: with the node cache, that release's item is
  computed and the other N-1 are taken from the cache;
- the same miss with the node cache off (``GRAPHQL_NODE_CACHE=False``): what a
  miss cost before it.

Each request's time is this process's CPU time (the database is SQLite in the
same process, so its work counts; other processes on the machine do not), the
median over the rounds; SQL is the number of queries, the cache's own table
apart. Every answer is checked against the one computed with no cache at all.
Run it as ``.venv/bin/python bench/misses.py [--items N] [--rounds R]``.
"""

# Run as a script, Python puts bench/ first on the path, where this file would
# shadow the graphql package: put the project root there instead.
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
import platform  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402

from bench.database import BenchStorage, migrate_and_seed  # noqa: E402
from bench.graphql import LISTING_FIELDS, OUR_QUERY  # noqa: E402

TRANSACTIONS = ("SAVEPOINT", "RELEASE SAVEPOINT", "BEGIN", "COMMIT", "ROLLBACK")


@dataclass
class Measured:
    name: str
    seconds: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)
    content_sql: list[int] = field(default_factory=list)
    cache_sql: list[int] = field(default_factory=list)
    hits: list[int] = field(default_factory=list)
    computed: list[int] = field(default_factory=list)

    def median(self, values) -> float:
        return statistics.median(values) if values else 0.0


def run(args) -> int:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection, connections, transaction
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    from cms.graphql import cache, nodes
    from newsroom.models import PressReleasePage

    migrate_and_seed(args.items)
    client = Client(HTTP_HOST="localhost")
    body = json.dumps(
        {"query": OUR_QUERY % {"items": args.items, "fields": LISTING_FIELDS}}
    )
    table = settings.CACHES[settings.GRAPHQL_CACHE_ALIAS].get("LOCATION") or "-"

    def request() -> tuple[bytes, str]:
        response = client.post("/graphql/", body, content_type="application/json")
        assert response.status_code == 200, response.content[:500]
        return response.content, response.get("X-Cache", "")

    def measure(into: Measured) -> bytes:
        connection.queries_log.clear()
        nodes.last = None
        with CaptureQueriesContext(connection) as captured:
            cpu, wall = time.process_time(), time.perf_counter()
            content, state = request()
            into.seconds.append(time.process_time() - cpu)
            into.wall.append(time.perf_counter() - wall)
        assert state == "MISS", state
        queries = [q["sql"] for q in captured.captured_queries]
        # The cache's own table, and the transactions of its writes.
        ours = [q for q in queries if table in q or q.startswith(TRANSACTIONS)]
        into.cache_sql.append(len(ours))
        into.content_sql.append(len(queries) - len(ours))
        used = nodes.last
        into.hits.append(used.hits if used else 0)
        into.computed.append(used.computed if used else 0)
        return content

    def expected() -> bytes:
        with override_settings(GRAPHQL_CACHE_ENABLED=False):
            return request()[0]

    releases = list(
        PressReleasePage.objects.filter(locale__language_code="en")
        .order_by("-date", "-pk")
        .values_list("pk", flat=True)[: args.items]
    )

    def republish(number: int) -> None:
        with transaction.atomic():
            page = PressReleasePage.objects.get(pk=releases[number % len(releases)])
            page.title = page.title.split(" (rev")[0] + f" (rev {number})"
            page.save_revision().publish()

    cold = Measured("cold list miss (empty cache)")
    warm = Measured("list miss after one release changed")
    before = Measured("the same, node cache OFF (as before)")
    problems = []
    try:
        # One process, one clock: what it stores right after a change is not
        # refused for the servers' clock difference.
        with override_settings(
            GRAPHQL_CACHE_ENABLED=True,
            GRAPHQL_CACHE_STALE_SECONDS=0,
            GRAPHQL_CACHE_CLOCK_SKEW=0,
        ):
            for _ in range(2):  # warm-up: renditions made, code paths hot
                cache.invalidate()
                request()
            for number in range(args.rounds):
                cache.invalidate()  # GLOBAL: every answer and item
                if measure(cold) != expected():
                    problems.append("cold answer differs")
                republish(2 * number)
                if measure(warm) != expected():
                    problems.append("answer after a change differs")
                with override_settings(GRAPHQL_NODE_CACHE=False):
                    republish(2 * number + 1)
                    if measure(before) != expected():
                        problems.append("answer without node cache differs")
    finally:
        connections.close_all()
    if problems:
        print("The answers are not the ones computed without a cache:")
        print("\n".join(f"  {p}" for p in sorted(set(problems))))
        return 2
    report(args, cold, warm, before)
    return 0


def report(args, cold: Measured, warm: Measured, before: Measured) -> None:
    from django.conf import settings

    print()
    print(
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"N = {args.items} releases per list, {args.rounds} rounds; database: "
        f"{args.database}; cache: {settings.CACHES['default']['BACKEND']}"
    )
    print()
    header = (
        f"{'request':<40} {'CPU ms':>7} {'wall ms':>8} {'SQL':>5} {'cache SQL':>9}"
        f" {'items reused':>12} {'computed':>8}"
    )
    print(header)
    print("-" * len(header))
    for m in (cold, warm, before):
        print(
            f"{m.name:<40} {m.median(m.seconds) * 1000:>7.1f}"
            f" {m.median(m.wall) * 1000:>8.1f} {m.median(m.content_sql):>5.0f}"
            f" {m.median(m.cache_sql):>9.0f} {m.median(m.hits):>12.0f}"
            f" {m.median(m.computed):>8.0f}"
        )
    ratio = warm.median(warm.seconds) / cold.median(cold.seconds)
    print()
    print(f"miss after one release changed / cold miss: {ratio:.2f}x (CPU)")
    print(
        "without the node cache it was "
        f"{before.median(before.seconds) / cold.median(cold.seconds):.2f}x"
    )
    print(
        "SQL: content queries; 'cache SQL': the shared cache's own (its table and "
        "the transactions of its writes; the database cache writes one key at a "
        "time: Redis one pipeline)."
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=50, help="releases (1-100)")
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    if not 1 <= args.items <= 100:
        parser.error("--items must be between 1 and 100 (the largest perPage).")
    storage = BenchStorage()
    args.database = storage.describe()
    try:
        storage.apply()
        return run(args)
    finally:
        storage.close()


if __name__ == "__main__":
    sys.exit(main())
