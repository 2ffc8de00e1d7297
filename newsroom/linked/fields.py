"""The GraphQL side of linked pages: the one grapple type of ``Person`` and of
``Topic``, the type of a person named on a page, and the field block every linked
page declares (``linked_graphql_fields()``)."""

from __future__ import annotations

import graphene
from django.apps import apps
from grapple.models import GraphQLField
from grapple.registry import registry
from grapple.types.interfaces import get_page_interface

from cms.graphql.pages import list_field


def person_type() -> type[graphene.ObjectType]:
    """grapple's type of ``newsroom.Person`` (built when the schema is)."""
    return registry.snippets[apps.get_model("newsroom", "Person")]


def topic_type() -> type[graphene.ObjectType]:
    """grapple's type of ``newsroom.Topic``."""
    return registry.snippets[apps.get_model("newsroom", "Topic")]


class PositionType(graphene.ObjectType):
    id = graphene.ID(required=True)
    title = graphene.String(required=True)
    organisation = graphene.String()
    start_date = graphene.Date(required=True)
    end_date = graphene.Date(description="Empty while the position is held.")


class LinkedPersonType(graphene.ObjectType):
    """A person named on a release, with the position they held on its date."""

    class Meta:
        # The name of the type since press releases were the only linked pages.
        name = "ReleasePersonType"

    id = graphene.ID(
        required=True, description="<page id>:<person id>: one per page and person."
    )
    role = graphene.String(description="Title of the position held on the date.")
    position = graphene.Field(PositionType)
    person = graphene.Field(person_type, required=True)


def linked_graphql_fields() -> list[GraphQLField]:
    """``people``, ``topics`` and ``related`` of a ``LinkedPage``."""
    return [
        list_field("people", LinkedPersonType, source="graphql_people"),
        list_field("topics", topic_type, source="graphql_topics"),
        list_field("related", get_page_interface, source="graphql_related"),
    ]
