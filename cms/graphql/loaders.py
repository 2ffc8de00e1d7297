"""Batch loading for one GraphQL request, so lists cost a constant number of queries.

graphql-core resolves a list depth first: item 1 and all its fields, then item 2.
A list resolver therefore announces the keys of all its items up front
(``Loader.expect(keys)``); the first time any field asks a loader for one of them,
the loader fetches the whole group in one query and serves the rest from memory.

The scope lives in a context variable opened by the GraphQL view for the duration of
one request; outside a request (shell, tests calling models) loaders still work, one
key at a time.
"""

from __future__ import annotations

import contextvars
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, ClassVar

from django.db import models
from wagtail import blocks
from wagtail.blocks.field_block import ChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from .dependencies import batch_load, record_value


class BatchScope:
    def __init__(self) -> None:
        self.results: dict[type, dict[Hashable, Any]] = defaultdict(dict)
        self.groups: dict[type, dict[Hashable, tuple]] = defaultdict(dict)
        # Objects chosen in StreamField chooser blocks, by model and primary key.
        self.objects: dict[type, dict[Any, models.Model]] = defaultdict(dict)
        # StreamField values a list is about to resolve: their chosen objects are
        # fetched with the first chooser the query asks for, none if it asks
        # for no StreamField (a list of titles).
        self.pending_streams: list = []
        self.expected_objects: dict[type, set] = defaultdict(set)
        # Root lists' items and how they were announced (expect_items), by the
        # list's identity: the node cache announces again only those it computes.
        self.item_expectations: dict[int, tuple[list, Callable]] = {}
        # Published pages lists announced (expect_pages), by translation key and
        # id: a page's translations are not loaded again (page_loaders.py).
        self.known_pages: dict[Hashable, dict[Any, models.Model]] = defaultdict(dict)


_scope: contextvars.ContextVar[BatchScope | None] = contextvars.ContextVar(
    "graphql_batch_scope", default=None
)


@contextmanager
def batch_scope() -> Iterator[BatchScope]:
    scope = BatchScope()
    token = _scope.set(scope)
    try:
        yield scope
    finally:
        _scope.reset(token)


def current_scope() -> BatchScope | None:
    return _scope.get()


def _current() -> BatchScope:
    # Without an open scope every call gets a throwaway one: correct, just unbatched.
    return _scope.get() or BatchScope()


class BatchLoader:
    """Subclasses implement ``load_batch(keys) -> {key: value}``."""

    missing: ClassVar[Any] = None

    @classmethod
    def load_batch(cls, keys: list) -> dict:
        raise NotImplementedError

    @classmethod
    def expect(cls, keys: Iterable[Hashable]) -> None:
        scope = _scope.get()
        if scope is None:
            return
        group = tuple(dict.fromkeys(keys))
        known = scope.groups[cls]
        for key in group:
            known[key] = group

    @classmethod
    def load(cls, key: Hashable) -> Any:
        return cls._load(key, cls, cls.load_batch)

    @classmethod
    def _load(cls, key: Hashable, results_key: Hashable, load_batch) -> Any:
        scope = _current()
        results = scope.results[results_key]
        if key not in results:
            group = scope.groups[cls].get(key, (key,))
            wanted = [k for k in group if k not in results]
            if key not in wanted:
                wanted.append(key)
            with batch_load():
                loaded = load_batch(wanted)
            for k in wanted:
                results[k] = loaded.get(k, cls.empty())
        # A list item cached on its own (nodes.py) depends on what it is served.
        record_value(results[key])
        return results[key]

    @classmethod
    def empty(cls) -> Any:
        return cls.missing


class ListLoader(BatchLoader):
    """A loader whose value per key is a list (empty when nothing matches)."""

    @classmethod
    def empty(cls) -> list:
        return []


class WindowLoader(ListLoader):
    """A list loader that fetches only a window of each key's list (``offset``,
    ``limit``), in the database: subclasses implement
    ``load_window(keys, offset, limit) -> {key: [items]}``. Keys are grouped by
    ``expect`` as for any loader; each window is a batch of its own."""

    @classmethod
    def load_window(cls, keys: list, offset: int, limit: int | None) -> dict:
        raise NotImplementedError

    @classmethod
    def load_batch(cls, keys: list) -> dict:
        return cls.load_window(keys, 0, None)

    @classmethod
    def load_slice(cls, key: Hashable, offset: int, limit: int | None) -> list:
        return cls._load(
            key,
            (cls, offset, limit),
            lambda keys: cls.load_window(keys, offset, limit),
        )


