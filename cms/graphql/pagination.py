"""Lists, in the same shape for every list query:
``{ items { … } pagination { total totalPages currentPage perPage exact }
pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }``.

Two ways through a list: page numbers (``page``, ``perPage``), and cursors
(``after``/``before`` an item's cursor, Relay-style: a keyset condition on the
list's order, as fast on page 5,000 as on page 1). A page number is an ``OFFSET``:
past ``GRAPHQL_DEFERRED_JOIN_OFFSET`` items, it is a deferred join, the ids of
the page first (``OFFSET`` over the list's order, read from its index: the rows
before the page are skipped as index entries, never loaded), then the rows of those
ids only. The count behind ``pagination`` runs only when asked for, and stops
at ``GRAPHQL_MAX_COUNT``: past it ``total`` is that number and ``exact`` false."""

from __future__ import annotations

import base64
import binascii
import json
import math
from functools import cached_property

import graphene
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.utils.translation import gettext as _

from cms import listed

from .errors import InvalidArgument

DEFAULT_PER_PAGE = 10


class Pagination(graphene.ObjectType):
    total = graphene.Int(
        required=True,
        description="Items matching, on all pages (at most GRAPHQL_MAX_COUNT: see "
        "exact).",
    )
    total_pages = graphene.Int(required=True)
    current_page = graphene.Int(
        required=True, description="1 when the list was reached by cursor."
    )
    per_page = graphene.Int(required=True)
    exact = graphene.Boolean(
        required=True,
        description="False when more items match than the server counts: total is "
        "then a lower bound.",
    )

    @staticmethod
    def resolve_exact(root, info):
        return getattr(root, "exact", None) is not False


class PageInfo(graphene.ObjectType):
    """Relay's page information: where the items are in the whole list."""

    has_next_page = graphene.Boolean(required=True)
    has_previous_page = graphene.Boolean(required=True)
    start_cursor = graphene.String(description="The first item's cursor.")
    end_cursor = graphene.String(description="The last item's cursor.")


def paginated(name: str, item_type) -> type[graphene.ObjectType]:
    """A ``<name>`` type with ``items`` of ``item_type``, a ``pagination`` and a
    ``pageInfo``."""
    return type(
        name,
        (graphene.ObjectType,),
        {
            "items": graphene.List(graphene.NonNull(item_type), required=True),
            "pagination": graphene.Field(Pagination, required=True),
            "page_info": graphene.Field(PageInfo, required=True),
        },
    )


def cursor_arguments() -> dict:
    return {
        "after": graphene.String(
            description="The items after this cursor (pageInfo.endCursor); "
            "with perPage, instead of page."
        ),
        "before": graphene.String(
            description="The items before this cursor (pageInfo.startCursor)."
        ),
    }


def pagination_arguments() -> dict:
    return {
        "page": graphene.Int(default_value=1, description="1-based page number."),
        "per_page": graphene.Int(
            default_value=DEFAULT_PER_PAGE,
            description=f"Items per page, 1 to {settings.GRAPHQL_MAX_PER_PAGE}.",
        ),
    }


def check_page(page: int, per_page: int) -> None:
    """The page arguments every list takes, or a coded INVALID_ARGUMENT."""
    maximum = settings.GRAPHQL_MAX_PER_PAGE
    if per_page is None or not 1 <= per_page <= maximum:
        raise InvalidArgument(
            _("perPage must be between 1 and %(max)d.") % {"max": maximum},
            argument="perPage",
            reason="PER_PAGE_OUT_OF_RANGE",
        )
    if page is None or page < 1:
        raise InvalidArgument(
            _("page must be 1 or more."), argument="page", reason="PAGE_OUT_OF_RANGE"
        )


def pagination(total: int, page: int, per_page: int) -> Pagination:
    return Pagination(
        total=total,
        total_pages=math.ceil(total / per_page),
        current_page=page,
        per_page=per_page,
    )


class LazyPagination:
    """``pagination`` counting the matches only if the query asks for them."""

    def __init__(self, queryset, page: int, per_page: int) -> None:
        self.queryset, self.current_page, self.per_page = queryset, page, per_page

    @cached_property
    def _count(self) -> tuple[int, bool]:
        cap = settings.GRAPHQL_MAX_COUNT
        matches = self.queryset.order_by().values("pk")
        copies = listed.positions(matches)  # one index of the list's table
        counted = (matches if copies is None else copies)[: cap + 1].count()
        return min(counted, cap), counted <= cap

    @property
    def total(self) -> int:
        return self._count[0]

    @property
    def exact(self) -> bool:
        return self._count[1]

    @property
    def total_pages(self) -> int:
        return math.ceil(self.total / self.per_page)


