"""One process of the two-process cache test (tests/cms/test_cache_processes.py):
the CMS on the file database of tests/clients/settings.py (response cache on, the
database cache or Redis with REDIS_URL), reading one command a line on stdin and
answering one JSON line on stdout:

    prepare               migrate, the demo content
    releases              an English and a French release
    ask NAME              run a named query through the GraphQL view: {"state",
                          "titles"} (X-Cache: HIT, STALE or MISS)
    publish TITLE         a new English release, dated now
    edit SLUG TITLE       a new title for a release, published
    unpublish SLUG

Run as ``python -m tests.cms.cache_worker``."""

from __future__ import annotations

import json
import sys

import django

ANSWER = "answer: "

QUERIES = {
    "en": "{ pressReleases(locale: en, perPage: 5) { items { title slug } } }",
    "fr": "{ pressReleases(locale: fr, perPage: 5) { items { title slug } } }",
    "topics": "{ topics(locale: en) { name } }",
}


def ask(name: str) -> dict:
    from django.test import Client

    if name.startswith("release:"):
        query = '{ pressRelease(slug: "%s", locale: en) { title slug } }' % name[8:]
    else:
        query = QUERIES[name]
    response = Client(HTTP_HOST="127.0.0.1").post(
        "/graphql/", json.dumps({"query": query}), content_type="application/json"
    )
    data = response.json()["data"]
    found = next(iter(data.values()))
    items = found["items"] if isinstance(found, dict) and "items" in found else found
    items = items if isinstance(items, list) else [items] if items else []
    return {
        "state": response.get("X-Cache"),
        "titles": [item.get("title") or item.get("name") for item in items],
    }


def handle(command: str, argument: str) -> dict:
    from django.utils import timezone

    from newsroom.models import PressReleasePage
    from tests.factories import create_release

    if command == "prepare":
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
        call_command("createcachetable", verbosity=0)
        call_command("load_demo_content", verbosity=0)
        return {"ok": True}
    if command == "releases":
        english = create_release(title="Standing English release")
        french = create_release("fr", title="Communiqué permanent")
        return {"en": english.slug, "fr": french.slug}
    if command == "ask":
        return ask(argument)
    if command == "publish":
        return {"slug": create_release(title=argument, date=timezone.now()).slug}
    release = PressReleasePage.objects.get(slug=argument.split(" ")[0])
    if command == "edit":
        release.title = argument.split(" ", 1)[1]
        release.save_revision().publish()
    elif command == "unpublish":
        release.unpublish()
    return {"ok": True}


def main() -> int:
    django.setup()
    import itertools
    import os

    from tests import factories

    # Slugs of one process's releases never meet the other's.
    factories._numbers = itertools.count(
        int(os.environ.get("CACHE_WORKER", "0")) * 1000
    )
    for line in sys.stdin:
        command, _space, argument = line.strip().partition(" ")
        if command in ("", "quit"):
            break
        try:
            answer = handle(command, argument)
        except Exception as error:  # reported to the test, which fails on it
            answer = {"error": f"{type(error).__name__}: {error}"}
        # Marked: migrations and the demo content print lines of their own.
        print(ANSWER + json.dumps(answer), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
