"""The listing runs in the same number of SQL queries for 5 and for 50 releases."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model

from tests.factories import (
    PersonFactory,
    TopicFactory,
    add_position,
    create_release,
    locale,
)
from tests.newsroom.test_graphql import LISTING

pytestmark = pytest.mark.django_db


def make_releases(count: int, topic_slug: str) -> None:
    """``count`` releases in English and French, each with two people (with
    positions), two topics (one with a parent), a hero image, a quote by one of
    the people and a translation."""
    image = get_image_model().objects.first()
    parent = TopicFactory(slug=f"{topic_slug}-parent")
    topic = TopicFactory(slug=topic_slug, parent=parent)
    topic_fr = TopicFactory(
        slug=topic_slug,
        parent=None,
        locale=locale("fr"),
        translation_key=topic.translation_key,
    )
    people = []
    for _ in range(2):
        person = PersonFactory()
        add_position(person, "Spokesperson", datetime.date(2000, 1, 1))
        people.append(person)
    previous = None
    for number in range(count):
        body = [
            {"type": "paragraph", "value": "<p>Text.</p>"},
            {
                "type": "quote",
                "value": {"text": "Quoted.", "speaker": people[number % 2].pk},
            },
            {
                "type": "image",
                "value": {"image": image.pk, "caption": "", "credit": ""},
            },
        ]
        en = create_release(
            people=people,
            topics=[topic, parent],
            hero_image=image,
            body=body,
            related=[previous] if previous else [],
        )
        previous = en
        create_release(
            "fr",
            topics=[topic_fr],
            people=people,
            hero_image=image,
            body=body,
            translation_of=en,
        )


def count_queries(client, topic_slug: str, expected_items: int) -> int:
    import json

    payload = json.dumps(
        {
            "query": LISTING,
            "variables": {"locale": "en", "topic": topic_slug, "perPage": 100},
        }
    )
    # A first request makes the image renditions; the second is the one measured.
    client.post("/graphql/", payload, content_type="application/json")
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/graphql/", payload, content_type="application/json")
    answer = response.json()
    assert "errors" not in answer, answer
    items = answer["data"]["pressReleases"]["items"]
    assert len(items) == expected_items
    assert all(len(item["people"]) == 2 and item["translations"] for item in items)
    assert all(item["heroImage"]["srcSet"] for item in items)
    return len(queries)


def test_listing_query_count_does_not_grow_with_the_list(client):
    make_releases(5, "five")
    make_releases(50, "fifty")
    five = count_queries(client, "five", 5)
    fifty = count_queries(client, "fifty", 50)
    assert five == fifty, f"5 items: {five} queries, 50 items: {fifty} queries"
    # Locale, topic tree, count, page, renditions, speakers, body images and their
    # renditions, people, positions, topics, translations, view restrictions, site.
    assert fifty <= 20


TREE_FIELDS = [
    "parent { title }",
    "children { title }",
    "ancestors { title }",
    "descendants { title }",
    "siblings(limit: 100) { title }",
    "nextSiblings { title }",
    "previousSiblings { title }",
    "related { title ... on PressReleasePage { people { role } topics { slug } "
    "translations { url } parent { title } } }",
    "contentType pageType seoTitle firstPublishedAt url urlPath",
]


@pytest.mark.parametrize("field", TREE_FIELDS)
def test_every_page_field_is_constant_in_lists(client, field):
    make_releases(3, "three")
    make_releases(12, "twelve")
    counts = []
    for slug, size in (("three", 3), ("twelve", 12)):
        query = (
            '{ pressReleases(locale: en, topic: "%s", perPage: 100) '
            "{ items { title %s } } }" % (slug, field)
        )
        payload = json.dumps({"query": query})
        client.post("/graphql/", payload, content_type="application/json")
        with CaptureQueriesContext(connection) as queries:
            answer = client.post(
                "/graphql/", payload, content_type="application/json"
            ).json()
        assert "errors" not in answer, answer
        assert len(answer["data"]["pressReleases"]["items"]) == size
        counts.append(len(queries))
    assert counts[0] == counts[1], (field, counts)


def test_batched_tree_fields_match_wagtail(gql):
    from newsroom.models import PressReleasePage

    release = PressReleasePage.objects.get(slug="secretary-general-meets-vjosa-osmani")
    answer = gql(
        '{ pressRelease(slug: "%s") { parent { title } ancestors { title } '
        "siblings(limit: 100) { title } nextSiblings(limit: 100) { title } "
        "previousSiblings(limit: 100) { title } children { title } } }" % release.slug
    )["data"]["pressRelease"]
    live = release.get_siblings().live().public().exclude(pk=release.pk)
    assert answer["parent"] == {"title": release.get_parent().title}
    assert [a["title"] for a in answer["ancestors"]] == [
        p.title for p in release.get_ancestors().live().public()
    ]
    assert [s["title"] for s in answer["siblings"]] == [p.title for p in live]
    assert [s["title"] for s in answer["nextSiblings"]] == [
        p.title for p in live.filter(path__gt=release.path)
    ]
    assert [s["title"] for s in answer["previousSiblings"]] == [
        p.title for p in live.filter(path__lt=release.path)
    ]
    assert answer["children"] == []


def test_a_list_that_asks_for_no_body_fetches_nothing_chosen_in_bodies(client):
    """The objects chosen in the releases' bodies (a quote's speaker, an image)
    are fetched with the first body the query resolves: a list of titles runs
    no query for them, nor for the default language (only a fallback needs it)."""
    make_releases(3, "three")
    query = '{ pressReleases(locale: en, topic: "three") { items { title } } }'
    payload = json.dumps({"query": query})
    client.post("/graphql/", payload, content_type="application/json")
    with CaptureQueriesContext(connection) as queries:
        answer = client.post("/graphql/", payload, content_type="application/json")
    assert len(answer.json()["data"]["pressReleases"]["items"]) == 3
    sqls = [q["sql"] for q in queries]
    assert not [sql for sql in sqls if 'FROM "newsroom_person"' in sql], sqls
    assert not [sql for sql in sqls if 'FROM "wagtailimages_image"' in sql], sqls
    locales = [sql for sql in sqls if 'FROM "wagtailcore_locale"' in sql]
    assert len(locales) <= 1, locales
    # Asked for, the bodies' objects come in one query per model, as before.
    body = '{ pressReleases(locale: en, topic: "three") { items { title body {'
    body += " ... on QuoteBlock { speaker { name } } } } } }"
    with CaptureQueriesContext(connection) as queries:
        answer = client.post(
            "/graphql/",
            json.dumps({"query": body}),
            content_type="application/json",
        ).json()
    assert "errors" not in answer, answer
    people = [q["sql"] for q in queries if 'FROM "newsroom_person"' in q["sql"]]
    assert len(people) == 1, people
