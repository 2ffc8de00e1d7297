"""The editor's side of a load run: a Django process on the run's settings that
reads one command a line on stdin and answers one line on stdout once the change
is committed (and the response cache invalidated):

    seed N          (migrate, createcachetable, the demo content and N releases)
    release TITLE   (a new release in English and French, dated now)
    unpublish TITLE (withdraws that release and its translation)
    topic NAME      (renames the topic every bench release is filed under)
    quit

Each answer is "ok SECONDS WHAT" or "error MESSAGE" (the traceback goes to stderr).
Run by bench/load.py as ``python -m bench.publisher``, not by hand."""

from __future__ import annotations

import os
import sys
import time
import traceback


def handle(command: str, argument: str) -> str:
    from bench import seed

    if command == "seed":
        from bench.database import migrate

        migrate()
        seed.seed(int(argument))
        return f"seeded {argument}"
    if command == "release":
        seed.publish_release(argument)
        return f"release {argument}"
    if command == "unpublish":
        seed.unpublish_release(argument)
        return f"unpublish {argument}"
    if command == "topic":
        seed.rename_topic(argument)
        return f"topic {argument}"
    raise ValueError(f"Unknown command {command!r}.")


def main() -> int:
    import django

    django.setup()
    from django.db import connections

    if os.environ.get("BENCH_SKIP_INVALIDATION") == "1":
        # Only for checking the checker (load.py --without-invalidation): publish
        # without bumping the cache tags, so stale answers must be seen.
        from cms.graphql import cache

        cache.bump = lambda *args, **kwargs: None

    for line in sys.stdin:
        command, _space, argument = line.strip().partition(" ")
        if command == "quit" or not command:
            break
        started = time.perf_counter()
        try:
            done = handle(command, argument)
            answer = f"ok {time.perf_counter() - started:.3f} {done}"
        except Exception as error:
            traceback.print_exc()
            answer = f"error {type(error).__name__}: {error}".replace("\n", " ")
        finally:
            connections.close_all()
        print(answer, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
