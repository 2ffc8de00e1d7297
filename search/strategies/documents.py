"""Every kind in one statement on the search documents (search/documents/), then
each kind's window of hits fetched by id (PostgreSQL; SQLite with FTS5)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale
from wagtail.search.backends.base import BaseSearchBackend

from cms.graphql.pages import published
from cms.visibility import hidden_page_paths

from .. import documents
from ..hits import (
    Facet,
    LazyRanking,
    RankedHit,
    SearchRequest,
    day_start,
    topic_facets_by_key,
)
from ..registry import SearchKind, get_filter
from ..text import title_bonus
from .backend import on_visible_pages


def _linked_ids(name: str, keys: set) -> list[int]:
    """The ids of the topics or people a filter's values name."""
    link_filter = get_filter(name)
    linked = link_filter.model.objects.filter(**{f"{link_filter.key_field}__in": keys})
    return list(linked.values_list("pk", flat=True))


def _hidden_ids(kind: SearchKind) -> list[int]:
    """The objects of a kind shown on pages that the reader may not see: those
    of unpublished, restricted or embargoed pages (a few galleries' photos)."""
    shown = kind.model.objects.filter(**on_visible_pages(kind))
    return list(
        kind.model.objects.exclude(pk__in=shown.values("pk")).values_list(
            "pk", flat=True
        )
    )


def _segments(
    backend: BaseSearchBackend, request: SearchRequest
) -> tuple[list[documents.Segment], dict[int, Locale]]:
    """The languages searched, each parsed with its own configuration."""
    locales = {request.locale.pk: request.locale}
    segments = [
        documents.Segment(
            request.locale.pk, backend.for_locale(request.locale.language_code).config
        )
    ]
    default = Locale.get_default()
    if request.fallback and request.locale != default:
        locales[default.pk] = default
        segments.append(
            documents.Segment(
                default.pk,
                backend.for_locale(default.language_code).config,
                fallback_for=request.locale.pk,
            )
        )
    return segments, locales


def rank(
    backend: BaseSearchBackend,
    request: SearchRequest,
    candidates: list[SearchKind],
    terms: list[str],
    window: int,
) -> LazyRanking:
    segments, locales = _segments(backend, request)
    type_of = {
        kind.name: ContentType.objects.get_for_model(kind.model).pk
        for kind in candidates
    }
    searched = [kind for kind in candidates if kind in request.types]
    arguments = {
        "text": request.query,
        "segments": segments,
        "content_types": [type_of[kind.name] for kind in candidates],
        "ranked": [type_of[kind.name] for kind in searched],
        "window": window,
        "topics": (
            _linked_ids("topics", request.topic_keys) if request.topics else None
        ),
        "people": (
            _linked_ids("people", request.person_keys) if request.people else None
        ),
        "date_from": day_start(request.date_from) if request.date_from else None,
        "date_before": (
            day_start(request.date_to + datetime.timedelta(days=1))
            if request.date_to
            else None
        ),
        "restricted": documents.restricted_paths() + hidden_page_paths(),
        "hidden": {
            type_of[kind.name]: _hidden_ids(kind)
            for kind in candidates
            if kind.page_relation is not None
        },
    }
    apart = documents.counts_apart()
    found = documents.search(
        **arguments,
        parts={"hits"} if apart else {"hits", "facets"},
        candidates=settings.SEARCH_RANKED_CANDIDATES,
    )
    ranked: list[list[RankedHit]] = []
    for kind in searched:
        found_hits = found.hits[type_of[kind.name]]
        if not found_hits:
            continue
        objects = kind.model.objects.filter(pk__in=[h.object_id for h in found_hits])
        if kind.is_page:
            objects = published(objects)  # in case it changed a moment ago
        elif kind.page_relation is not None:
            objects = objects.filter(**on_visible_pages(kind))
        objects = objects.select_related(*kind.select_related)
        objects = objects.prefetch_related(*kind.prefetch_related)
        by_pk = {obj.pk: obj for obj in objects}
        hits = []
        for found_hit in found_hits:
            obj = by_pk.get(found_hit.object_id)
            if obj is None:
                continue
            score = found_hit.rank * kind.weight
            score *= title_bonus(kind.title_of(obj), terms)
            hits.append(
                RankedHit(score, len(hits), kind, obj, locales[found_hit.locale_id])
            )
        hits.sort(key=RankedHit.sort_key)
        ranked.append(hits)

    def facets() -> tuple[list[Facet], list[Facet], list[Facet]]:
        counted = documents.search(**arguments, parts={"facets"}) if apart else found
        type_facets = [
            Facet(value=kind.name, count=counted.counts[type_of[kind.name]])
            for kind in candidates
            if counted.counts.get(type_of[kind.name])
        ]
        years = [
            Facet(value=str(year), count=counted.years[year])
            for year in sorted(counted.years, reverse=True)
        ]
        topics = _topic_set_facets(counted.topic_sets, request.locale)
        return type_facets, topics, years

    return LazyRanking(ranked=ranked, facets=facets)


def _topic_set_facets(topic_sets: list[tuple], locale: Locale) -> list[Facet]:
    """Topic facets from ``[(topic ids, count)]``: each topic counted once per
    hit, by translation key, named in the requested language."""
    ids = {pk for topic_ids, _count in topic_sets for pk in topic_ids}
    topics = get_filter("topics")
    if not ids or topics is None:
        return []
    Topic = topics.model  # noqa: N806
    variants = list(
        Topic.objects.filter(
            translation_key__in=Topic.objects.filter(pk__in=ids).values(
                "translation_key"
            )
        )
    )
    key_of = {topic.pk: topic.translation_key for topic in variants}
    counts: dict = {}
    for topic_ids, count in topic_sets:
        for key in {key_of[pk] for pk in topic_ids if pk in key_of}:
            counts[key] = counts.get(key, 0) + count
    return topic_facets_by_key(counts, locale, variants)
