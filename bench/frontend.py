"""``make bench-frontend``: what the portal costs, as ratios.

1. JavaScript sent for a press release page: every ``<script src>`` of the page,
   in bytes and gzipped (what a browser downloads before the page is interactive).
2. Server render time of the release list (``/en/newsroom/``, the portal asking the
   CMS, rendering the HTML) against the raw GraphQL call it makes (the CMS alone),
   median of timed rounds after a warm-up: warm (the portal's data cache and the
   CMS's response cache filled) against the raw call answered from the CMS's
   cache; cold (every round a different filter, so both caches miss) against the
   raw call with as many different filters. Beside each, the GraphQL requests one
   render makes, counted on the CMS side (tests/e2e/portal/operations.py).

``--before DIR`` also starts the ``frontend/`` of another checkout (built there
with ``npm run build``), against the same CMS, and times both portals in
alternate rounds (the machine's load falls on both alike): before/after ratios.

It prepares the demo content in a throw-away folder, builds the portal if it was
not built (``npm run build``) and starts both on loopback. Run it as
``.venv/bin/python bench/frontend.py [--rounds N] [--before DIR]``."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import contextlib  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import urllib.parse  # noqa: E402
import urllib.request  # noqa: E402

from tests import live  # noqa: E402
from tests.e2e.portal.conftest import FRONTEND, build_portal, started  # noqa: E402
from tests.e2e.portal.weight import javascript_of  # noqa: E402

LIST_QUERY = (
    "query ReleaseList($locale: LanguageCode!, $page: Int!, $dateFrom: Date) { "
    "pressReleases(locale: $locale, page: $page, perPage: 10, dateFrom: $dateFrom) "
    "{ items { id title date location summary url heroImage { id url width height "
    'srcSet(sizes: [320, 640], format: "webp") } topics { id name slug } } '
    "pagination { total totalPages currentPage perPage } } }"
)


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read()


def seconds(url: str) -> float:
    start = time.perf_counter()
    get(url)
    return time.perf_counter() - start


def day(number: int, month: int) -> str:
    """A different dateFrom for each round (and each portal: ``month``)."""
    return f"20{10 + number % 15:02d}-{month:02d}-{1 + number // 15:02d}"


class Counted:
    """The GraphQL operations the CMS was asked, per render."""

    def __init__(self, cms: str):
        self.url = f"{cms}/__tests__/graphql-operations/"

    def take(self) -> list[str]:
        return json.loads(get(self.url))["operations"]


def raw_list(cms: str, date_from: str | None) -> str:
    variables = {"locale": "en", "page": 1, "dateFrom": date_from}
    return (
        f"{cms}/graphql/?query={urllib.parse.quote(LIST_QUERY)}"
        f"&variables={urllib.parse.quote(json.dumps(variables))}"
    )


def measure(portals: dict[str, str], cms: str, rounds: int) -> dict:
    """Median render times of each portal (alternate rounds), and of the raw call;
    GraphQL requests per render of the last portal."""
    counted = Counted(cms)
    results = {
        name: {"warm": [], "cold": [], "ops_warm": 0, "ops_cold": 0} for name in portals
    }
    raw_warm, raw_cold = [], []
    get(raw_list(cms, None))
    for url in portals.values():
        get(f"{url}/en/newsroom/")  # warm-up (persisted-query registration too)
        get(f"{url}/en/newsroom/")
    counted.take()
    for number in range(rounds):
        order = list(portals.items())
        if number % 2:
            order.reverse()
        raw_warm.append(seconds(raw_list(cms, None)))
        for name, url in order:
            counted.take()
            results[name]["warm"].append(seconds(f"{url}/en/newsroom/"))
            results[name]["ops_warm"] += len(counted.take())
    for number in range(rounds):
        order = list(portals.items())
        if number % 2:
            order.reverse()
        raw_cold.append(seconds(raw_list(cms, day(number, 1))))
        for month, (name, url) in enumerate(order, start=2):
            counted.take()
            filtered = (
                f"{url}/en/newsroom/?dateFrom={day(number, month + 2 * (number % 2))}"
            )
            results[name]["cold"].append(seconds(filtered))
            results[name]["ops_cold"] += len(counted.take())
    for result in results.values():
        for key in ("warm", "cold"):
            result[key] = statistics.median(result[key])
        for key in ("ops_warm", "ops_cold"):
            result[key] /= rounds
    return {
        "raw_warm": statistics.median(raw_warm),
        "raw_cold": statistics.median(raw_cold),
        "portals": results,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--before", type=Path, help="another checkout's frontend/")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-frontend-"))
    cms_port, portal_port = live.free_port(), live.free_port()
    cms, portal = f"http://127.0.0.1:{cms_port}", f"http://127.0.0.1:{portal_port}"
    # The portal tests' CMS settings: the response cache on, as in production.
    env = live.site_env(
        folder,
        "tests.e2e.portal.settings",
        E2E_BASE_URL=cms,
        E2E_PORTAL_URL=portal,
        E2E_TASKS_IMMEDIATE="1",
    )
    live.prepare("tests.e2e.site", env)
    os.environ["E2E_PORTAL_BUILT"] = os.environ.get("E2E_PORTAL_BUILT", "1")
    build_portal()
    next_env = {**os.environ, "CMS_URL": cms, "NEXT_TELEMETRY_DISABLED": "1"}

    def next_start(frontend: Path, port: int, log: str):
        command = [str(frontend / "node_modules" / ".bin" / "next"), "start"]
        command += ["-p", str(port), "-H", "127.0.0.1"]
        return started(command, frontend, next_env, folder / log, port)

    portals = {"after": portal}
    with contextlib.ExitStack() as stack:
        stack.enter_context(live.runserver(env, folder / "cms.log", cms_port))
        stack.enter_context(next_start(FRONTEND, portal_port, "portal.log"))
        if args.before:
            before_port = live.free_port()
            stack.enter_context(next_start(args.before, before_port, "before.log"))
            portals = {"before": f"http://127.0.0.1:{before_port}", **portals}
        html = get(f"{portal}/en/newsroom/").decode()
        release = re.search(r'href="(/en/newsroom/[^"/]+/)"', html).group(1)
        page = get(portal + release).decode()
        weight = javascript_of(page, lambda src: get(portal + src))
        print(f"Release page {release}: HTML {len(page):,} bytes")
        print(f"  JavaScript: {weight}")

        found = measure(portals, cms, args.rounds)
        raw_warm, raw_cold = found["raw_warm"], found["raw_cold"]
        print(f"Release list, median of {args.rounds}:")
        print(f"  raw GraphQL call, CMS response cache: {raw_warm * 1000:.1f} ms")
        print(f"  raw GraphQL call, a new filter each: {raw_cold * 1000:.1f} ms")
        for name, result in found["portals"].items():
            label = f" ({name})" if len(portals) > 1 else ""
            for key, raw in (("warm", raw_warm), ("cold", raw_cold)):
                print(
                    f"  portal render{label}, {key}: {result[key] * 1000:.1f} ms "
                    f"({result[key] / raw:.1f}x the raw call), "
                    f"{result['ops_' + key]:.1f} GraphQL requests per render"
                )
        if args.before:
            before, after = found["portals"]["before"], found["portals"]["after"]
            for key in ("warm", "cold"):
                print(
                    f"  after/before, {key}: {after[key] / before[key]:.2f} "
                    f"({before[key] * 1000:.1f} ms → {after[key] * 1000:.1f} ms)"
                )


if __name__ == "__main__":
    main()