def encode_cursor(item, fields: tuple[str, ...]) -> str:
    values = [getattr(item, name.lstrip("-")) for name in fields]
    raw = json.dumps(values, cls=DjangoJSONEncoder, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _bad_cursor(argument: str) -> InvalidArgument:
    return InvalidArgument(
        _("%(argument)s is not a cursor this list gave out.") % {"argument": argument},
        argument=argument,
        reason="INVALID_CURSOR",
    )


def decode_cursor(cursor: str, model, fields: tuple[str, ...], argument: str):
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
        if not isinstance(values, list) or len(values) != len(fields):
            raise ValueError
        return [
            _field(model, name.lstrip("-")).to_python(value)
            for name, value in zip(fields, values, strict=True)
        ]
    except (ValueError, TypeError, binascii.Error, ValidationError):
        raise _bad_cursor(argument) from None


def _field(model, name: str):
    return model._meta.pk if name == "pk" else model._meta.get_field(name)


def keyset(fields: tuple[str, ...], values: list, forward: bool) -> Q:
    """Items after (``forward``) or before the position ``values`` in the order
    ``fields``: (a, b) after (x, y) is a > x, or a = x and b > y (for ascending
    fields; the other way round for descending ones)."""
    condition = Q(pk__in=[])
    for index in range(len(fields) - 1, -1, -1):
        name = fields[index].lstrip("-")
        descending = fields[index].startswith("-")
        lookup = "lt" if descending == forward else "gt"
        step = Q(**{f"{name}__{lookup}": values[index]})
        condition = step | (Q(**{name: values[index]}) & condition)
    return condition


def paginate(
    queryset,
    page: int,
    per_page: int,
    after: str | None = None,
    before: str | None = None,
) -> dict:
    """The items of one page, by number or by cursor (``queryset`` ordered by
    unique fields, e.g. ``-date, -pk``): one query, plus the count if asked."""
    check_page(page, per_page)
    fields = tuple(queryset.query.order_by)
    if after is not None or before is not None:
        return _by_cursor(queryset, fields, per_page, after, before, page)
    start = (page - 1) * per_page
    if start < settings.GRAPHQL_DEFERRED_JOIN_OFFSET:
        items = list(queryset[start : start + per_page + 1])
        more = len(items) > per_page
    else:
        items, more = _deferred_join(queryset, start, per_page)
    return _page(queryset, items[:per_page], more, page, per_page, fields, page > 1)


def page_ids(queryset, start: int, count: int):
    """The ids of ``count`` items from ``start`` in the list's order: the query
    of a deep page's ``OFFSET``, narrow enough to be read from an index (on
    PostgreSQL one index of the list's table, cms/listed.py)."""
    ids = queryset.prefetch_related(None).values_list("pk", flat=True)
    copies = listed.positions(ids)
    return (ids if copies is None else copies)[start : start + count]


def _deferred_join(queryset, start: int, per_page: int) -> tuple[list, bool]:
    """The page at ``start`` in two queries: its ids (and the next one's, to know
    whether a page follows) over the list's order, then the rows of its ids, with
    the list's conditions again (a row unpublished in between is left out)."""
    ids = list(page_ids(queryset, start, per_page + 1))
    wanted = ids[:per_page]
    if not wanted:
        return [], False
    rows = {item.pk: item for item in queryset.filter(pk__in=wanted).order_by()}
    return [rows[pk] for pk in wanted if pk in rows], len(ids) > per_page


def _by_cursor(queryset, fields, per_page, after, before, page) -> dict:
    if (after is not None and before is not None) or page != 1:
        raise InvalidArgument(
            _("Give either page, after or before, not two of them."),
            argument="after" if after is not None else "before",
            reason="CONFLICTING_ARGUMENTS",
        )
    argument, cursor = ("after", after) if after is not None else ("before", before)
    values = decode_cursor(cursor, queryset.model, fields, argument)
    forward = argument == "after"
    window = queryset.filter(keyset(fields, values, forward))
    if forward:
        items = list(window[: per_page + 1])
        more = len(items) > per_page
        return _page(queryset, items[:per_page], more, 1, per_page, fields, True)
    reverse = [name[1:] if name.startswith("-") else f"-{name}" for name in fields]
    items = list(window.order_by(*reverse)[: per_page + 1])
    earlier = len(items) > per_page
    items = items[:per_page][::-1]
    return _page(queryset, items, True, 1, per_page, fields, previous=earlier)


def _page(queryset, items, more, page, per_page, fields, previous: bool) -> dict:
    return {
        "items": items,
        "pagination": LazyPagination(queryset, page, per_page),
        "page_info": PageInfo(
            has_next_page=more,
            has_previous_page=previous,
            start_cursor=encode_cursor(items[0], fields) if items else None,
            end_cursor=encode_cursor(items[-1], fields) if items else None,
        ),
    }
