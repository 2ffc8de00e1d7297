"""What grapple's inherited fields tell a reader with no session and no token
(cms/graphql/public_fields.py): nothing of drafts, locks, scheduled revisions or
pages the reader may not see. Each test asks as an attacker would, with every
field of the page's type that the schema offers."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from django.utils import timezone
from PIL import Image as PillowImage
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Site,
)

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


@pytest.fixture
def private_section() -> Page:
    """A published section of the site behind a password."""
    home = NewsroomIndexPage.objects.get(locale__language_code="en").get_parent()
    section = home.add_child(instance=Page(title="Board papers", slug="board-papers"))
    section.save_revision().publish()
    PageViewRestriction.objects.create(
        page=section, restriction_type="password", password="s3cret"
    )
    return section


ALIASES = """query($id: ID) { page(id: $id) {
  ... on PressReleasePage { aliases { id title urlPath } } } }"""
ALIAS_OF = """query($id: ID) { page(id: $id) {
  ... on Page { aliasOf { id title urlPath } } } }"""


def test_aliases_lists_only_the_copies_a_reader_may_see(gql, private_section):
    release = create_release(title="Communique")
    index = release.get_parent()
    public = release.create_alias(parent=index, update_slug="communique-copy")
    release.create_alias(parent=private_section, update_slug="communique-board")

    aliases = gql(ALIASES, {"id": str(release.pk)})["data"]["page"]["aliases"]
    assert [alias["id"] for alias in aliases] == [str(public.pk)]


def test_alias_of_names_no_original_a_reader_may_not_see(gql, private_section):
    home = private_section.get_parent()
    hidden = private_section.add_child(
        instance=Page(title="Merger terms", slug="merger-terms")
    )
    hidden.save_revision().publish()
    shown = home.add_child(instance=Page(title="Contacts", slug="contacts"))
    shown.save_revision().publish()
    copy_of_hidden = hidden.create_alias(parent=home, update_slug="terms")
    copy_of_shown = shown.create_alias(
        parent=private_section.get_parent(), update_slug="contacts-again"
    )

    answer = gql(ALIAS_OF, {"id": str(copy_of_hidden.pk)})["data"]["page"]
    assert answer == {"aliasOf": None}
    answer = gql(ALIAS_OF, {"id": str(copy_of_shown.pk)})["data"]["page"]
    assert answer["aliasOf"]["id"] == str(shown.pk)


def test_a_site_whose_root_a_reader_may_not_see_is_not_announced(gql):
    top = Page.get_first_root_node()
    draft_root = top.add_child(
        instance=Page(title="Summit 2027 microsite", slug="summit-2027", live=False)
    )
    secret = Site.objects.create(
        hostname="summit.example", root_page=draft_root, site_name="Summit 2027"
    )
    open_root = top.add_child(instance=Page(title="Archive", slug="archive"))
    open_root.save_revision().publish()
    Site.objects.create(hostname="archive.example", root_page=open_root)

    answer = gql(
        """query($id: ID) { sites { hostname siteName rootPage { title } }
          byHost: site(hostname: "summit.example") { siteName }
          byId: site(id: $id) { siteName } }""",
        {"id": str(secret.pk)},
    )["data"]
    assert {site["hostname"] for site in answer["sites"]} == {
        "localhost",
        "archive.example",
    }
    assert answer["byHost"] is None and answer["byId"] is None


def test_redirects_to_pages_a_reader_may_not_see_are_left_out(gql, private_section):
    merger = private_section.add_child(instance=Page(title="Merger", slug="merger"))
    merger.save_revision().publish()
    draft = create_release(title="Not yet", publish=False)
    public = create_release(title="Out now")
    Redirect.objects.create(old_path="/en/merger-2027", redirect_page=merger)
    Redirect.objects.create(old_path="/en/not-yet", redirect_page=draft)
    Redirect.objects.create(old_path="/en/out-now", redirect_page=public)
    Redirect.objects.create(old_path="/en/elsewhere", redirect_link="https://nato.int/")
    top = Page.get_first_root_node()
    root = top.add_child(instance=Page(title="Archive", slug="archive"))
    root.save_revision().publish()
    Site.objects.create(hostname="archive.example", root_page=root)

    answer = gql("{ redirects { oldPath site { hostname } page { id } } }")
    found = {
        (redirect["oldPath"], redirect["site"]["hostname"])
        for redirect in answer["data"]["redirects"]
    }
    # Redirects of every site stand once for each site, as in grapple.
    assert found == {
        (path, host)
        for path in ("/en/out-now", "/en/elsewhere")
        for host in ("localhost", "archive.example")
    }


def private_collection(name: str = "Board") -> Collection:
    collection = Collection.get_first_root_node().add_child(name=name)
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type="password", password="s3cret"
    )
    return collection


@pytest.fixture
def board_collection() -> Collection:
    return private_collection()


def test_tags_are_those_of_what_a_reader_may_see(gql, board_collection):
    root, board = Collection.get_first_root_node(), board_collection
    Document = get_document_model()
    hidden = Document.objects.create(
        title="Terms", file=ContentFile(b"x", name="terms.txt"), collection=board
    )
    hidden.tags.add("merger-2027")
    shown = Document.objects.create(
        title="Fact sheet", file=ContentFile(b"x", name="facts.txt"), collection=root
    )
    shown.tags.add("fact-sheet")
    secret = hidden.tags.get()

    answer = gql(
        "query($id: ID) { tags { name } tag(id: $id) { name } }",
        {"id": str(secret.pk)},
    )["data"]
    assert [tag["name"] for tag in answer["tags"]] == ["fact-sheet"]
    assert answer["tag"] is None


def make_image(title: str, collection: Collection):
    picture = io.BytesIO()
    PillowImage.new("RGB", (32, 24), "navy").save(picture, "PNG")
    name = title.lower().replace(" ", "-") + ".png"
    return get_image_model().objects.create(
        title=title,
        file=ContentFile(picture.getvalue(), name=name),
        collection=collection,
    )


HERO = """query($id: ID) { page(id: $id) { ... on PressReleasePage {
  heroImage { url collection { name } } } } }"""


def test_an_image_on_a_page_does_not_name_its_private_collection(gql, board_collection):
    chart = make_image("Merger chart", board_collection)
    release = create_release(title="Results", hero_image=chart)
    hero = gql(HERO, {"id": str(release.pk)})["data"]["page"]["heroImage"]
    # The editor published the picture; the collection it is filed in stays private.
    assert hero["url"].endswith(".png") and hero["collection"] is None

    portrait = make_image("Portrait", Collection.get_first_root_node())
    release = create_release(title="Profile", hero_image=portrait)
    hero = gql(HERO, {"id": str(release.pk)})["data"]["page"]["heroImage"]
    assert hero["collection"] == {"name": "Root"}


def test_collections_show_no_trace_of_the_private_ones(gql):
    query = "{ collections { %s } }" % " ".join(
        scalar_fields(gql, "CollectionObjectType")
    )
    before = gql(query)["data"]
    private_collection()
    assert gql(query)["data"] == before


@override_settings(GRAPHQL_CACHE_ENABLED=True)
def test_a_shared_answer_names_no_page_a_reader_may_not_see(
    client, django_capture_on_commit_callbacks
):
    """Surrogate-Key lists what a shared answer read: a page left out must not
    have been read (its translation key would tell that it exists)."""
    with django_capture_on_commit_callbacks(execute=True):
        draft = create_release(title="Not yet", publish=False)
        Redirect.objects.create(old_path="/en/not-yet", redirect_page=draft)
        public = create_release(title="Out now")
        Redirect.objects.create(old_path="/en/out-now", redirect_page=public)
    response = client.get("/graphql/", {"query": "{ redirects { oldPath } }"})
    keys = response["Surrogate-Key"].split()
    assert f"tk:{public.translation_key}" in keys
    assert f"tk:{draft.translation_key}" not in keys
