"""GraphQL for the portal's search: ``search`` and ``searchSuggest``.

``search`` replaces grapple's stock field of that name."""

from __future__ import annotations

import datetime
from functools import cache
from typing import Any

import graphene
from django.conf import settings
from django.utils.translation import gettext as _

from cms.graphql.locale import (
    activate_locale,
    check_date_range,
    date_arguments,
    locale_argument,
    locale_field,
)
from cms.graphql.pagination import Pagination, pagination_arguments
from cms.graphql.pagination import pagination as page_info
from cms.public_urls import page_url

from . import engine
from .hits import Hit, Outcome, Suggestion
from .registry import get_filter, kinds


@cache
def search_object_type() -> type[graphene.Union]:
    """The union of every registered kind's GraphQL type, built once the types
    exist (when the schema is built)."""
    members = tuple(dict.fromkeys(kind.graphql_type() for kind in kinds()))
    by_model = {kind.model: kind.graphql_type() for kind in kinds()}

    class Meta:
        types = members
        description = "A press release, video, person or topic; see __typename."

    def resolve_type(cls: type, instance: Any, info: Any) -> type | None:
        return by_model.get(type(instance))

    return type(
        "SearchObject",
        (graphene.Union,),
        {"Meta": Meta, "resolve_type": classmethod(resolve_type)},
    )


@cache
def search_type() -> type[graphene.Enum]:
    """What can be searched: one value per registered kind (pressRelease, video,
    person, topic), spelled as the ``types`` facet spells it."""
    return graphene.Enum(
        "SearchType",
        [(kind.name, kind.name) for kind in kinds()],
        description="A kind of searchable object; the types facet counts them.",
    )


class SearchHit(graphene.ObjectType):
    """One hit. ``snippet`` is safe HTML: the text is escaped and the words that
    match the query are wrapped in ``<mark>…</mark>``; nothing else is markup."""

    type = graphene.Field(lambda: search_type(), required=True)
    score = graphene.Float(required=True, description="Relevance; higher is better.")
    title = graphene.String(required=True, description="Title, or the name.")
    snippet = graphene.String(
        required=True,
        description="Safe HTML: escaped text with the matches in <mark>.",
    )
    url = graphene.String(
        description="The page's URL (for a photo: its gallery's); null for people "
        "and topics."
    )
    locale = locale_field()
    is_fallback = graphene.Boolean(
        required=True,
        description="True when the hit is in the default language, standing in "
        "for a missing translation (fallback: true).",
    )
    object = graphene.Field(lambda: search_object_type(), required=True)

    @staticmethod
    def resolve_url(hit: Hit, info: graphene.ResolveInfo) -> str | None:
        if hit.kind.page_relation is not None:  # the page that shows it
            return page_url(getattr(hit.object, hit.kind.page_relation), info.context)
        if not hit.kind.is_page:
            return None
        return page_url(hit.object, info.context)

    @staticmethod
    def resolve_locale(hit: Hit, info: graphene.ResolveInfo) -> str:
        return hit.locale.language_code


class FacetCount(graphene.ObjectType):
    value = graphene.String(required=True, description="Type name, topic slug or year.")
    label = graphene.String(description="The topic's name in the requested language.")
    count = graphene.Int(required=True)


class SearchFacets(graphene.ObjectType):
    """Counts over every match (not only this page), with the filters applied.
    ``types`` ignores the ``types`` argument, so a client can show every tab."""

    types = graphene.List(graphene.NonNull(FacetCount), required=True)
    topics = graphene.List(graphene.NonNull(FacetCount), required=True)
    years = graphene.List(graphene.NonNull(FacetCount), required=True)


class SearchResults(graphene.ObjectType):
    items = graphene.List(graphene.NonNull(SearchHit), required=True)
    pagination = graphene.Field(Pagination, required=True)
    facets = graphene.Field(SearchFacets, required=True)


class SearchSuggestion(graphene.ObjectType):
    text = graphene.String(required=True, description="A title or a name.")
    type = graphene.Field(lambda: search_type(), required=True)
    slug = graphene.String(required=True)
    url = graphene.String(description="The page's URL; null for people and topics.")

    @staticmethod
    def resolve_slug(suggestion: Suggestion, info: graphene.ResolveInfo) -> str:
        return suggestion.object.slug

    @staticmethod
    def resolve_url(suggestion: Suggestion, info: graphene.ResolveInfo) -> str | None:
        if not suggestion.kind.is_page:
            return None
        return page_url(suggestion.object, info.context)


