"""The page loaders: a list of pages costs a constant number of SQL queries for
their translations (``PageTranslationsLoader``) and their tree (parent, children,
siblings, ancestors, descendants), whatever its length.

A list resolver calls ``expect_pages(pages)``; the fields of cms/graphql/pages.py
(translations) and cms/graphql/interfaces.py (the tree) then ask the loaders."""

from __future__ import annotations

from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.models import Page

from cms.visibility import published

from .loaders import BatchLoader, ListLoader


class PageTranslationsLoader(ListLoader):
    """translation_key -> every published variant of the page, in any locale."""

    @classmethod
    def load_batch(cls, keys: list) -> dict:
        found: dict = {}
        pages = published(Page.objects.filter(translation_key__in=keys))
        for page in pages.select_related("locale").order_by("locale__language_code"):
            found.setdefault(page.translation_key, []).append(page)
        return found


STEP = Page.steplen


def parent_path(path: str) -> str:
    return path[:-STEP]


def _fetch(condition: Q) -> list[Page]:
    pages = list(published(Page.objects.filter(condition)).specific().order_by("path"))
    expect_pages(pages)  # their own tree and translations batch too
    return pages


class PageByPathLoader(BatchLoader):
    @classmethod
    def load_batch(cls, paths: list) -> dict:
        return {page.path: page for page in _fetch(Q(path__in=paths))}


class ChildrenLoader(ListLoader):
    """path -> published children, in tree order."""

    @classmethod
    def load_batch(cls, paths: list) -> dict:
        found: dict = {}
        condition = reduce(
            or_, (Q(path__startswith=p, depth=len(p) // STEP + 1) for p in paths)
        )
        for page in _fetch(condition):
            found.setdefault(parent_path(page.path), []).append(page)
        return found


class DescendantsLoader(ListLoader):
    @classmethod
    def load_batch(cls, paths: list) -> dict:
        condition = reduce(
            or_, (Q(path__startswith=p, depth__gt=len(p) // STEP) for p in paths)
        )
        pages = _fetch(condition)
        return {p: [page for page in pages if page.path.startswith(p)] for p in paths}


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
    """Tell the page loaders which pages a list is about to resolve."""
    pages = list(pages)
    PageTranslationsLoader.expect(page.translation_key for page in pages)
    expect_tree(pages)
