"""GraphQL for the newsroom: root queries, custom types and batched resolvers.

Every list runs in a constant number of SQL queries whatever its length: the list
resolvers announce their items to the loaders below, which fetch the people, topics,
related releases and translations of the whole list at once."""

from __future__ import annotations

import graphene
from django.conf import settings
from django.db.models import Case, Q, When
from django.utils.translation import gettext as _
from grapple.registry import registry
from wagtail.models import Locale, Page

from cms.graphql import dependencies
from cms.graphql.contract import owner_key
from cms.graphql.errors import UnknownPerson, UnknownTopic
from cms.graphql.loaders import ListLoader, prime_stream_choosers
from cms.graphql.locale import (
    activate_locale,
    check_date_range,
    date_arguments,
    locale_argument,
)
from cms.graphql.pages import expect_pages, published
from cms.graphql.pagination import (
    check_page,
    cursor_arguments,
    paginate,
    paginated,
    pagination_arguments,
)

from .models import (
    Person,
    PressReleasePage,
    PressReleasePerson,
    PressReleaseTopic,
    RelatedPressRelease,
    Topic,
)


def person_type():
    return registry.snippets[Person]


def topic_type():
    return registry.snippets[Topic]


def press_release_type():
    return registry.pages[PressReleasePage]


class PositionType(graphene.ObjectType):
    id = graphene.ID(required=True)
    title = graphene.String(required=True)
    organisation = graphene.String()
    start_date = graphene.Date(required=True)
    end_date = graphene.Date(description="Empty while the position is held.")


class ReleasePersonType(graphene.ObjectType):
    """A person named on a release, with the position they held on its date."""

    id = graphene.ID(
        required=True, description="<page id>:<person id>: one per page and person."
    )
    role = graphene.String(description="Title of the position held on the date.")
    position = graphene.Field(PositionType)
    person = graphene.Field(person_type, required=True)


# --- Loaders ---------------------------------------------------------------------


def _variants(model, translation_keys, related=(), prefetch=()):
    """Every locale's variant of the given objects, by (translation_key, locale)."""
    objects = model.objects.filter(translation_key__in=set(translation_keys))
    objects = objects.select_related("locale", *related).prefetch_related(*prefetch)
    return {(obj.translation_key, obj.locale_id): obj for obj in objects}


class LocalizedLinksLoader(ListLoader):
    """(page id, locale id) -> the snippets an inline panel links the page to, each
    in the page's language (as linked, while it has no translation)."""

    link_model: type
    field: str
    related: tuple = ()
    prefetch: tuple = ()

    @classmethod
    def load_batch(cls, keys):
        locale_of = dict(keys)
        links = list(
            cls.link_model.objects.filter(page_id__in=locale_of)
            .select_related(cls.field)
            .order_by("sort_order", "pk")
        )
        target_model = cls.link_model._meta.get_field(cls.field).related_model
        variants = _variants(
            target_model,
            (getattr(link, cls.field).translation_key for link in links),
            related=cls.related,
            prefetch=cls.prefetch,
        )
        found: dict = {}
        for link in links:
            target = getattr(link, cls.field)
            # The variants hold the linked object too, with its prefetches.
            linked = variants[(target.translation_key, target.locale_id)]
            locale_id = locale_of[link.page_id]
            found.setdefault((link.page_id, locale_id), []).append(
                variants.get((target.translation_key, locale_id), linked)
            )
        return found


class PeopleLinksLoader(LocalizedLinksLoader):
    """Subclasses name their ``link_model`` (a PersonLink)."""

    field = "person"
    related = ("portrait",)
    prefetch = ("positions",)


class TopicLinksLoader(LocalizedLinksLoader):
    """Subclasses name their ``link_model`` (a TopicLink)."""

    field = "topic"
    related = ("parent", "parent__locale")


class ReleasePeopleLoader(PeopleLinksLoader):
    link_model = PressReleasePerson


class ReleaseTopicsLoader(TopicLinksLoader):
    link_model = PressReleaseTopic


class RelatedReleasesLoader(ListLoader):
    """(page id, locale id) -> [published related release in that locale]."""

    link_model: type = RelatedPressRelease

    @classmethod
    def load_batch(cls, keys):
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
        variants = {(p.translation_key, p.locale_id): p for p in pages}
        found: dict = {}
        for link in links:
            locale_id = locale_of[link.page_id]
            page = variants.get((link.related.translation_key, locale_id))
            if page is not None:
                found.setdefault((link.page_id, locale_id), []).append(page)
        # Fields of the related releases batch too (their people, topics, …).
        expect_releases(list(variants.values()))
        return found


def expect_releases(releases: list[PressReleasePage]) -> None:
    keys = [(r.pk, r.locale_id) for r in releases]
    for loader in (ReleasePeopleLoader, ReleaseTopicsLoader, RelatedReleasesLoader):
        loader.expect(keys)
    expect_pages(releases)
    prime_stream_choosers(r.body for r in releases)


# --- Field resolvers (called through the model, see PressReleasePage) ------------


def _previewed(release: PressReleasePage, relation: str, field: str):
    """A preview holds its links in memory, as the editor left them."""
    return [getattr(link, field) for link in getattr(release, relation).all()]


