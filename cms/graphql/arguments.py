"""grapple's stock arguments, checked before any resolver sees them.

grapple hands ``order`` straight to ``QuerySet.order_by`` (any ORM path, relations
and ``owner__password`` included), an ``id`` straight to ``filter(pk=…)``, and
rendition filters to a check that raises ``TypeError``. Each bad value is answered
here with a coded ``INVALID_ARGUMENT`` (``extensions.argument`` and ``.reason``):

- ``searchQuery``: only on page lists (the others fail in grapple);
- ``order``: only the plain fields of ``ORDER_FIELDS`` for the list's type, each
  optionally prefixed with ``-``, at most ``MAX_ORDER_TERMS`` of them;
- ``limit`` 0 to ``GRAPPLE["MAX_PAGE_SIZE"]`` (0 is grapple's default size) and
  ``offset`` 0 or more, instead of a silent clamp or a crash on negative values;
- primary keys (``id``, ``parent``, ``ancestor``, ``collection`` of the stock fields
  and ``page(id:)``) are decimal integers within 64 bits, and no ``ID`` anywhere is
  a decimal integer beyond 64 bits (SQLite cannot bind it);
- no string argument holds a lone surrogate (it cannot be encoded for the
  database);
- a site's host name (``site(hostname:)``, ``pages(site:)``) has at most a
  numeric port after it;
- ``rendition`` and ``srcSet`` ask only for the filters in
  ``GRAPPLE["ALLOWED_IMAGE_FILTERS"]``.

Literal values are checked while the query is validated (one error, before
anything runs: ``ArgumentLiteralsRule`` through ``cms.graphql.limits``); values
from variables by ``StockArgumentsMiddleware`` (``GRAPHENE["MIDDLEWARE"]``) before
the field's resolver runs."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from django.utils.translation import gettext as _
from graphql import (
    GraphQLError,
    GraphQLField,
    GraphQLID,
    GraphQLNamedType,
    GraphQLType,
    Undefined,
    get_named_type,
    get_nullable_type,
    is_input_object_type,
    is_list_type,
    value_from_ast,
)
from graphql.language import FieldNode, VariableNode, Visitor, visit
from grapple.settings import grapple_settings

from .errors import InvalidArgument

# Plain columns a stock list may be sorted by, per GraphQL type of its items.
ORDER_FIELDS: dict[str, tuple[str, ...]] = {
    "PageInterface": (
        "id",
        "title",
        "slug",
        "path",
        "first_published_at",
        "last_published_at",
        # Not latest_revision_created_at: sorting by it tells which pages have the
        # newest drafts (cms/graphql/public_fields.py).
    ),
    "ImageObjectType": ("id", "title", "created_at", "width", "height", "file_size"),
    "DocumentObjectType": ("id", "title", "created_at"),
    "CollectionObjectType": ("id", "name", "path"),
    "TagObjectType": ("id", "name", "slug"),
    "SiteObjectType": ("id", "hostname", "port", "site_name", "is_default_site"),
}
MAX_ORDER_TERMS = 3
# Only page lists can be searched: grapple's search of images and documents fails
# on this project's filters, sites, collections and tags are not indexed.
SEARCHABLE = {"PageInterface"}

# Arguments that are primary keys, on grapple's single-object lookups and on every
# stock list (a field with an ``order`` argument); our ``page(id:)`` too.
PRIMARY_KEY_ARGUMENTS = ("id", "parent", "ancestor", "collection")
LOOKUPS = {
    ("Query", "page"),
    ("Query", "document"),
    ("Query", "image"),
    ("Query", "tag"),
    ("Query", "site"),
    ("SiteObjectType", "page"),
}
# Host names, optionally with a port, that grapple looks sites up by.
HOSTNAME_FIELDS = {("Query", "site"), ("Query", "pages")}
HOSTNAME_ARGUMENTS = ("hostname", "site")
HOSTNAME = re.compile(r"[^:]*(:[0-9]{1,5})?")
MAX_BIGINT = 2**63 - 1
INTEGER = re.compile(r"-?[0-9]+")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")

Args = dict[str, Any]
Check = Callable[[GraphQLField, Args, bool], None]


def invalid(argument: str, reason: str, message: str) -> InvalidArgument:
    return InvalidArgument(message, argument=argument, reason=reason)


def is_stock_list(field: GraphQLField) -> bool:
    return "order" in field.args


def python_name(field: GraphQLField, name: str) -> str:
    return field.args[name].out_name or name


# --- the checks, each on the arguments a field was given ------------------------------


def check_order(field: GraphQLField, args: Args, _complete: bool) -> None:
    order = args.get(python_name(field, "order"))
    if order is None:
        return
    allowed = ORDER_FIELDS.get(get_named_type(field.type).name, ())
    terms = [term.strip() for term in str(order).split(",")]
    if len(terms) <= MAX_ORDER_TERMS and all(
        term.removeprefix("-") in allowed for term in terms
    ):
        return
    if not allowed:
        raise invalid("order", "UNKNOWN_ORDER", _("This list cannot be sorted."))
    raise invalid(
        "order",
        "UNKNOWN_ORDER",
        _(
            "order takes up to %(max)d of these fields, separated by commas, each "
            "optionally prefixed with - for descending order: %(fields)s."
        )
        % {"max": MAX_ORDER_TERMS, "fields": ", ".join(allowed)},
    )


def check_search(field: GraphQLField, args: Args, _complete: bool) -> None:
    if "searchQuery" not in field.args:
        return
    if args.get(python_name(field, "searchQuery")) is None:
        return
    if get_named_type(field.type).name not in SEARCHABLE:
        raise invalid(
            "searchQuery",
            "SEARCH_NOT_SUPPORTED",
            _("This list cannot be searched; use the search query."),
        )


def check_window(field: GraphQLField, args: Args, _complete: bool) -> None:
    limit = args.get(python_name(field, "limit"))
    maximum = grapple_settings.MAX_PAGE_SIZE
    if limit is not None and not 0 <= limit <= maximum:
        raise invalid(
            "limit",
            "LIMIT_OUT_OF_RANGE",
            _("limit must be between 0 and %(max)d (0 means the default, %(default)d).")
            % {"max": maximum, "default": grapple_settings.PAGE_SIZE},
        )
    offset = args.get(python_name(field, "offset"))
    if offset is not None and offset < 0:
        raise invalid("offset", "OFFSET_OUT_OF_RANGE", _("offset must be 0 or more."))


def check_primary_keys(field: GraphQLField, args: Args, _complete: bool) -> None:
    for name in PRIMARY_KEY_ARGUMENTS:
        if name not in field.args:
            continue
        value = args.get(python_name(field, name))
        if value is None:
            continue
        text = str(value)
        if not (text.isascii() and text.isdigit() and int(text) <= MAX_BIGINT):
            raise invalid(
                name,
                "INVALID_ID",
                _("%(argument)s must be a whole number of 1 to 19 digits.")
                % {"argument": name},
            )


def check_hostname(field: GraphQLField, args: Args, _complete: bool) -> None:
    for name in HOSTNAME_ARGUMENTS:
        value = args.get(python_name(field, name)) if name in field.args else None
        if value is not None and not HOSTNAME.fullmatch(str(value)):
            raise invalid(
                name,
                "INVALID_HOSTNAME",
                _("%(argument)s must be a host name, optionally with :port.")
                % {"argument": name},
            )


def _leaves(value: Any, type_: GraphQLType) -> Iterator[tuple[GraphQLType, Any]]:
    """The scalar values inside an argument's value, with their types."""
    if value is None or value is Undefined:
        return
    type_ = get_nullable_type(type_)
    if is_list_type(type_):
        for item in value if isinstance(value, list | tuple) else [value]:
            yield from _leaves(item, type_.of_type)
    elif is_input_object_type(type_):
        if isinstance(value, dict):
            for name, input_field in type_.fields.items():
                key = input_field.out_name or name
                if key in value:
                    yield from _leaves(value[key], input_field.type)
    else:
        yield type_, value


