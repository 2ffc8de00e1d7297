"""Index entries that hold another object's words, written again when it changes.

Wagtail indexes an object with the words of the objects its ``search_fields``
reach through ``index.RelatedFields``: a gallery and each of its photos hold the
names of the gallery's people and topics (photos/models/pages.py). Wagtail writes
an entry again only when its own object is saved: a renamed person went on
finding the galleries and photos by the old name, and not by the new one, until
each gallery was published again; a deleted topic's name went on finding them.

The app that owns such an object calls ``follow(model)`` from its ``ready()``
(newsroom: people and topics). From then on, saving one with other words in the
fields that entries hold (a rename), or deleting one, writes the entries and the
search documents of every object of every kind that reaches it again. Each
language's variant is its own row with its own links, so the galleries of every
language that link it are written, and only those. Search imports no content
app: what depends on what is read from the kinds' models' ``search_fields``.

Cost: writing an object again takes 4-9 ms (SQLite, PostgreSQL, on two busy
cores: 1,000 photos 4.2 s and 8.6 s), in about 40 queries whatever their number.
Up to ``SEARCH_DEPENDENTS_INLINE`` objects are written in the editor's request;
more are written by the worker, in tasks of ``BATCH`` objects, so renaming a
person who appears on thousands of galleries (tens of thousands of photos) never
makes the editor wait."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from operator import or_
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django_tasks import task
from wagtail.search import index
from wagtail.search.backends import get_search_backends

from .documents.base import BATCH
from .registry import kinds

#: Default of ``SEARCH_DEPENDENTS_INLINE``.
INLINE = 100


@dataclass(frozen=True)
class Dependency:
    """The entries of ``model`` (a kind's) hold ``words`` of the ``target``
    objects found through the lookup ``path`` (``"gallery_people__person"``)."""

    model: type[models.Model]
    path: str
    target: type[models.Model]
    words: tuple[str, ...]


def _reached(
    model: type[models.Model], fields: list, prefix: str = ""
) -> Iterator[tuple[str, type[models.Model], tuple[str, ...]]]:
    for field in fields:
        if not isinstance(field, index.RelatedFields):
            continue
        target = model._meta.get_field(field.field_name).related_model
        path = prefix + field.field_name
        words = tuple(
            inner.field_name
            for inner in field.fields
            if isinstance(inner, (index.SearchField, index.AutocompleteField))
        )
        yield path, target, words
        yield from _reached(target, field.fields, f"{path}__")


def dependencies(model: type[models.Model]) -> list[Dependency]:
    """How the entries of the search kinds reach objects of ``model``."""
    return [
        Dependency(kind.model, path, target, words)
        for kind in kinds()
        for path, target, words in _reached(kind.model, kind.model.get_search_fields())
        if issubclass(model, target)
    ]


def dependents(instance: models.Model) -> dict[type[models.Model], list[int]]:
    """``{kind's model: [pk]}``: the objects whose entries reach ``instance``
    (one query per kind that reaches its model)."""
    conditions: dict[type[models.Model], list[models.Q]] = {}
    for dependency in dependencies(type(instance)):
        conditions.setdefault(dependency.model, []).append(
            models.Q(**{dependency.path: instance.pk})
        )
    found = {}
    for model, reaching in conditions.items():
        pks = list(
            model._default_manager.filter(functools.reduce(or_, reaching))
            .order_by("pk")
            .values_list("pk", flat=True)
            .distinct()
        )
        if pks:
            found[model] = pks
    return found


def index_again(model: type[models.Model], pks: list[int]) -> None:
    """Write the index entries (and so the search documents) of these objects
    again, now, in every backend that follows saves."""
    # Wagtail's queryset fetches the first step of each related field only: a
    # photo's gallery, then each gallery's people and their names one photo at
    # a time (five queries per photo). Every step at once instead.
    paths = [
        path for path, _target, _words in _reached(model, model.get_search_fields())
    ]
    objects = list(
        model.get_indexed_objects().filter(pk__in=pks).prefetch_related(*paths)
    )
    if not objects:
        return
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, objects)


@task()
def index_again_later(model_label: str, pks: list[int]) -> int:
    """``index_again`` in the worker, after the change that asked for it."""
    # The index drops the search's cached answers once it has written them
    # (search/backends/documents.py).
    index_again(apps.get_model(model_label), pks)
    return len(pks)


def write_dependents(found: dict[type[models.Model], list[int]]) -> None:
    """Write ``found`` (see ``dependents``) again: now if they are few, else
    through the worker."""
    inline = getattr(settings, "SEARCH_DEPENDENTS_INLINE", INLINE)
    if sum(len(pks) for pks in found.values()) <= inline:
        for model, pks in found.items():
            index_again(model, pks)
        return
    for model, pks in found.items():
        for start in range(0, len(pks), BATCH):
            index_again_later.enqueue(model._meta.label, pks[start : start + BATCH])


def index_dependents(instance: models.Model) -> None:
    """Write again whatever holds words of ``instance`` (e.g. a gallery's photos,
    which hold its people's and topics' names, once it is published)."""
    write_dependents(dependents(instance))


# --- Following a model ---------------------------------------------------------------


def _compared_words(model: type[models.Model]) -> tuple[set[str], bool]:
    """The columns of ``model`` that entries hold, and whether they hold words
    that are not columns (a method: then every save may change them)."""
    columns, other = set(), False
    for dependency in dependencies(model):
        for name in dependency.words:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                other = True
                continue
            if field.concrete:
                columns.add(field.attname)
            else:
                other = True
    return columns, other


def _saving(sender: type, instance: models.Model, raw: bool = False, **_: Any) -> None:
    # Before the save: the words the entries hold now (one query, and only for
    # an existing object of a model some entry reaches).
    if raw or instance._state.adding or instance.pk is None:
        return
    columns, other = _compared_words(sender)
    if other:
        instance._search_words_were = None  # compared as changed
    elif columns:
        instance._search_words_were = (
            sender._default_manager.filter(pk=instance.pk).values(*columns).first()
        )


def _saved(
    sender: type, instance: models.Model, created: bool, raw: bool = False, **_: Any
) -> None:
    if raw or created or "_search_words_were" not in instance.__dict__:
        return
    were = instance.__dict__.pop("_search_words_were")
    if were is not None and all(
        getattr(instance, name) == value for name, value in were.items()
    ):
        return  # a save that changed none of the words held elsewhere
    index_dependents(instance)


def _deleting(sender: type, instance: models.Model, **_: Any) -> None:
    # The links to it are deleted with it (CASCADE): find its dependents first.
    instance._search_dependents = dependents(instance)


def _deleted(sender: type, instance: models.Model, **_: Any) -> None:
    found = instance.__dict__.pop("_search_dependents", None)
    if found:
        write_dependents(found)


def follow(model: type[models.Model]) -> None:
    """Keep the entries that hold words of ``model``'s objects fresh when one is
    renamed or deleted. Called from the ``ready()`` of the app that owns it."""
    label = model._meta.label_lower
    for signal, receiver in (
        (pre_save, _saving),
        (post_save, _saved),
        (pre_delete, _deleting),
        (post_delete, _deleted),
    ):
        signal.connect(
            receiver,
            sender=model,
            weak=False,
            dispatch_uid=f"search-dependents-{receiver.__name__}-{label}",
        )
