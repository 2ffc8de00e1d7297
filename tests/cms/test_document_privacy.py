"""Documents follow the privacy of their collection, and of the collections above
it, everywhere (issue 18 #9): the API's `documents` and `document(id)`, links in
rich text, and files on disk in development, which are served only through
Wagtail's own view (it asks for the password)."""

import importlib

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import clear_url_caches
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.factories import create_release

pytestmark = pytest.mark.django_db

SECRET = b"Embargoed budget figures"
PUBLIC = b"Public fact sheet"


@pytest.fixture
def documents():
    """A public document, and one in a sub-collection of a password-protected
    collection (the restriction is on the parent only)."""
    root = Collection.get_first_root_node()
    briefings = root.add_child(name="Briefings")
    embargoed = briefings.add_child(name="Embargoed")
    CollectionViewRestriction.objects.create(
        collection=briefings, restriction_type="password", password="s3cret"
    )
    Document = get_document_model()
    public = Document.objects.create(
        title="Fact sheet",
        file=ContentFile(PUBLIC, name="fact-sheet.txt"),
        collection=root,
    )
    private = Document.objects.create(
        title="Budget",
        file=ContentFile(SECRET, name="budget.txt"),
        collection=embargoed,
    )
    return public, private


def test_the_api_hides_documents_under_a_private_collection(gql, documents):
    public, private = documents
    query = """query($public: ID, $private: ID) {
      documents { title }
      public: document(id: $public) { title url }
      private: document(id: $private) { title }
      collections { name descendants { name } ancestors { name } }
    }"""
    answer = gql(query, {"public": str(public.pk), "private": str(private.pk)})
    assert "errors" not in answer
    data = answer["data"]
    assert [d["title"] for d in data["documents"]] == ["Fact sheet"]
    assert data["private"] is None
    assert (
        data["public"]["url"]
        == f"{settings.CMS_BASE_URL}/documents/{public.pk}/{public.filename}"
    )
    assert {c["name"] for c in data["collections"]}.isdisjoint(
        {"Briefings", "Embargoed"}
    )
    # Nor below or above a public one (grapple's own filter only left out the
    # collection that holds the restriction, not its sub-collections).
    seen = {
        related["name"]
        for c in data["collections"]
        for related in c["descendants"] + c["ancestors"]
    }
    assert seen.isdisjoint({"Briefings", "Embargoed"})


def test_rich_text_links_only_to_what_the_public_may_see(gql, documents):
    public, private = documents
    shown = create_release(title="Linked to")
    hidden = create_release(title="Restricted")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    html = (
        f'<p><a linktype="document" id="{public.pk}">sheet</a> '
        f'<a linktype="document" id="{private.pk}">budget</a> '
        f'<a linktype="page" id="{shown.pk}">shown</a> '
        f'<a linktype="page" id="{hidden.pk}">hidden</a></p>'
    )
    release = create_release(body=[{"type": "paragraph", "value": html}])
    query = """query($id: ID) { page(id: $id) {
      ... on PressReleasePage { body { ... on RichTextBlock { value } } }
    } }"""
    value = gql(query, {"id": str(release.pk)})["data"]["page"]["body"][0]["value"]
    assert f'<a href="{settings.CMS_BASE_URL}{public.url}">sheet</a>' in value
    assert "<a>budget</a>" in value and private.filename not in value
    assert f'<a href="{settings.PUBLIC_BASE_URL}{shown.url}">shown</a>' in value
    assert "<a>hidden</a>" in value and hidden.slug not in value


@pytest.fixture
def development_urls(settings):
    """cms/urls.py as `make run` loads it (DEBUG on: media served from disk)."""
    import cms.urls

    settings.DEBUG = True
    importlib.reload(cms.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(cms.urls)
    clear_url_caches()


def content(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.usefixtures("development_urls")
def test_document_files_are_not_served_from_media_in_development(client, documents):
    public, private = documents
    image = get_image_model().objects.first()
    assert client.get(image.file.url).status_code == 200  # other media are
    for document in (public, private):
        name = document.file.name  # documents/budget.txt
        for path in (name, f"original_images/../{name}", name.upper()):
            response = client.get(f"/media/{path}")
            assert response.status_code == 404, path
            assert SECRET not in content(response)


@pytest.mark.usefixtures("development_urls")
def test_wagtails_document_view_asks_for_the_password(client, documents):
    public, private = documents
    assert content(client.get(public.url)) == PUBLIC
    response = client.get(private.url)
    assert SECRET not in content(response)
    assert b'name="password"' in content(response)
