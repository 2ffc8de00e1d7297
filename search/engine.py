"""Cross-type search: press releases, videos, people and topics in one ranked list.

Each kind (search/registry.py) is searched within its published, public objects
of the requested language; the hits of every kind are merged by score. On
PostgreSQL and SQLite one statement on the search documents finds, ranks and
counts every kind at once, then each kind's window of hits is fetched by id
(search/strategies/documents.py); elsewhere (Elasticsearch, SQLite without FTS5)
each kind goes through Wagtail's search backend: one count and one page of hits
per kind, plus the facets (search/strategies/backend.py). Either way a request
costs a fixed number of SQL queries whatever the page size, and the shared
loaders batch the fields of all hits.

Scores: the backend's relevance (PostgreSQL ``ts_rank``, SQLite FTS5 BM25 turned
so that higher is better, Elasticsearch's score) times the kind's weight, times a
bonus when the title or name holds every word of the query (three times more when
it is exactly the query): "KFOR" finds the topic KFOR first, "Stoltenberg" the
person."""

from __future__ import annotations

from heapq import merge

from django.utils.translation import gettext as _
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.base import EmptySearchResults

from cms.graphql.errors import ApiError, InvalidArgument
from cms.graphql.pagination import check_page

from .hits import Hit, Outcome, SearchRequest, Suggestion
from .registry import SearchKind, get_filter, get_kind, kinds
from .strategies import backend as through_backend
from .strategies import documents as through_documents
from .text import QueryTooLong, clean_query, fold, query_terms, snippet, title_bonus

__all__ = [
    "InvalidArgument",
    "QueryTooLong",
    "SearchRequest",
    "UnknownType",
    "check_window",
    "clean_query",
    "parse_types",
    "run_search",
    "suggest",
]

MAX_RESULT_WINDOW = 1000
# Hits fetched beyond the page, so the title bonus can lift a hit the backend
# ranked a little lower onto the page.
LOOKAHEAD = 20
MAX_SUGGESTIONS = 10


class UnknownType(ApiError):
    code = "UNKNOWN_TYPE"


def parse_types(names: list[str] | None) -> list[SearchKind]:
    if not names:
        return kinds()
    chosen = []
    for name in names:
        kind = get_kind((name or "").strip())
        if kind is None:
            raise UnknownType(
                _("Unknown type “%(type)s”. Use one of: %(types)s.")
                % {
                    "type": str(name)[:40],
                    "types": ", ".join(k.name for k in kinds()),
                },
                argument="types",
            )
        if kind not in chosen:
            chosen.append(kind)
    return chosen


def check_window(page: int, per_page: int) -> None:
    check_page(page, per_page)
    if page * per_page > MAX_RESULT_WINDOW:
        raise InvalidArgument(
            _("Only the first %(max)d results can be paged through: narrow the search.")
            % {"max": MAX_RESULT_WINDOW},
            argument="page",
            reason="RESULT_WINDOW_EXCEEDED",
        )


def eligible(kind: SearchKind, request: SearchRequest) -> bool:
    """Kinds that cannot satisfy a filter are left out when it is given."""
    if request.topics and (kind.topics_relation is None or not get_filter("topics")):
        return False
    if request.people and (kind.people_relation is None or not get_filter("people")):
        return False
    if (request.date_from or request.date_to) and kind.date_field is None:
        return False
    return True


def run_search(request: SearchRequest) -> Outcome:
    check_window(request.page, request.per_page)
    empty = Outcome(items=[])
    if not request.query:
        return empty
    terms = query_terms(request.query)
    window = request.page * request.per_page + LOOKAHEAD
    candidates = [k for k in kinds() if eligible(k, request)]
    backend = get_search_backend()
    if getattr(backend, "uses_documents", False):
        ranking = through_documents.rank(backend, request, candidates, terms, window)
    else:
        ranking = through_backend.rank(request, candidates, terms, window)
    start = (request.page - 1) * request.per_page
    merged = merge(*ranking.ranked, key=lambda hit: hit.sort_key())
    page = list(merged)[start : start + request.per_page]
    items = []
    for ranked in page:
        obj, kind = ranked.object, ranked.kind
        if ranked.locale != request.locale:
            obj.requested_locale_id = request.locale.pk
        items.append(
            Hit(
                kind=kind,
                object=obj,
                score=round(ranked.score, 6),
                snippet=snippet(kind.texts(obj), terms),
                locale=ranked.locale,
                requested_locale=request.locale,
            )
        )
    for kind in kinds():
        objects = [hit.object for hit in items if hit.kind is kind]
        if objects:
            kind.prepare(objects)
    return Outcome(items=items, ranking=ranking, types=request.types)


# --- Suggestions -----------------------------------------------------------------


def suggest(prefix: str, locale: Locale, limit: int = MAX_SUGGESTIONS) -> list:
    if not prefix:
        return []
    terms = query_terms(prefix)
    backend = through_backend.backend_for(locale)
    scored = []
    for kind in kinds():
        if not kind.suggest:
            continue
        objects = through_backend.published_objects(kind, locale)
        objects = objects.select_related(*kind.select_related)
        results = backend.autocomplete(prefix, objects, operator="and")
        if isinstance(results, EmptySearchResults):
            continue
        for obj in results.annotate_score("_search_score")[:limit]:
            score = through_backend.normalised_score(
                backend, getattr(obj, "_search_score", None)
            )
            title = kind.title_of(obj)
            starts = fold(title).startswith(fold(prefix))
            score = (score + 1) * kind.weight * (4 if starts else 1)
            score *= title_bonus(title, terms)
            scored.append((-score, len(scored), Suggestion(kind, obj, title)))
    scored.sort(key=lambda item: item[:2])
    seen, found = set(), []
    for _score, _order, suggestion in scored:
        if fold(suggestion.text) in seen:
            continue
        seen.add(fold(suggestion.text))
        found.append(suggestion)
    return found[:limit]
