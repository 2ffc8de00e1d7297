"""The index follows publishing, unpublishing, translation, editing and deletion
without a rebuild; a search costs the same number of SQL queries for 5 hits as for
50; suggestions for the search box."""

import datetime
import json

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from newsroom.models import Person, PressReleasePage
from tests.conftest import error_codes
from tests.factories import PersonFactory, TopicFactory, add_position, create_release
from tests.newsroom.test_translation import translate_everything
from tests.search.conftest import SEARCH, slugs

pytestmark = pytest.mark.django_db


def indexed(page) -> bool:
    """Whether the search backend finds ``page`` among every object of its type,
    drafts included: the index itself, not our published() filter."""
    found = get_search_backend().search(page.title, type(page).objects.all())
    return page.pk in {obj.pk for obj in found}


def test_publishing_puts_a_release_in_the_search(search):
    release = create_release(title="Kookaburra briefing", publish=False)
    assert search("kookaburra")["items"] == []
    release.save_revision().publish()
    assert slugs(search("kookaburra")) == [release.slug]


def test_a_published_edit_replaces_the_old_words(search):
    release = create_release(title="Wallaby conference")
    release.title = release.standfirst = "Dingo conference"
    release.body = [{"type": "paragraph", "value": "<p>Dingo.</p>"}]
    release.save_revision().publish()
    assert search("wallaby")["items"] == []
    assert slugs(search("dingo")) == [release.slug]


def test_unpublishing_takes_a_release_out(search):
    release = create_release(title="Cassowary statement")
    assert slugs(search("cassowary")) == [release.slug]
    release.unpublish()
    assert search("cassowary")["items"] == []


def test_deleting_removes_the_index_entry(search):
    release = create_release(title="Pademelon visit")
    assert indexed(release)
    Page.objects.get(pk=release.pk).delete()
    assert search("pademelon")["items"] == []
    assert (
        not get_search_backend()
        .search("pademelon", PressReleasePage.objects.all())
        .count()
    )


def test_a_translation_published_in_wagtail_localize_is_found_in_french(
    search, django_capture_on_commit_callbacks
):
    english = create_release(title="Potoroo partnership")
    assert search("potoroo", locale="fr")["items"] == []
    french = translate_everything(
        english, "fr", "Partenariat", django_capture_on_commit_callbacks
    )
    result = search("potoroo partenariat", locale="fr")
    assert slugs(result) == [french.slug]
    assert result["items"][0]["locale"] == "fr"


def test_people_are_indexed_when_saved_and_deleted(search):
    person = PersonFactory(name="Quenda Marsupial", slug="quenda-marsupial")
    assert [i["object"]["slug"] for i in search("quenda")["items"]] == [person.slug]
    person.name = "Bilby Marsupial"
    person.save()
    assert search("quenda")["items"] == []
    Person.objects.filter(pk=person.pk).delete()
    assert search("bilby")["items"] == []


def test_an_answer_cached_before_the_index_task_ran_is_not_served_after_it(
    search, django_capture_on_commit_callbacks
):
    """As in production: the publish commits, a reader searches before the
    worker has indexed the release (the shared cache stores that answer), then
    the worker indexes it: the next search finds it."""
    from django_tasks import default_task_backend

    queued = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with override_settings(GRAPHQL_CACHE_ENABLED=True, TASKS=queued):
        with django_capture_on_commit_callbacks(execute=True):
            release = create_release(title="Bettong briefing")
        assert search("bettong")["items"] == []
        with django_capture_on_commit_callbacks(execute=True):
            for result in list(default_task_backend.results):  # the worker
                result.task.call(*result.args, **result.kwargs)
        assert slugs(search("bettong")) == [release.slug]


# --- Query counts ----------------------------------------------------------------

COUNTED = SEARCH.replace(
    "... on Person { slug name }",
    "... on Person { slug name positions { title } portrait { url } }",
).replace(
    "... on PressReleasePage { slug date topics { slug } }",
    "... on PressReleasePage { slug date topics { slug } people { role person "
    "{ slug } } translations { locale url } }",
)


