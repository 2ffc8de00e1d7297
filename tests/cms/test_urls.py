"""One rule for URLs (issue 12 "URLs", issue 18 #9): every URL in an answer is
absolute on a configured base, never on the request's Host header, so a cached
answer is right for every client."""

import json
import re

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import RequestFactory, override_settings
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.models import Collection, PageViewRestriction

from cms.checks import check_base_urls
from cms.graphql import cache
from tests.conftest import response_cache_key
from tests.factories import create_release
from videos.downloads import signed_url

pytestmark = pytest.mark.django_db

QUERY = """{
  pressReleases(locale: en, perPage: 3) {
    items {
      url
      translations { url }
      related { url }
      heroImage { url src srcSet(sizes: [320]) rendition(width: 320) { url } }
    }
  }
  videos(locale: en, perPage: 1) { items { url poster { url } subtitles { url } } }
  pages(limit: 5) { url }
  page(urlPath: "/fr/salle-de-presse/") { url }
  search(query: "Osmani", locale: en) { items { url } }
  searchSuggest(prefix: "Secr", locale: en) { url }
  documents { url }
}"""

URL = re.compile(r'"(?:url|src|srcSet)":\s*"([^"]*)"')


@pytest.fixture
def document():
    return get_document_model().objects.create(
        title="Fact sheet",
        file=ContentFile(b"fact sheet", name="fact-sheet.txt"),
        collection=Collection.get_first_root_node(),
    )


def ask(client, host="testserver", query=QUERY):
    response = client.post(
        "/graphql/",
        json.dumps({"query": query}),
        content_type="application/json",
        HTTP_HOST=host,
    )
    assert response.status_code == 200
    answer = response.json()
    assert "errors" not in answer, answer["errors"]
    return response.content.decode()


def urls(body: str) -> list[str]:
    found = []
    for value in URL.findall(body):
        # srcSet: "url 320w, url 640w"
        found += [part.split()[0] for part in value.split(",") if part.strip()]
    return found


def kinds(body: str) -> dict[str, list[str]]:
    """Each URL of the answer sorted by what it points at."""
    sorted_urls = {"media": [], "documents": [], "pages": []}
    for url in urls(body):
        if "/media/" in url:
            sorted_urls["media"].append(url)
        elif "/documents/" in url:
            sorted_urls["documents"].append(url)
        else:
            sorted_urls["pages"].append(url)
    return sorted_urls


@override_settings(ALLOWED_HOSTS=["testserver", "evil.example", "localhost"])
@pytest.mark.parametrize("host", ["evil.example", "localhost:6666"])
def test_no_url_comes_from_the_host_header(client, document, host):
    body = ask(client, host)
    found = kinds(body)
    assert all(found.values()), found  # every kind of URL is in the answer
    assert host not in body
    for url in found["pages"]:
        assert url.startswith(settings.PUBLIC_BASE_URL + "/"), url
    for url in found["media"] + found["documents"]:
        assert url.startswith(settings.CMS_BASE_URL + "/"), url


@override_settings(
    PUBLIC_BASE_URL="https://www.example.org",
    CMS_BASE_URL="https://cms.example.org",
)
def test_urls_follow_the_settings(client, document):
    found = kinds(ask(client))
    assert all(found.values()), found
    assert all(u.startswith("https://www.example.org/") for u in found["pages"])
    assert "https://www.example.org/fr/salle-de-presse/" in found["pages"]
    for url in found["media"] + found["documents"]:
        assert url.startswith("https://cms.example.org/"), url
    assert f"https://cms.example.org{document.url}" in found["documents"]


@override_settings(MEDIA_URL="https://cdn.example.net/media/")
def test_media_on_an_absolute_media_url_stay_there(client, document):
    found = kinds(ask(client))
    assert found["media"]
    assert all(u.startswith("https://cdn.example.net/media/") for u in found["media"])
    # Documents still go through Wagtail's view, which checks privacy.
    documents = settings.CMS_BASE_URL + "/documents/"
    assert all(u.startswith(documents) for u in found["documents"])


@override_settings(
    GRAPHQL_CACHE_ENABLED=True, ALLOWED_HOSTS=["testserver", "evil.example"]
)
def test_a_cached_answer_holds_no_request_host(client, document):
    first = ask(client, "evil.example")
    key = response_cache_key(QUERY)
    stored, _generation = cache.lookup(key)
    assert stored is not None and "evil.example" not in str(stored)
    assert ask(client) == first  # from the cache, right for this client too


@override_settings(
    ALLOWED_HOSTS=["evil.example"], CMS_BASE_URL="https://cms.example.org"
)
def test_download_links_are_on_the_cms_base_url():
    request = RequestFactory().get("/graphql/", HTTP_HOST="evil.example")
    url, _expires = signed_url(request, "renditions/x.mp4", "x.mp4")
    assert url.startswith("https://cms.example.org/videos/download/")


@override_settings(PUBLIC_BASE_URL="https://www.example.org")
def test_redirects_on_the_public_base_and_never_to_private_pages(gql):
    public = create_release(title="Moved here")
    private = create_release(title="Moved behind a sign-in")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    for old, page in (("/old-public", public), ("/old-private", private)):
        Redirect.objects.create(old_path=old, redirect_page=page)
    Redirect.objects.create(old_path="/elsewhere", redirect_link="https://nato.int/")
    answer = gql("{ redirects { oldUrl newUrl page { title } } }")
    found = {r["oldUrl"]: (r["newUrl"], r["page"]) for r in answer["data"]["redirects"]}
    assert found == {
        "https://www.example.org/old-public": (
            f"https://www.example.org{public.url}",
            {"title": "Moved here"},
        ),
        # A redirect to a page the reader may not see is left out whole
        # (tests/cms/test_public_fields.py).
        "https://www.example.org/elsewhere": ("https://nato.int/", None),
    }


@override_settings(GRAPHQL_CACHE_ENABLED=True)
def test_a_changed_base_url_is_never_served_from_older_answers(client, document):
    before = kinds(ask(client))["pages"]
    with override_settings(PUBLIC_BASE_URL="https://www.example.org"):
        after = kinds(ask(client))["pages"]
    assert before[0].startswith(settings.PUBLIC_BASE_URL + "/")
    assert all(u.startswith("https://www.example.org/") for u in after)


@pytest.mark.parametrize(
    "value", ["www.example.org", "ftp://example.org", "https://example.org/?a=1", ""]
)
def test_base_urls_that_are_not_absolute_http_are_refused(value):
    with override_settings(PUBLIC_BASE_URL=value):
        assert [e.id for e in check_base_urls()] == ["cms.E001"]
    assert check_base_urls() == []
