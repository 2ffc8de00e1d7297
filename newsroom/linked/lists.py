"""The list query of linked pages (``pressReleases``, ``videos``): its ``topic``,
``person`` and date arguments, their checks, and the queryset of one language's
published pages, newest first."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

import graphene
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from wagtail.models import Locale

from cms.graphql.errors import UnknownPerson, UnknownTopic
from cms.graphql.locale import check_date_range, date_arguments, date_range
from cms.graphql.pages import published
from cms.graphql.pagination import check_page

from .models import LinkedPage
from .vocabulary import person_model, topic_model

TOPIC_HELP = (
    "Topic slug; includes its sub-topics. A slug that names no topic is an "
    "UNKNOWN_TOPIC error."
)
PERSON_HELP = "Person slug; one that names nobody is an UNKNOWN_PERSON error."


def linked_filter_arguments() -> dict[str, graphene.Argument]:
    """``topic``, ``person``, ``dateFrom`` and ``dateTo`` of a list query."""
    return {
        "topic": graphene.String(description=TOPIC_HELP),
        "person": graphene.String(description=PERSON_HELP),
        **date_arguments(),
    }


def filter_models(topic: str | None, person: str | None) -> list[type]:
    """The snippets whose changes may change which pages match a list's filters
    (for the response cache's dependencies, cms/graphql/dependencies.py)."""
    used = ((topic_model, topic), (person_model, person))
    return [model() for model, given in used if given]


def check_topics(slugs: Iterable[str], argument: str = "topic") -> set:
    """Translation keys of these topics and their sub-topics; a slug that names
    no topic (in any language) is an UNKNOWN_TOPIC error."""
    slugs = list(slugs)
    found = topic_model().objects.topics_and_descendants(slugs)
    unknown = [slug for slug in slugs if not found[slug]]
    if unknown:
        raise UnknownTopic(
            _("Unknown topic “%(slug)s”.") % {"slug": str(unknown[0])[:100]},
            argument=argument,
        )
    return set().union(*found.values())


def check_people(slugs: Iterable[str], argument: str = "person") -> None:
    """A slug that names no person (in any language) is an UNKNOWN_PERSON error."""
    slugs = set(slugs)
    people = person_model().objects.filter(slug__in=slugs)
    known = set(people.values_list("slug", flat=True))
    unknown = sorted(slugs - known)
    if unknown:
        raise UnknownPerson(
            _("Unknown person “%(slug)s”.") % {"slug": unknown[0][:100]},
            argument=argument,
        )


def check_list_arguments(
    topic: str | None,
    person: str | None,
    date_from: datetime.date | None,
    date_to: datetime.date | None,
    page: int,
    per_page: int,
) -> set | None:
    """Every argument of a list query, checked before the content language is
    activated (so that messages are in the request's language). Returns the
    translation keys of the topic filter (with its sub-topics), if any."""
    check_date_range(date_from, date_to)
    check_page(page, per_page)
    if person is not None:
        check_people([person])
    return None if topic is None else check_topics([topic])


def dated_pages(
    model: type[LinkedPage],
    locale: Locale,
    topic_keys: set | None = None,
    person: str | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    fallback: bool = False,
) -> QuerySet:
    """Published pages of ``model`` in one language, newest first, filtered by
    topics (translation keys, see check_topics), person (a slug) and dates
    through the model's links."""
    pages = published(model.objects.filter(locale=locale))
    default = Locale.get_default() if fallback else None
    if fallback and locale != default:
        # Pages of this language, plus default-language ones not translated yet.
        translated = published(model.objects.filter(locale=locale))
        pages = published(model.objects.all()).filter(
            Q(locale=locale)
            | Q(locale=default)
            & ~Q(translation_key__in=translated.values("translation_key"))
        )
    if topic_keys is not None:
        links = model.link_model(model.topic_links).objects
        pages = pages.filter(
            pk__in=links.filter(topic__translation_key__in=topic_keys).values("page_id")
        )
    if person is not None:
        links = model.link_model(model.people_links).objects
        pages = pages.filter(pk__in=links.filter(person__slug=person).values("page_id"))
    pages = pages.filter(**date_range(date_from, date_to))
    return pages.order_by("-date", "-pk")
