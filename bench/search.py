"""``make bench-search``: latency of the portal's search on a large archive.

One run loads the demo content into a throw-away database, adds ``--releases``
press releases (default 50,000; half English, half French, generated text on a
fixed vocabulary, one or two topics each), bulk-inserted and indexed batch by
batch through the search backend, then runs a fixed set of queries through
/graphql/ (response cache off) and prints p50 and p95 latencies. The database is
SQLite, or PostgreSQL when DATABASE_URL points at a server (the run creates and
drops a database of its own there). Target on PostgreSQL: p95 under 100 ms.

    .venv/bin/python bench/search.py [--releases N] [--rounds R] [--keep NAME]
    DATABASE_URL=postgres://… .venv/bin/python bench/search.py

``--keep NAME`` keeps the seeded archive between runs (seeding 50,000 releases
takes minutes): the database ``NAME`` on the PostgreSQL server, or a folder
``portal-bench-search-NAME`` in the temporary directory for SQLite. The first run
seeds it, later runs with the same ``--releases`` only measure; drop it yourself
when done (``DROP DATABASE NAME`` or remove the folder).
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
import re  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402

from bench.database import BenchStorage, _postgres_url, migrate  # noqa: E402

TARGET_P95_MS = 100.0
BATCH = 1000

# (query, locale): names, topics, a phrase, accents folded, two words, a rare word.
QUERIES = [
    ("KFOR", "en"),
    ("KFOR", "fr"),
    ("Stoltenberg", "en"),
    ("peacekeeping", "en"),
    ("maintien de la paix", "fr"),
    ("securite", "fr"),
    ("cyber defence", "en"),
    ("élections Kosovo", "fr"),
    ("Osmani", "en"),
    ("Vilnius summit", "en"),
]

QUERY = """query($query: String, $locale: LanguageCode) {
  search(query: $query, locale: $locale, perPage: 10) {
    items { type score title snippet url
      object { ... on PressReleasePage { slug date } ... on Person { slug }
               ... on Topic { slug } } }
    pagination { total }
    facets { types { value count } topics { value count } years { value count } }
  }
}"""

VOCABULARY = {
    "en": {
        "who": [
            "The Secretary General",
            "Jens Stoltenberg",
            "Mark Rutte",
            "The Deputy Secretary General",
            "Allied ministers",
            "The Military Committee",
            "President Vjosa Osmani",
        ],
        "does": ["meets", "visits", "welcomes", "addresses", "thanks", "calls on"],
        "what": [
            "KFOR commanders",
            "peacekeeping troops",
            "cyber defence experts",
            "partners in the Western Balkans",
            "the Vilnius summit",
            "election observers in Kosovo",
            "air policing crews",
            "maritime security forces",
            "energy security specialists",
            "the North Atlantic Council",
        ],
        "filler": [
            "Allies discussed deterrence and defence.",
            "The meeting covered support to partners and the security situation.",
            "Ministers reviewed progress on capabilities and readiness.",
            "They stressed the importance of dialogue and cooperation.",
            "Further consultations will follow in the coming weeks.",
        ],
        "place": ["Brussels", "Pristina", "Vilnius", "Washington", "Mons"],
    },
    "fr": {
        "who": [
            "Le secrétaire général",
            "Jens Stoltenberg",
            "Mark Rutte",
            "La secrétaire générale déléguée",
            "Les ministres des Alliés",
            "Le Comité militaire",
            "La présidente Vjosa Osmani",
        ],
        "does": ["rencontre", "visite", "accueille", "s'adresse à", "remercie"],
        "what": [
            "les commandants de la KFOR",
            "les troupes de maintien de la paix",
            "les experts en cyberdéfense",
            "les partenaires des Balkans occidentaux",
            "le sommet de Vilnius",
            "les observateurs des élections au Kosovo",
            "les équipages de police du ciel",
            "les forces de sécurité maritime",
            "les spécialistes de la sécurité énergétique",
            "le Conseil de l'Atlantique Nord",
        ],
        "filler": [
            "Les Alliés ont évoqué la dissuasion et la défense.",
            "La réunion a porté sur le soutien aux partenaires et la sécurité.",
            "Les ministres ont examiné les progrès en matière de capacités.",
            "Ils ont souligné l'importance du dialogue et de la coopération.",
            "D'autres consultations suivront dans les semaines à venir.",
        ],
        "place": ["Bruxelles", "Pristina", "Vilnius", "Washington", "Mons"],
    },
}


def generated_text(rng: random.Random, code: str, number: int) -> dict:
    words = VOCABULARY[code]
    title = f"{rng.choice(words['who'])} {rng.choice(words['does'])} " + rng.choice(
        words["what"]
    )
    paragraphs = [
        " ".join(rng.sample(words["filler"], 3)) + " " + rng.choice(words["what"])
        for _ in range(2)
    ]
    return {
        "title": title,
        "slug": f"bench-search-{code}-{number}",
        "standfirst": f"{title}. {rng.choice(words['filler'])}",
        "location": rng.choice(words["place"]),
        "body": [
            {"type": "paragraph", "value": f"<p>{p}</p>", "id": str(uuid.uuid4())}
            for p in paragraphs
        ],
    }


def seed(releases: int, progress=print) -> None:
    """The demo content, then ``releases`` press releases inserted in bulk (pages
    and their table rows, topic links) and indexed batch by batch."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from embargo.models import DEFAULT_EMBARGO_TIME_ZONE
    from newsroom.models import (
        NewsroomIndexPage,
        PressReleasePage,
        PressReleaseTopic,
        Topic,
    )

    call_command("load_demo_content", stdout=open("/dev/null", "w"))
    rng = random.Random(20260101)
    content_type = ContentType.objects.get_for_model(PressReleasePage)
    backend = get_search_backend()
    table = PressReleasePage._meta.db_table
    start = timezone.make_aware(datetime.datetime(2015, 1, 1))
    for code in ("en", "fr"):
        index = NewsroomIndexPage.objects.get(locale__language_code=code)
        topics = list(Topic.objects.filter(locale=index.locale))
        wanted = releases // 2 + (releases % 2 if code == "en" else 0)
        last = index.get_last_child()
        step = Page._str2int(last.path[-Page.steplen :]) if last else 0
        made = 0
        for batch_start in range(0, wanted, BATCH):
            size = min(BATCH, wanted - batch_start)
            texts, pages = [], []
            for _offset in range(size):
                made += 1
                text = generated_text(rng, code, step + made)
                when = start + datetime.timedelta(minutes=rng.randrange(5_000_000))
                texts.append((text, when))
                pages.append(
                    Page(
                        title=text["title"],
                        draft_title=text["title"],
                        slug=text["slug"],
                        content_type=content_type,
                        path=Page._get_path(index.path, index.depth + 1, step + made),
                        depth=index.depth + 1,
                        numchild=0,
                        url_path=f"{index.url_path}{text['slug']}/",
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=when,
                        last_published_at=when,
                        locale=index.locale,
                        translation_key=uuid.uuid4(),
                    )
                )
            with transaction.atomic():
                created = Page.objects.bulk_create(pages)
                rows = [
                    (
                        page.pk,
                        when,
                        text["location"],
                        text["standfirst"],
                        json.dumps(text["body"]),
                        DEFAULT_EMBARGO_TIME_ZONE,
                    )
                    for page, (text, when) in zip(created, texts, strict=True)
                ]
                with connection.cursor() as cursor:
                    cursor.executemany(
                        f"INSERT INTO {table} (page_ptr_id, date, location, "
                        "standfirst, body, embargo_time_zone) "
                        "VALUES (%s, %s, %s, %s, %s, %s)",
                        rows,
                    )
                PressReleaseTopic.objects.bulk_create(
                    PressReleaseTopic(page_id=page.pk, topic=topic, sort_order=n)
                    for page in created
                    for n, topic in enumerate(rng.sample(topics, rng.randint(1, 2)))
                )
                Page.objects.filter(pk=index.pk).update(numchild=index.numchild + made)
                objects = PressReleasePage.objects.filter(
                    pk__in=[p.pk for p in created]
                ).select_related("locale")
                backend.add_bulk(PressReleasePage, list(objects))
            progress(f"  {code}: {batch_start + size}/{wanted} releases", flush=True)
        index.refresh_from_db()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


