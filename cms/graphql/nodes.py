"""Cheaper misses: the items of root lists, each cached on its own
(``GRAPHQL_NODE_CACHE``, on by default).

When a shared answer misses because one release was published, most items of
its lists did not change. While such an answer is computed, the items of a root
field's ``items`` (``pressReleases``, ``videos``, …) are looked up in the shared
cache, each under its own key: the page (model, id, live revision, the language
it was asked in), the selection asked of it with the document's fragments, the
root field and its arguments other than the page's position (``page``,
``perPage``, ``after``, ``before``), the variables, the active language and the
URL bases. An item found, and still valid, is used as it was completed; the
others are completed, and the loaders fetch for those alone. All the items of a
list cost two cache round trips to look up and three to store.

What an item's entry depends on (its tags, as an answer's: cms/graphql/cache.py):
everything the answer had read when the list was completed (the people, topics,
images, translations and related pages of all its items, and what was looked up
and not shown), except the enumerations of the items' own page types (bumped by
any publish of that type) and the other items of the list themselves with what
they carry (their hero image), unless this item showed
them (as a related release, a sibling, …). So a release published or
republished, or its hero image edited, recomputes its own item alone; an edited
person or topic every item of the lists that showed it (and those lists' other
items: what a loader fetched for the whole list at once is shared by all).

Only for shared reads (anonymous, no preview token: never read nor written for a
signed-in reader or a preview), only for published pages the list found, never
stale (an entry whose tags were bumped since is not used), and stored only once
the whole answer was stored (no errors, nothing bumped while it was computed).
"""

from __future__ import annotations

import contextvars
import hashlib
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from graphql import ExecutionContext, print_ast
from graphql.error import located_error
from graphql.language import ArgumentNode, DocumentNode, FieldNode, Visitor, visit
from wagtail.models import Page

from cms.visibility import is_withheld

from . import cache, dependencies
from .loaders import announce_items, deferring_items
from .request_state import state_of

logger = logging.getLogger(__name__)

# Arguments that choose which items a list shows, not how each is shown.
PAGINATION_ARGUMENTS = frozenset({"page", "perPage", "after", "before"})
# Bump when what an item's completed value holds changes shape.
FORMAT = 1


@dataclass
class NodeCache:
    """One shared answer's use of the node cache."""

    started: int
    # The epoch its answer's lookup read (cache.store_nodes).
    epoch: str | None = None
    hits: int = 0
    computed: int = 0
    stored: int = 0
    pending: dict[str, tuple] = field(default_factory=dict, repr=False)

    def store(self) -> int:
        """File the items computed (the answer they are part of was stored). A
        cache that fails here costs the entries, never the answer."""
        pending, self.pending = self.pending, {}
        try:
            self.stored += cache.store_nodes(pending, self.started, self.epoch)
        except Exception:
            logger.exception("Could not store %d list items.", len(pending))
        return self.stored


_active: contextvars.ContextVar[NodeCache | None] = contextvars.ContextVar(
    "graphql_node_cache", default=None
)

#: What the last shared answer computed in this process did (tests, bench).
last: NodeCache | None = None


class _FindsToken(Visitor):
    found = False

    def enter_argument(self, node: ArgumentNode, *_args):
        if node.name.value == "token":
            self.found = True
            return self.BREAK
        return None


def _asks_preview(document: DocumentNode) -> bool:
    finder = _FindsToken()
    visit(document, finder)
    return finder.found


@contextmanager
def node_cache(found, document: DocumentNode) -> Iterator[NodeCache | None]:
    """Inside, the items of root lists go through the node cache: for a shared
    read (``found``: its response cache lookup) that asks for no preview."""
    global last
    if found is None or not settings.GRAPHQL_NODE_CACHE or _asks_preview(document):
        yield None
        return
    nodes = NodeCache(found.started, found.epoch)
    token, deferring = _active.set(nodes), deferring_items.set(True)
    try:
        yield nodes
    finally:
        deferring_items.reset(deferring)
        _active.reset(token)
        last = nodes


class _Tee(set):
    """An item's tags: each one recorded reaches the answer's too."""

    def __init__(self, answer: set) -> None:
        super().__init__()
        self.answer = answer

    def add(self, tag) -> None:
        super().add(tag)
        self.answer.add(tag)

    def update(self, *others) -> None:
        for other in others:
            other = list(other)
            super().update(other)
            self.answer.update(other)


@contextmanager
def _item_recording(answer: dependencies.Dependencies) -> Iterator[set]:
    with dependencies.recording() as item:
        item.nested, item.answer = True, answer
        item.tags = _Tee(answer.tags)
        yield item.tags


def _root_field(info) -> FieldNode | None:
    """The root field whose ``items`` these are (None when the root was spread
    from a fragment: then nothing is cached)."""
    key = info.path.prev.key
    for selection in info.operation.selection_set.selections:
        if isinstance(selection, FieldNode):
            name = selection.alias.value if selection.alias else selection.name.value
            if name == key:
                return selection
    return None


