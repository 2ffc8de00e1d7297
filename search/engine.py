"""Cross-type search: press releases, videos, people and topics in one ranked list.

Each kind (search/registry.py) is searched within its published, public objects
of the requested language; the hits of every kind are merged by score. On
PostgreSQL and SQLite one statement on the search documents (search/documents.py)
finds, ranks and counts every kind at once, then each kind's window of hits is
fetched by id; elsewhere (Elasticsearch, SQLite without FTS5) each kind goes
through Wagtail's search backend: one count and one page of hits per kind, plus
the facets. Either way a request costs a fixed number of SQL queries whatever the
page size, and the shared loaders batch the fields of all hits.

Scores: the backend's relevance (PostgreSQL ``ts_rank``, SQLite FTS5 BM25 turned
so that higher is better, Elasticsearch's score) times the kind's weight, times a
bonus when the title or name holds every word of the query (three times more when
it is exactly the query): "KFOR" finds the topic KFOR first, "Stoltenberg" the
person."""

from __future__ import annotations

import datetime
import html
import re
import unicodedata
from dataclasses import dataclass, field
from heapq import merge

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.base import EmptySearchResults

from cms.graphql.errors import ApiError, InvalidArgument
from cms.graphql.pages import published
from cms.graphql.pagination import check_page
from cms.visibility import hidden_page_paths
from newsroom.models import Person, Topic

from . import documents
from .registry import SearchKind, get_kind, kinds

MAX_QUERY_LENGTH = 200
MAX_RESULT_WINDOW = 1000
# Hits fetched beyond the page, so the title bonus can lift a hit the backend
# ranked a little lower onto the page.
LOOKAHEAD = 20
FACET_WINDOW = 1000  # hits faceted when the backend cannot facet in SQL
SNIPPET_LENGTH = 200
STOPWORDS = {
    "a", "an", "and", "at", "au", "aux", "d", "de", "des", "du", "en", "et",
    "for", "in", "l", "la", "le", "les", "of", "on", "or", "the", "to", "un", "une",
}  # fmt: skip


class QueryTooLong(ApiError):
    code = "QUERY_TOO_LONG"


class UnknownType(ApiError):
    code = "UNKNOWN_TYPE"


# --- Text --------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case, accents removed: "Sécurité" -> "securite"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


WORD = re.compile(r"[^\W_]+")


def clean_query(query: str | None, argument: str = "query") -> str:
    """The words of ``query``, without the characters search engines treat as
    syntax (quotes, ``*``, ``:``, ``&``, ``|``, ``!``, parentheses…)."""
    query = (query or "").strip()
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryTooLong(
            _("The search text is too long: %(max)d characters at most.")
            % {"max": MAX_QUERY_LENGTH},
            argument=argument,
        )
    return " ".join(WORD.findall(query))


def query_terms(query: str) -> list[str]:
    terms = [fold(word) for word in WORD.findall(query)]
    significant = [t for t in terms if t not in STOPWORDS]
    return significant or terms


def _matches(word: str, terms: list[str]) -> bool:
    """``word`` (folded) is one of the terms or shares its stem, roughly."""
    for term in terms:
        if word == term:
            return True
        stem = term[: max(5, len(term) - 2)]
        if len(term) >= 5 and word.startswith(stem):
            return True
    return False


def title_bonus(title: str, terms: list[str]) -> float:
    words = [w for w in (fold(w) for w in WORD.findall(title)) if w not in STOPWORDS]
    if not terms or not words:
        return 1.0
    if words == terms:
        return 6.0
    if all(any(_matches(word, [term]) for word in words) for term in terms):
        return 2.0
    return 1.0


