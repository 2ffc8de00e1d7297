"""The committed schema.graphql and possibleTypes.json are the contract frontends
build against (codegen reads the first, Apollo's InMemoryCache the second)."""

import json
from pathlib import Path

from graphql import print_schema
from grapple.schema import schema

from cms.graphql.contract import possible_types, possible_types_json

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT = ROOT / "schema.graphql"
POSSIBLE_TYPES = ROOT / "possibleTypes.json"
DRIFT = "The GraphQL schema changed: review the difference, then run `make schema` "
DRIFT += "and commit schema.graphql and possibleTypes.json."


def test_schema_matches_the_committed_snapshot():
    live = print_schema(schema.graphql_schema)
    assert SNAPSHOT.read_text(encoding="utf-8") == live, DRIFT


def test_possible_types_match_the_committed_map():
    live = possible_types_json(schema.graphql_schema)
    assert POSSIBLE_TYPES.read_text(encoding="utf-8") == live, DRIFT


def test_possible_types_cover_every_abstract_type():
    committed = json.loads(POSSIBLE_TYPES.read_text(encoding="utf-8"))
    assert set(committed) == {
        "PageInterface",
        "SearchObject",
        "SnippetInterface",
        "StreamFieldInterface",
    }
    assert "RichTextBlock" in committed["StreamFieldInterface"]
    assert "PressReleasePage" in committed["PageInterface"]
    assert possible_types(schema.graphql_schema) == committed


def test_contract_fields_are_in_the_schema():
    live = print_schema(schema.graphql_schema)
    for fragment in (
        "pressReleases(",
        "pressRelease(",
        "people(",
        "topics(",
        "page(",
        "translations: [PageTranslation!]!",
        "pagination: Pagination!",
    ):
        assert fragment in live, fragment