def _material(field_nodes, info, root: FieldNode) -> str:
    """What, besides the item, its completed value depends on."""
    arguments = sorted(
        print_ast(argument)
        for argument in root.arguments
        if argument.name.value not in PAGINATION_ARGUMENTS
    )
    fragments = sorted(print_ast(fragment) for fragment in info.fragments.values())
    bases = [settings.PUBLIC_BASE_URL, settings.CMS_BASE_URL, settings.MEDIA_URL]
    return json.dumps(
        [
            FORMAT,
            info.parent_type.name,
            root.name.value,
            arguments,
            [print_ast(node) for node in field_nodes],
            fragments,
            info.variable_values,
            translation.get_language(),
            bases,
        ],
        sort_keys=True,
        default=str,
    )


def _key(item: Page, material: str) -> str:
    identity = json.dumps(
        [
            item._meta.label_lower,
            item.pk,
            item.live_revision_id,
            item.locale_id,
            getattr(item, "requested_locale_id", None),
            material,
        ],
        default=str,
    )
    return "graphql:node:" + hashlib.sha256(identity.encode()).hexdigest()


def _cacheable(item) -> bool:
    return (
        isinstance(item, Page)
        and item.pk is not None
        and item.live
        and not getattr(item, "is_preview", False)
        and dependencies.object_tag(item) not in (None, dependencies.ANY)
    )


def _listed_types(items: list) -> set[str]:
    """The labels of the page types the items are listed as (their class and
    each page class above it: ``page_list_tags``)."""
    return {
        cls._meta.label_lower
        for item_class in {type(item) for item in items}
        for cls in item_class.__mro__
        if isinstance(cls, type) and issubclass(cls, Page) and not cls._meta.abstract
    }


def _list_label(tag: str) -> str | None:
    """``list:<app.model>[:<locale>]`` -> ``app.model``; None for other tags."""
    if not tag.startswith("list:"):
        return None
    return tag.split(":")[1]


class NodeCachingExecutionContext(ExecutionContext):
    """graphql-core's execution, with the items of root lists taken from the
    node cache and filed there (while a ``node_cache`` is active)."""

    def complete_list_value(self, return_type, field_nodes, info, path, result):
        nodes = _active.get()
        if (
            nodes is None
            or path.key != "items"
            or path.prev is None
            or path.prev.prev is not None
            or not isinstance(result, list)
            or not result
            or state_of(info.context).private
        ):
            if nodes is not None and isinstance(result, list):
                announce_items(result)  # a root list's, if it waited: all
            return super().complete_list_value(
                return_type, field_nodes, info, path, result
            )
        answer = dependencies.current()
        root = _root_field(info)
        if (
            answer is None
            or answer.nested
            or root is None
            or not all(_cacheable(item) for item in result)
        ):
            announce_items(result)
            return super().complete_list_value(
                return_type, field_nodes, info, path, result
            )
        return self._complete_items(
            nodes, answer, root, return_type.of_type, field_nodes, info, path, result
        )

    def _complete_items(
        self, nodes, answer, root, item_type, field_nodes, info, path, items
    ):
        material = _material(field_nodes, info, root)
        keys = [_key(item, material) for item in items]
        try:
            found = cache.lookup_nodes(keys)
        except Exception:  # a cache that fails: every item computed
            logger.exception("Could not look list items up.")
            found = {}
        missed = [
            item for item, key in zip(items, keys, strict=True) if key not in found
        ]
        announce_items(items, missed)  # the loaders fetch for these alone
        # The items themselves and what they carry (image, renditions), loaded
        # with the list: an item depends on another's only if it shows it.
        own = dependencies.value_tags(items)
        completed: list = []
        computed: dict[int, set] = {}
        for index, item in enumerate(items):
            entry = found.get(keys[index])
            if entry is not None:
                value, tags = entry
                answer.tags.update(tags)
                completed.append(value)
                nodes.hits += 1
                continue
            item_path = path.add_key(index, None)
            with _item_recording(answer) as tags:
                dependencies.record_value(item)  # itself, its image, renditions …
                try:
                    value = self.complete_value(
                        item_type, field_nodes, info, item_path, item
                    )
                except Exception as raw_error:
                    error = located_error(raw_error, field_nodes, item_path.as_list())
                    self.handle_field_error(error, item_type, item_path)
                    value = None
            nodes.computed += 1
            completed.append(value)
            # Never filed: what may not be shown to everyone, whoever asks.
            if not self.is_awaitable(value) and not is_withheld(item):
                computed[index] = set(tags)
        # What the answer read, but the enumerations of the items' own types
        # (any publish of a release bumps them) and the other items (with what
        # they carry) this item did not show. Other lists' tags stay: a root
        # field may declare one for what its items show (the photos' files).
        listed = _listed_types(items)
        shared = {tag for tag in answer.tags if _list_label(tag) not in listed}
        for index, tags in computed.items():
            depends = (shared - (own - tags)) | tags
            if dependencies.ANY not in depends:
                nodes.pending[keys[index]] = (completed[index], frozenset(depends))
        return completed