def check_values(field: GraphQLField, args: Args, _complete: bool) -> None:
    """Every field: strings the database can store, ids the database can bind."""
    for name, argument in field.args.items():
        given = args.get(argument.out_name or name)
        if given is None or isinstance(given, int | float):
            continue  # the common cases first: absent, or a number
        if isinstance(given, str):
            leaves = [(get_named_type(argument.type), given)]
        else:
            leaves = _leaves(given, argument.type)
        for type_, value in leaves:
            if not isinstance(value, str):
                continue
            if LONE_SURROGATE.search(value):
                raise invalid(
                    name,
                    "INVALID_STRING",
                    _("%(argument)s contains a lone surrogate, which is not text.")
                    % {"argument": name},
                )
            if (
                type_ is GraphQLID
                and INTEGER.fullmatch(value)
                # Past 20 digits it is out of range: no int() of thousands of
                # digits (Python refuses past 4300, a ValueError).
                and (len(value.lstrip("-0")) > 20 or abs(int(value)) > MAX_BIGINT)
            ):
                raise invalid(
                    name,
                    "INVALID_ID",
                    _("%(argument)s is out of range for an id.") % {"argument": name},
                )


def _allowed_filters() -> list[str] | None:
    allowed = grapple_settings.ALLOWED_IMAGE_FILTERS
    return list(allowed) if isinstance(allowed, list | tuple) else None


