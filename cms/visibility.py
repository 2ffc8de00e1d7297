"""What the public may see: published pages, collections without a view restriction
(on themselves or above), and who may see a published page beyond Wagtail's own
rules (live, not under a view restriction). Used by the GraphQL layer and by the
links of rich text (cms/public_urls.py), so it sits below both.

Other apps narrow what a reader may see through hooks, asked by every path that
hands pages out. cms names no app; the embargo app (embargo/wagtail_hooks.py)
answers.

- ``filter_visible_pages(queryset) -> queryset``: what the current reader may see
  (the API's lists and lookups, stock fields, search, page serving).
- ``hidden_page_paths() -> [path]``: the tree paths of pages the current reader
  may not see, for search statements written in SQL.
- ``is_page_withheld(page) -> bool``: not yet for everyone, whoever asks:
  webhooks, newsletters, feeds and anything else sent to the public.
- ``filter_visible_images(queryset) -> queryset``: the images the current reader
  may list (``image``/``images``): the photos app leaves out the web copies of
  photos no gallery the reader may see shows yet.
- ``page_public_since(page) -> datetime | None``: from when the current reader
  could see a live page, when later than its publish (the lift of its embargo).

And one signal, ``page_withdrawn(page)``: a live page left the public without
being unpublished (published again under an embargo, embargo/lifting.py). ``page``
is the page as the public saw it until then. Webhooks send ``page.unpublished``
and caches drop it, as for an unpublish.
"""

from __future__ import annotations

import datetime
from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet
from django.dispatch import Signal
from wagtail import hooks
from wagtail.models import Collection, CollectionViewRestriction

page_withdrawn = Signal()


def visible_pages(queryset: QuerySet) -> QuerySet:
    for restrict in hooks.get_hooks("filter_visible_pages"):
        queryset = restrict(queryset)
    return queryset


def visible_images(queryset: QuerySet) -> QuerySet:
    for restrict in hooks.get_hooks("filter_visible_images"):
        queryset = restrict(queryset)
    return queryset


def hidden_page_paths() -> list[str]:
    return [path for paths in hooks.get_hooks("hidden_page_paths") for path in paths()]


def is_withheld(page: object) -> bool:
    return any(withheld(page) for withheld in hooks.get_hooks("is_page_withheld"))


def public_since(
    page: object, moment: datetime.datetime | None
) -> datetime.datetime | None:
    """``moment`` (when ``page`` was published), or the later time from which the
    current reader could see it: a page published under embargo tells the public
    it was published at the lift, not when the accredited journalists got it."""
    if moment is None:
        return None
    for since in hooks.get_hooks("page_public_since"):
        later = since(page)
        if later is not None and later > moment:
            moment = later
    return moment


def published(queryset: QuerySet) -> QuerySet:
    """Only what the reader may see: live, not under a view restriction, and what
    other apps' hooks allow (pages under embargo)."""
    return visible_pages(queryset.live().public())


def public_collections() -> QuerySet[Collection]:
    """Collections with no view restriction on themselves or above."""
    paths = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    private = [Q(path__startswith=path) for path in paths]
    collections = Collection.objects.all()
    return collections.exclude(reduce(or_, private)) if private else collections


def public_collection_ids() -> set[int]:
    # A handful of collections: one small query, usable in a search filter (only
    # ``collection`` is a search FilterField of documents and images).
    return set(public_collections().values_list("pk", flat=True))
