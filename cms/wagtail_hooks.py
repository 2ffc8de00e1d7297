import graphene
from wagtail import hooks

from cms.download_report import download_report_menu_item, register_download_report
from cms.graphql.contract import apply_contract, nullable_root_fields
from cms.graphql.pages import PageQuery
from cms.graphql.public_fields import drop_editorial_fields, follow_visibility
from cms.graphql.stock import MediaQuery
from cms.public_urls import PublicDocumentLinkHandler, PublicPageLinkHandler


@hooks.register("register_schema_query")
def register_page_query(query_mixins: list) -> None:
    # First in the list so our exact, locale-aware `page` replaces grapple's, and
    # documents, images and collections follow collection privacy.
    query_mixins.insert(0, PageQuery)
    query_mixins.insert(1, MediaQuery)
    # The schema is built right after these hooks: fix grapple's generated types
    # to the contract first (ids, no orphans; cms/graphql/contract.py).
    apply_contract()
    # Nor may they tell a reader that a draft or a lock exists (public_fields.py).
    drop_editorial_fields()
    follow_visibility()


@hooks.register("register_schema_query", order=1000)
def finish_query_type(query_mixins: list) -> None:
    # Last, once every app (and grapple) has added its root fields.
    nullable_root_fields(query_mixins)


@hooks.register("register_rich_text_features", order=1000)
def register_public_link_handlers(features) -> None:
    # After Wagtail's own (order): rich text links follow cms/public_urls.py.
    features.register_link_type(PublicPageLinkHandler)
    features.register_link_type(PublicDocumentLinkHandler)


@hooks.register("register_schema_mutation", order=1000)
def finish_mutation_type(mutation_mixins: list) -> None:
    # Apps register plain mixins, as for queries; grapple adds graphene.ObjectType
    # to the query's bases itself but not to the mutation's: add it last, once.
    if mutation_mixins and graphene.ObjectType not in mutation_mixins:
        mutation_mixins.append(graphene.ObjectType)


@hooks.register("register_admin_urls")
def register_download_report_urls():
    return list(register_download_report())


@hooks.register("register_reports_menu_item")
def register_download_report_menu_item():
    return download_report_menu_item()
