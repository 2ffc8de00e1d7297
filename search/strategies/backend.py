"""Each kind through Wagtail's search backend: a count, a window of hits and the
facets per kind and language (SQLite without FTS5, Elasticsearch, OpenSearch)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.base import BaseSearchBackend, EmptySearchResults

from cms.graphql.pages import published

from ..hits import (
    Facet,
    RankedHit,
    Ranking,
    SearchRequest,
    day_start,
    topic_facets_by_key,
)
from ..registry import SearchKind, get_filter
from ..text import title_bonus

FACET_WINDOW = 1000  # hits faceted when the backend cannot facet in SQL


def backend_for(locale: Locale) -> BaseSearchBackend:
    backend = get_search_backend()
    if hasattr(backend, "for_locale"):
        return backend.for_locale(locale.language_code)
    return backend


def is_database_backend(backend: BaseSearchBackend) -> bool:
    return type(backend).__module__.startswith(
        ("wagtail.search.backends.database", "modelsearch.backends.database")
    ) or hasattr(backend, "for_locale")


def normalised_score(backend: BaseSearchBackend, score: Any) -> float:
    if score is None:
        return 0.0
    # SQLite's BM25 is negative, lower meaning better.
    if any(cls.__name__ == "SQLiteSearchBackend" for cls in type(backend).__mro__):
        return -float(score)
    return float(score)


def matched_ids(backend: BaseSearchBackend, results: Any) -> Any:
    """The primary keys of every match, as a subquery on database backends, or
    those of the first FACET_WINDOW hits elsewhere."""
    if isinstance(results, EmptySearchResults):
        return []
    if is_database_backend(backend):
        compiler = results.query_compiler
        matched = compiler.search(compiler.get_config(backend), None, None)
        return matched.order_by().values("pk")
    return [obj.pk for obj in results[:FACET_WINDOW]]


def published_objects(kind: SearchKind, locale: Locale) -> QuerySet:
    """The objects of ``kind`` the public may find in one language."""
    objects = kind.model.objects.all()
    if kind.is_page:
        objects = published(objects)
    elif kind.page_relation is not None:
        objects = objects.filter(**on_visible_pages(kind))
    return objects.filter(locale=locale)


def on_visible_pages(kind: SearchKind) -> dict:
    """The filter of a kind's objects shown on a page to those on pages the
    reader may see (``SearchKind.page_relation``)."""
    return {f"{kind.page_relation}__in": published(Page.objects.all()).values("pk")}


def kind_querysets(kind: SearchKind, request: SearchRequest) -> list[tuple]:
    """``[(locale, queryset)]``: the objects of ``kind`` a request searches, per
    language (the requested one, and with ``fallback`` the default language's
    objects that have no variant in the requested one)."""
    segments = [request.locale]
    default = Locale.get_default()
    if request.fallback and request.locale != default:
        segments.append(default)
    found = []
    for locale in segments:
        objects = published_objects(kind, locale)
        if locale != request.locale:
            if kind.is_page or kind.page_relation is not None:
                translated = published_objects(kind, request.locale).values(
                    "translation_key"
                )
                objects = objects.exclude(translation_key__in=translated)
            else:
                # Snippets index their slug, the same in every language.
                translated = published_objects(kind, request.locale).values("slug")
                objects = objects.exclude(slug__in=translated)
        objects = _narrow(kind, objects, request)
        objects = objects.select_related(*kind.select_related)
        objects = objects.prefetch_related(*kind.prefetch_related)
        found.append((locale, objects))
    return found


def _narrow(kind: SearchKind, objects: QuerySet, request: SearchRequest) -> QuerySet:
    model = kind.model
    for slugs, relation, name, keys in (
        (request.topics, kind.topics_relation, "topics", request.topic_keys),
        (request.people, kind.people_relation, "people", request.person_keys),
    ):
        if slugs:
            link, target = relation
            key_field = get_filter(name).key_field
            linked = model.objects.filter(
                **{f"{link}__{target}__{key_field}__in": keys}
            )
            objects = objects.filter(id__in=linked.values("pk"))
    if request.date_from:
        objects = objects.filter(
            **{f"{kind.date_field}__gte": day_start(request.date_from)}
        )
    if request.date_to:
        end = day_start(request.date_to + datetime.timedelta(days=1))
        objects = objects.filter(**{f"{kind.date_field}__lt": end})
    return objects


def rank(
    request: SearchRequest, candidates: list[SearchKind], terms: list[str], window: int
) -> Ranking:
    ranked: list[list[RankedHit]] = []
    type_facets, matched = [], []
    for kind in candidates:
        count = 0
        searched = kind in request.types
        for locale, objects in kind_querysets(kind, request):
            backend = backend_for(locale)
            results = backend.search(request.query, objects, operator="and")
            if isinstance(results, EmptySearchResults):
                continue
            count += results.count()
            if not searched:
                continue
            hits = []
            for obj in results.annotate_score("_search_score")[:window]:
                score = normalised_score(backend, getattr(obj, "_search_score", None))
                score *= kind.weight * title_bonus(kind.title_of(obj), terms)
                hits.append(RankedHit(score, len(hits), kind, obj, locale))
            hits.sort(key=RankedHit.sort_key)
            ranked.append(hits)
            matched.append((kind, backend, results))
        if count:
            type_facets.append(Facet(value=kind.name, count=count))
    return Ranking(
        ranked=ranked,
        types=type_facets,
        topics=topic_facets(matched, request.locale),
        years=year_facets(matched),
    )


def topic_facets(matched: list[tuple], locale: Locale) -> list[Facet]:
    counts: dict = {}
    for kind, backend, results in matched:
        if kind.topics_relation is None:
            continue
        relation, name = kind.topics_relation
        # Each hit counted once per topic, through the hit's own model (the
        # relation may be a path: a photo's topics are its gallery's).
        key = f"{relation}__{name}__translation_key"
        rows = (
            kind.model.objects.filter(pk__in=matched_ids(backend, results))
            .exclude(**{f"{key}__isnull": True})
            .values(key)
            .annotate(count=Count("pk", distinct=True))
            .order_by()
        )
        for row in rows:
            counts[row[key]] = counts.get(row[key], 0) + row["count"]
    return topic_facets_by_key(counts, locale)


def year_facets(matched: list[tuple]) -> list[Facet]:
    counts: dict = {}
    for kind, backend, results in matched:
        if kind.date_field is None:
            continue
        rows = (
            kind.model.objects.filter(pk__in=matched_ids(backend, results))
            .annotate(year=ExtractYear(kind.date_field))
            .values("year")
            .annotate(count=Count("pk"))
            .order_by()
        )
        for row in rows:
            counts[row["year"]] = counts.get(row["year"], 0) + row["count"]
    return [Facet(value=str(year), count=counts[year]) for year in sorted(counts)[::-1]]