def _manager(model: type[models.Model]):
    manager = model._default_manager
    # Images bring their renditions along, so srcSet in a body costs nothing more.
    if hasattr(manager, "prefetch_renditions"):
        return manager.prefetch_renditions()
    return manager.all()


class BatchedChooserMixin:
    """A chooser block that takes its objects from the request's scope, which list
    resolvers fill in one query per model for every page in the list."""

    def bulk_to_python(self, values):
        scope = _scope.get()
        if scope is None:
            return super().bulk_to_python(values)
        model = self.model_class
        wanted = _pending_chooser_ids(scope)
        known = scope.objects[model]
        missing = {v for v in values if v is not None and v not in known}
        missing |= wanted.pop(model, set()) - known.keys()
        if missing:
            with batch_load():
                known.update(_manager(model).in_bulk(missing))
        for other, ids in wanted.items():
            scope.expected_objects[other] |= ids
        found = [known.get(v) for v in values]
        record_value(found)
        return found


# Wagtail builds a chooser block's widget, and the form field that holds it, once per
# process, with its button texts in the language active at that moment: a French
# editor's "Choisir personne" then showed for everyone. These blocks build both per
# use, in the language of the editor at hand.
class BatchedSnippetChooserBlock(BatchedChooserMixin, SnippetChooserBlock):
    widget = property(SnippetChooserBlock.widget.func)
    field = property(ChooserBlock.field.func)


class BatchedImageChooserBlock(BatchedChooserMixin, ImageChooserBlock):
    widget = property(ImageChooserBlock.widget.func)
    field = property(ChooserBlock.field.func)


def _collect_chooser_ids(block, raw, wanted: dict[type, set]) -> None:
    if raw is None:
        return
    if isinstance(block, BatchedChooserMixin):
        if isinstance(raw, int | str):
            wanted[block.model_class].add(raw)
    elif isinstance(block, blocks.StreamBlock):
        for item in raw:
            child = block.child_blocks.get(item.get("type"))
            if child is not None:
                _collect_chooser_ids(child, item.get("value"), wanted)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            _collect_chooser_ids(child, raw.get(name), wanted)
    elif isinstance(block, blocks.ListBlock):
        for item in raw:
            value = item.get("value") if isinstance(item, dict) else item
            _collect_chooser_ids(block.child_block, value, wanted)


def prime_stream_choosers(stream_values: Iterable) -> None:
    """Expect every object chosen in these StreamField values: fetched, one query
    per model, when the query first resolves a chooser (never, if it asks for no
    StreamField)."""
    scope = _scope.get()
    if scope is None:
        return
    scope.pending_streams.extend(stream_values)


def _pending_chooser_ids(scope: BatchScope) -> dict[type, set]:
    """The ids chosen in the StreamField values the scope expects and has not
    fetched yet, by model (taken out of the scope: the caller fetches them)."""
    wanted = scope.expected_objects
    scope.expected_objects = defaultdict(set)
    streams, scope.pending_streams = scope.pending_streams, []
    for value in streams:
        _collect_chooser_ids(value.stream_block, list(value.raw_data), wanted)
    return wanted


# Set while the node cache (nodes.py) serves a shared answer: a root list's
# announcement then waits until it is known which items are to be computed.
deferring_items: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "graphql_deferring_items", default=False
)


def expect_items(items: list, expect: Callable[[list], None]) -> None:
    """A root list resolver's announcement of its items: ``expect(items)``
    (the loaders' groups, prefetches), now; or, while the node cache serves the
    answer, once it knows which items it computes (``announce_items``): the
    others are never loaded for."""
    scope = _scope.get()
    if scope is None or not deferring_items.get():
        expect(items)
        return
    scope.item_expectations[id(items)] = (items, expect)


def announce_items(items: list, some: list | None = None) -> None:
    """Run the announcement a root list deferred (``expect_items``), for
    ``some`` of its ``items`` (by default all of them). Once."""
    scope = _scope.get()
    announced = scope.item_expectations.pop(id(items), None) if scope else None
    if announced is not None and announced[0] is items:
        announced[1](items if some is None else some)
