"""The cost model (cms/graphql/limits.py): every field counted, list sizes
multiplied in, fragments measured once, one ceiling (QUERY_TOO_COSTLY) checked
before anything runs."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from graphene_django.settings import graphene_settings
from graphql import OperationDefinitionNode, get_introspection_query, parse

from cms.graphql.limits import QueryCost
from tests.conftest import error_codes

pytestmark = pytest.mark.django_db

README = Path(__file__).resolve().parents[2] / "README.md"


def measure(query: str) -> tuple[QueryCost, object]:
    document = parse(query)
    walker = QueryCost(graphene_settings.SCHEMA.graphql_schema, document)
    operation = next(
        node
        for node in document.definitions
        if isinstance(node, OperationDefinitionNode)
    )
    return walker, walker.operation(operation)


def fragment_bomb(levels: int) -> str:
    """``query{...F0}`` with ``Fi`` spreading ``Fi+1`` twice: 2**levels fields."""
    fragments = "".join(
        f"fragment F{n} on Query {{ __typename ...F{n + 1} ...F{n + 1} }}\n"
        for n in range(levels)
    )
    last = f"fragment F{levels} on Query {{ __typename }}"
    return "query { ...F0 }\n" + fragments + last


def nested(field: str, levels: int, leaf: str = "title") -> str:
    return "{ pages(limit: 1) { %s } }" % (
        f"{field} {{ " * levels + leaf + " }" * levels
    )


def test_a_30_level_fragment_bomb_is_measured_in_linear_time():
    walker, measure_ = measure(fragment_bomb(30))
    # Each fragment is measured once: 31 fragments of 3 selections each, plus the
    # operation's own spread; expanded, the query would be 2**31 fields.
    assert walker.visits == 31 * 3 - 2 + 1
    assert measure_.fields == 2**31 - 1
    assert measure_.cost == 2**31 - 1  # __typename counts


def test_a_30_level_fragment_bomb_is_refused(gql):
    # Was about 20 minutes of CPU; the walk above is what makes it instant.
    answer = gql(fragment_bomb(30), status=200)
    assert error_codes(answer) == ["QUERY_TOO_COMPLEX"]


def test_typename_counts():
    assert measure("{ __typename }")[1].cost == 1
    assert measure("{ a: __typename b: __typename }")[1].cost == 2


def test_siblings_nested_four_deep_are_too_costly(gql):
    answer = gql(nested("siblings(limit: 100)", 4), status=200)
    assert error_codes(answer) == ["QUERY_TOO_COSTLY"]
    error = answer["errors"][0]
    cost = 1 + 100 * (1 + 100 * (1 + 100 * (1 + 100 * 1)))
    assert error["extensions"]["cost"] == 1 + cost
    assert error["extensions"]["maxCost"] == settings.GRAPHQL_MAX_COST
    assert f"{1 + cost}" in error["message"]
    assert f"{settings.GRAPHQL_MAX_COST}" in error["message"]


def aliases(field: str, count: int = 30) -> str:
    return " ".join(f"a{n}: {field} {{ title }}" for n in range(count))


def test_thirty_sorted_children_in_a_list_are_too_costly(gql):
    # One SQL query per page and alias: 3,000 queries.
    query = "{ pages(limit: 100) { %s } }" % aliases('children(order: "title")')
    answer = gql(query, status=200)
    assert error_codes(answer) == ["QUERY_TOO_COSTLY"]
    # The same without order is batched: one query per alias, and allowed.
    answer = gql("{ pages(limit: 100) { %s } }" % aliases("children"))
    assert "errors" not in answer


def test_thirty_searched_siblings_are_too_costly(gql):
    query = "{ pages { %s } }" % aliases('siblings(searchQuery: "nato")')
    assert error_codes(gql(query, status=200)) == ["QUERY_TOO_COSTLY"]
    # One search under one page is fine.
    answer = gql('{ page(urlPath: "/") { siblings(searchQuery: "nato") { title } } }')
    assert "errors" not in answer, answer


def test_root_searches_are_weighed_as_searches():
    one = measure('{ search(query: "nato") { pagination { total } } }')[1].cost
    plain = measure("{ people { slug } }")[1].cost
    assert one >= settings.GRAPHQL_COST_SEARCH > plain
    suggest = measure('{ searchSuggest(prefix: "na") { title } }')[1].cost
    assert suggest >= settings.GRAPHQL_COST_QUERY
    # 30 aliased searches with facets weigh 30 searches.
    field = 'search(query: "x", perPage: 1) { facets { types { value count } } }'
    query = "{ %s }" % " ".join(f"a{n}: {field}" for n in range(30))
    assert measure(query)[1].cost >= 30 * settings.GRAPHQL_COST_SEARCH


def test_a_variable_page_size_counts_as_the_largest_allowed():
    fields = "{ items { title topics { slug } } }"
    literal = measure("{ pressReleases(perPage: 100) %s }" % fields)[1].cost
    variable = measure("query($n: Int) { pressReleases(perPage: $n) %s }" % fields)[
        1
    ].cost
    default = measure("{ pressReleases %s }" % fields)[1].cost
    # pressReleases, items, then per item: title, topics and 10 slugs.
    assert variable == literal == 2 + 100 * (1 + 1 + 10 * 1)
    assert default == 2 + 10 * (1 + 1 + 10 * 1)


def test_a_zero_limit_counts_as_grapples_default():
    # grapple reads limit 0 as "the default" (10), not as no items.
    assert measure("{ pages(limit: 0) { title } }")[1].cost == 1 + 10 * 1
    assert measure("{ pages { title } }")[1].cost == 1 + 10 * 1


def test_the_ceiling_is_a_setting(gql):
    query = "{ people(locale: en) { slug } }"
    assert measure(query)[1].cost == 11
    with override_settings(GRAPHQL_MAX_COST=10):
        answer = gql(query, status=200)
    assert error_codes(answer) == ["QUERY_TOO_COSTLY"]
    assert answer["errors"][0]["extensions"] == {
        "code": "QUERY_TOO_COSTLY",
        "cost": 11,
        "maxCost": 10,
    }


def test_depth_and_aliases_keep_their_codes(gql):
    assert error_codes(gql(nested("parent", 12), status=200)) == ["QUERY_TOO_DEEP"]
    query = "{ %s }" % " ".join(f"a{n}: __typename" for n in range(31))
    assert error_codes(gql(query, status=200)) == ["TOO_MANY_ALIASES"]


def test_graphiql_introspection_passes(gql):
    walker, measure_ = measure(get_introspection_query(descriptions=True))
    assert measure_.cost < settings.GRAPHQL_MAX_COST
    assert gql(get_introspection_query(descriptions=True))["data"]["__schema"]


def readme_example() -> tuple[str, int]:
    """The README's first GraphQL example and the cost the README states for it."""
    text = README.read_text()
    query = re.search(r"```graphql\n(.*?)```", text, re.S).group(1)
    stated = re.search(r"the first example of this README costs ([\d,]+)", text)
    return query, int(stated.group(1).replace(",", ""))


def test_the_readme_example_costs_what_the_readme_says(gql):
    query, stated = readme_example()
    assert measure(query)[1].cost == stated
    assert "errors" not in gql(query)
    # Even at 100 releases a page it stays under the ceiling.
    at_most = query.replace("perPage: 10", "perPage: 100")
    assert measure(at_most)[1].cost < settings.GRAPHQL_MAX_COST


def test_the_refusal_is_translated(client):
    with override_settings(GRAPHQL_MAX_COST=10):
        response = client.post(
            "/graphql/",
            '{"query": "{ people { slug } }"}',
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE="fr",
        )
    assert response.json()["errors"][0]["message"].startswith(
        "La requête coûte 11, plus que la limite de 10"
    )
