"""Page-numbered lists, in the same shape for every list query:
``{ items { … } pagination { total totalPages currentPage perPage } }``."""

from __future__ import annotations

import math

import graphene
from django.conf import settings
from django.utils.translation import gettext as _

from .errors import InvalidArgument

DEFAULT_PER_PAGE = 10


class Pagination(graphene.ObjectType):
    total = graphene.Int(required=True, description="Items matching, on all pages.")
    total_pages = graphene.Int(required=True)
    current_page = graphene.Int(required=True)
    per_page = graphene.Int(required=True)


def paginated(name: str, item_type) -> type[graphene.ObjectType]:
    """A ``<name>`` type with ``items`` of ``item_type`` and a ``pagination``."""
    return type(
        name,
        (graphene.ObjectType,),
        {
            "items": graphene.List(graphene.NonNull(item_type), required=True),
            "pagination": graphene.Field(Pagination, required=True),
        },
    )


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


def paginate(queryset, page: int, per_page: int) -> dict:
    """Slice ``queryset``; two queries (count and page) whatever its size."""
    check_page(page, per_page)
    total = queryset.count()
    start = (page - 1) * per_page
    items = list(queryset[start : start + per_page]) if start < total else []
    return {"items": items, "pagination": pagination(total, page, per_page)}
