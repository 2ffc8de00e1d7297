from wagtail import hooks

from cms.graphql.pages import PageQuery


@hooks.register("register_schema_query")
def register_page_query(query_mixins: list) -> None:
    # First in the list so our exact, locale-aware `page` replaces grapple's.
    query_mixins.insert(0, PageQuery)