def _refuse_filter(argument: str, spec: str, allowed: list[str]) -> InvalidArgument:
    return invalid(
        argument,
        "RENDITION_NOT_ALLOWED",
        _("There is no %(spec)s rendition; the filters allowed are: %(allowed)s.")
        % {"spec": spec, "allowed": ", ".join(allowed)},
    )


def check_rendition(field: GraphQLField, args: Args, complete: bool) -> None:
    """The filter spec grapple builds from the arguments, as grapple builds it (in
    the order the arguments are defined), against the allow-list."""
    allowed = _allowed_filters()
    if allowed is None or not complete:
        return
    spec = "|".join(
        f"{key}-{args[key]}"
        for key in (argument.out_name or name for name, argument in field.args.items())
        if key in args and key != "preserve_svg"
    )
    if spec not in allowed:
        raise _refuse_filter("width" if "width" in args else "rendition", spec, allowed)


def check_src_set(field: GraphQLField, args: Args, complete: bool) -> None:
    allowed = _allowed_filters()
    if allowed is None or not complete:
        return
    suffix = f"|format-{args['format']}" if args.get("format") else ""
    for width in args.get("sizes") or ():
        spec = f"width-{width}{suffix}"
        if spec not in allowed:
            raise _refuse_filter("sizes", spec, allowed)


IMAGE_FILTER_CHECKS: dict[str, Check] = {
    "rendition": check_rendition,
    "srcSet": check_src_set,
}


_CHECKS: dict[tuple[str, str], tuple[Check, ...]] = {}


def checks_for(parent_name: str, field_name: str, field: GraphQLField) -> tuple:
    """The checks that apply to one field of one type (worked out once)."""
    key = (parent_name, field_name)
    if key not in _CHECKS:
        _CHECKS[key] = _checks(parent_name, field_name, field)
    return _CHECKS[key]


def _checks(parent_name: str, field_name: str, field: GraphQLField) -> tuple:
    checks: list[Check] = [check_values]
    if is_stock_list(field):
        checks += [check_order, check_search, check_window, check_primary_keys]
    elif (parent_name, field_name) in LOOKUPS:
        checks.append(check_primary_keys)
    if (parent_name, field_name) in HOSTNAME_FIELDS:
        checks.append(check_hostname)
    if parent_name == "ImageObjectType" and field_name in IMAGE_FILTER_CHECKS:
        checks.append(IMAGE_FILTER_CHECKS[field_name])
    return tuple(checks)


def check_arguments(
    parent_type: GraphQLNamedType,
    field_name: str,
    field: GraphQLField,
    args: Args,
    *,
    complete: bool = True,
) -> None:
    """Raises InvalidArgument for the first bad value. ``complete`` is False when
    some arguments are variables not known yet (the checks that need every
    argument wait for the middleware)."""
    for check in checks_for(parent_type.name, field_name, field):
        check(field, args, complete)


# --- when they run -------------------------------------------------------------------


def literal_arguments(field: GraphQLField, node: FieldNode) -> tuple[Args, bool]:
    """The arguments written as literals, by Python name, and whether that is all
    of them (no variable anywhere)."""
    args: Args = {}
    complete = True
    for argument_node in node.arguments or ():
        argument = field.args.get(argument_node.name.value)
        if argument is None:
            continue  # unknown argument: graphql-core's own rule reports it
        if _has_variable(argument_node.value):
            complete = False
            continue
        value = value_from_ast(argument_node.value, argument.type)
        if value is Undefined:
            complete = False  # a wrong type: graphql-core's own rule reports it
            continue
        args[argument.out_name or argument_node.name.value] = value
    return args, complete


class _VariableFinder(Visitor):
    found = False

    def enter_variable(self, *_args):
        self.found = True
        return self.BREAK


def _has_variable(value_node) -> bool:
    if isinstance(value_node, VariableNode):
        return True
    finder = _VariableFinder()
    visit(value_node, finder)
    return finder.found


def check_literals(context, node: FieldNode) -> GraphQLError | None:
    """For a validation rule: the error for this field's literal arguments."""
    field = context.get_field_def()
    parent_type = context.get_parent_type()
    if field is None or parent_type is None or not node.arguments:
        return None
    args, complete = literal_arguments(field, node)
    try:
        check_arguments(parent_type, node.name.value, field, args, complete=complete)
    except InvalidArgument as error:
        return GraphQLError(error.message, node, extensions=error.extensions)
    return None


class StockArgumentsMiddleware:
    """Checks the arguments of every field before its resolver runs, variables
    included. Positional-only parameters: no GraphQL argument name (``next``,
    ``root``, ``info``) can clash with them."""

    def resolve(self, next_, root, info, /, **args):
        field = info.parent_type.fields.get(info.field_name) if args else None
        if field is not None:  # None: introspection's __type
            check_arguments(info.parent_type, info.field_name, field, args)
        return next_(root, info, **args)