def count_queries(client, per_page: int) -> tuple[int, dict]:
    payload = json.dumps(
        {"query": COUNTED, "variables": {"query": "numbat", "perPage": per_page}}
    )
    client.post("/graphql/", payload, content_type="application/json")
    with CaptureQueriesContext(connection) as captured:
        response = client.post("/graphql/", payload, content_type="application/json")
    answer = response.json()
    assert "errors" not in answer, answer
    return len(captured), answer["data"]["search"]


def make_numbats(count: int) -> None:
    # Named exactly as the query, so they come first at both sizes.
    topic = TopicFactory(name="Numbat")
    person = PersonFactory(name="Numbat")
    add_position(person, "Spokesperson", datetime.date(2000, 1, 1))
    for _ in range(count):
        en = create_release(title="Numbat news", topics=[topic], people=[person])
        create_release("fr", title="Numbat nouvelles", translation_of=en)


def test_a_search_costs_the_same_queries_for_5_and_50_hits(
    client, django_assert_num_queries
):
    make_numbats(60)
    small, data = count_queries(client, 5)
    assert len(data["items"]) == 5
    assert {"pressRelease", "person", "topic"} <= {i["type"] for i in data["items"]}
    payload = json.dumps(
        {"query": COUNTED, "variables": {"query": "numbat", "perPage": 50}}
    )
    with django_assert_num_queries(small):
        response = client.post("/graphql/", payload, content_type="application/json")
    items = response.json()["data"]["search"]["items"]
    assert len(items) == 50
    assert {"pressRelease", "person", "topic"} <= {item["type"] for item in items}


# --- Suggestions -----------------------------------------------------------------

SUGGEST = """query($prefix: String!, $locale: LanguageCode, $limit: Int) {
  searchSuggest(prefix: $prefix, locale: $locale, limit: $limit) {
    text type slug url
  }
}"""


def suggest(gql, prefix, **arguments):
    answer = gql(SUGGEST, {"prefix": prefix, **arguments}, status=None)
    return answer if "errors" in answer else answer["data"]["searchSuggest"]


def test_suggestions_complete_names_and_titles(gql):
    assert suggest(gql, "Stolt")[0] == {
        "text": "Jens Stoltenberg",
        "type": "person",
        "slug": "jens-stoltenberg",
        "url": None,
    }
    texts = [s["text"] for s in suggest(gql, "secr", locale="fr")]
    assert "Le secrétaire général de l’OTAN reçoit Vjosa Osmani, du Kosovo" in texts
    assert suggest(gql, "KF")[0]["slug"] == "kfor"
    release = next(
        s for s in suggest(gql, "NATO Secretary") if s["type"] == "pressRelease"
    )
    path = "/en/newsroom/secretary-general-meets-vjosa-osmani/"
    assert release["url"] == settings.PUBLIC_BASE_URL + path


def test_suggestions_stay_in_their_language_and_limit(gql):
    create_release(title="Wombat walkabout")
    assert suggest(gql, "Wombat w", locale="fr") == []
    assert len(suggest(gql, "KFOR", limit=3)) == 3


@pytest.mark.parametrize("prefix", ["", "  ", '"', "*", "(", ":", "&|!"])
def test_suggestions_for_nothing_or_syntax_are_empty(gql, prefix):
    assert suggest(gql, prefix) == []


def test_suggestion_errors_have_codes(gql):
    assert error_codes(suggest(gql, "x" * 10000)) == ["QUERY_TOO_LONG"]
    invalid = suggest(gql, "Stolt", locale="xx")
    assert error_codes(invalid) == ["GRAPHQL_VALIDATION_FAILED"]
    assert error_codes(suggest(gql, "Stolt", limit=0)) == ["INVALID_ARGUMENT"]
