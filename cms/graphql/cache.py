"""The shared response cache for anonymous GraphQL reads.

Entries live in a Django cache that every process shares (the database cache by
default, Redis when configured). Each entry records the *tags* it depends on
(cms/graphql/dependencies.py: the pages, snippets and images it read, the lists it
enumerated) with each tag's version when it was stored. A change bumps the
versions of its tags once its transaction commits, so every process stops serving
the entries that depend on it, and only those: a new English release reaches the
English lists it appears in, not the French ones, nor other releases' pages.

A version is the time of the bump, so an answer computed while a change was
committing is never stored as fresh: if any of its tags was bumped after the query
started (less ``GRAPHQL_CACHE_CLOCK_SKEW`` for servers' clocks), it is not stored.
A tag missing from the cache (evicted) matches no entry: eviction only causes
misses. A store that finds a version missing while the epoch moved since its
query started takes it as bumped just now (that bump may be the one evicted), so
an answer computed before an evicted bump is never filed as fresh.

One round trip for a hit: every bump also moves one shared *epoch* (after the tags'
versions), and an entry carries the epoch at which its versions were last found
current. While the epoch has not moved, nothing anywhere has changed, so a hit reads
only the entry and the epoch (one ``get_many``); once it has moved, the first
lookup checks the entry's tags one by one (a second round trip) and, if they are
all current, stamps the entry with the epoch it read before checking them.

No herd: the first process to miss an entry takes a short lock in the shared cache
and computes it; the others wait up to ``GRAPHQL_CACHE_LOCK_WAIT`` seconds for its
answer (then compute it themselves), or, when the entry went stale through a
*soft* change (a publish, a snippet or image edit) and was computed at most
``GRAPHQL_CACHE_STALE_SECONDS`` ago, get the previous answer meanwhile. A *hard*
change (an unpublish, a deletion, anything about who may see what) is never
answered stale: it bumps a second version every stale answer is checked against.

Who may see what counts as content: a view restriction on a page or a collection
(password, sign-in or groups: created, changed, deleted, or its groups edited), a
collection saved (or moved under a private one), a document saved or deleted, and
group permission changes bump ``GLOBAL``, which every entry depends on. An image
moved to another collection is a hard change of its own tags. Scheduled
publishing and expiry reach the cache through Wagtail's publish and unpublish
signals, sent by the worker's tick (cms/scheduled_publishing.py).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import pickle
import secrets
import time
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import router, transaction
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_init,
    post_save,
    pre_save,
)
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

from cms.visibility import is_withheld, page_withdrawn

from .dependencies import (
    ANY,
    GLOBAL,
    TREE,
    list_tag,
    object_tag,
    page_list_tags,
    record_instance,
)

logger = logging.getLogger(__name__)

HIT, STALE, MISS = "HIT", "STALE", "MISS"
# Seconds a lookup waits between two looks at an entry another process computes.
POLL_SECONDS = 0.02


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


def _version_key(tag: str) -> str:
    return "graphql:tag:" + tag


def _hard_key(tag: str) -> str:
    return "graphql:hard:" + tag


# Moved by every bump, after the tags' versions (see the module's docstring).
EPOCH_KEY = "graphql:epoch"


def _lock_key(key: str) -> str:
    return key.replace("graphql:response:", "graphql:lock:", 1)


def _now() -> int:
    return time.time_ns()


@dataclass
class Lookup:
    """What the shared cache holds for one key, as seen at ``started``."""

    key: str
    started: int
    state: str = MISS
    body: bytes | None = None
    tags: tuple = ()
    # The Surrogate-Key header's keys, space-separated, made when it was stored.
    surrogate: str = ""
    # The epoch read at ``started`` (None: none yet): a store finding it unmoved
    # knows nothing was bumped since (see ``_lost_version``).
    epoch: str | None = None
    locked: bool = field(default=False, repr=False)

    @property
    def fresh(self) -> bytes | None:
        return self.body if self.state == HIT else None

    # (fresh body or None, what to store with): the shape lookup() always had.
    def __iter__(self):
        return iter((self.fresh, self))

    def __getitem__(self, index: int):
        return (self.fresh, self)[index]


# An entry is a flat dict of numbers, strings and bytes, as small as it can be:
# a hit reads it whole (and the database cache base64-decodes it), so the body is
# compressed (a 50-release list: 38 KB of JSON, 7 KB stored), and the versions
# of its tags (a list answer depends on a hundred) are compressed apart, read only
# when the epoch moved.


def _packed(value) -> bytes:
    return zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)


def entry_versions(entry: dict) -> dict[str, tuple[int, int]]:
    """{tag: (version, hard version)} as stored with an entry."""
    return pickle.loads(zlib.decompress(entry["versions"]))


def _found(found: Lookup, entry: dict, state: str) -> Lookup:
    found.state, found.body = state, zlib.decompress(entry["body"])
    found.surrogate = entry["surrogate"]
    return found


def tag_versions(tags: Iterable[str]) -> dict[str, int | None]:
    tags = list(tags)
    found = response_cache().get_many([_version_key(tag) for tag in tags])
    return {tag: found.get(_version_key(tag)) for tag in tags}


def lookup(key: str) -> Lookup:
    """The entry under ``key``: HIT (fresh), STALE (a soft change since, within
    the staleness bound: ``body`` may be served while another process recomputes
    it) or MISS. One round trip for a hit while nothing changed (the entry and the
    epoch); after a change, a second one for the entry's tags' versions."""
    found = Lookup(key, _now())
    cache = response_cache()
    read = cache.get_many([key, EPOCH_KEY])
    entry, epoch = read.get(key), read.get(EPOCH_KEY)
    found.epoch = epoch
    if not isinstance(entry, dict) or "surrogate" not in entry:
        return found  # none, or stored by an older release: recomputed
    if epoch is not None and entry["epoch"] == epoch:
        return _found(found, entry, HIT)
    versions = entry_versions(entry)
    current = tag_versions(versions)
    changed = [
        tag for tag, (version, _hard) in versions.items() if current[tag] != version
    ]
    found.tags = tuple(versions)
    if not changed:
        _stamp(key, entry, epoch)
        return _found(found, entry, HIT)
    age = (found.started - entry["stored"]) / 1e9
    if age > settings.GRAPHQL_CACHE_STALE_SECONDS:
        return found
    hard = cache.get_many([_hard_key(tag) for tag in changed])
    if all(hard.get(_hard_key(tag)) == versions[tag][1] for tag in changed):
        return _found(found, entry, STALE)
    return found


def _stamp(key: str, entry: dict, epoch) -> None:
    """Record that ``entry``'s versions were all current at ``epoch`` (read before
    they were checked), keeping its expiry. No epoch yet (never bumped, or
    evicted): start one, and stamp at the next lookup."""
    cache = response_cache()
    if epoch is None:
        cache.add(EPOCH_KEY, _new_epoch(), timeout=_tag_timeout())
        return
    remaining = int(entry.get("expires", 0) - time.time())
    if remaining > 0:
        cache.set(key, {**entry, "epoch": epoch}, remaining)


def _new_epoch() -> str:
    return f"{_now()}-{secrets.token_hex(4)}"


def store(key: str, started, body: bytes, tags: Iterable[str] = (GLOBAL, ANY)) -> bool:
    """File ``body`` under ``key`` with the current versions of ``tags``, unless
    one of them was bumped after ``started`` (the answer may predate that change).
    Returns whether it was stored."""
    epoch_then = started.epoch if isinstance(started, Lookup) else _UNKNOWN
    started = started.started if isinstance(started, Lookup) else started
    tags = sorted(set(tags) | {GLOBAL})
    cache = response_cache()
    keys = [_version_key(t) for t in tags] + [_hard_key(t) for t in tags]
    found = cache.get_many([*keys, EPOCH_KEY])
    added = _lost_version(started, epoch_then, found.get(EPOCH_KEY))
    ours = started - 1
    if EPOCH_KEY not in found:
        # None yet (a new or emptied cache): start one, and read the versions
        # again with it, so that the entry is stamped with an epoch read in the
        # same look as its versions.
        cache.add(EPOCH_KEY, _new_epoch(), timeout=_tag_timeout())
        found = cache.get_many([*keys, EPOCH_KEY])
    # A tag never bumped (or evicted) gets a value of its own (_lost_version): no
    # entry can hold it yet, so no older entry can match it.
    missing = _give_missing_versions(cache, keys, found, added)
    threshold = started - int(settings.GRAPHQL_CACHE_CLOCK_SKEW * 1e9)
    for version_key in keys:
        value = found.get(version_key)
        if value is None:
            return False  # the cache is not answering: store nothing
        if value > threshold and not (version_key in missing and value == ours):
            return False  # bumped while the query ran: it may predate the change
    versions = {tag: (found[_version_key(tag)], found[_hard_key(tag)]) for tag in tags}
    timeout = settings.GRAPHQL_CACHE_TIMEOUT
    entry = {
        "stored": _now(),
        "expires": time.time() + timeout,
        # Read with the versions: a bump after them moves it.
        "epoch": found.get(EPOCH_KEY),
        "versions": _packed(versions),
        "surrogate": surrogate_header(tags),
        "body": zlib.compress(body if isinstance(body, bytes) else body.encode(), 1),
    }
    cache.set(key, entry, timeout)
    return True


_UNKNOWN = object()


def _lost_version(started: int, epoch_then, epoch_now) -> int:
    """The version a missing tag is given by a store of an answer computed since
    ``started``. Missing, it was never bumped or its bump was evicted: if the
    epoch has not moved since ``started``, nothing was bumped meanwhile, and
    ``started - 1`` (which the answer may be filed with); else a bump may have
    been lost while the answer was computed: now (the answer, and any other
    computed before now, is not filed with it)."""
    if epoch_then is not _UNKNOWN and epoch_now == epoch_then:
        return started - 1
    return _now()


def _give_missing_versions(cache, keys: list[str], found: dict, added) -> list[str]:
    """The version keys among ``keys`` not in ``found``: each given ``added``
    unless another process gave it one first, and ``found`` completed with what
    they hold now. Returns them."""
    missing = [k for k in keys if k not in found]
    for missing_key in missing:
        cache.add(missing_key, added, timeout=_tag_timeout())
    if missing:
        found.update(cache.get_many(missing))
    return missing


def _tag_timeout() -> int:
    # Longer than any entry that may hold the version (eviction is safe anyway).
    return settings.GRAPHQL_CACHE_TIMEOUT * 2


def acquire(key: str) -> bool:
    """The short lock of one entry's computation, across processes."""
    return response_cache().add(
        _lock_key(key), _now(), timeout=settings.GRAPHQL_CACHE_LOCK_SECONDS
    )


