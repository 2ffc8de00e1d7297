"""Tree fields (children, descendants) of a page take their limit and offset in
SQL: ``children(limit: 1)`` of a newsroom reads one child, not every release."""

import pytest
from django.db import connection
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext

from newsroom.models import NewsroomIndexPage, PressReleasePage
from tests.factories import create_release

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    for number in range(6):
        create_release(title=f"Release {number}")
    return NewsroomIndexPage.objects.get(locale__language_code="en")


def releases_built(gql, query, variables) -> tuple[dict, int, int]:
    """The answer, how many release objects were built, and SQL queries run."""
    built = []

    def count(sender, instance, **_kwargs):
        if isinstance(instance, PressReleasePage):
            built.append(instance.pk)

    post_init.connect(count)
    try:
        with CaptureQueriesContext(connection) as queries:
            answer = gql(query, variables)
    finally:
        post_init.disconnect(count)
    return answer, len(built), len(queries)


CHILDREN = """query($id: ID) { page(id: $id) {
  first: children(limit: 1) { title }
  window: descendants(limit: 2, offset: 1) { title }
} }"""
EVERYTHING = """query($id: ID) { page(id: $id) {
  children(limit: 100) { title } descendants(limit: 100) { title }
} }"""


def test_limits_are_applied_in_the_database(gql, newsroom):
    variables = {"id": str(newsroom.pk)}
    answer, built, _queries = releases_built(gql, CHILDREN, variables)
    full, built_all, _ = releases_built(gql, EVERYTHING, variables)
    page, everything = answer["data"]["page"], full["data"]["page"]
    # The same items as slicing the whole list…
    assert page["first"] == everything["children"][:1]
    assert page["window"] == everything["descendants"][1:3]
    assert len(everything["children"]) >= 6
    # …without building the others: one child, two descendants.
    assert built <= 3 < built_all


def test_windows_of_a_list_stay_batched(gql, newsroom, django_assert_num_queries):
    query = """{ pressReleases(locale: en, perPage: 6) { items {
      parent { children(limit: 2) { title } }
      descendants(limit: 1) { title }
    } } }"""
    answer, _built, queries = releases_built(gql, query, None)
    items = answer["data"]["pressReleases"]["items"]
    assert len(items) == 6
    assert all(len(item["parent"]["children"]) == 2 for item in items)
    with django_assert_num_queries(queries):
        gql(query.replace("perPage: 6", "perPage: 3"))
