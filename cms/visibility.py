"""What the public may see: published pages, and collections without a view
restriction (on themselves or above). Used by the GraphQL layer and by the links
of rich text (cms/public_urls.py), so it sits below both."""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet
from wagtail.models import Collection, CollectionViewRestriction


def published(queryset: QuerySet) -> QuerySet:
    """Only what the public may see: live, not under a view restriction."""
    return queryset.live().public()


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