def release(key: str) -> None:
    response_cache().delete(_lock_key(key))


def wait_for(key: str) -> Lookup:
    """Another process computes ``key``: its answer once stored, or a MISS after
    GRAPHQL_CACHE_LOCK_WAIT seconds (or as soon as it gives the lock up)."""
    deadline = time.monotonic() + settings.GRAPHQL_CACHE_LOCK_WAIT
    while True:
        found = lookup(key)
        if found.state == HIT or time.monotonic() >= deadline:
            return found
        if response_cache().get(_lock_key(key)) is None:
            return found
        time.sleep(POLL_SECONDS)


# --- invalidation ---------------------------------------------------------------------


def bump(tags: Iterable[str], *, immediate: bool = False) -> None:
    """New versions for ``tags`` (and ANY, which imprecise answers depend on).
    ``immediate``: no answer depending on them may be served stale any more."""
    tags = set(tags) | {ANY}
    now = _now()
    values = {_version_key(tag): now for tag in tags}
    if immediate:
        values.update({_hard_key(tag): now for tag in tags})
    # Last, and with them: a lookup that reads the old epoch checked (or stamped)
    # an entry before this change.
    values[EPOCH_KEY] = _new_epoch()
    cache = response_cache()
    with _together(cache):
        cache.set_many(values, timeout=_tag_timeout())
    if settings.FRONTEND_CACHE_PURGE_KEYS_URL:
        from .purge import purge_keys

        try:
            purge_keys.enqueue(sorted(surrogate_keys(tags)))
        except Exception:  # a purge never fails the change that asked for it
            logger.exception("Could not queue the CDN purge of %s.", sorted(tags))