def resolve_release_people(release: PressReleasePage, info):
    return linked_people(release, "release_people", ReleasePeopleLoader)


def linked_people(page, relation: str, loader: type[LocalizedLinksLoader]):
    """The people a page links to, each with the position held on its date."""
    day = page.date.date()
    if getattr(page, "is_preview", False):
        linked = _previewed(page, relation, "person")
    else:
        linked = loader.load((page.pk, page.locale_id))
    people = []
    for person in linked:
        position = person.position_on(day)
        people.append(
            ReleasePersonType(
                id=f"{owner_key(page)}:{person.pk}",
                role=position.title if position else None,
                position=position,
                person=person,
            )
        )
    return people


def resolve_release_topics(release: PressReleasePage, info):
    return linked_topics(release, "release_topics", ReleaseTopicsLoader)


def linked_topics(page, relation: str, loader: type[LocalizedLinksLoader]):
    if getattr(page, "is_preview", False):
        return _previewed(page, relation, "topic")
    return loader.load((page.pk, page.locale_id))


def resolve_related_releases(release: PressReleasePage, info):
    return linked_releases(release, RelatedReleasesLoader)


def linked_releases(page, loader: type[RelatedReleasesLoader]):
    if getattr(page, "is_preview", False):
        pages = _previewed(page, "related_releases", "related")
        return [page.specific for page in pages if page.live]
    return loader.load((page.pk, page.locale_id))


# --- Root queries ----------------------------------------------------------------

PressReleaseList = paginated("PressReleaseList", press_release_type)


def topic_and_descendants(slug: str) -> set:
    """Translation keys of the topic ``slug`` and every topic filed under it."""
    return topics_and_descendants([slug])[slug]


def topics_and_descendants(slugs) -> dict[str, set]:
    """For each slug, the translation keys of that topic and of every topic filed
    under it (empty when no topic has the slug). One query for all of them."""
    topics = list(
        Topic.objects.values_list("translation_key", "parent_id", "slug", "pk")
    )
    key_of = {pk: key for key, _parent, _slug, pk in topics}
    children: dict = {}
    for key, parent_id, _slug, _pk in topics:
        if parent_id is not None:
            children.setdefault(key_of[parent_id], set()).add(key)
    found = {}
    for slug in slugs:
        wanted = {key for key, _parent, topic_slug, _pk in topics if topic_slug == slug}
        frontier = set(wanted)
        while frontier:
            frontier = set().union(*(children.get(k, set()) for k in frontier))
            frontier -= wanted
            wanted |= frontier
        found[slug] = wanted
    return found


def check_topics(slugs, argument: str = "topic") -> set:
    """Translation keys of these topics and their sub-topics; a slug that names
    no topic (in any language) is an UNKNOWN_TOPIC error."""
    found = topics_and_descendants(slugs)
    unknown = [slug for slug in slugs if not found[slug]]
    if unknown:
        raise UnknownTopic(
            _("Unknown topic “%(slug)s”.") % {"slug": str(unknown[0])[:100]},
            argument=argument,
        )
    return set().union(*found.values())