class KeptStorage(BenchStorage):
    """A seeded archive that outlives the run (``--keep NAME``)."""

    def __init__(self, name: str) -> None:
        if not re.fullmatch(r"[a-z_][a-z0-9_]{0,40}", name):
            raise SystemExit("--keep takes a name of lower-case letters, digits, _.")
        self.folder = Path(tempfile.gettempdir()) / f"portal-bench-search-{name}"
        self.folder.mkdir(exist_ok=True)
        self.db_name = None
        self.env = {
            "BENCH_DIR": str(self.folder),
            "DJANGO_SETTINGS_MODULE": "bench.settings",
        }
        if _postgres_url():
            self.db_name = name
            try:
                self._admin(f'CREATE DATABASE "{name}"')
            except Exception as error:
                if "already exists" not in str(error):
                    raise
            self.env["BENCH_DB_NAME"] = name

    def describe(self) -> str:
        if self.db_name:
            return f"PostgreSQL database {self.db_name} (kept)"
        return f"SQLite (WAL) in {self.folder} (kept)"

    def close(self) -> None:
        pass


def seeded_releases() -> int:
    """How many generated releases the database already holds."""
    from django.db.utils import DatabaseError

    from newsroom.models import PressReleasePage

    try:
        return PressReleasePage.objects.filter(slug__startswith="bench-search-").count()
    except DatabaseError:  # not migrated yet
        return 0


