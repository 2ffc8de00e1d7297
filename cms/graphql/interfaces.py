"""grapple's page interface with the tree fields (``parent``, ``children``,
``siblings``, ``ancestors``, ``descendants``) batch-loaded (page_loaders.py), so a
list that selects them still costs a constant number of SQL queries. Arguments
that reorder or search (``order``, ``searchQuery``, ``id``, ``inMenu``) fall back
to grapple's per-page query; ``limit`` and ``offset`` are applied as grapple
applies them."""

from __future__ import annotations

import graphene
from grapple.settings import grapple_settings
from grapple.types.interfaces import PageInterface

from cms.public_urls import page_url

from .page_loaders import (
    AncestorsLoader,
    ChildrenLoader,
    DescendantsLoader,
    PageByPathLoader,
    parent_path,
)

PER_PAGE_QUERY_ARGUMENTS = ("order", "search_query", "id", "in_menu")


def _slice(pages: list, limit=None, offset=None, **_unused) -> list:
    offset = int(offset or 0)
    limit = min(
        int(limit or grapple_settings.PAGE_SIZE), grapple_settings.MAX_PAGE_SIZE
    )
    return pages[offset : offset + limit]


def _batched(page, info, relation: str, kwargs: dict, pages_for):
    if not page.path or any(
        kwargs.get(a) is not None for a in PER_PAGE_QUERY_ARGUMENTS
    ):
        return getattr(PageInterface, f"resolve_{relation}")(page, info, **kwargs)
    return _slice(pages_for(page), **kwargs)


def _siblings(page) -> list:
    return [
        other
        for other in ChildrenLoader.load(parent_path(page.path))
        if other.pk != page.pk
    ]


def site_path(page, request) -> str:
    """The page's path on its site with the locale prefix (``/fr/newsroom/…/``):
    the form ``page(urlPath:)`` takes. Wagtail's own ``url_path`` starts at the
    tree root (``/home/newsroom/…/``), which means nothing to a client."""
    parts = page.get_url_parts(request=request)
    return parts[2] if parts else page.url_path


class PortalPageInterface(PageInterface):
    class Meta:
        name = "PageInterface"

    id = graphene.ID(required=True)
    url_path = graphene.String(
        required=True,
        description="The path on the site, with its locale prefix (/en/newsroom/…/)"
        ": what page(urlPath:) takes.",
    )

    def resolve_url(self, info, **kwargs):
        return page_url(self, info.context)

    def resolve_url_path(self, info, **kwargs):
        return site_path(self, info.context)

    def resolve_parent(self, info, **kwargs):
        if not self.path or self.depth <= 1:
            return None
        return PageByPathLoader.load(parent_path(self.path))

    def resolve_children(self, info, **kwargs):
        return _batched(
            self, info, "children", kwargs, lambda p: ChildrenLoader.load(p.path)
        )

    def resolve_descendants(self, info, **kwargs):
        return _batched(
            self, info, "descendants", kwargs, lambda p: DescendantsLoader.load(p.path)
        )

    def resolve_ancestors(self, info, **kwargs):
        return _batched(
            self, info, "ancestors", kwargs, lambda p: AncestorsLoader.load(p.path)
        )

    def resolve_siblings(self, info, **kwargs):
        return _batched(self, info, "siblings", kwargs, _siblings)

    def resolve_next_siblings(self, info, **kwargs):
        return _batched(
            self,
            info,
            "next_siblings",
            kwargs,
            lambda p: [s for s in _siblings(p) if s.path > p.path],
        )

    def resolve_previous_siblings(self, info, **kwargs):
        return _batched(
            self,
            info,
            "previous_siblings",
            kwargs,
            lambda p: [s for s in _siblings(p) if s.path < p.path],
        )
