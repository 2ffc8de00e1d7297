"""Every GraphQL example of the README runs as written against the schema: each
operation is named and valid, and each query answers without errors, with data
for every root field, on the demo content."""

import re
from pathlib import Path

import pytest
from graphql import OperationDefinitionNode, OperationType, parse, validate
from grapple.schema import schema

README = Path(__file__).resolve().parents[2] / "README.md"
BLOCKS = re.findall(r"```graphql\n(.*?)```", README.read_text("utf-8"), re.S)


def operations(block: str) -> list[OperationDefinitionNode]:
    return [
        node
        for node in parse(block).definitions
        if isinstance(node, OperationDefinitionNode)
    ]


def test_the_readme_has_examples():
    assert len(BLOCKS) >= 8


@pytest.mark.parametrize("block", BLOCKS)
def test_every_example_is_valid_and_named(block):
    assert validate(schema.graphql_schema, parse(block)) == []
    for operation in operations(block):
        assert operation.name is not None, block


QUERIES = [
    (block, operation.name.value)
    for block in BLOCKS
    for operation in operations(block)
    if operation.operation == OperationType.QUERY and not operation.variable_definitions
]


@pytest.mark.django_db
@pytest.mark.parametrize("block, name", QUERIES, ids=[name for _b, name in QUERIES])
def test_every_query_example_answers(client, block, name):
    answer = client.post(
        "/graphql/",
        {"query": block, "operationName": name},
        content_type="application/json",
    ).json()
    assert "errors" not in answer, answer["errors"]
    assert all(value is not None for value in answer["data"].values()), answer