def measure(rounds: int) -> dict:
    from django.test import Client, override_settings

    client = Client(HTTP_HOST="localhost")
    samples: dict = {}
    with override_settings(GRAPHQL_CACHE_ENABLED=False):
        for query, code in QUERIES:
            payload = json.dumps(
                {"query": QUERY, "variables": {"query": query, "locale": code}}
            )
            times = []
            for number in range(rounds + 1):
                began = time.perf_counter()
                response = client.post(
                    "/graphql/", payload, content_type="application/json"
                )
                elapsed = (time.perf_counter() - began) * 1000
                answer = response.json()
                if response.status_code != 200 or "errors" in answer:
                    raise SystemExit(f"{query!r} failed: {answer}")
                if number:  # the first is a warm-up
                    times.append(elapsed)
            total = answer["data"]["search"]["pagination"]["total"]
            samples[(query, code)] = (times, total)
    return samples


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report(samples: dict, database: str, releases: int) -> bool:
    print(f"\nSearch latency over {releases} releases, {database}:")
    print(f"  {'query':<24}{'locale':<8}{'hits':>8}{'p50 ms':>10}{'p95 ms':>10}")
    everything = []
    for (query, code), (times, total) in samples.items():
        everything.extend(times)
        print(
            f"  {query:<24}{code:<8}{total:>8}"
            f"{statistics.median(times):>10.1f}{percentile(times, 0.95):>10.1f}"
        )
    p50, p95 = statistics.median(everything), percentile(everything, 0.95)
    print(f"  {'all queries':<40}{p50:>10.1f}{p95:>10.1f}")
    passed = p95 < TARGET_P95_MS
    empty = [query for (query, _code), (_times, total) in samples.items() if not total]
    if empty:  # a fast search that finds nothing proves nothing
        print(f"No hits for {', '.join(empty)}: the archive is not searchable.")
        passed = False
    if "PostgreSQL" in database:
        verdict = "PASS" if passed else "FAIL"
        print(f"Target (PostgreSQL): p95 < {TARGET_P95_MS:.0f} ms: {verdict}")
    return passed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--releases", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=20, help="timed runs per query")
    parser.add_argument(
        "--keep", metavar="NAME", help="keep the seeded archive under this name"
    )
    args = parser.parse_args(argv)
    if args.releases < 1 or args.rounds < 1:
        parser.error("--releases and --rounds must be positive.")
    if args.keep:
        storage = KeptStorage(args.keep)
    else:
        storage = BenchStorage(prefix="portal-bench-search-")
    database = storage.describe()
    try:
        storage.apply()
        import django

        django.setup()
        from django.db import connections

        began = time.perf_counter()
        migrate()
        existing = seeded_releases() if args.keep else 0
        if existing and existing != args.releases:
            raise SystemExit(
                f"{database} holds {existing} generated releases, not "
                f"{args.releases}: use another --keep name or drop it."
            )
        if existing:
            print(f"Reusing {existing} seeded releases ({database})", flush=True)
        else:
            print(f"Seeding {args.releases} releases ({database}) …", flush=True)
            seed(args.releases)
            print(f"… ready in {time.perf_counter() - began:.1f} s", flush=True)
        try:
            report(measure(args.rounds), database, args.releases)
        finally:
            connections.close_all()
    finally:
        storage.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
