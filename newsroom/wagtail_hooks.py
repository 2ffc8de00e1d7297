from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from search.registry import (
    REGISTER_SEARCH_FILTERS,
    REGISTER_SEARCH_KINDS,
    LinkFilter,
    SearchKind,
    stream_text,
)

from .linked.fields import person_type, topic_type
from .linked.lists import check_people, check_topics
from .linked.loaders import expect_linked
from .models import Person, Topic
from .schema import NewsroomQuery, press_release_type


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    list_display = ["name", "slug", "parent", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class NewsroomViewSetGroup(SnippetViewSetGroup):
    items = (PersonViewSet, TopicViewSet)
    menu_icon = "doc-full"
    menu_label = _("Newsroom")
    menu_name = "newsroom"


register_snippet(NewsroomViewSetGroup)


@hooks.register("register_schema_query")
def register_newsroom_query(query_mixins: list) -> None:
    query_mixins.insert(0, NewsroomQuery)


# --- Search: the kinds' order is that of the SearchType enum -----------------------


@hooks.register(REGISTER_SEARCH_KINDS, order=0)
def search_press_releases() -> list[SearchKind]:
    return [
        SearchKind(
            name="pressRelease",
            model_label="newsroom.PressReleasePage",
            graphql_type=press_release_type,
            texts=lambda page: [page.standfirst, stream_text(page.body)],
            date_field="date",
            topics_relation=("release_topics", "topic"),
            people_relation=("release_people", "person"),
            prepare=expect_linked,
            select_related=("locale", "hero_image"),
            prefetch_related=("hero_image__renditions",),
        )
    ]


@hooks.register(REGISTER_SEARCH_KINDS, order=20)
def search_people_and_topics() -> list[SearchKind]:
    return [
        SearchKind(
            name="person",
            model_label="newsroom.Person",
            graphql_type=person_type,
            texts=lambda person: [person.biography],
            title_field="name",
            weight=1.5,
            variant_field="slug",
            select_related=("locale", "portrait"),
            prefetch_related=("positions", "portrait__renditions"),
        ),
        SearchKind(
            name="topic",
            model_label="newsroom.Topic",
            graphql_type=topic_type,
            texts=lambda topic: [topic.description],
            title_field="name",
            weight=1.5,
            variant_field="slug",
            select_related=("locale", "parent", "parent__locale"),
        ),
    ]


def _checked_people(slugs: list[str], argument: str) -> set:
    check_people(slugs, argument)
    return set(slugs)


@hooks.register(REGISTER_SEARCH_FILTERS)
def search_filters() -> dict[str, LinkFilter]:
    """Hits narrowed by topic (sub-topics included) and by person."""
    return {
        "topics": LinkFilter(
            model_label="newsroom.Topic",
            expand=check_topics,
            key_field="translation_key",
        ),
        "people": LinkFilter(model_label="newsroom.Person", expand=_checked_people),
    }
