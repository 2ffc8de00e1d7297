"""GraphQL documents as the front door handles them: parsed once, the operation to
run picked out, and a normalised text for the response cache key."""

from __future__ import annotations

import re

from graphql import (
    DocumentNode,
    GraphQLError,
    OperationDefinitionNode,
    OperationType,
    get_operation_ast,
    parse,
    print_ast,
)

# graphql-core appends suggestions such as " Did you mean 'pressReleases'?" (or
# " Did you mean the enum value 'PRINT'?") to validation and coercion messages.
# Names never contain a question mark, so the suggestion ends at the first one.
SUGGESTION = re.compile(r" Did you mean [^?]*\?")


def operations(document: DocumentNode) -> list[OperationDefinitionNode]:
    return [
        node
        for node in document.definitions
        if isinstance(node, OperationDefinitionNode)
    ]


def selected_operation(
    document: DocumentNode, operation_name: str | None
) -> OperationDefinitionNode | None:
    """The operation ``operation_name`` picks, or the only one; None when the
    choice is ambiguous or names no operation (execution reports that)."""
    return get_operation_ast(document, operation_name)


def changes_data(document: DocumentNode, operation_name: str | None) -> bool:
    """Whether the operation to run is a mutation (or a subscription): anything but
    a read. When the choice is ambiguous, any non-read operation counts."""
    chosen = selected_operation(document, operation_name)
    candidates = [chosen] if chosen is not None else operations(document)
    return any(node.operation != OperationType.QUERY for node in candidates)


def is_mutation(query: str | None, operation_name: str | None) -> bool:
    """Whether the operation to run is a mutation (or a subscription): anything but
    a read. Unparsable documents count as reads; they fail validation anyway."""
    # Cheap test first: the keyword is case-sensitive and must appear literally.
    if not query or ("mutation" not in query and "subscription" not in query):
        return False
    try:
        document = parse(query)
    except GraphQLError:
        return False
    return changes_data(document, operation_name)


def normalised(document: DocumentNode) -> str:
    """The document printed back: comments, extra whitespace and commas gone, so
    that spelling variants of one query share one cache entry."""
    return print_ast(document)


def declared_variables(
    document: DocumentNode, operation_name: str | None, variables: dict | None
) -> dict:
    """Only the variables the operation declares: the others are ignored by
    execution, and must not make new cache entries either."""
    operation = selected_operation(document, operation_name)
    if operation is None or not variables:
        return {}
    names = {
        definition.variable.name.value
        for definition in operation.variable_definitions or ()
    }
    return {name: value for name, value in variables.items() if name in names}


def without_suggestions(message: str) -> str:
    """The message with graphql-core's "Did you mean …?" suggestions removed (they
    name fields, arguments and types: the schema, when introspection is off)."""
    return SUGGESTION.sub("", message)
