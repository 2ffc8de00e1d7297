from wagtail import hooks

from .schema import BasketMutation, BasketQuery


@hooks.register("register_schema_query")
def register_basket_query(query_mixins: list) -> None:
    query_mixins.append(BasketQuery)


@hooks.register("register_schema_mutation")
def register_basket_mutation(mutation_mixins: list) -> None:
    mutation_mixins.append(BasketMutation)
