"""What a cached GraphQL answer depends on: the *tags* it is invalidated by.

While an anonymous read runs, every model instance loaded from the database is
recorded (Django's ``post_init``): a page or a translatable snippet by its
translation key (``tk:<key>``: one tag for all its languages, since an answer in
one language shows the others' titles under ``translations``), an image or its
renditions by the image (``img:<id>``). What an answer *enumerates* cannot be seen
that way (the release that is not there yet): list resolvers declare it with
``enumerates(info, Model, locales)`` (``list:<app.model>:<locale>``), and nested
tree fields (children, siblings, …) with ``depends_on(TREE)``.

Models outside those (a video file, its renditions and subtitles) name their tag
with a ``graphql_cache_tag()`` method; saving or deleting one bumps it
(cms/graphql/cache.py), and code that changes them with ``QuerySet.update()``
calls ``cache.invalidate_objects``.

Root fields that declare nothing (search, grapple's generic ``page``/``pages``, the
site settings, …) make the answer depend on ``ANY``, which every change bumps:
precise where declared, never stale where not. Every answer depends on ``GLOBAL``
(view restrictions, permissions, collections, documents, sites, locales, slugs and
moves: what changes URLs or who may see what).
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db.models import Model, QuerySet
from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.models import Page, TranslatableMixin

GLOBAL = "global"
ANY = "any"
TREE = "tree"


class Dependencies:
    # A list item's own recording inside the answer's (cms/graphql/nodes.py):
    # ``answer`` is the answer's recording.
    nested = False
    answer: Dependencies | None = None

    def __init__(self) -> None:
        self.tags: set[str] = {GLOBAL}
        # Response keys of root fields that declared what they enumerate.
        self.declared: set[str] = set()

    def finish(self, data: dict | None) -> set[str]:
        """The tags, with ANY when some root field declared nothing."""
        if any(name not in self.declared for name in data or ()):
            self.tags.add(ANY)
        return self.tags


_recording: contextvars.ContextVar[Dependencies | None] = contextvars.ContextVar(
    "graphql_dependencies", default=None
)


@contextmanager
def recording() -> Iterator[Dependencies]:
    dependencies = Dependencies()
    token = _recording.set(dependencies)
    try:
        yield dependencies
    finally:
        _recording.reset(token)


def object_tag(instance) -> str | None:
    """The tag of one object, or None for what changes only with its owner (a
    page's inline links, a person's positions) or never reaches the cache. A
    model of an app names its own with a ``graphql_cache_tag()`` method (a video
    file and its renditions: ``videos.asset:<id>``)."""
    own = getattr(type(instance), "graphql_cache_tag", None)
    if own is not None:
        return own(instance)
    if isinstance(instance, TranslatableMixin):
        if "translation_key" not in instance.__dict__:
            return ANY  # loaded with .only(): not known, so depend on everything
        key = instance.__dict__["translation_key"]
        return f"tk:{key}" if key is not None else None
    if isinstance(instance, AbstractImage):
        return f"img:{instance.pk}" if instance.pk is not None else None
    if isinstance(instance, AbstractRendition):
        image_id = instance.__dict__.get("image_id")
        return f"img:{image_id}" if image_id is not None else None
    return None


def list_tag(model, locale=None) -> str:
    """What an answer that enumerates ``model`` (in ``locale``) depends on."""
    label = model._meta.label_lower
    return f"list:{label}:{locale}" if locale is not None else f"list:{label}"


def page_list_tags(page_class: type[Page], locale: str) -> list[str]:
    """Every list a page appears in: its class and each page class above it."""
    return [
        list_tag(cls, locale)
        for cls in page_class.__mro__
        if isinstance(cls, type) and issubclass(cls, Page) and not cls._meta.abstract
    ]


def depends_on(*tags: str) -> None:
    dependencies = _recording.get()
    if dependencies is not None:
        dependencies.tags.update(tags)


def enumerates(info, model, locales: Iterable = (None,), *others) -> None:
    """A root list resolver's declaration: its answer lists ``model`` in these
    locales (codes or Locale objects) and filters by ``others`` (snippet models:
    a renamed topic or person changes which items match)."""
    dependencies = _recording.get()
    if dependencies is None:
        return
    for locale in locales:
        code = getattr(locale, "language_code", locale)
        dependencies.tags.add(list_tag(model, code))
    dependencies.tags.update(list_tag(other) for other in others)
    if info is not None and info.path.prev is None:
        dependencies.declared.add(info.path.key)


def looks_up(info, model, locales: Iterable = (None,), found=None) -> None:
    """A root field that answers one object by slug: found, it depends on that
    object (recorded as it loads); not found, on the list it was looked for in."""
    if found is None:
        enumerates(info, model, locales)
        return
    dependencies = _recording.get()
    if dependencies is not None and info is not None and info.path.prev is None:
        dependencies.declared.add(info.path.key)


def record_instance(sender, instance, **_kwargs) -> None:
    """``post_init`` receiver: cheap when nothing records (one context lookup)."""
    dependencies = _recording.get()
    if dependencies is not None:
        tag = object_tag(instance)
        if tag is not None:
            dependencies.tags.add(tag)


@contextmanager
def batch_load() -> Iterator[None]:
    """A loader fetching for a whole list: what loads is the answer's, not the
    list item's that happened to ask first (each item gets its share through
    ``record_value``)."""
    current = _recording.get()
    if current is None or current.answer is None:
        yield
        return
    token = _recording.set(current.answer)
    try:
        yield
    finally:
        _recording.reset(token)


def current() -> Dependencies | None:
    """The recording under way, if any."""
    return _recording.get()


def record_value(value) -> None:
    """What a value served from memory shows (a loader's result, an object chosen
    in a StreamField block): the tags of its model instances and of those they
    carry (``select_related``, ``prefetch_related``), as if they loaded now. Only
    a list item's own recording needs it (cms/graphql/nodes.py): the answer's saw
    them load."""
    dependencies = _recording.get()
    if dependencies is None or not dependencies.nested:
        return
    dependencies.tags.update(value_tags(value))


def value_tags(value) -> set[str]:
    """The tags of the model instances in ``value`` and of those they carry."""
    tags: set[str] = set()
    _walk(value, tags, set())
    return tags


def _walk(value, tags: set[str], seen: set[int]) -> None:
    if value is None or isinstance(value, str | bytes | int | float):
        return
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, Model):
        tag = object_tag(value)
        if tag is not None:
            tags.add(tag)
        for related in value._state.fields_cache.values():
            _walk(related, tags, seen)
        for related in getattr(value, "_prefetched_objects_cache", {}).values():
            _walk(related, tags, seen)
    elif isinstance(value, dict):
        for item in value.values():
            _walk(item, tags, seen)
    elif isinstance(value, QuerySet):  # a prefetched one: never run it here
        for item in value._result_cache or ():
            _walk(item, tags, seen)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            _walk(item, tags, seen)
