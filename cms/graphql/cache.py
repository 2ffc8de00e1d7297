"""The shared response cache for anonymous GraphQL reads.

Entries live in a Django cache that every process shares (the database cache by
default, Redis when configured). Each entry carries the content *generation* it was
computed from; any change to published content bumps the generation once its
transaction commits, so every process stops serving older entries at once. An
entry is stored with the generation read *before* its query ran: an answer computed
while a publish was committing can never be served as fresh.

Who may see what counts as content: a view restriction on a page or a collection
(password, sign-in or groups: created, changed, deleted, or its groups edited), a
collection saved (or moved under a private one), a document saved or deleted, and
group permission changes all bump the generation too. Scheduled publishing and expiry
reach the cache through Wagtail's publish and unpublish signals, sent by the worker's
tick (cms/scheduled_publishing.py).
"""

from __future__ import annotations

import hashlib
import json
import time

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    PageViewRestriction,
    Site,
    TranslatableMixin,
)
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

GENERATION_KEY = "graphql:generation"


def response_cache():
    return caches[settings.GRAPHQL_CACHE_ALIAS]


def response_key(query: str, variables, operation_name, language: str) -> str:
    # The URL bases too: answers hold absolute URLs (cms/public_urls.py), so a
    # changed setting never serves answers built on the old one.
    bases = [settings.PUBLIC_BASE_URL, settings.CMS_BASE_URL, settings.MEDIA_URL]
    material = json.dumps(
        [query, variables or {}, operation_name or "", language, bases],
        sort_keys=True,
        separators=(",", ":"),
    )
    return "graphql:response:" + hashlib.sha256(material.encode()).hexdigest()


def _generation_from(values: dict) -> int:
    generation = values.get(GENERATION_KEY)
    if generation is None:
        # Never zero: if the counter is ever evicted, a fresh start value cannot
        # match entries written under the old one.
        response_cache().add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = response_cache().get(GENERATION_KEY)
    return generation


def lookup(key: str) -> tuple[bytes | None, int]:
    """(cached body or None, the current generation), in one round trip."""
    values = response_cache().get_many([GENERATION_KEY, key])
    generation = _generation_from(values)
    entry = values.get(key)
    if entry is not None and entry[0] == generation:
        return entry[1], generation
    return None, generation


def store(key: str, generation: int, body: bytes) -> None:
    response_cache().set(key, (generation, body), settings.GRAPHQL_CACHE_TIMEOUT)


def invalidate() -> None:
    cache = response_cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there yet (or evicted)
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)


def invalidate_on_commit(*_args, **_kwargs) -> None:
    transaction.on_commit(invalidate)


# Live as soon as they are saved: snippets, images, documents, locales, sites; and
# what decides who may see what (view restrictions, collections, permissions).
LIVE_ON_SAVE = (
    TranslatableMixin,
    AbstractImage,
    AbstractDocument,
    Locale,
    Site,
    PageViewRestriction,
    CollectionViewRestriction,
    Collection,
    GroupPagePermission,
    GroupCollectionPermission,
    Group,
)


def _content_changed(sender, instance, **_kwargs) -> None:
    # Page saves are drafts until published (page_published covers those).
    if isinstance(instance, Page):
        return
    if isinstance(instance, LIVE_ON_SAVE):
        invalidate_on_commit()


def _members_changed(sender, instance, action, **_kwargs) -> None:
    """A restriction's groups, a group's permissions. (A user's groups are left
    out: only anonymous answers are shared, and sign-ups must not be able to empty
    the cache.)"""
    if action in ("post_add", "post_remove", "post_clear"):
        invalidate_on_commit()


def _page_privacy_changed(sender, instance, **_kwargs) -> None:
    """With a CDN purge endpoint (WAGTAILFRONTENDCACHE), the pages under a
    restriction that changed leave the CDN too, as Wagtail does on publish. (GET
    answers of the API cannot be purged by URL: they expire after max-age.)"""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    page_id = instance.page_id

    def purge() -> None:
        from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache

        page = Page.objects.filter(pk=page_id).first()
        if page is not None:
            purge_pages_from_cache(page.get_descendants(inclusive=True).live())

    transaction.on_commit(purge)


def _page_deleted(sender, instance, **_kwargs) -> None:
    if isinstance(instance, Page):
        invalidate_on_commit()


def connect_signals() -> None:
    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(invalidate_on_commit, dispatch_uid=f"graphql-cache-{signal}")
    post_save.connect(_content_changed, dispatch_uid="graphql-cache-save")
    post_delete.connect(_content_changed, dispatch_uid="graphql-cache-delete")
    post_delete.connect(_page_deleted, dispatch_uid="graphql-cache-page-delete")
    for signal in (post_save, post_delete):
        signal.connect(
            _page_privacy_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"cdn-purge-privacy-{signal}",
        )
    for through in (
        Group.permissions.through,
        PageViewRestriction.groups.through,
        CollectionViewRestriction.groups.through,
    ):
        m2m_changed.connect(
            _members_changed,
            sender=through,
            dispatch_uid=f"graphql-cache-members-{through._meta.label}",
        )