def _together(cache):
    """One transaction around a bump's writes on the database cache (Redis writes
    ``set_many`` in one MSET already)."""
    if isinstance(cache, DatabaseCache):
        return transaction.atomic(using=router.db_for_write(cache.cache_model_class))
    return contextlib.nullcontext()


def invalidate(tags: Iterable[str] = (GLOBAL,), *, immediate: bool = True) -> None:
    """Now: every entry depending on ``tags`` (by default: every entry)."""
    bump(tags, immediate=immediate)


def invalidate_on_commit(tags: Iterable[str] = (GLOBAL,), *, immediate=True) -> None:
    transaction.on_commit(functools.partial(bump, tuple(tags), immediate=immediate))


def page_tags(page: Page) -> list[str]:
    """What answers showing ``page`` or listing pages like it depend on."""
    page_class = page.specific_class or type(page)  # no query: content types cache
    tags = [TREE, *page_list_tags(page_class, page.locale.language_code)]
    tag = object_tag(page)
    if tag is not None:
        tags.append(tag)
    return tags


def invalidate_page(page: Page, *, immediate: bool = False) -> None:
    """After commit: the answers that show ``page`` or list pages like it. For an
    unpublish, an embargo or anything that must not be seen any more:
    ``immediate=True`` (never served stale)."""
    invalidate_on_commit(page_tags(page), immediate=immediate)