def snippet(texts, terms: list[str]) -> str:
    """Safe HTML: a passage of the first text that contains a word of the query,
    escaped, with the matching words in ``<mark>``; else the start of the first
    text."""
    plain = [" ".join(strip_tags(t or "").split()) for t in texts]
    plain = [t for t in plain if t]
    if not plain:
        return ""
    for text in plain:
        hits = [m for m in WORD.finditer(text) if _matches(fold(m.group()), terms)]
        if hits:
            break
    else:
        text, hits = plain[0], []
    start = 0
    if hits and hits[0].start() > SNIPPET_LENGTH // 3:
        start = text.rfind(" ", 0, hits[0].start() - SNIPPET_LENGTH // 3) + 1
    end = min(len(text), start + SNIPPET_LENGTH)
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    parts, position = [], start
    for match in hits:
        if match.start() < start or match.end() > end:
            continue
        parts.append(html.escape(text[position : match.start()]))
        parts.append(f"<mark>{html.escape(match.group())}</mark>")
        position = match.end()
    parts.append(html.escape(text[position:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + "".join(parts) + suffix


# --- Backend --------------------------------------------------------------------


def backend_for(locale: Locale):
    backend = get_search_backend()
    if hasattr(backend, "for_locale"):
        return backend.for_locale(locale.language_code)
    return backend


def is_database_backend(backend) -> bool:
    return type(backend).__module__.startswith(
        ("wagtail.search.backends.database", "modelsearch.backends.database")
    ) or hasattr(backend, "for_locale")


def normalised_score(backend, score) -> float:
    if score is None:
        return 0.0
    # SQLite's BM25 is negative, lower meaning better.
    if any(cls.__name__ == "SQLiteSearchBackend" for cls in type(backend).__mro__):
        return -float(score)
    return float(score)


def matched_ids(backend, results):
    """The primary keys of every match, as a subquery on database backends, or
    those of the first FACET_WINDOW hits elsewhere."""
    if isinstance(results, EmptySearchResults):
        return []
    if is_database_backend(backend):
        compiler = results.query_compiler
        matched = compiler.search(compiler.get_config(backend), None, None)
        return matched.order_by().values("pk")
    return [obj.pk for obj in results[:FACET_WINDOW]]


# --- The search ------------------------------------------------------------------


@dataclass
class SearchRequest:
    query: str
    locale: Locale
    types: list[SearchKind]
    topics: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    fallback: bool = False
    page: int = 1
    per_page: int = 10

    @property
    def narrowed(self) -> bool:
        return bool(self.topics or self.people or self.date_from or self.date_to)


@dataclass
class Hit:
    kind: SearchKind
    object: object
    score: float
    snippet: str = ""
    locale: Locale | None = None
    requested_locale: Locale | None = None

    @property
    def type(self) -> str:
        return self.kind.name

    @property
    def title(self) -> str:
        return self.kind.title_of(self.object)

    @property
    def is_fallback(self) -> bool:
        return self.locale != self.requested_locale


@dataclass
class Facet:
    value: str
    count: int
    label: str | None = None


@dataclass
class Outcome:
    items: list[Hit]
    total: int
    types: list[Facet]
    topics: list[Facet]
    years: list[Facet]


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


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _objects(kind: SearchKind, locale: Locale):
    objects = kind.model.objects.all()
    if kind.is_page:
        objects = published(objects)
    return objects.filter(locale=locale)


def kind_querysets(kind: SearchKind, request: SearchRequest, topic_keys: set):
    """``[(locale, queryset)]``: the objects of ``kind`` a request searches, per
    language (the requested one, and with ``fallback`` the default language's
    objects that have no variant in the requested one)."""
    segments = [request.locale]
    default = Locale.get_default()
    if request.fallback and request.locale != default:
        segments.append(default)
    found = []
    for locale in segments:
        objects = _objects(kind, locale)
        if locale != request.locale:
            if kind.is_page:
                translated = _objects(kind, request.locale).values("translation_key")
                objects = objects.exclude(translation_key__in=translated)
            else:
                # Snippets index their slug, the same in every language.
                translated = _objects(kind, request.locale).values("slug")
                objects = objects.exclude(slug__in=translated)
        objects = _narrow(kind, objects, request, topic_keys)
        objects = objects.select_related(*kind.select_related)
        objects = objects.prefetch_related(*kind.prefetch_related)
        found.append((locale, objects))
    return found


def _narrow(kind: SearchKind, objects, request: SearchRequest, topic_keys: set):
    model = kind.model
    if request.topics:
        relation, name = kind.topics_relation
        linked = model.objects.filter(
            **{f"{relation}__{name}__translation_key__in": topic_keys}
        )
        objects = objects.filter(id__in=linked.values("pk"))
    if request.people:
        relation, name = kind.people_relation
        linked = model.objects.filter(
            **{f"{relation}__{name}__slug__in": request.people}
        )
        objects = objects.filter(id__in=linked.values("pk"))
    if request.date_from:
        objects = objects.filter(
            **{f"{kind.date_field}__gte": _day_start(request.date_from)}
        )
    if request.date_to:
        end = _day_start(request.date_to + datetime.timedelta(days=1))
        objects = objects.filter(**{f"{kind.date_field}__lt": end})
    return objects


def eligible(kind: SearchKind, request: SearchRequest) -> bool:
    """Kinds that cannot satisfy a filter are left out when it is given."""
    if request.topics and kind.topics_relation is None:
        return False
    if request.people and kind.people_relation is None:
        return False
    if (request.date_from or request.date_to) and kind.date_field is None:
        return False
    return True


def run_search(request: SearchRequest) -> Outcome:
    check_window(request.page, request.per_page)
    empty = Outcome(items=[], total=0, types=[], topics=[], years=[])
    if not request.query:
        return empty
    from newsroom.schema import topic_and_descendants

    topic_keys: set = set()
    for slug in request.topics:
        topic_keys |= topic_and_descendants(slug)
    terms = query_terms(request.query)
    window = request.page * request.per_page + LOOKAHEAD
    candidates = [k for k in kinds() if eligible(k, request)]
    backend = get_search_backend()
    if getattr(backend, "uses_documents", False):
        ranked, type_facets, topics, years = _search_documents(
            backend, request, candidates, topic_keys, terms, window
        )
    else:
        ranked, type_facets, topics, years = _search_backend(
            request, candidates, topic_keys, terms, window
        )
    total = sum(f.count for f in type_facets if get_kind(f.value) in request.types)
    start = (request.page - 1) * request.per_page
    page = list(merge(*ranked))[start : start + request.per_page]
    items = []
    for negative_score, _order, name, obj, locale in page:
        kind = get_kind(name)
        if locale != request.locale:
            obj.requested_locale_id = request.locale.pk
        items.append(
            Hit(
                kind=kind,
                object=obj,
                score=round(-negative_score, 6),
                snippet=snippet(kind.texts(obj), terms),
                locale=locale,
                requested_locale=request.locale,
            )
        )
    for kind in kinds():
        objects = [hit.object for hit in items if hit.kind is kind]
        if objects:
            kind.prepare(objects)
    return Outcome(
        items=items,
        total=total,
        types=type_facets,
        topics=topics,
        years=years,
    )


def _search_backend(request, candidates, topic_keys, terms, window):
    """Each kind through Wagtail's search backend: a count, a window of hits and
    the facets per kind and language (SQLite, Elasticsearch, OpenSearch)."""
    ranked: list[list[tuple]] = []
    type_facets, matched = [], []
    for kind in candidates:
        count = 0
        searched = kind in request.types
        for locale, objects in kind_querysets(kind, request, topic_keys):
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
                hits.append((-score, len(hits), kind.name, obj, locale))
            hits.sort(key=lambda hit: hit[:2])
            ranked.append(hits)
            matched.append((kind, backend, results))
        if count:
            type_facets.append(Facet(value=kind.name, count=count))
    return (
        ranked,
        type_facets,
        topic_facets(matched, request.locale),
        year_facets(matched),
    )


def _search_documents(backend, request, candidates, topic_keys, terms, window):
    """Every kind in one statement on the search documents (PostgreSQL, see
    search/documents.py), then each kind's window of hits fetched by id."""
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
    type_of = {
        kind.name: ContentType.objects.get_for_model(kind.model).pk
        for kind in candidates
    }
    searched = [kind for kind in candidates if kind in request.types]
    topics = people = None
    if request.topics:
        topics = list(
            Topic.objects.filter(translation_key__in=topic_keys).values_list(
                "pk", flat=True
            )
        )
    if request.people:
        people = list(
            Person.objects.filter(slug__in=request.people).values_list("pk", flat=True)
        )
    found = documents.search(
        request.query,
        segments,
        [type_of[kind.name] for kind in candidates],
        [type_of[kind.name] for kind in searched],
        window,
        topics=topics,
        people=people,
        date_from=_day_start(request.date_from) if request.date_from else None,
        date_before=(
            _day_start(request.date_to + datetime.timedelta(days=1))
            if request.date_to
            else None
        ),
        restricted=documents.restricted_paths() + hidden_page_paths(),
    )
    ranked: list[list[tuple]] = []
    for kind in searched:
        found_hits = found.hits[type_of[kind.name]]
        if not found_hits:
            continue
        objects = kind.model.objects.filter(pk__in=[pk for pk, _l, _r in found_hits])
        if kind.is_page:
            objects = published(objects)  # in case it changed a moment ago
        objects = objects.select_related(*kind.select_related)
        objects = objects.prefetch_related(*kind.prefetch_related)
        by_pk = {obj.pk: obj for obj in objects}
        hits = []
        for pk, locale_id, rank in found_hits:
            obj = by_pk.get(pk)
            if obj is None:
                continue
            score = rank * kind.weight * title_bonus(kind.title_of(obj), terms)
            hits.append((-score, len(hits), kind.name, obj, locales[locale_id]))
        hits.sort(key=lambda hit: hit[:2])
        ranked.append(hits)
    type_facets = [
        Facet(value=kind.name, count=found.counts[type_of[kind.name]])
        for kind in candidates
        if found.counts.get(type_of[kind.name])
    ]
    years = [
        Facet(value=str(year), count=found.years[year])
        for year in sorted(found.years, reverse=True)
    ]
    return (
        ranked,
        type_facets,
        _topic_set_facets(found.topic_sets, request.locale),
        years,
    )


def _topic_set_facets(topic_sets, locale: Locale) -> list[Facet]:
    """Topic facets from ``[(topic ids, count)]``: each topic counted once per
    hit, by translation key, named in the requested language."""
    ids = {pk for topic_ids, _count in topic_sets for pk in topic_ids}
    if not ids:
        return []
    variants = Topic.objects.filter(
        translation_key__in=Topic.objects.filter(pk__in=ids).values("translation_key")
    )
    key_of, named = {}, {}
    for topic in variants:
        key_of[topic.pk] = topic.translation_key
        if topic.translation_key not in named or topic.locale_id == locale.pk:
            named[topic.translation_key] = topic
    counts: dict = {}
    for topic_ids, count in topic_sets:
        for key in {key_of[pk] for pk in topic_ids if pk in key_of}:
            counts[key] = counts.get(key, 0) + count
    facets = [
        Facet(value=named[key].slug, label=named[key].name, count=count)
        for key, count in counts.items()
    ]
    return sorted(facets, key=lambda f: (-f.count, f.label or ""))


def topic_facets(matched, locale: Locale) -> list[Facet]:
    counts: dict = {}
    for kind, backend, results in matched:
        if kind.topics_relation is None:
            continue
        relation, name = kind.topics_relation
        link = kind.model._meta.get_field(relation)
        rows = (
            link.related_model.objects.filter(
                **{f"{link.field.name}__in": matched_ids(backend, results)}
            )
            .values(f"{name}__translation_key")
            .annotate(count=Count(link.field.name, distinct=True))
            .order_by()
        )
        for row in rows:
            key = row[f"{name}__translation_key"]
            counts[key] = counts.get(key, 0) + row["count"]
    if not counts:
        return []
    # The topic in the requested language, else as linked.
    named: dict = {}
    for topic in Topic.objects.filter(translation_key__in=counts):
        if topic.translation_key not in named or topic.locale_id == locale.pk:
            named[topic.translation_key] = topic
    facets = [
        Facet(value=named[key].slug, label=named[key].name, count=count)
        for key, count in counts.items()
        if key in named
    ]
    return sorted(facets, key=lambda f: (-f.count, f.label or ""))


def year_facets(matched) -> list[Facet]:
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


# --- Suggestions -----------------------------------------------------------------

MAX_SUGGESTIONS = 10


@dataclass
class Suggestion:
    kind: SearchKind
    object: object
    text: str

    @property
    def type(self) -> str:
        return self.kind.name


def suggest(prefix: str, locale: Locale, limit: int = MAX_SUGGESTIONS) -> list:
    if not prefix:
        return []
    terms = query_terms(prefix)
    backend = backend_for(locale)
    scored = []
    for kind in kinds():
        if not kind.suggest:
            continue
        objects = _objects(kind, locale).select_related(*kind.select_related)
        results = backend.autocomplete(prefix, objects, operator="and")
        if isinstance(results, EmptySearchResults):
            continue
        for obj in results.annotate_score("_search_score")[:limit]:
            score = normalised_score(backend, getattr(obj, "_search_score", None))
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
