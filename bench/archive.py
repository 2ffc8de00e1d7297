"""``make bench-archive``: do listings, filters and counts stay flat as the archive
grows? One run seeds a throw-away database (PostgreSQL when DATABASE_URL says so)
at each size of ``--sizes`` in turn (releases; videos are ``--video-share`` of
that), both languages, bulk-inserted metadata, and measures through /graphql/
(response cache off) the p50/p95 of: the first page, the last page by number
(page 5,000 of 100,000 releases at 10 per page: the deepest ``OFFSET``), the same
page by cursor, each filter (topic, person, a year), the count, the video list
and a search (and the same search with its total and facets, which count every
match: shown, not a target). It prints each size side by side and the ratio of
the largest to the smallest (flat: at most 1.5x), and the PostgreSQL plans of the
deep pages. Target on PostgreSQL: p95 under 100 ms for each. On PostgreSQL each
size's database is vacuumed and analysed before measuring.

    DATABASE_URL=postgres://… .venv/bin/python bench/archive.py \\
        --sizes 10000,100000 [--video-share 0.4] [--rounds 20] [--keep NAME]

``--keep NAME`` (PostgreSQL) keeps one seeded database per size, ``NAME_<size>``,
between runs: a later run with the same name measures without seeding again
(each larger size starts as a copy of the smaller one).
"""

# Run as a script, Python puts bench/ first on the path: put the project root there.
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if sys.path and Path(sys.path[0]).resolve() == ROOT / "bench":
    sys.path[0] = str(ROOT)
elif str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import datetime  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402

from bench.database import BenchStorage, migrate  # noqa: E402
from bench.search import percentile  # noqa: E402
from bench.search import seed as seed_releases  # noqa: E402

TARGET_P95_MS = 100.0
FLAT_RATIO = 1.5
PER_PAGE = 10
BATCH = 2000

LIST = (
    """query($locale: LanguageCode, $page: Int, $after: String, $topic: String,
  $person: String, $from: Date, $to: Date) {
  pressReleases(locale: $locale, perPage: %d, page: $page, after: $after,
    topic: $topic, person: $person, dateFrom: $from, dateTo: $to) {
    items { title slug date url topics { slug } }
    pageInfo { hasNextPage endCursor } } }"""
    % PER_PAGE
)
COUNT = """query($locale: LanguageCode) { pressReleases(locale: $locale, perPage: 10)
  { pagination { total exact } } }"""
VIDEOS = (
    """query($locale: LanguageCode) { videos(locale: $locale, perPage: %d) {
  items { title slug date url } pageInfo { endCursor } } }"""
    % PER_PAGE
)
SEARCH = """query { search(query: "KFOR", locale: en, perPage: 10) {
  items { title url } } }"""
# The same with its total and facets: they count every match (README, Search),
# so this case grows with the archive; shown, not part of the targets.
SEARCH_COUNTED = """query { search(query: "KFOR", locale: en, perPage: 10) {
  items { title url } pagination { total }
  facets { types { value count } topics { value count } years { value count } } } }"""
UNTARGETED = ("search, counted",)


