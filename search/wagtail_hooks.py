from wagtail import hooks

from .schema import SearchQuery


@hooks.register("register_schema_query")
def register_search_query(query_mixins: list) -> None:
    # First in the list so this `search` replaces grapple's stock one.
    query_mixins.insert(0, SearchQuery)
