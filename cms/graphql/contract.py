"""The schema contract a normalised client cache relies on, applied to grapple's
generated types just before the schema is built (see cms/wagtail_hooks.py):

- every ``id`` a client can key an object by is non-null and names one thing:
  a StreamField block's id is ``<page id>:<block uuid>`` (a translation made by
  wagtail-localize keeps the block uuids of its source, so the uuid alone would
  give the English and French paragraph one cache key), and a nested block's id
  is its parent's id, ``/``, its name or uuid or position;
- ``blockType`` is gone: ``__typename`` names a block's type, once;
- ``rawValue`` is a string for every block (JSON for structured ones);
- grapple's id-only types for the Django models and snippets the API does not
  expose (``VideoShot``, ``PersonPosition``, ``VideoAsset``…) leave the schema:
  the real types (``ShotType``, ``PositionType``…) are hand-written.

grapple builds these types itself (grapple/actions.py), so the changes are made
on the built graphene types and on grapple's block resolvers, once."""

from __future__ import annotations

import json

import graphene
from grapple.registry import registry
from grapple.types.interfaces import StreamFieldInterface

# Models import this module (stream_blocks): grapple's type modules, which need
# the models loaded, are imported when the schema is built.


def owner_key(page) -> str:
    """What block ids of ``page`` start with: its id, marked when the page is an
    editor's unsaved preview (same id, other content)."""
    return f"{page.pk}-preview" if getattr(page, "is_preview", False) else str(page.pk)


def stream_blocks(page, stream_value) -> list:
    """The top-level blocks of a page's StreamField, each given its cache id."""
    children = list(stream_value)
    owner = owner_key(page)
    for position, child in enumerate(children):
        child.graphql_id = f"{owner}:{child.id or position}"
    return children


def block_id(item) -> str:
    return getattr(item, "graphql_id", None) or str(item.id)


def _resolve_block_id(item, info, **kwargs) -> str:
    return block_id(item)


def _resolve_raw_value(item, info, **kwargs) -> str:
    """The block's stored form: rich text's internal HTML, text as is, anything
    else (a StructBlock's fields, a chooser's id) as JSON. grapple answers a
    StructBlock's rawValue with a dict, which a String cannot represent."""
    from django.core.serializers.json import DjangoJSONEncoder
    from wagtail.rich_text import RichText

    value = item.value
    if isinstance(value, RichText):
        return value.source
    if isinstance(value, str):
        return value
    return json.dumps(item.block.get_prep_value(value), cls=DjangoJSONEncoder)


def _qualified(resolve):
    """A children resolver whose children's ids are qualified by their parent's."""

    def resolve_children(parent, info, **kwargs):
        children = resolve(parent, info, **kwargs)
        prefix = block_id(parent)
        for position, child in enumerate(children):
            # A ListBlock's items all carry the list's own id: number them.
            name = position if child.id == parent.id else child.id
            child.id = f"{prefix}/{name}"
        return children

    resolve_children.qualified = True
    return resolve_children


def _patch_block_resolvers() -> None:
    from grapple.types import streamfield

    for cls, name in (
        (streamfield.StructBlock, "resolve_blocks"),
        (streamfield.StreamBlock, "resolve_blocks"),
        (streamfield.ListBlock, "resolve_items"),
    ):
        resolve = cls.__dict__[name]
        if not getattr(resolve, "qualified", False):
            setattr(cls, name, _qualified(resolve))
    StreamFieldInterface.resolve_id = _resolve_block_id
    StreamFieldInterface.resolve_raw_value = _resolve_raw_value


def _required_id() -> graphene.Field:
    return graphene.Field(graphene.NonNull(graphene.ID))


def _tighten_blocks() -> None:
    for graphene_type in (StreamFieldInterface, *registry.streamfield_blocks.values()):
        fields = graphene_type._meta.fields
        fields.pop("block_type", None)
        if "id" in fields:
            fields["id"] = _required_id()


def _tighten_ids() -> None:
    from grapple.types.pages import Page as GrapplePage

    for graphene_type in (
        GrapplePage,
        *registry.pages.values(),
        *registry.snippets.values(),
    ):
        graphene_type._meta.fields["id"] = _required_id()


def _drop_orphans() -> None:
    # Orderables and other Django models grapple registers for every app listed
    # in GRAPPLE["APPS"], and snippets without graphql_fields: types with an id
    # only, which no field returns.
    registry.django_models.clear()
    for model in [m for m in registry.snippets if not hasattr(m, "graphql_fields")]:
        del registry.snippets[model]


def apply_contract() -> None:
    """Called once per schema build, before graphene reads the types."""
    _drop_orphans()
    _tighten_ids()
    _tighten_blocks()
    _patch_block_resolvers()


def possible_types(graphql_schema) -> dict[str, list[str]]:
    """Every interface and union, with the object types that can stand for it:
    the ``possibleTypes`` option of Apollo's InMemoryCache (and of urql's
    graphcache), which cannot match fragments on abstract types without it."""
    from graphql import is_abstract_type

    found = {}
    for name, graphql_type in sorted(graphql_schema.type_map.items()):
        if name.startswith("__") or not is_abstract_type(graphql_type):
            continue
        members = graphql_schema.get_possible_types(graphql_type)
        found[name] = sorted(member.name for member in members)
    return found


def possible_types_json(graphql_schema) -> str:
    return json.dumps(possible_types(graphql_schema), indent=2) + "\n"


# Options of a field that are not GraphQL arguments.
_FIELD_OPTIONS = {"required", "description", "deprecation_reason", "name", "resolver"}


def nullable_root_fields(query_mixins) -> None:
    """A root field that takes arguments can fail on them (a coded error): it is
    nullable, so that it fails alone and the other root fields keep their data.
    grapple's stock lists (``pages``, ``images``…) are declared required."""
    for mixin in query_mixins:
        for value in list(vars(mixin).values()):
            if isinstance(value, graphene.Field):
                if value.args and isinstance(value._type, graphene.NonNull):
                    value._type = value._type.of_type
            elif isinstance(value, graphene.types.unmountedtype.UnmountedType):
                options = getattr(value, "kwargs", {})
                if options.get("required") and set(options) - _FIELD_OPTIONS:
                    options["required"] = False