def seed_videos(count: int, progress=print) -> None:
    """``count`` video pages (half English, half French) without files: metadata
    only, as the lists read it."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Page

    from embargo.models import DEFAULT_EMBARGO_TIME_ZONE
    from videos.models import VideoIndexPage, VideoPage

    rng = random.Random(20261130)
    content_type = ContentType.objects.get_for_model(VideoPage)
    table = VideoPage._meta.db_table
    start = timezone.make_aware(datetime.datetime(2015, 1, 1))
    for code in ("en", "fr"):
        index = VideoIndexPage.objects.get(locale__language_code=code)
        wanted = count // 2
        last = index.get_last_child()
        step = Page._str2int(last.path[-Page.steplen :]) if last else 0
        for batch_start in range(0, wanted, BATCH):
            size = min(BATCH, wanted - batch_start)
            pages, dates = [], []
            for offset in range(size):
                number = step + batch_start + offset + 1
                slug = f"bench-video-{code}-{number}"
                dates.append(start + datetime.timedelta(minutes=rng.randrange(5**9)))
                pages.append(
                    Page(
                        title=f"Video {number}",
                        draft_title=f"Video {number}",
                        slug=slug,
                        content_type=content_type,
                        path=Page._get_path(index.path, index.depth + 1, number),
                        depth=index.depth + 1,
                        numchild=0,
                        url_path=f"{index.url_path}{slug}/",
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=dates[-1],
                        last_published_at=dates[-1],
                        locale=index.locale,
                        translation_key=uuid.uuid4(),
                    )
                )
            with transaction.atomic():
                created = Page.objects.bulk_create(pages)
                with connection.cursor() as cursor:
                    cursor.executemany(
                        f"INSERT INTO {table} (page_ptr_id, date, location, summary,"
                        " usage_terms, credit, restrictions, transcript,"
                        " embargo_time_zone)"
                        " VALUES (%s, %s, 'Brussels', '', '', '', '', '', %s)",
                        [
                            (p.pk, d, DEFAULT_EMBARGO_TIME_ZONE)
                            for p, d in zip(created, dates, strict=True)
                        ],
                    )
                Page.objects.filter(pk=index.pk).update(
                    numchild=index.numchild + batch_start + size
                )
            progress(f"  {code}: {batch_start + size}/{wanted} videos", flush=True)


def deep_cursor(locale_code: str) -> tuple[int, str]:
    """The last page's number and the cursor of the item just before it."""
    from wagtail.models import Locale

    from cms.graphql.pagination import encode_cursor
    from newsroom.schema import press_releases_queryset

    queryset = press_releases_queryset(Locale.objects.get(language_code=locale_code))
    total = queryset.count()
    last_page = max(1, -(-total // PER_PAGE))
    before = queryset[(last_page - 1) * PER_PAGE - 1]
    return last_page, encode_cursor(before, ("-date", "-pk"))


def cases() -> dict[str, tuple[str, dict]]:
    last_page, cursor = deep_cursor("en")
    return {
        "first page": (LIST, {"locale": "en"}),
        f"last page by number ({last_page})": (
            LIST,
            {"locale": "en", "page": last_page},
        ),
        "last page by cursor": (LIST, {"locale": "en", "after": cursor}),
        "filter: topic": (LIST, {"locale": "en", "topic": "kfor"}),
        "filter: person": (LIST, {"locale": "en", "person": "jens-stoltenberg"}),
        "filter: a year": (
            LIST,
            {"locale": "fr", "from": "2020-01-01", "to": "2020-12-31"},
        ),
        "count (capped)": (COUNT, {"locale": "en"}),
        "video list": (VIDEOS, {"locale": "en"}),
        "search": (SEARCH, {}),
        "search, counted": (SEARCH_COUNTED, {}),
    }


def measure(rounds: int, databases: dict[int, str] | None = None) -> dict:
    """``{size: {case: [ms, …]}}``. With ``databases`` (one per size, PostgreSQL),
    the sizes take turns request by request, so that the machine's load weighs
    on each alike; else the one database as it is, under the key 0."""
    from django.test import Client, override_settings

    client = Client(HTTP_HOST="localhost")
    databases = databases or {0: None}
    plan = {}
    for size, name in databases.items():
        if name:
            use_database(name, fresh=False)
        plan[size] = {
            case.split(" (")[0]: query_and_variables
            for case, query_and_variables in cases().items()
        }
    samples = {size: {} for size in databases}
    with override_settings(GRAPHQL_CACHE_ENABLED=False):
        for case in plan[next(iter(databases))]:
            for number in range(rounds + 1):
                for size, name in databases.items():
                    if name:
                        use_database(name, fresh=False)
                    query, variables = plan[size][case]
                    payload = json.dumps({"query": query, "variables": variables})
                    began = time.perf_counter()
                    response = client.post(
                        "/graphql/", payload, content_type="application/json"
                    )
                    elapsed = (time.perf_counter() - began) * 1000
                    answer = response.json()
                    if "errors" in answer:
                        raise SystemExit(f"{case} failed: {answer['errors']}")
                    if number:  # the first is a warm-up
                        samples[size].setdefault(case, []).append(elapsed)
    return samples


def plans() -> str:
    from django.db import connection
    from wagtail.models import Locale

    from cms.graphql.pagination import decode_cursor, keyset, page_ids
    from newsroom.models import PressReleasePage
    from newsroom.schema import press_releases_queryset

    if connection.vendor != "postgresql":
        return ""
    last_page, cursor = deep_cursor("en")
    queryset = press_releases_queryset(Locale.objects.get(language_code="en"))
    values = decode_cursor(cursor, PressReleasePage, ("-date", "-pk"), "after")
    shown = []
    for name, page in (
        ("first page", queryset[:PER_PAGE]),
        (
            "by cursor",
            queryset.filter(keyset(("-date", "-pk"), values, True))[:PER_PAGE],
        ),
        (
            "by number: the ids (deferred join)",
            page_ids(queryset, (last_page - 1) * PER_PAGE, PER_PAGE + 1),
        ),
    ):
        sql, params = page.query.sql_with_params()
        with connection.cursor() as cursor_:
            cursor_.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + sql, params)
            lines = [row[0] for row in cursor_.fetchall()]
        shown.append(f"-- {name}\n" + "\n".join(lines[:14]))
    return "\n".join(shown)


def report(results: dict[int, dict], database: str) -> bool:
    sizes = sorted(results)
    print(f"\nArchive latency (ms, p50/p95), {database}, {PER_PAGE} per page:")
    header = "".join(f"{f'{size:,} releases':>22}" for size in sizes)
    print(f"  {'case':<30}{header}{'p50 ratio':>11}{'p95 ratio':>11}")
    passed = True
    for name in results[sizes[0]]:
        cells, p50s, p95s = "", [], []
        for size in sizes:
            times = results[size][name]
            p50s.append(statistics.median(times))
            p95s.append(percentile(times, 0.95))
            cells += f"{p50s[-1]:>13.1f} /{p95s[-1]:>6.1f}"
        ratio = p95s[-1] / p95s[0] if p95s[0] else float("inf")
        cells += f"{p50s[-1] / p50s[0] if p50s[0] else float('inf'):>10.2f}x"
        flat = ratio <= FLAT_RATIO
        fast = p95s[-1] < TARGET_P95_MS
        if name not in UNTARGETED:
            passed = passed and fast and flat
        marks = ("" if fast else " SLOW") + ("" if flat else " GROWS")
        print(f"  {name:<30}{cells}{ratio:>11.2f}x{marks}")
    print(
        f"Targets: p95 < {TARGET_P95_MS:.0f} ms at {sizes[-1]:,}; ratio <= "
        f"{FLAT_RATIO}x (not for: {', '.join(UNTARGETED)}): "
        + ("PASS" if passed else "FAIL")
    )
    return passed


def seeded_videos() -> int:
    from videos.models import VideoPage

    return VideoPage.objects.filter(slug__startswith="bench-video-").count()


def use_database(name: str, fresh: bool = True) -> None:
    """Point this process's connection at the database ``name`` (``fresh``:
    migrated, its cache emptied)."""
    from django.core.cache import cache
    from django.db import connections

    connections.close_all()
    connections["default"].settings_dict["NAME"] = name
    if fresh:
        migrate()
        cache.clear()  # the site's root paths and the like, of the other database


def keep_database(storage, prefix: str, size: int, previous: str | None) -> str:
    """The kept database of ``size`` releases: made as a copy of the previous
    (smaller) size's when it does not exist yet."""
    from django.db import connections

    name = f"{prefix}_{size}"
    connections.close_all()
    try:
        template = f' TEMPLATE "{previous}"' if previous else ""
        storage._admin(f'CREATE DATABASE "{name}"{template}')
    except Exception as error:
        if "already exists" not in str(error):
            raise
    use_database(name)
    return name


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--video-share", type=float, default=0.4)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument(
        "--keep", metavar="NAME", help="keep the seeded databases (NAME_<size>)"
    )
    args = parser.parse_args(argv)
    sizes = sorted(int(size) for size in args.sizes.split(","))
    if args.keep:
        from bench.search import KeptStorage

        storage = KeptStorage(args.keep)
        if not storage.db_name:
            raise SystemExit("--keep needs DATABASE_URL pointing at PostgreSQL.")
    else:
        storage = BenchStorage("portal-bench-archive-")
    storage.apply()
    databases: dict[int, str] = {}
    try:
        import django

        django.setup()
        from django.db import connection

        from bench.search import seeded_releases

        migrate()
        results, seeded, videos, kept = {}, 0, 0, None
        for size in sizes:
            began = time.perf_counter()
            video_count = int(size * args.video_share)
            if storage.db_name:
                # PostgreSQL: a database per size (a copy of the smaller one).
                prefix = args.keep or storage.db_name
                kept = keep_database(storage, prefix, size, kept)
                databases[size] = kept
                seeded, videos = seeded_releases(), seeded_videos()
                if seeded > size:
                    raise SystemExit(f"{kept} holds {seeded:,} releases, not {size:,}.")
            print(f"Seeding {size:,} releases and {video_count:,} videos…")
            if seeded == 0 or size > seeded:
                seed_releases(size - seeded, progress=lambda *a, **k: None)
            seed_videos(
                int(size * args.video_share) - videos, progress=lambda *a, **k: None
            )
            seeded, videos = size, int(size * args.video_share)
            if connection.vendor == "postgresql":
                # VACUUM too: index-only scans (a deep page's ids, the count) skip
                # the table only where the visibility map says the rows are all
                # visible, which a bulk load leaves unset until autovacuum runs.
                with connection.cursor() as cursor:
                    cursor.execute("VACUUM ANALYZE")
            print(f"  seeded in {time.perf_counter() - began:.0f} s")
            if not databases:  # SQLite: one database, measured as it grows
                results[size] = measure(args.rounds)[0]
        if databases:
            print("Measuring, the sizes taking turns…")
            results = measure(args.rounds, databases)
        print(plans())
        return 0 if report(results, storage.describe()) else 1
    finally:
        from django.db import connections

        connections.close_all()
        if storage.db_name and not args.keep:
            for name in databases.values():
                storage._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        storage.close()


if __name__ == "__main__":
    sys.exit(main())
