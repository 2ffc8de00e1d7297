"""Who may see what reaches the shared response cache at once: a page made private
in the admin, a private collection, group permission changes (issue 18, finding 4).
Each test first fills the cache, so the second answer would be the stale one."""

import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.test import override_settings
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from cms.graphql import cache
from tests.cms.test_http_edges import PurgeRecorder, purge_server  # noqa: F401
from tests.conftest import response_cache_key
from tests.factories import create_release

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cache_on")]

WORD = "Quokka"
QUERY = """query($id: ID) {
  page(id: $id) { title }
  pressReleases(locale: en, perPage: 100) { items { title } }
  pages(limit: 100) { title }
  search(query: "quokka", locale: en) { items { title } }
}"""


@pytest.fixture
def cache_on():
    with override_settings(GRAPHQL_CACHE_ENABLED=True):
        yield


@pytest.fixture
def release(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return create_release(title=f"{WORD} sighting in Brussels")


def seen(client, release) -> dict[str, bool]:
    """Where the release shows up, answered through the shared cache."""
    response = client.post(
        "/graphql/",
        json.dumps({"query": QUERY, "variables": {"id": str(release.pk)}}),
        content_type="application/json",
    )
    assert response.status_code == 200
    data = response.json()["data"]
    title = release.title
    return {
        "page": (data["page"] or {}).get("title") == title,
        "list": title in [i["title"] for i in data["pressReleases"]["items"]],
        "pages": title in [p["title"] for p in data["pages"]],
        "search": title in [i["title"] for i in data["search"]["items"]],
    }


EVERYWHERE = {"page": True, "list": True, "pages": True, "search": True}
NOWHERE = {"page": False, "list": False, "pages": False, "search": False}


def cached(variables) -> bool:
    key = response_cache_key(QUERY, variables)
    return cache.lookup(key)[0] is not None


def privacy_form(admin_client, page, django_capture_on_commit_callbacks, **data):
    """Wagtail's own privacy dialog (Privacy → Save in the page's header)."""
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/pages/{page.pk}/privacy/", data)
    assert response.status_code == 200
    assert response.json()["step"] == "set_privacy_done"


@pytest.mark.parametrize(
    "form",
    [
        {"restriction_type": "password", "password": "s3cret-enough"},
        {"restriction_type": "login"},
    ],
    ids=["password", "login"],
)
def test_a_page_made_private_in_the_admin_leaves_every_answer_at_once(
    client, admin_client, release, django_capture_on_commit_callbacks, form
):
    assert seen(client, release) == EVERYWHERE
    assert cached({"id": str(release.pk)})
    privacy_form(admin_client, release, django_capture_on_commit_callbacks, **form)
    assert PageViewRestriction.objects.filter(page=release).exists()
    assert seen(client, release) == NOWHERE


def test_group_restriction_and_making_it_public_again(
    client, admin_client, release, django_capture_on_commit_callbacks
):
    group = Group.objects.create(name="Accredited journalists")
    seen(client, release)
    privacy_form(
        admin_client,
        release,
        django_capture_on_commit_callbacks,
        restriction_type="groups",
        groups=[group.pk],
    )
    assert seen(client, release) == NOWHERE
    privacy_form(
        admin_client,
        release,
        django_capture_on_commit_callbacks,
        restriction_type="none",
    )
    assert seen(client, release) == EVERYWHERE


def test_a_restriction_on_an_ancestor_hides_the_page_too(
    client, release, django_capture_on_commit_callbacks
):
    assert seen(client, release) == EVERYWHERE
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=release.get_parent(), restriction_type="login"
        )
    assert seen(client, release) == NOWHERE


def test_a_cdn_revalidating_its_copy_gets_the_new_answer_not_304(
    client, release, django_capture_on_commit_callbacks
):
    """A GET kept by a CDN (public, max-age=60) cannot be recalled before it
    expires; when it revalidates with its ETag, it must get the new answer."""
    query = "{ pressReleases(locale: en, perPage: 100) { items { title } } }"
    first = client.get("/graphql/", {"query": query})
    assert release.title in first.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=release, restriction_type="login")
    again = client.get("/graphql/", {"query": query}, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert release.title not in again.content.decode()


def test_a_page_made_private_leaves_the_cdn_too(
    purge_server,  # noqa: F811 (the fixture of test_http_edges)
    release,
    django_capture_on_commit_callbacks,
):
    backends = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": purge_server,
        }
    }
    index = release.get_parent()
    with override_settings(WAGTAILFRONTENDCACHE=backends):
        with django_capture_on_commit_callbacks(execute=True):
            PageViewRestriction.objects.create(page=index, restriction_type="login")
    purged = {path for _host, path in PurgeRecorder.seen}
    assert {index.url, release.url} <= purged


def test_group_permission_changes_invalidate(django_capture_on_commit_callbacks):
    group = Group.objects.create(name="Desk")
    before = cache.tag_versions(["global"])
    with django_capture_on_commit_callbacks(execute=True):
        group.permissions.add(Permission.objects.get(codename="access_admin"))
    after = cache.tag_versions(["global"])
    assert after != before


def test_a_collection_made_private_in_the_admin_hides_its_documents_at_once(
    client, admin_client, django_capture_on_commit_callbacks
):
    root = Collection.get_first_root_node()
    with django_capture_on_commit_callbacks(execute=True):
        collection = root.add_child(name="Briefings")
        document = get_document_model().objects.create(
            title="Quokka briefing",
            file=ContentFile(b"%PDF-1.4 briefing", name="quokka-briefing.pdf"),
            collection=collection.add_child(name="Embargoed"),
        )
    query = "{ documents { title } }"

    def titles():
        response = client.post(
            "/graphql/", json.dumps({"query": query}), content_type="application/json"
        )
        return [d["title"] for d in response.json()["data"]["documents"]]

    assert document.title in titles()
    # Wagtail's Privacy dialog of the parent collection.
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/collections/{collection.pk}/privacy/",
            {"restriction_type": "password", "password": "s3cret-enough"},
        )
    assert response.json()["step"] == "set_privacy_done"
    assert CollectionViewRestriction.objects.filter(collection=collection).exists()
    assert document.title not in titles()
