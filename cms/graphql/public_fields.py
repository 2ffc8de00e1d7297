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
schema; editors see that state in the admin.

``aliases`` and ``aliasOf`` name other pages: an alias may sit under a view
restriction or an unpublished parent while its original is public, or the other
way round. They keep their meaning (a canonical link, the copies of a page) but
go through ``published``, as every other path to a page does."""

from __future__ import annotations

from django.db.models import QuerySet
from grapple.registry import registry
from wagtail.models import Page

from cms.visibility import published

from .dependencies import TREE, depends_on

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


def _aliases(page: Page, info, **kwargs) -> QuerySet[Page]:
    # Which aliases are visible changes as pages are published or withdrawn.
    depends_on(TREE)
    return published(page.aliases.all())


def _alias_of(page: Page, info, **kwargs) -> Page | None:
    if page.alias_of_id is None:
        return None
    depends_on(TREE)
    return published(Page.objects.filter(pk=page.alias_of_id)).first()


def follow_visibility() -> None:
    """grapple's default resolvers of the fields that name other pages, on every
    page type, replaced before the schema is built."""
    from grapple.types.pages import Page as GrapplePage

    for graphene_type in (GrapplePage, *registry.pages.values()):
        graphene_type.resolve_aliases = staticmethod(_aliases)
        graphene_type.resolve_alias_of = staticmethod(_alias_of)