def _strings(values: list[str] | None) -> list[str]:
    return [v.strip() for v in values or [] if v and v.strip()]


def _expand(name: str, slugs: list[str]) -> set:
    """The values the ``topics`` or ``people`` slugs stand for (their check's
    coded error when one names nothing). Without such a filter registered, no
    kind can be narrowed by it and the search finds nothing."""
    link_filter = get_filter(name)
    if not slugs or link_filter is None:
        return set()
    return link_filter.expand(slugs, name)


class LazySearchPagination:
    """``pagination`` of a search: its total read from the outcome (counted then)."""

    def __init__(self, outcome: Outcome, page: int, per_page: int) -> None:
        self.outcome, self.current_page, self.per_page = outcome, page, per_page

    @property
    def total(self) -> int:
        return self.outcome.total

    @property
    def total_pages(self) -> int:
        return page_info(self.total, self.current_page, self.per_page).total_pages


class SearchQuery:
    search = graphene.Field(
        SearchResults,
        query=graphene.String(description="Words to find; 200 characters at most."),
        locale=locale_argument(),
        types=graphene.List(
            graphene.NonNull(lambda: search_type()),
            description="Only these types (default: all).",
        ),
        topics=graphene.List(
            graphene.NonNull(graphene.String),
            description="Topic slugs (any of them; sub-topics included); one that "
            "names no topic is an UNKNOWN_TOPIC error.",
        ),
        people=graphene.List(
            graphene.NonNull(graphene.String),
            description="Person slugs (any of them); one that names nobody is an "
            "UNKNOWN_PERSON error.",
        ),
        **date_arguments(),
        fallback=graphene.Boolean(
            description="Also find default-language items that have no variant in "
            "this language (default: the GRAPHQL_LOCALE_FALLBACK setting)."
        ),
        **pagination_arguments(),
        description="Published press releases, videos, people and topics of one "
        "language, best first, with snippets and facets. Topic, person and date "
        "filters leave out the types they do not apply to (people, topics).",
    )
    search_suggest = graphene.List(
        graphene.NonNull(SearchSuggestion),
        prefix=graphene.String(required=True, description="What has been typed."),
        locale=locale_argument(),
        limit=graphene.Int(default_value=engine.MAX_SUGGESTIONS),
        description="Titles and names that complete what has been typed.",
    )

    @staticmethod
    def resolve_search(
        root: Any,
        info: graphene.ResolveInfo,
        query: str | None = None,
        locale: str | None = None,
        types: list | None = None,
        topics: list[str] | None = None,
        people: list[str] | None = None,
        date_from: datetime.date | None = None,
        date_to: datetime.date | None = None,
        fallback: bool | None = None,
        page: int = 1,
        per_page: int = 10,
    ) -> SearchResults:
        # Arguments first, before the content language is activated: messages
        # stay in the request's language.
        check_date_range(date_from, date_to)
        engine.check_window(page, per_page)
        topics, people = _strings(topics), _strings(people)
        topic_keys = _expand("topics", topics)
        person_keys = _expand("people", people)
        query = engine.clean_query(query)
        request = engine.SearchRequest(
            query=query,
            locale=activate_locale(locale),
            types=engine.parse_types([getattr(t, "value", t) for t in types or []]),
            topics=topics,
            people=people,
            topic_keys=topic_keys,
            person_keys=person_keys,
            date_from=date_from,
            date_to=date_to,
            fallback=settings.GRAPHQL_LOCALE_FALLBACK if fallback is None else fallback,
            page=page,
            per_page=per_page,
        )
        outcome = engine.run_search(request)
        # The total and the facets are counted only if the query asks for them.
        return SearchResults(
            items=outcome.items,
            pagination=LazySearchPagination(outcome, page, per_page),
            facets=outcome,
        )

    @staticmethod
    def resolve_search_suggest(
        root: Any,
        info: graphene.ResolveInfo,
        prefix: str,
        locale: str | None = None,
        limit: int | None = None,
    ) -> list[Suggestion]:
        limit = engine.MAX_SUGGESTIONS if limit is None else limit
        if not 1 <= limit <= engine.MAX_SUGGESTIONS:
            raise engine.InvalidArgument(
                _("limit must be between 1 and %(max)d.")
                % {"max": engine.MAX_SUGGESTIONS},
                argument="limit",
                reason="LIMIT_OUT_OF_RANGE",
            )
        prefix = engine.clean_query(prefix, argument="prefix")
        return engine.suggest(prefix, activate_locale(locale), limit)
