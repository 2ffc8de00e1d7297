"""Words a search document holds of another object: a gallery and each of its
photos are found by the names of the gallery's people and topics. When an
editor renames or deletes one of them, those documents are written again, in
every language, at once for a few and through a queued task for many."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from newsroom.models import Person, Topic
from tests.factories import PersonFactory, TopicFactory
from tests.newsroom.test_translation import translate_everything
from tests.photos.conftest import make_asset, make_gallery

pytestmark = pytest.mark.django_db

QUEUED = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def found(search, words: str, language: str) -> set[tuple[str, str]]:
    """``(type, gallery slug)`` of the galleries and photos ``words`` find."""
    result = search(words, locale=language, types=["gallery", "photo"])
    assert "errors" not in result, result
    return {
        (item["type"], item["url"].rstrip("/").rsplit("/", 1)[-1])
        for item in result["items"]
    }


def both(slug: str) -> set[tuple[str, str]]:
    return {("gallery", slug), ("photo", slug)}


@pytest.fixture
def tagged_galleries(django_capture_on_commit_callbacks):
    """A published gallery in English naming a person and a topic, translated
    into French in wagtail-localize (whose links are synchronized: the French
    gallery links the same person and topic)."""
    person = PersonFactory(name="Ottoline Quokka", slug="ottoline-quokka")
    topic = TopicFactory(name="Quokkaland", slug="quokkaland")
    english = make_gallery(
        "Arrival of the delegation",
        [make_asset()],
        people=[person],
        topics=[topic],
        captions=["Quolloway"],
    )
    french = translate_everything(
        english, "fr", "FR", django_capture_on_commit_callbacks
    )
    return person, topic, english, french


def test_a_renamed_person_finds_the_galleries_and_photos_in_each_language(
    search, tagged_galleries
):
    person, _topic, english, french = tagged_galleries
    assert found(search, "quokka", "en") == both(english.slug)
    assert found(search, "quokka", "fr") == both(french.slug)
    person.name = "Ottoline Bettong"
    person.save()
    for language, gallery in (("en", english), ("fr", french)):
        assert found(search, "bettong", language) == both(gallery.slug)
        assert found(search, "quokka", language) == set()


def test_a_renamed_topic_finds_the_galleries_and_photos_in_each_language(
    search, tagged_galleries
):
    _person, topic, english, french = tagged_galleries
    topic.name = "Potorooland"
    topic.save()
    for language, gallery in (("en", english), ("fr", french)):
        assert found(search, "potorooland", language) == both(gallery.slug)
        assert found(search, "quokkaland", language) == set()


def test_a_deleted_person_or_topic_no_longer_finds_them(search, tagged_galleries):
    person, topic, english, _french = tagged_galleries
    assert found(search, "quokkaland", "en") == both(english.slug)
    Person.objects.filter(pk=person.pk).delete()
    Topic.objects.filter(pk=topic.pk).delete()
    assert found(search, "quokka", "en") == set()
    assert found(search, "quokkaland", "en") == set()
    # The gallery's own words still find it.
    assert found(search, "quolloway", "en") == both(english.slug)


def index_writes(captured: CaptureQueriesContext) -> list[str]:
    return [
        query["sql"]
        for query in captured.captured_queries
        if "INSERT" in query["sql"].upper() and "search_document" in query["sql"]
    ]


def test_a_save_that_changes_no_name_writes_nothing_else(tagged_galleries):
    person, *_rest = tagged_galleries
    person.biography = "Spokesperson of the Quokka delegation."
    with CaptureQueriesContext(connection) as captured:
        person.save()
    # The person's own document only, not its galleries' and photos'.
    assert len(index_writes(captured)) == 1


def test_many_dependents_are_written_by_the_worker(search, tagged_galleries):
    person, _topic, english, french = tagged_galleries
    person.name = "Ottoline Bettong"
    with override_settings(SEARCH_DEPENDENTS_INLINE=1, TASKS=QUEUED):
        from django_tasks import default_task_backend

        person.save()
        queued = list(default_task_backend.results)
        # Not in the editor's request: the old name still finds them...
        assert found(search, "quokka", "en") == both(english.slug)
        # ...until the worker runs the task.
        ours = [result for result in queued if result.task.name == "index_again_later"]
        # One task per kind of object (galleries, photos).
        assert len(ours) == 2
        for result in queued:  # as the worker does
            result.task.call(*result.args, **result.kwargs)
    for language, gallery in (("en", english), ("fr", french)):
        assert found(search, "bettong", language) == both(gallery.slug)
        assert found(search, "quokka", language) == set()
