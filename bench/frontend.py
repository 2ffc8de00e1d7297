"""``make bench-frontend``: what the portal costs, as ratios.

1. JavaScript sent for a press release page: every ``<script src>`` of the page,
   in bytes and gzipped (what a browser downloads before the page is interactive).
2. Server render time of the release list (``/en/newsroom/``, the portal asking the
   CMS, rendering the HTML) against the raw GraphQL call it makes (the CMS alone),
   median of timed rounds after a warm-up, both warm (the portal's data cache and
   the CMS's response cache filled), then cold for the portal (every round a
   different filter, so its data cache misses).

It prepares the demo content in a throw-away folder, builds the portal if it was
not built (``npm run build``) and starts both on loopback. Run it as
``.venv/bin/python bench/frontend.py [--rounds N]``."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
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
    "query ReleaseList($locale: LanguageCode!, $page: Int!) { pressReleases("
    "locale: $locale, page: $page, perPage: 10) { items { id title date location "
    "summary url heroImage { id url width height srcSet(sizes: [320, 640], "
    'format: "webp") } topics { id name slug } } pagination { total totalPages '
    "currentPage perPage } } }"
)


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read()


def timed(url: str, rounds: int) -> float:
    get(url)  # warm-up
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        get(url)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
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
    next_bin = str(FRONTEND / "node_modules" / ".bin" / "next")
    command = [next_bin, "start", "-p", str(portal_port), "-H", "127.0.0.1"]
    with (
        live.runserver(env, folder / "cms.log", cms_port),
        started(command, FRONTEND, next_env, folder / "portal.log", portal_port),
    ):
        html = get(f"{portal}/en/newsroom/").decode()
        release = re.search(r'href="(/en/newsroom/[^"/]+/)"', html).group(1)
        page = get(portal + release).decode()
        weight = javascript_of(page, lambda src: get(portal + src))
        print(f"Release page {release}: HTML {len(page):,} bytes")
        print(f"  JavaScript: {weight}")

        variables = urllib.parse.quote('{"locale": "en", "page": 1}')
        graphql_url = f"{cms}/graphql/?query={urllib.parse.quote(LIST_QUERY)}"
        graphql_url += f"&variables={variables}"
        raw_call = timed(graphql_url, args.rounds)
        warm = timed(f"{portal}/en/newsroom/", args.rounds)
        cold = []
        for number in range(args.rounds):
            start = time.perf_counter()
            day = f"20{10 + number % 15:02d}-01-{1 + number // 15:02d}"
            get(f"{portal}/en/newsroom/?dateFrom={day}")
            cold.append(time.perf_counter() - start)
        cold_median = statistics.median(cold)
        print(f"Release list, median of {args.rounds}:")
        print(f"  raw GraphQL call (CMS response cache): {raw_call * 1000:.1f} ms")
        print(
            f"  portal render, data cache warm: {warm * 1000:.1f} ms "
            f"({warm / raw_call:.1f}x the raw call)"
        )
        print(
            f"  portal render, data cache cold: {cold_median * 1000:.1f} ms "
            f"({cold_median / raw_call:.1f}x the raw call)"
        )


if __name__ == "__main__":
    main()
