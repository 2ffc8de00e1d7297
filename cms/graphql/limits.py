"""Validation rules that bound what one query may cost before anything runs.

One walk per operation measures, with fragments expanded:

- depth (``QUERY_TOO_DEEP``), aliases (``TOO_MANY_ALIASES``) and fields
  (``QUERY_TOO_COMPLEX``), as written;
- cost (``QUERY_TOO_COSTLY``): every field selected counts 1 (``__typename`` too)
  each time it is resolved, so the fields under a list count once per item. A
  list's size is its ``limit``/``perPage``/``first`` argument (a variable counts
  as the largest value allowed), else the field's default (grapple's
  ``PAGE_SIZE`` for stock lists), else ``GRAPHQL_COST_LIST_SIZE``. A paginated
  field (``pressReleases(perPage:)``) passes its size to the list inside
  (``items``). A stock list that runs its own SQL query per parent (sorted,
  filtered by ``id`` or ``inMenu``) adds ``GRAPHQL_COST_QUERY``, a search
  (``searchQuery``) ``GRAPHQL_COST_SEARCH``.

Each fragment is measured once per context (memoised): a fragment that spreads
the next one twice, 30 levels deep, is 31 measurements, not 2**30. Introspection
(``__schema``, ``__type``) counts towards cost but not depth: its type references
nest deeper than content ever does. Literal arguments are checked here too
(``cms.graphql.arguments``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLNamedType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    ValidationRule,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_list_type,
)
from graphql.type.introspection import (
    SchemaMetaFieldDef,
    TypeMetaFieldDef,
    TypeNameMetaFieldDef,
)
from grapple.settings import grapple_settings

from .arguments import check_literals

SIZE_ARGUMENTS = ("limit", "perPage", "first")
# With any of these, a stock list runs its own SQL query for each parent.
PER_PARENT_QUERY_ARGUMENTS = ("order", "searchQuery", "id", "inMenu")
META_FIELDS = {
    "__schema": SchemaMetaFieldDef,
    "__type": TypeMetaFieldDef,
    "__typename": TypeNameMetaFieldDef,
}


@dataclass(frozen=True, slots=True)
class Measure:
    cost: int = 0
    fields: int = 0
    aliases: int = 0
    depth: int = 0

    def __add__(self, other: Measure) -> Measure:
        return Measure(
            self.cost + other.cost,
            self.fields + other.fields,
            self.aliases + other.aliases,
            max(self.depth, other.depth),
        )


class QueryCost:
    """Measures operations of one document; fragments are measured once for each
    (fragment, size handed down, introspection or not) and remembered."""

    def __init__(self, schema: GraphQLSchema, document: DocumentNode):
        self.schema = schema
        self.fragments = {
            definition.name.value: definition
            for definition in document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        }
        self.memo: dict[tuple, Measure] = {}
        self.measuring: set[tuple] = set()
        self.visits = 0  # selections looked at: linear in the document's size
        self.list_size = settings.GRAPHQL_COST_LIST_SIZE
        self.variable_size = max(
            settings.GRAPHQL_MAX_PER_PAGE, grapple_settings.MAX_PAGE_SIZE
        )

    def operation(self, node: OperationDefinitionNode) -> Measure:
        root = self.schema.get_root_type(node.operation or OperationType.QUERY)
        return self.selections(node.selection_set, root, None, False)

    def selections(
        self,
        selection_set: SelectionSetNode | None,
        parent: GraphQLNamedType | None,
        size: int | None,
        introspection: bool,
    ) -> Measure:
        total = Measure()
        for selection in selection_set.selections if selection_set else ():
            self.visits += 1
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent, size, introspection)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                type_ = (
                    self.schema.get_type(condition.name.value) if condition else parent
                )
                total += self.selections(
                    selection.selection_set, type_, size, introspection
                )
            elif isinstance(selection, FragmentSpreadNode):
                total += self.fragment(selection.name.value, size, introspection)
        return total

    def fragment(self, name: str, size: int | None, introspection: bool) -> Measure:
        key = (name, size, introspection)
        if key in self.memo:
            return self.memo[key]
        fragment = self.fragments.get(name)
        if fragment is None or key in self.measuring:
            return Measure()  # unknown or cyclic: graphql-core's own rules report it
        self.measuring.add(key)
        type_ = self.schema.get_type(fragment.type_condition.name.value)
        measure = self.selections(fragment.selection_set, type_, size, introspection)
        self.measuring.discard(key)
        self.memo[key] = measure
        return measure

    def field(
        self,
        node: FieldNode,
        parent: GraphQLNamedType | None,
        size: int | None,
        introspection: bool,
    ) -> Measure:
        name = node.name.value
        definition = META_FIELDS.get(name) or getattr(parent, "fields", {}).get(name)
        introspection = introspection or name in ("__schema", "__type")
        arguments = {argument.name.value: argument.value for argument in node.arguments}
        own_size = self.size(definition, arguments)
        type_ = get_nullable_type(definition.type) if definition else None
        is_list = is_list_type(type_)
        below = self.selections(
            node.selection_set,
            get_named_type(type_) if type_ else None,
            None if is_list else own_size,
            introspection,
        )
        items = (own_size or size or self.default_size(definition)) if is_list else 1
        return Measure(
            cost=1
            + self.extra(parent, name, definition, arguments)
            + items * below.cost,
            fields=1 + below.fields,
            aliases=(node.alias is not None) + below.aliases,
            depth=0 if introspection else 1 + below.depth,
        )

    def size(self, definition: GraphQLField | None, arguments: dict) -> int | None:
        """The number of items this field asks for, if it says."""
        if definition is None:
            return None
        for name in SIZE_ARGUMENTS:
            if name not in definition.args:
                continue
            value = arguments.get(name)
            if isinstance(value, IntValueNode) and int(value.value) > 0:
                return min(int(value.value), self.variable_size)
            if isinstance(value, VariableNode):
                return self.variable_size  # a variable: the largest allowed
            default = definition.args[name].default_value
            if isinstance(default, int) and default > 0:
                return default
        return None

    def default_size(self, definition: GraphQLField | None) -> int:
        if definition is not None and "order" in definition.args:
            return grapple_settings.PAGE_SIZE  # a stock list: grapple's default
        return self.list_size

    @staticmethod
    def extra(parent, name: str, definition: GraphQLField | None, arguments) -> int:
        """What a field costs beyond its items: a search (the root ``search``, a
        stock list's ``searchQuery``) or an SQL query of its own per parent."""
        weighted = ROOT_FIELD_WEIGHTS.get(name) if is_root(parent) else None
        if weighted is not None:
            return getattr(settings, weighted)
        if definition is None or "order" not in definition.args:
            return 0
        extra = 0
        if any(name in arguments for name in PER_PARENT_QUERY_ARGUMENTS):
            extra += settings.GRAPHQL_COST_QUERY
        if "searchQuery" in arguments:
            extra += settings.GRAPHQL_COST_SEARCH
        return extra


# Root fields whose answer costs a search or more than one plain query: the
# setting that weighs each.
ROOT_FIELD_WEIGHTS = {
    "search": "GRAPHQL_COST_SEARCH",
    "searchSuggest": "GRAPHQL_COST_QUERY",
}


def is_root(parent) -> bool:
    return getattr(parent, "name", None) == "Query"


def exceeded(measure: Measure) -> tuple[str, str, dict] | None:
    """The first limit this measure passes: (code, message, extensions)."""
    limits = (
        (
            "QUERY_TOO_DEEP",
            measure.depth,
            settings.GRAPHQL_MAX_DEPTH,
            _("The query is nested deeper than %(max)d levels."),
        ),
        (
            "TOO_MANY_ALIASES",
            measure.aliases,
            settings.GRAPHQL_MAX_ALIASES,
            _("The query uses more than %(max)d aliases."),
        ),
        (
            "QUERY_TOO_COMPLEX",
            measure.fields,
            settings.GRAPHQL_MAX_FIELDS,
            _("The query selects more than %(max)d fields."),
        ),
    )
    for code, measured, maximum, message in limits:
        if measured > maximum:
            return code, message % {"max": maximum}, {}
    maximum = settings.GRAPHQL_MAX_COST
    if measure.cost > maximum:
        message = _(
            "The query costs %(cost)d, more than the limit of %(max)d: ask for "
            "fewer items (limit, perPage) or fewer fields in lists."
        ) % {"cost": measure.cost, "max": maximum}
        return "QUERY_TOO_COSTLY", message, {"cost": measure.cost, "maxCost": maximum}
    return None


class QueryLimitsRule(ValidationRule):
    """The limits above for each operation, and the stock arguments written as
    literals (one error per field, before anything runs)."""

    def __init__(self, context):
        super().__init__(context)
        self.cost = QueryCost(context.schema, context.document)

    def enter_operation_definition(self, node: OperationDefinitionNode, *_args):
        breach = exceeded(self.cost.operation(node))
        if breach is not None:
            code, message, extensions = breach
            self.report_error(
                GraphQLError(message, node, extensions={"code": code, **extensions})
            )

    def enter_field(self, node: FieldNode, *_args):
        error = check_literals(self.context, node)
        if error is not None:
            self.report_error(error)


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
