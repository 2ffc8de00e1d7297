"""The page loaders: a list of pages costs a constant number of SQL queries for
their translations (``PageTranslationsLoader``) and their tree (parent, children,
siblings, ancestors, descendants), whatever its length.

A list resolver calls ``expect_pages(pages)``; the fields of cms/graphql/pages.py
(translations) and cms/graphql/interfaces.py (the tree) then ask the loaders."""

from __future__ import annotations

from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber, Substr
from wagtail.models import Page

from cms.visibility import published

from .loaders import BatchLoader, ListLoader, WindowLoader, current_scope


class PageTranslationsLoader(ListLoader):
    """translation_key -> every published variant of the page, in any locale.

    The pages a list announced (``expect_pages``) are not loaded again: an
    English list's translations are its French variants, one row each."""

    @classmethod
    def load_batch(cls, keys: list) -> dict:
        scope = current_scope()
        known = {
            page.pk: page
            for key in keys
            for page in (scope.known_pages.get(key, {}) if scope else {}).values()
        }
        pages = published(Page.objects.filter(translation_key__in=keys))
        if known:
            pages = pages.exclude(pk__in=list(known))
        found: dict = {}
        for page in [*pages.select_related("locale"), *known.values()]:
            found.setdefault(page.translation_key, []).append(page)
        for variants in found.values():
            variants.sort(key=lambda page: page.locale.language_code)
        return found


STEP = Page.steplen


def parent_path(path: str) -> str:
    return path[:-STEP]


def _fetch(condition: Q, window: tuple | None = None) -> list[Page]:
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


def _prefix(length: int | F) -> Substr:
    return Substr("path", 1, length)


class PageByPathLoader(BatchLoader):
    @classmethod
    def load_batch(cls, paths: list) -> dict:
        return {page.path: page for page in _fetch(Q(path__in=paths))}


class ChildrenLoader(WindowLoader):
    """path -> published children, in tree order (a window of them: load_slice)."""

    @classmethod
    def load_window(cls, paths: list, offset: int, limit: int | None) -> dict:
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
    def load_window(cls, paths: list, offset: int, limit: int | None) -> dict:
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
    def load_batch(cls, paths: list) -> dict:
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


def expect_tree(pages: list[Page]) -> None:
    paths = [page.path for page in pages if page.path]
    parents = [parent_path(p) for p in paths if len(p) > STEP]
    PageByPathLoader.expect(parents)
    ChildrenLoader.expect(paths + parents)
    DescendantsLoader.expect(paths)
    AncestorsLoader.expect(paths)


def expect_pages(pages: Iterable[Page]) -> None:
    """Tell the page loaders which pages a list is about to resolve (published
    ones: lists and lookups of what the reader may see)."""
    pages = list(pages)
    PageTranslationsLoader.expect(page.translation_key for page in pages)
    expect_tree(pages)
    scope = current_scope()
    if scope is not None:
        for page in pages:
            # With its language at hand (no query to sort or show it), and
            # never a preview (an editor's unsaved state).
            if Page.locale.is_cached(page) and not getattr(page, "is_preview", False):
                scope.known_pages[page.translation_key][page.pk] = page
