"""The search reads the search documents (search/documents/), on PostgreSQL and
on SQLite: they follow publishing, links, unpublishing and deletion, fill
themselves on an existing archive, and (PostgreSQL) the search statement's
planner setting stays inside it."""

import datetime
import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from newsroom.models import PressReleaseTopic
from search import documents
from tests.factories import PersonFactory, TopicFactory, create_release
from tests.search.conftest import slugs

pytestmark = pytest.mark.django_db


def document(obj) -> dict | None:
    content_type = ContentType.objects.get_for_model(type(obj)).pk
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT locale_id, live, variant_key, year, topics, people"
            " FROM search_document WHERE content_type_id = %s AND object_id = %s",
            [content_type, obj.pk],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    names = ["locale_id", "live", "variant_key", "year", "topics", "people"]
    found = dict(zip(names, row, strict=True))
    found["live"] = bool(found["live"])
    for name in ("topics", "people"):  # JSON text on SQLite
        if isinstance(found[name], str):
            found[name] = json.loads(found[name])
    return found


def topic_facets(result) -> list[str]:
    return [facet["value"] for facet in result["facets"]["topics"]]


def test_the_search_reads_the_documents_not_wagtails_index(search):
    create_release(title="Quokka census")
    with CaptureQueriesContext(connection) as captured:
        result = search("quokka")
    assert slugs(result)
    statements = [query["sql"] for query in captured.captured_queries]
    assert any("search_document" in sql for sql in statements)
    reading_the_index = [s for s in statements if "wagtailsearch_indexentry" in s]
    if connection.vendor == "postgresql":
        assert reading_the_index == []
    else:
        # SQLite: one statement matches Wagtail's FTS5 table, joined to documents.
        assert len(reading_the_index) == 1
        assert "search_document" in reading_the_index[0]


def test_publishing_writes_the_document_with_its_links():
    topic, person = TopicFactory(name="Quoll"), PersonFactory(name="Quoll Expert")
    when = datetime.datetime(2021, 12, 31, 23, 30, tzinfo=datetime.UTC)
    release = create_release(
        title="Quoll survey", topics=[topic], people=[person], date=when
    )
    assert document(release) == {
        "locale_id": release.locale_id,
        "live": True,
        "variant_key": str(release.translation_key),
        # 23:30 UTC on 31 December is already 2022 in Brussels.
        "year": 2022,
        "topics": [topic.pk],
        "people": [person.pk],
    }
    assert document(topic)["variant_key"] == topic.slug


def test_a_published_change_of_topics_moves_the_release_between_facets(search):
    quoll, dunnart = TopicFactory(name="Quoll"), TopicFactory(name="Dunnart")
    release = create_release(title="Marsupial survey", topics=[quoll])
    result = search("marsupial", types=["pressRelease"])
    assert topic_facets(result) == [quoll.slug]
    release.release_topics = [PressReleaseTopic(topic=dunnart)]
    release.save_revision().publish()
    result = search("marsupial", types=["pressRelease"])
    assert topic_facets(result) == [dunnart.slug]
    assert slugs(search("marsupial", topics=[dunnart.slug])) == [release.slug]
    assert search("marsupial", topics=[quoll.slug])["items"] == []


def test_unpublishing_and_deleting_follow_at_once(search):
    release = create_release(title="Antechinus sighting")
    release.unpublish()
    assert document(release)["live"] is False
    assert search("antechinus")["pagination"]["total"] == 0
    release.save_revision().publish()
    assert document(release)["live"] is True
    Page.objects.get(pk=release.pk).delete()
    assert document(release) is None
    assert search("antechinus")["pagination"]["total"] == 0


def test_an_empty_table_is_filled_from_the_content_there(search):
    release = create_release(title="Bettong return", topics=[TopicFactory()])
    before = document(release)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_document")
    assert search("bettong")["items"] == []
    documents.rebuild_if_empty()
    assert document(release) == before
    assert slugs(search("bettong")) == [release.slug]
    # Not empty any more: nothing is rewritten.
    with CaptureQueriesContext(connection) as captured:
        documents.rebuild_if_empty()
    assert len(captured) == 2


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a PostgreSQL planner setting"
)
def test_the_planner_setting_does_not_outlive_the_search(search):
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        before = cursor.fetchone()[0]
        assert search("KFOR")["items"]
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == before


def test_unpublishing_counts_before_the_index_task_runs(search):
    release = create_release(title="Kowari sighting")
    # As in production, where the index task waits for a worker.
    queued = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with override_settings(TASKS=queued):
        release.unpublish()
        assert document(release)["live"] is False
        assert search("kowari")["pagination"]["total"] == 0


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's two paths")
@pytest.mark.parametrize(
    "query, arguments",
    [
        ("KFOR", {}),
        ("securite", {"locale": "fr"}),
        ("maintien de la paix", {"locale": "fr", "fallback": True}),
        ("Stoltenberg", {"perPage": 1, "page": 2}),
        ("peacekeeping", {"types": ["pressRelease"], "dateFrom": "2020-01-01"}),
    ],
)
def test_on_sqlite_the_documents_find_what_wagtails_backend_finds(
    search, monkeypatch, query, arguments
):
    """The one-statement search on SQLite ranks (scores included), counts and
    facets exactly as searching each kind through Wagtail's backend."""
    from search.backends.sqlite import DocumentsSQLiteSearchBackend

    create_release(title="Peacekeeping in Kosovo", topics=[TopicFactory()])
    from_documents = search(query, **arguments)
    monkeypatch.setattr(DocumentsSQLiteSearchBackend, "uses_documents", False)
    through_wagtail = search(query, **arguments)
    assert from_documents["items"]
    assert from_documents == through_wagtail
