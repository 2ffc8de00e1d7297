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
from grapple.utils import resolve_queryset

from cms.public_urls import page_url
from cms.visibility import public_since, published

from .dependencies import TREE, depends_on
from .page_loaders import (
    AncestorsLoader,
    ChildrenLoader,
    DescendantsLoader,
    PageByPathLoader,
    parent_path,
)

PER_PAGE_QUERY_ARGUMENTS = ("order", "search_query", "id", "in_menu")


def _window(limit=None, offset=None, **_unused) -> tuple[int, int]:
    """grapple's ``offset`` and ``limit`` (its page size by default, at most its
    maximum)."""
    offset = max(int(offset or 0), 0)
    limit = min(
        int(limit or grapple_settings.PAGE_SIZE), grapple_settings.MAX_PAGE_SIZE
    )
    return offset, limit


# grapple's per-page querysets, asked through ``published`` rather than grapple's
# own live().public() (which knows nothing of cms/visibility.py).
RELATIONS = {
    "children": lambda page: page.get_children(),
    "siblings": lambda page: page.get_siblings().exclude(pk=page.pk),
    "next_siblings": lambda page: page.get_next_siblings().exclude(pk=page.pk),
    "previous_siblings": lambda page: page.get_prev_siblings().exclude(pk=page.pk),
    "descendants": lambda page: page.get_descendants(),
    "ancestors": lambda page: page.get_ancestors(),
}


def _batched(page, info, relation: str, kwargs: dict, pages_for):
    # What a tree list holds changes with any page published or withdrawn.
    depends_on(TREE)
    if not page.path or any(
        kwargs.get(a) is not None for a in PER_PAGE_QUERY_ARGUMENTS
    ):
        if not page.path:  # a preview not saved yet: grapple's own answer
            return getattr(PageInterface, f"resolve_{relation}")(page, info, **kwargs)
        pages = published(RELATIONS[relation](page)).specific()
        return resolve_queryset(pages, info, **kwargs)
    offset, limit = _window(**kwargs)
    if isinstance(pages_for, type):  # a window loader: sliced by the database
        return pages_for.load_slice(page.path, offset, limit)
    return pages_for(page)[offset : offset + limit]


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

    def resolve_first_published_at(self, info, **kwargs):
        return public_since(self, self.first_published_at)

    def resolve_last_published_at(self, info, **kwargs):
        return public_since(self, self.last_published_at)

    def resolve_url_path(self, info, **kwargs):
        return site_path(self, info.context)

    def resolve_parent(self, info, **kwargs):
        if not self.path or self.depth <= 1:
            return None
        return PageByPathLoader.load(parent_path(self.path))

    def resolve_children(self, info, **kwargs):
        return _batched(self, info, "children", kwargs, ChildrenLoader)

    def resolve_descendants(self, info, **kwargs):
        return _batched(self, info, "descendants", kwargs, DescendantsLoader)

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
