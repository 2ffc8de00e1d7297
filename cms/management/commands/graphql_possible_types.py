"""Write possibleTypes.json: the interface and union map a client cache needs
(see cms/graphql/contract.py). ``make schema`` runs it beside graphql_schema."""

from pathlib import Path

from django.core.management.base import BaseCommand

from cms.graphql.contract import possible_types_json


class Command(BaseCommand):
    help = "Write the GraphQL possibleTypes map (interfaces and unions) as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--out", default="possibleTypes.json")

    def handle(self, *args, out, **options):
        from grapple.schema import schema

        Path(out).write_text(possible_types_json(schema.graphql_schema), "utf-8")
        self.stdout.write(f"Wrote {out}")
