"""The committed schema.graphql is the contract frontends build against."""

from pathlib import Path

from graphql import print_schema
from grapple.schema import schema

SNAPSHOT = Path(__file__).resolve().parents[2] / "schema.graphql"


def test_schema_matches_the_committed_snapshot():
    live = print_schema(schema.graphql_schema)
    assert SNAPSHOT.read_text(encoding="utf-8") == live, (
        "The GraphQL schema changed: review the difference, then run `make schema` "
        "and commit schema.graphql."
    )


def test_contract_fields_are_in_the_schema():
    live = print_schema(schema.graphql_schema)
    for fragment in (
        "pressReleases(",
        "pressRelease(",
        "people(",
        "topics(",
        "page(",
        "translations: [PageTranslation]",
        "pagination: Pagination!",
    ):
        assert fragment in live, fragment
