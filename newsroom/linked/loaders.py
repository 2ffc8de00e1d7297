"""The batch loaders of linked pages: a list of pages costs one query for all their
people, one for their topics, one for their related releases, whatever its length.

A list resolver calls ``expect_linked(pages)``; the field resolvers
(``linked_people`` and its siblings, called by ``LinkedPage``) then ask the loader
of the page's link model, made once per model by ``links_loader``."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING, Any

from django.db import models
from wagtail.fields import StreamField
from wagtail.models import Page

from cms.graphql.contract import owner_key
from cms.graphql.loaders import ListLoader, prime_stream_choosers
from cms.graphql.pages import expect_pages, published

from .fields import LinkedPersonType

if TYPE_CHECKING:
    from .models import LinkedPage


def variants(
    model: type[models.Model],
    translation_keys: Iterable,
    related: Iterable[str] = (),
    prefetch: Iterable[str] = (),
) -> dict[tuple[Any, int], models.Model]:
    """Every locale's variant of the given objects, by (translation_key, locale)."""
    objects = model.objects.filter(translation_key__in=set(translation_keys))
    objects = objects.select_related("locale", *related).prefetch_related(*prefetch)
    return {(obj.translation_key, obj.locale_id): obj for obj in objects}


class LocalizedLinksLoader(ListLoader):
    """(page id, locale id) -> the snippets an inline panel links the page to, each
    in the page's language (as linked, while it has no translation)."""

    link_model: type[models.Model]
    field: str
    related: tuple[str, ...] = ()
    prefetch: tuple[str, ...] = ()

    @classmethod
    def load_batch(cls, keys: list) -> dict:
        locale_of = dict(keys)
        links = list(
            cls.link_model.objects.filter(page_id__in=locale_of)
            .select_related(cls.field)
            .order_by("sort_order", "pk")
        )
        target_model = cls.link_model._meta.get_field(cls.field).related_model
        found_variants = variants(
            target_model,
            (getattr(link, cls.field).translation_key for link in links),
            related=cls.related,
            prefetch=cls.prefetch,
        )
        found: dict = {}
        for link in links:
            target = getattr(link, cls.field)
            # The variants hold the linked object too, with its prefetches.
            linked = found_variants[(target.translation_key, target.locale_id)]
            locale_id = locale_of[link.page_id]
            found.setdefault((link.page_id, locale_id), []).append(
                found_variants.get((target.translation_key, locale_id), linked)
            )
        return found


class PeopleLinksLoader(LocalizedLinksLoader):
    """The people a page links to (its ``link_model`` is a PersonLink)."""

    field = "person"
    related = ("portrait",)
    prefetch = ("positions",)


class TopicLinksLoader(LocalizedLinksLoader):
    """The topics a page is filed under (its ``link_model`` is a TopicLink)."""

    field = "topic"
    related = ("parent", "parent__locale")


class RelatedPagesLoader(ListLoader):
    """(page id, locale id) -> [published related page in that locale]."""

    link_model: type[models.Model]

    @classmethod
    def load_batch(cls, keys: list) -> dict:
        locale_of = dict(keys)
        links = list(
            cls.link_model.objects.filter(page_id__in=locale_of)
            .select_related("related")
            .order_by("sort_order", "pk")
        )
        pages = published(
            Page.objects.filter(
                translation_key__in={link.related.translation_key for link in links},
                locale_id__in=set(locale_of.values()),
            )
        ).specific()
        by_variant = {(p.translation_key, p.locale_id): p for p in pages}
        found: dict = {}
        for link in links:
            locale_id = locale_of[link.page_id]
            page = by_variant.get((link.related.translation_key, locale_id))
            if page is not None:
                found.setdefault((link.page_id, locale_id), []).append(page)
        # Fields of the related pages batch too (their people, topics, …).
        expect_linked(list(by_variant.values()))
        return found


@functools.cache
def links_loader(
    base: type[ListLoader], link_model: type[models.Model]
) -> type[ListLoader]:
    """The loader ``base`` for one link model: one class per model and process,
    as the request's batch scope keys its results by loader class."""
    name = f"{link_model.__name__}Loader"
    return type(name, (base,), {"link_model": link_model, "__module__": __name__})


def _loaders(model: type[LinkedPage]) -> list[type[ListLoader]]:
    return [
        links_loader(PeopleLinksLoader, model.link_model(model.people_links)),
        links_loader(TopicLinksLoader, model.link_model(model.topic_links)),
        links_loader(RelatedPagesLoader, model.link_model(model.related_links)),
    ]


def _stream_values(page: Page) -> list:
    return [
        getattr(page, field.name)
        for field in page._meta.concrete_fields
        if isinstance(field, StreamField)
    ]


def expect_linked(pages: list[Page]) -> None:
    """Tell the loaders which pages a list is about to resolve: their links (for
    linked pages), translations and tree, and the objects chosen in their
    StreamFields."""
    from .models import LinkedPage

    groups: dict[type, list[Hashable]] = defaultdict(list)
    for page in pages:
        if isinstance(page, LinkedPage):
            groups[type(page)].append((page.pk, page.locale_id))
    for model, keys in groups.items():
        for loader in _loaders(model):
            loader.expect(keys)
    expect_pages(pages)
    prime_stream_choosers(value for page in pages for value in _stream_values(page))


def _previewed(page: LinkedPage, relation: str, field: str) -> list:
    """A preview holds its links in memory, as the editor left them."""
    return [getattr(link, field) for link in getattr(page, relation).all()]


def _is_preview(page: LinkedPage) -> bool:
    return getattr(page, "is_preview", False)


def linked_people(page: LinkedPage) -> list[LinkedPersonType]:
    """The people a page links to, each with the position held on its date."""
    model = type(page)
    day = page.date.date()
    if _is_preview(page):
        linked = _previewed(page, model.people_links, "person")
    else:
        loader = links_loader(PeopleLinksLoader, model.link_model(model.people_links))
        linked = loader.load((page.pk, page.locale_id))
    people = []
    for person in linked:
        position = person.position_on(day)
        people.append(
            LinkedPersonType(
                id=f"{owner_key(page)}:{person.pk}",
                role=position.title if position else None,
                position=position,
                person=person,
            )
        )
    return people


def linked_topics(page: LinkedPage) -> list[models.Model]:
    """The topics a page is filed under, in its language."""
    model = type(page)
    if _is_preview(page):
        return _previewed(page, model.topic_links, "topic")
    loader = links_loader(TopicLinksLoader, model.link_model(model.topic_links))
    return loader.load((page.pk, page.locale_id))


def linked_related(page: LinkedPage) -> list[Page]:
    """The published related releases, in the page's language."""
    model = type(page)
    if _is_preview(page):
        pages = _previewed(page, model.related_links, "related")
        shown = published(Page.objects.filter(pk__in=[p.pk for p in pages]))
        return [page.specific for page in pages if page in shown]
    loader = links_loader(RelatedPagesLoader, model.link_model(model.related_links))
    return loader.load((page.pk, page.locale_id))
