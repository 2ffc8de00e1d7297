"""grapple's page interface with the tree fields (``parent``, ``children``,
``siblings``, ``ancestors``, ``descendants``) batch-loaded, so a list that selects
them still costs a constant number of SQL queries. Arguments that reorder or
search (``order``, ``searchQuery``, ``id``, ``inMenu``) fall back to grapple's
per-page query; ``limit`` and ``offset`` are applied as grapple applies them."""

from __future__ import annotations

from functools import reduce
from operator import or_

import graphene
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber, Substr
from grapple.settings import grapple_settings
from grapple.types.interfaces import PageInterface
from grapple.utils import resolve_queryset
from wagtail.models import Page

from cms.public_urls import page_url

from .dependencies import TREE, depends_on
from .loaders import BatchLoader, ListLoader, WindowLoader
from .pages import expect_pages, published

STEP = Page.steplen
PER_PAGE_QUERY_ARGUMENTS = ("order", "search_query", "id", "in_menu")


def parent_path(path: str) -> str:
    return path[:-STEP]


def _fetch(condition: Q, window=None) -> list[Page]:
    """Published pages matching ``condition`` in tree order; with ``window``
    ((partition expression, offset, limit)), only those at those positions in
    their partition, counted by the database: a ``children(limit: 1)`` of a
    newsroom with 100,000 releases reads one row, not 100,000."""
    pages = published(Page.objects.filter(condition))
    if window is not None:
        partition, offset, limit = window
        pages = pages.annotate(
            position=Window(RowNumber(), partition_by=[partition], order_by="path")
        ).filter(position__gt=offset)
        if limit is not None:
            pages = pages.filter(position__lte=offset + limit)
    pages = list(pages.specific().order_by("path"))
    expect_pages(pages)  # their own tree and translations batch too
    return pages


def _prefix(length) -> Substr:
    return Substr("path", 1, length)


class PageByPathLoader(BatchLoader):
    @classmethod
    def load_batch(cls, paths):
        return {page.path: page for page in _fetch(Q(path__in=paths))}


class ChildrenLoader(WindowLoader):
    """path -> published children, in tree order (a window of them: load_slice)."""

    @classmethod
    def load_window(cls, paths, offset, limit):
        found: dict = {}
        condition = reduce(
            or_, (Q(path__startswith=p, depth=len(p) // STEP + 1) for p in paths)
        )
        window = None
        if offset or limit is not None:
            window = (_prefix((F("depth") - 1) * STEP), offset, limit)
        for page in _fetch(condition, window):
            found.setdefault(parent_path(page.path), []).append(page)
        return found


class DescendantsLoader(WindowLoader):
    @classmethod
    def load_window(cls, paths, offset, limit):
        found: dict = {}
        # Paths of one depth never hold each other's descendants: one query each.
        by_length: dict[int, list[str]] = {}
        for p in paths:
            by_length.setdefault(len(p), []).append(p)
        for length, group in by_length.items():
            condition = reduce(
                or_, (Q(path__startswith=p, depth__gt=length // STEP) for p in group)
            )
            window = None
            if offset or limit is not None:
                window = (_prefix(length), offset, limit)
            for page in _fetch(condition, window):
                found.setdefault(page.path[:length], []).append(page)
        return found


class AncestorsLoader(ListLoader):
    @classmethod
    def load_batch(cls, paths):
        prefixes = {p[:end] for p in paths for end in range(STEP, len(p), STEP)}
        by_path = {page.path: page for page in _fetch(Q(path__in=prefixes))}
        return {
            p: [
                by_path[p[:end]]
                for end in range(STEP, len(p), STEP)
                if p[:end] in by_path
            ]
            for p in paths
        }


def expect_tree(pages) -> None:
    paths = [page.path for page in pages if page.path]
    parents = [parent_path(p) for p in paths if len(p) > STEP]
    PageByPathLoader.expect(parents)
    ChildrenLoader.expect(paths + parents)
    DescendantsLoader.expect(paths)
    AncestorsLoader.expect(paths)


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
