"""What grapple's inherited fields tell a reader with no session and no token
(cms/graphql/public_fields.py): nothing of drafts, locks, scheduled revisions or
pages the reader may not see. Each test asks as an attacker would, with every
field of the page's type that the schema offers."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from newsroom.models import NewsroomIndexPage
from tests.conftest import error_codes
from tests.factories import create_release

pytestmark = pytest.mark.django_db

SCALAR_KINDS = {"SCALAR", "ENUM"}
FIELDS_OF = """query($name: String!) { __type(name: $name) { fields {
  name args { type { kind } }
  type { kind ofType { kind ofType { kind ofType { kind } } } } } } }"""


def named_kind(type_ref: dict) -> str:
    while type_ref.get("ofType"):
        type_ref = type_ref["ofType"]
    return type_ref["kind"]


def scalar_fields(gql, type_name: str) -> list[str]:
    """Every field of ``type_name`` an attacker can ask without arguments that
    answers a value (not an object): what the schema offers, not a list of ours,
    so a field added later is asked too."""
    fields = gql(FIELDS_OF, {"name": type_name})["data"]["__type"]["fields"]
    return sorted(
        field["name"]
        for field in fields
        if named_kind(field["type"]) in SCALAR_KINDS
        and not any(arg["type"]["kind"] == "NON_NULL" for arg in field["args"])
    )


def everything(gql, page: Page) -> dict:
    type_name = type(page.specific).__name__
    query = "query($id: ID) { page(id: $id) { ... on %s { %s } } }" % (
        type_name,
        " ".join(scalar_fields(gql, type_name)),
    )
    answer = gql(query, {"id": str(page.pk)})
    assert "errors" not in answer, answer["errors"]
    return answer["data"]["page"]


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser(
        "editor@example.com", "Editor-Passw0rd!"
    )


def test_a_draft_a_lock_and_a_scheduled_revision_change_nothing_a_reader_sees(
    gql, editor
):
    release = create_release(title="Published title")
    before = everything(gql, release)

    release.title = "Draft title"
    release.standfirst = "Draft standfirst."
    release.save_revision(user=editor)
    Page.objects.filter(pk=release.pk).update(
        locked=True, locked_at=timezone.now(), locked_by=editor
    )
    scheduled = type(release).objects.get(pk=release.pk)
    scheduled.title = "Title scheduled for tomorrow"
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=1)
    scheduled.expire_at = timezone.now() + datetime.timedelta(days=30)
    scheduled.save_revision(user=editor).publish(user=editor)

    assert everything(gql, release) == before


def test_a_parent_shows_no_trace_of_the_children_a_reader_may_not_see(gql):
    index = NewsroomIndexPage.objects.get(locale__language_code="en")
    before = everything(gql, index)

    create_release(title="A draft", publish=False)
    private = create_release(title="Behind a password")
    PageViewRestriction.objects.create(
        page=private, restriction_type="password", password="s3cret"
    )

    assert everything(gql, index) == before


@pytest.mark.parametrize(
    "field",
    [
        "hasUnpublishedChanges",
        "latestRevisionCreatedAt",
        "locked",
        "lockedAt",
        "numchild",
    ],
)
def test_no_page_type_has_the_editorial_fields(gql, field):
    answer = gql(
        '{ __type(name: "PageInterface") { possibleTypes { name fields { name } } } }'
    )
    types = answer["data"]["__type"]["possibleTypes"]
    assert len(types) >= 7
    assert [t["name"] for t in types if field in {f["name"] for f in t["fields"]}] == []


def test_pages_cannot_be_sorted_by_their_newest_draft(gql):
    create_release(title="Edited lately").save_revision()
    answer = gql(
        '{ pages(order: "-latest_revision_created_at", limit: 1) { id } }', status=None
    )
    assert error_codes(answer) == ["INVALID_ARGUMENT"]
    assert answer["errors"][0]["extensions"]["reason"] == "UNKNOWN_ORDER"
