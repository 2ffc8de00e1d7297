"""Copy the listed tables' language and ``live`` flag from their pages again
(cms/listed.py): after a data-only restore made with triggers off. Safe to run
at any time: it writes only the rows that are stale."""

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from cms import listed


class Command(BaseCommand):
    help = (
        "Copy the list tables' language and published flag from their pages again "
        "(PostgreSQL; after a restore made with triggers disabled)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, database, **options):
        if connections[database].vendor != "postgresql":
            self.stdout.write("Nothing to do: the list copies are PostgreSQL's.")
            return
        with transaction.atomic(using=database):
            stale = listed.refill(database)
        for table, rows in stale.items():
            self.stdout.write(f"{table}: {rows} stale row(s) refilled")
