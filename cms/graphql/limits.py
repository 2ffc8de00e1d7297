"""Validation rules that bound what one query may cost before anything runs:
depth, aliases and the number of fields once fragments are expanded."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
)


class _Exceeded(Exception):
    def __init__(self, code: str, message: str):
        self.code, self.message = code, message


class _Walk:
    """Walks an operation with fragments expanded, stopping at the first limit
    passed, so a fragment or alias bomb costs at most the limit to inspect."""

    def __init__(self, fragments: dict[str, FragmentDefinitionNode]):
        self.fragments = fragments
        self.max_depth = settings.GRAPHQL_MAX_DEPTH
        self.max_aliases = settings.GRAPHQL_MAX_ALIASES
        self.max_fields = settings.GRAPHQL_MAX_FIELDS
        self.fields = 0
        self.aliases = 0

    def selections(self, selection_set: SelectionSetNode | None, depth: int, path):
        if selection_set is None:
            return
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                if selection.name.value.startswith("__"):
                    continue  # introspection has its own switch
                self.fields += 1
                if selection.alias is not None:
                    self.aliases += 1
                self.check(depth + 1)
                self.selections(selection.selection_set, depth + 1, path)
            elif isinstance(selection, InlineFragmentNode):
                self.selections(selection.selection_set, depth, path)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is not None and name not in path:  # cycles: own rule
                    self.selections(fragment.selection_set, depth, path | {name})

    def check(self, depth: int) -> None:
        if depth > self.max_depth:
            raise _Exceeded(
                "QUERY_TOO_DEEP",
                _("The query is nested deeper than %(max)d levels.")
                % {"max": self.max_depth},
            )
        if self.aliases > self.max_aliases:
            raise _Exceeded(
                "TOO_MANY_ALIASES",
                _("The query uses more than %(max)d aliases.")
                % {"max": self.max_aliases},
            )
        if self.fields > self.max_fields:
            raise _Exceeded(
                "QUERY_TOO_COMPLEX",
                _("The query selects more than %(max)d fields.")
                % {"max": self.max_fields},
            )


class QueryLimitsRule(ValidationRule):
    def enter_operation_definition(self, node: OperationDefinitionNode, *_args):
        fragments = {
            definition.name.value: definition
            for definition in self.context.document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        }
        try:
            _Walk(fragments).selections(node.selection_set, 0, frozenset())
        except _Exceeded as exceeded:
            self.report_error(
                GraphQLError(exceeded.message, node, extensions={"code": exceeded.code})
            )


class IntrospectionDisabledRule(ValidationRule):
    """Refuses ``__schema`` and ``__type`` when GRAPHQL_INTROSPECTION is off
    (``__typename`` stays: clients need it for unions and interfaces)."""

    def enter_field(self, node: FieldNode, *_args):
        if node.name.value in {"__schema", "__type"}:
            self.report_error(
                GraphQLError(
                    _("Introspection is disabled on this server."),
                    node,
                    extensions={"code": "INTROSPECTION_DISABLED"},
                )
            )