def check_people(slugs, argument: str = "person") -> None:
    """A slug that names no person (in any language) is an UNKNOWN_PERSON error."""
    slugs = set(slugs)
    known = set(Person.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    unknown = sorted(slugs - known)
    if unknown:
        raise UnknownPerson(
            _("Unknown person “%(slug)s”.") % {"slug": unknown[0][:100]},
            argument=argument,
        )


def check_list_arguments(
    topic, person, date_from, date_to, page: int, per_page: int
) -> set | None:
    """Every argument of a list query, checked before the content language is
    activated (so that messages are in the request's language). Returns the
    translation keys of the topic filter (with its sub-topics), if any."""
    check_date_range(date_from, date_to)
    check_page(page, per_page)
    if person is not None:
        check_people([person])
    return None if topic is None else check_topics([topic])


def press_releases_queryset(
    locale, topic_keys=None, person=None, date_from=None, date_to=None, fallback=False
):
    releases = dated_pages(
        PressReleasePage,
        locale,
        topic_links=(PressReleaseTopic, topic_keys),
        person_links=(PressReleasePerson, person),
        date_from=date_from,
        date_to=date_to,
        fallback=fallback,
    )
    return releases.select_related("locale", "hero_image")


def dated_pages(
    model,
    locale,
    topic_links=(None, None),
    person_links=(None, None),
    date_from=None,
    date_to=None,
    fallback=False,
):
    """Published pages of ``model`` (with a ``date``) in one language, newest
    first, filtered by topics (translation keys, see check_topics), person (a
    slug) and dates through the given (link model, filter) pairs."""
    pages = published(model.objects.filter(locale=locale))
    default = Locale.get_default()
    if fallback and locale != default:
        # Pages of this language, plus default-language ones not translated yet.
        translated = published(model.objects.filter(locale=locale))
        pages = published(model.objects.all()).filter(
            Q(locale=locale)
            | Q(locale=default)
            & ~Q(translation_key__in=translated.values("translation_key"))
        )
    topic_model, topic_keys = topic_links
    if topic_keys is not None:
        pages = pages.filter(
            pk__in=topic_model.objects.filter(
                topic__translation_key__in=topic_keys
            ).values("page_id")
        )
    person_model, person = person_links
    if person is not None:
        pages = pages.filter(
            pk__in=person_model.objects.filter(person__slug=person).values("page_id")
        )
    if date_from:
        pages = pages.filter(date__date__gte=date_from)
    if date_to:
        pages = pages.filter(date__date__lte=date_to)
    return pages.order_by("-date", "-pk")


TOPIC_HELP = (
    "Topic slug; includes its sub-topics. A slug that names no topic is an "
    "UNKNOWN_TOPIC error."
)
PERSON_HELP = "Person slug; one that names nobody is an UNKNOWN_PERSON error."
FALLBACK_HELP = (
    "Where a release has no variant in this language, return the default "
    "language's, marked isFallback (default: the GRAPHQL_LOCALE_FALLBACK setting)."
)


def _fallback(argument: bool | None) -> bool:
    return settings.GRAPHQL_LOCALE_FALLBACK if argument is None else argument


def _mark_requested(releases, locale) -> None:
    for release in releases:
        release.requested_locale_id = locale.pk


class NewsroomQuery:
    press_releases = graphene.Field(
        PressReleaseList,
        locale=locale_argument(),
        topic=graphene.String(description=TOPIC_HELP),
        person=graphene.String(description=PERSON_HELP),
        **date_arguments(),
        fallback=graphene.Boolean(description=FALLBACK_HELP),
        **pagination_arguments(),
        **cursor_arguments(),
        description="Published press releases of one language, newest first.",
    )
    press_release = graphene.Field(
        press_release_type,
        slug=graphene.String(required=True),
        locale=locale_argument(),
        fallback=graphene.Boolean(description=FALLBACK_HELP),
        description="One published press release by slug, or null.",
    )
    people = graphene.List(graphene.NonNull(person_type), locale=locale_argument())
    person = graphene.Field(
        person_type, slug=graphene.String(required=True), locale=locale_argument()
    )
    topics = graphene.List(graphene.NonNull(topic_type), locale=locale_argument())
    topic = graphene.Field(
        topic_type, slug=graphene.String(required=True), locale=locale_argument()
    )

    @staticmethod
    def resolve_press_releases(
        root,
        info,
        locale=None,
        topic=None,
        person=None,
        date_from=None,
        date_to=None,
        fallback=None,
        page=1,
        per_page=10,
        after=None,
        before=None,
    ):
        topic_keys = check_list_arguments(
            topic, person, date_from, date_to, page, per_page
        )
        locale = activate_locale(locale)
        fallback = _fallback(fallback)
        dependencies.enumerates(
            info, PressReleasePage, _locales(locale, fallback), *_filters(topic, person)
        )
        releases = press_releases_queryset(
            locale, topic_keys, person, date_from, date_to, fallback
        ).prefetch_related("hero_image__renditions")
        result = paginate(releases, page, per_page, after, before)
        _mark_requested(result["items"], locale)
        expect_releases(result["items"])
        return PressReleaseList(**result)

    @staticmethod
    def resolve_press_release(root, info, slug, locale=None, fallback=None):
        locale = activate_locale(locale)
        releases = press_releases_queryset(locale, fallback=_fallback(fallback))
        release = (
            releases.filter(slug=slug)
            .prefetch_related("hero_image__renditions")
            # The requested language's release first, when both share the slug.
            .order_by(Case(When(locale=locale, then=0), default=1))
            .first()
        )
        if release is not None:
            _mark_requested([release], locale)
            expect_releases([release])
        locales = _locales(locale, _fallback(fallback))
        dependencies.looks_up(info, PressReleasePage, locales, release)
        return release

    @staticmethod
    def resolve_people(root, info, locale=None):
        dependencies.enumerates(info, Person)
        return list(_people(locale))

    @staticmethod
    def resolve_person(root, info, slug, locale=None):
        dependencies.enumerates(info, Person)
        return _people(locale).filter(slug=slug).first()

    @staticmethod
    def resolve_topics(root, info, locale=None):
        dependencies.enumerates(info, Topic)
        return list(_topics(locale))

    @staticmethod
    def resolve_topic(root, info, slug, locale=None):
        dependencies.enumerates(info, Topic)
        return _topics(locale).filter(slug=slug).first()


def _locales(locale, fallback: bool) -> list:
    """The languages a list may show pages of."""
    return [locale, Locale.get_default()] if fallback else [locale]


def _filters(topic, person) -> list:
    """The snippets whose changes may change which pages match the filters."""
    return [model for model, used in ((Topic, topic), (Person, person)) if used]


def _people(locale):
    return (
        Person.objects.filter(locale=activate_locale(locale))
        .select_related("locale", "portrait")
        .prefetch_related("positions", "portrait__renditions")
        .order_by("name")
    )


def _topics(locale):
    return (
        Topic.objects.filter(locale=activate_locale(locale))
        .select_related("locale", "parent", "parent__locale")
        .order_by("name")
    )
