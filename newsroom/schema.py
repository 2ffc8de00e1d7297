"""GraphQL for the newsroom: root queries, custom types and batched resolvers.

Every list runs in a constant number of SQL queries whatever its length: the list
resolvers announce their items to the loaders below, which fetch the people, topics,
related releases and translations of the whole list at once."""

from __future__ import annotations

import graphene
from grapple.registry import registry
from wagtail.models import Page

from cms.graphql.loaders import ListLoader, prime_stream_choosers
from cms.graphql.locale import activate_locale, check_date_range, parse_date
from cms.graphql.pages import expect_pages, published
from cms.graphql.pagination import paginate, paginated, pagination_arguments

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
    title = graphene.String(required=True)
    organisation = graphene.String()
    start_date = graphene.Date(required=True)
    end_date = graphene.Date(description="Empty while the position is held.")


class ReleasePersonType(graphene.ObjectType):
    """A person named on a release, with the position they held on its date."""

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


class ReleasePeopleLoader(LocalizedLinksLoader):
    link_model = PressReleasePerson
    field = "person"
    related = ("portrait",)
    prefetch = ("positions",)


class ReleaseTopicsLoader(LocalizedLinksLoader):
    link_model = PressReleaseTopic
    field = "topic"
    related = ("parent", "parent__locale")


class RelatedReleasesLoader(ListLoader):
    """(page id, locale id) -> [published related release in that locale]."""

    @classmethod
    def load_batch(cls, keys):
        locale_of = dict(keys)
        links = list(
            RelatedPressRelease.objects.filter(page_id__in=locale_of)
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
        expect_pages(variants.values())
        return found


def expect_releases(releases: list[PressReleasePage]) -> None:
    keys = [(r.pk, r.locale_id) for r in releases]
    for loader in (ReleasePeopleLoader, ReleaseTopicsLoader, RelatedReleasesLoader):
        loader.expect(keys)
    expect_pages(releases)
    prime_stream_choosers(r.body for r in releases)


# --- Field resolvers (called through the model, see PressReleasePage) ------------


def resolve_release_people(release: PressReleasePage, info):
    day = release.date.date()
    people = []
    for person in ReleasePeopleLoader.load((release.pk, release.locale_id)):
        position = person.position_on(day)
        people.append(
            ReleasePersonType(
                role=position.title if position else None,
                position=position,
                person=person,
            )
        )
    return people


def resolve_release_topics(release: PressReleasePage, info):
    return ReleaseTopicsLoader.load((release.pk, release.locale_id))


def resolve_related_releases(release: PressReleasePage, info):
    return RelatedReleasesLoader.load((release.pk, release.locale_id))


# --- Root queries ----------------------------------------------------------------

PressReleaseList = paginated("PressReleaseList", press_release_type)


def topic_and_descendants(slug: str) -> set:
    """Translation keys of the topic ``slug`` and every topic filed under it."""
    topics = list(
        Topic.objects.values_list("translation_key", "parent_id", "slug", "pk")
    )
    key_of = {pk: key for key, _parent, _slug, pk in topics}
    children: dict = {}
    for key, parent_id, _slug, _pk in topics:
        if parent_id is not None:
            children.setdefault(key_of[parent_id], set()).add(key)
    wanted = {key for key, _parent, topic_slug, _pk in topics if topic_slug == slug}
    frontier = set(wanted)
    while frontier:
        frontier = set().union(*(children.get(k, set()) for k in frontier)) - wanted
        wanted |= frontier
    return wanted


def press_releases_queryset(
    locale, topic=None, person=None, date_from=None, date_to=None
):
    releases = published(PressReleasePage.objects.filter(locale=locale))
    if topic:
        releases = releases.filter(
            pk__in=PressReleaseTopic.objects.filter(
                topic__translation_key__in=topic_and_descendants(topic)
            ).values("page_id")
        )
    if person:
        releases = releases.filter(
            pk__in=PressReleasePerson.objects.filter(person__slug=person).values(
                "page_id"
            )
        )
    if date_from:
        releases = releases.filter(date__date__gte=date_from)
    if date_to:
        releases = releases.filter(date__date__lte=date_to)
    return releases.select_related("locale", "hero_image").order_by("-date", "-pk")


class NewsroomQuery:
    press_releases = graphene.Field(
        PressReleaseList,
        required=True,
        locale=graphene.String(description="en or fr (default: en)."),
        topic=graphene.String(description="Topic slug; includes its sub-topics."),
        person=graphene.String(description="Person slug."),
        date_from=graphene.String(description="YYYY-MM-DD, inclusive."),
        date_to=graphene.String(description="YYYY-MM-DD, inclusive."),
        **pagination_arguments(),
        description="Published press releases of one language, newest first.",
    )
    press_release = graphene.Field(
        press_release_type,
        slug=graphene.String(required=True),
        locale=graphene.String(),
        description="One published press release by slug, or null.",
    )
    people = graphene.List(
        graphene.NonNull(person_type), required=True, locale=graphene.String()
    )
    person = graphene.Field(
        person_type, slug=graphene.String(required=True), locale=graphene.String()
    )
    topics = graphene.List(
        graphene.NonNull(topic_type), required=True, locale=graphene.String()
    )
    topic = graphene.Field(
        topic_type, slug=graphene.String(required=True), locale=graphene.String()
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
        page=1,
        per_page=10,
    ):
        start, end = parse_date(date_from, "dateFrom"), parse_date(date_to, "dateTo")
        check_date_range(start, end)
        releases = press_releases_queryset(
            activate_locale(locale), topic, person, start, end
        ).prefetch_related("hero_image__renditions")
        result = paginate(releases, page, per_page)
        expect_releases(result["items"])
        return PressReleaseList(**result)

    @staticmethod
    def resolve_press_release(root, info, slug, locale=None):
        release = (
            press_releases_queryset(activate_locale(locale))
            .filter(slug=slug)
            .prefetch_related("hero_image__renditions")
            .first()
        )
        if release is not None:
            expect_releases([release])
        return release

    @staticmethod
    def resolve_people(root, info, locale=None):
        return list(_people(locale))

    @staticmethod
    def resolve_person(root, info, slug, locale=None):
        return _people(locale).filter(slug=slug).first()

    @staticmethod
    def resolve_topics(root, info, locale=None):
        return list(_topics(locale))

    @staticmethod
    def resolve_topic(root, info, slug, locale=None):
        return _topics(locale).filter(slug=slug).first()


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