def surrogate_keys(tags: Iterable[str]) -> list[str]:
    """Tags as CDN surrogate keys (no spaces or commas in them: both headers
    separate keys with them)."""
    return sorted({tag.replace(" ", "_").replace(",", "_") for tag in tags})


# Past this size a CDN may refuse the headers (Fastly: 16 KB): the answer is then
# tagged as depending on everything, which stays true.
MAX_SURROGATE_KEY_BYTES = 8192


def surrogate_header(tags: Iterable[str]) -> str:
    """What an answer depends on, as the ``Surrogate-Key`` header's value (keys
    separated by spaces): for a CDN's purge by key (cms/graphql/purge.py)."""
    keys = surrogate_keys(tags)
    if sum(len(k) + 1 for k in keys) > MAX_SURROGATE_KEY_BYTES:
        keys = surrogate_keys([GLOBAL, ANY])
    return " ".join(keys)


# Live as soon as they are saved: snippets and images, by their own tags; and what
# changes every answer (GLOBAL): documents, locales, sites, and what decides who may
# see what (view restrictions, collections, permissions).
LIVE_ON_SAVE = (TranslatableMixin, AbstractImage)
GLOBAL_ON_SAVE = (
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


def _saved_tags(instance) -> list[str]:
    tags = [list_tag(type(instance))]
    tag = object_tag(instance)
    if tag is not None:
        tags.append(tag)
    return tags


def _own_tag(instance) -> str | None:
    """The tag of a model that names its own (``graphql_cache_tag()``)."""
    if getattr(type(instance), "graphql_cache_tag", None) is None:
        return None
    return object_tag(instance)


def invalidate_objects(*instances, immediate: bool = False) -> None:
    """After commit: the answers that show these objects, for changes made
    without ``save()`` (``QuerySet.update()``), e.g. a video's processing steps."""
    tags = [object_tag(instance) for instance in instances]
    invalidate_on_commit([tag for tag in tags if tag], immediate=immediate)


def _content_saved(sender, instance, **_kwargs) -> None:
    # Page saves are drafts until published (page_published covers those).
    if isinstance(instance, Page):
        return
    if isinstance(instance, GLOBAL_ON_SAVE):
        invalidate_on_commit()
    elif isinstance(instance, LIVE_ON_SAVE):
        # An image moved to another collection may have left the public (a
        # collection with a view restriction): never answered stale.
        moved = getattr(instance, "_graphql_collection_was", None) not in (
            None,
            getattr(instance, "collection_id", None),
        )
        invalidate_on_commit(_saved_tags(instance), immediate=moved)
    elif (tag := _own_tag(instance)) is not None:
        invalidate_on_commit([tag], immediate=False)


def _image_saving(sender, instance, **_kwargs) -> None:
    """Before an image is saved: the collection it was in (one query, images only)."""
    if isinstance(instance, AbstractImage) and instance.pk is not None:
        instance._graphql_collection_was = (
            type(instance)
            .objects.filter(pk=instance.pk)
            .values_list("collection_id", flat=True)
            .first()
        )


def _content_deleted(sender, instance, **_kwargs) -> None:
    if isinstance(instance, Page):
        invalidate_page(instance, immediate=True)
    elif isinstance(instance, GLOBAL_ON_SAVE):
        invalidate_on_commit()
    elif isinstance(instance, LIVE_ON_SAVE):
        invalidate_on_commit(_saved_tags(instance), immediate=True)
    elif (tag := _own_tag(instance)) is not None:
        invalidate_on_commit([tag], immediate=True)


def _members_changed(sender, instance, action, **_kwargs) -> None:
    """A restriction's groups, a group's permissions. (A user's groups are left
    out: only anonymous answers are shared, and sign-ups must not be able to empty
    the cache.)"""
    if action in ("post_add", "post_remove", "post_clear"):
        invalidate_on_commit()


def _page_published(sender, instance, **_kwargs) -> None:
    # A page published under embargo (cms/visibility.py) leaves the public
    # answers at once: never served stale.
    invalidate_page(instance, immediate=is_withheld(instance))


def _page_unpublished(sender, instance, **_kwargs) -> None:
    invalidate_page(instance, immediate=True)


def _page_withdrawn(sender, page, **_kwargs) -> None:
    """Embargoed again (cms/visibility.py): as an unpublish, for the page as the
    public knew it (its URL may have changed with the new revision)."""
    invalidate_page(page, immediate=True)
    if settings.WAGTAILFRONTENDCACHE:
        from wagtail.contrib.frontend_cache.utils import purge_page_from_cache

        transaction.on_commit(lambda: purge_page_from_cache(page))


def _urls_changed(sender, instance, **_kwargs) -> None:
    # A slug or a move changes the URL of every page below: every answer.
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


def connect_signals() -> None:
    post_init.connect(record_instance, dispatch_uid="graphql-cache-record")
    page_published.connect(_page_published, dispatch_uid="graphql-cache-published")
    page_unpublished.connect(
        _page_unpublished, dispatch_uid="graphql-cache-unpublished"
    )
    page_withdrawn.connect(_page_withdrawn, dispatch_uid="graphql-cache-withdrawn")
    for signal in (page_slug_changed, post_page_move):
        signal.connect(_urls_changed, dispatch_uid=f"graphql-cache-{signal}")
    pre_save.connect(_image_saving, dispatch_uid="graphql-cache-image-saving")
    post_save.connect(_content_saved, dispatch_uid="graphql-cache-save")
    post_delete.connect(_content_deleted, dispatch_uid="graphql-cache-delete")
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


# --- the node cache (cms/graphql/nodes.py): list items, each on its own --------------


def lookup_nodes(keys: list[str]) -> dict[str, tuple]:
    """The fresh entries among ``keys``, as ``{key: (value, tags)}``: two round
    trips for all of them (the entries, then their tags' versions). Never stale:
    an entry any of whose tags was bumped since it was stored is not returned."""
    cache = response_cache()
    entries = {
        key: entry
        for key, entry in cache.get_many(list(dict.fromkeys(keys))).items()
        if isinstance(entry, dict)
    }
    if not entries:
        return {}
    tags = {tag for entry in entries.values() for tag in entry["versions"]}
    current = tag_versions(tags)
    return {
        key: (entry["value"], tuple(entry["versions"]))
        for key, entry in entries.items()
        if all(
            current[tag] == version
            for tag, (version, _hard) in entry["versions"].items()
        )
    }


def store_nodes(entries: dict[str, tuple], started: int, epoch=_UNKNOWN) -> int:
    """File each ``{key: (value, tags)}`` with its tags' current versions, as
    ``store`` files an answer: none whose tags were bumped after ``started``.
    Three round trips for all. Returns how many were stored."""
    if not entries:
        return 0
    cache = response_cache()
    every = sorted({tag for _value, tags in entries.values() for tag in tags})
    every = sorted(set(every) | {GLOBAL})
    keys = [_version_key(t) for t in every] + [_hard_key(t) for t in every]
    found = cache.get_many([*keys, EPOCH_KEY])
    added = _lost_version(started, epoch, found.get(EPOCH_KEY))
    ours = started - 1
    _give_missing_versions(cache, keys, found, added)
    threshold = started - int(settings.GRAPHQL_CACHE_CLOCK_SKEW * 1e9)

    def usable(key: str) -> bool:
        # ``ours``: a tag never bumped, given its first version by this answer's
        # own ``store`` (with the same ``started``) or here.
        value = found.get(key)
        return value is not None and (value <= threshold or value == ours)

    now, values = _now(), {}
    for key, (value, tags) in entries.items():
        tags = sorted(set(tags) | {GLOBAL})
        if all(usable(_version_key(t)) and usable(_hard_key(t)) for t in tags):
            versions = {t: (found[_version_key(t)], found[_hard_key(t)]) for t in tags}
            values[key] = {"stored": now, "versions": versions, "value": value}
    if values:
        with _together(cache):  # one transaction on the database cache
            cache.set_many(values, settings.GRAPHQL_CACHE_TIMEOUT)
    return len(values)
