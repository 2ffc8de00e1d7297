"""A document's validation runs once per text: the next request with the same
query skips graphql-core's rules (they were a fifth of a small list's time), and
still answers the same. A failure is never kept (its message is in the request's
language), and a changed setting (the cost ceiling) forgets what was validated."""

import pytest
from django.test import override_settings

from cms.graphql import limits

pytestmark = pytest.mark.django_db

QUERY = "{ people(locale: en) { slug } }"


@pytest.fixture
def rules_run(monkeypatch):
    """How many times the cost rule (one of the validation rules) was set up:
    once per validation of a document."""
    runs = []
    original = limits.QueryLimitsRule.__init__

    def counted(self, context):
        runs.append(context.document)
        original(self, context)

    monkeypatch.setattr(limits.QueryLimitsRule, "__init__", counted)
    return runs


def test_the_same_query_is_validated_once(gql, rules_run):
    first = gql(QUERY + " ")  # a text of its own in this test
    second = gql(QUERY + " ")
    assert "errors" not in first and second == first
    assert len(rules_run) == 1
    gql(QUERY + "  ")  # another text: validated
    assert len(rules_run) == 2


def test_a_failed_validation_is_never_kept(gql, rules_run, client):
    query = "{ people(locale: en) { slug nope } }"
    assert gql(query)["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert gql(query)["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert len(rules_run) == 2


def test_a_changed_setting_validates_again(gql, rules_run):
    query = QUERY + "   "
    assert "errors" not in gql(query)
    with override_settings(GRAPHQL_MAX_COST=10):
        answer = gql(query)
    assert answer["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert "errors" not in gql(query)
    assert len(rules_run) == 3


def test_the_same_text_is_parsed_once(gql, monkeypatch):
    from cms.graphql import views

    parsed = []
    original = views.parse

    def counted(text, *args, **kwargs):
        parsed.append(text)
        return original(text, *args, **kwargs)

    monkeypatch.setattr(views, "parse", counted)
    query = QUERY + "    "
    assert gql(query) == gql(query)
    assert parsed.count(query) == 1
    broken = "{ people(locale: en) { slug }"
    for _ in range(2):
        answer = gql(broken, status=None)
        assert answer["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    assert parsed.count(broken) == 2
