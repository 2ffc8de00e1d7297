import json

import pytest
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.db import connection

from newsroom.demo.people import PEOPLE

# The people of the demo content, in each language (newsroom/demo/people.py).
DEMO_PEOPLE = len(PEOPLE)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The demo content, loaded once into the test database; each test runs in a
    transaction that is rolled back, so every test sees it intact."""
    with django_db_blocker.unblock():
        call_command("load_demo_content", stdout=open("/dev/null", "w"))
        # Transactional tests (run last by pytest-django) flush the database; with
        # serialized_rollback=True they get this state back, demo content included.
        connection._test_serialized_contents = (
            connection.creation.serialize_db_to_string()
        )


DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "live_server",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


@pytest.fixture(autouse=True)
def _shared_cache_emptied(request, django_db_blocker):
    """After each test that used the database, the shared cache (a database table,
    cms/settings/base.py) is emptied. Rollbacks and the flush of transactional
    tests leave that table alone, so the answers, tag versions and locks a live
    server stored would otherwise meet later tests (a stale answer behind a
    "lock" no process holds)."""
    yield
    uses_database = request.node.get_closest_marker("django_db") or (
        DATABASE_FIXTURES & set(request.fixturenames)
    )
    shared = caches["default"]
    if uses_database and isinstance(shared, DatabaseCache):
        with django_db_blocker.unblock():
            shared.clear()


@pytest.fixture
def gql(client):
    """POST a GraphQL query to /graphql/ and return the decoded JSON answer."""

    def run(query: str, variables: dict | None = None, status: int | None = 200):
        response = client.post(
            "/graphql/",
            json.dumps({"query": query, "variables": variables or {}}),
            content_type="application/json",
        )
        if status is not None:
            assert response.status_code == status, response.content[:2000]
        return response.json()

    return run


def error_codes(answer: dict) -> list[str]:
    return [error["extensions"]["code"] for error in answer.get("errors", [])]


def response_cache_key(
    query: str, variables: dict | None = None, language: str = "en"
) -> str:
    """The key the GraphQL view files an anonymous answer under in the shared
    response cache (cms/graphql/views.py: the document printed back, the variables
    it declares, the language)."""
    from django.utils import translation
    from graphql import parse

    from cms.graphql.views import GraphQLParams, PortalGraphQLView

    params = GraphQLParams(query, variables or {}, None, None)
    with translation.override(language):
        return PortalGraphQLView.response_key(parse(query), params)
