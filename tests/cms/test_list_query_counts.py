"""People, topics and search lists cost the same number of SQL queries at two sizes."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model

from tests.conftest import DEMO_PEOPLE
from tests.factories import PersonFactory, TopicFactory, add_position, create_release

pytestmark = pytest.mark.django_db


def count(client, query: str) -> tuple[int, dict]:
    payload = json.dumps({"query": query})
    client.post("/graphql/", payload, content_type="application/json")  # renditions
    with CaptureQueriesContext(connection) as captured:
        response = client.post("/graphql/", payload, content_type="application/json")
    answer = response.json()
    assert "errors" not in answer, answer
    return len(captured), answer["data"]


PEOPLE = """{ people(locale: en) { name slug locale positions { title startDate }
  portrait { srcSet(sizes: [320], format: "webp") } } }"""
TOPICS = "{ topics(locale: en) { name slug locale parent { slug name locale } } }"


def add_people(number: int) -> None:
    image = get_image_model().objects.first()
    for _ in range(number):
        person = PersonFactory(portrait=image)
        add_position(person, "Spokesperson", datetime.date(2001, 1, 1))
        add_position(
            person, "Adviser", datetime.date(1995, 1, 1), datetime.date(2000, 12, 31)
        )


def add_topics(number: int) -> None:
    parent = TopicFactory()
    for _ in range(number):
        TopicFactory(parent=parent)


def test_people_list_is_constant(client):
    add_people(2)
    small, data = count(client, PEOPLE)
    assert len(data["people"]) == DEMO_PEOPLE + 2
    add_people(25)
    large, data = count(client, PEOPLE)
    assert len(data["people"]) == DEMO_PEOPLE + 27
    assert small == large, (small, large)


def test_topics_list_is_constant(client):
    add_topics(2)
    small, data = count(client, TOPICS)
    add_topics(30)
    large, more = count(client, TOPICS)
    assert len(more["topics"]) == len(data["topics"]) + 31
    assert small == large, (small, large)


def test_search_list_is_constant(client):
    query = (
        '{ search(query: "Quokka", perPage: 50) '
        "{ items { object { ... on PressReleasePage { title date } } } } }"
    )
    for _ in range(2):
        create_release(title="Quokka report")
    small, data = count(client, query)
    assert len(data["search"]["items"]) == 2
    for _ in range(20):
        create_release(title="Quokka report")
    large, data = count(client, query)
    assert len(data["search"]["items"]) == 22
    assert small == large, (small, large)
