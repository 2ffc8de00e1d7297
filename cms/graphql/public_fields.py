"""What grapple hands every page type beyond our own fields, held to the rule that
nothing unpublished, embargoed, draft or private leaves the API.

grapple builds each page type from every column of Wagtail's ``Page`` and adds
the interface's fields, with default resolvers that know nothing of
cms/visibility.py. Some of those columns describe the editors' work, not the
published page: ``hasUnpublishedChanges`` and ``latestRevisionCreatedAt`` say a
draft exists and when it was saved (a revision scheduled for later included),
``locked``/``lockedAt`` that an editor holds the page, and ``numchild`` counts
children of every state (drafts, pages under embargo or a view restriction). No
client reads them and their published meaning is empty, so they leave the
schema; editors see that state in the admin."""

from __future__ import annotations

from grapple.registry import registry

# Page columns (snake case, as grapple names the fields) that leave every page type.
EDITORIAL_FIELDS = (
    "has_unpublished_changes",
    "latest_revision_created_at",
    "locked",
    "locked_at",
    "numchild",
)


def drop_editorial_fields() -> None:
    """Called once per schema build, before graphene reads the types (the
    interface's ``locked`` goes from the interface and every page type alike, or
    the schema would not validate)."""
    from grapple.types.interfaces import get_page_interface
    from grapple.types.pages import Page as GrapplePage

    for graphene_type in (get_page_interface(), GrapplePage, *registry.pages.values()):
        for name in EDITORIAL_FIELDS:
            graphene_type._meta.fields.pop(name, None)
