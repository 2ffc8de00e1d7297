"""Preview tokens for headless frontends, and language fallback."""

import datetime
import json

import pytest
from django.test import override_settings
from django.utils import timezone

from newsroom.models import PressReleasePage
from tests.conftest import error_codes
from tests.factories import create_release

pytestmark = pytest.mark.django_db

PREVIEW = """query($t: String) { page(token: $t) { title
  ... on PressReleasePage { summary isFallback people { person { slug } } } } }"""


def test_the_admin_preview_gives_a_token_that_shows_the_draft(admin_client, gql):
    release = create_release(title="Published version")
    release.title = "Draft under embargo"
    release.standfirst = "Not yet public."
    revision = release.save_revision()
    page = revision.as_object()
    preview = page.create_page_preview()

    answer = gql(PREVIEW, {"t": preview.token})
    assert answer["data"]["page"]["title"] == "Draft under embargo"
    assert answer["data"]["page"]["summary"] == "Not yet public."
    # Without the token, the public still sees the published version only.
    public = gql('{ pressRelease(slug: "%s") { title } }' % release.slug)
    assert public["data"]["pressRelease"]["title"] == "Published version"


def test_preview_opens_the_frontend_of_the_page_language(rf, gql):
    """What Wagtail's Preview panel shows: the frontend of the page's language,
    with a token that frontend exchanges for the previewed state."""
    fr = PressReleasePage.objects.filter(locale__language_code="fr").first()
    request = rf.get("/admin/")
    html = fr.serve_preview(request, "").content.decode()
    prefix = "http://localhost:3000/fr/preview/?content_type=newsroom.pressreleasepage"
    assert prefix in html
    token = html.split("token=")[1].split('"')[0]
    from urllib.parse import unquote

    answer = gql(PREVIEW, {"t": unquote(token)})
    assert answer["data"]["page"]["title"] == fr.title


@pytest.mark.parametrize("token", ["nonsense", "id=1:forged:signature", ""])
def test_invalid_preview_tokens_get_a_coded_error(gql, token):
    answer = gql(PREVIEW, {"t": token})
    if token:
        assert error_codes(answer) == ["INVALID_PREVIEW_TOKEN"]
    else:
        assert answer["data"]["page"] is None


def test_expired_preview_token_is_refused(gql):
    release = create_release(title="Old preview")
    token = release.create_page_preview().token
    with override_settings(GRAPHQL_PREVIEW_MAX_AGE=-1):
        assert error_codes(gql(PREVIEW, {"t": token})) == ["INVALID_PREVIEW_TOKEN"]


def test_scheduled_page_is_not_public_before_its_time(gql):
    release = create_release(title="Scheduled for tomorrow", publish=False)
    release.go_live_at = timezone.now() + datetime.timedelta(days=1)
    release.save_revision().publish()  # schedules instead of going live
    release.refresh_from_db()
    assert not release.live
    answer = gql('{ pressRelease(slug: "%s") { title } }' % release.slug)
    assert answer["data"]["pressRelease"] is None


FALLBACK = """query($fallback: Boolean) {
  pressReleases(locale: fr, perPage: 100, fallback: $fallback) {
    items { title locale isFallback }
  }
}"""


def test_fallback_returns_the_english_release_marked(gql):
    create_release(title="English only release")
    without = gql(FALLBACK, {"fallback": False})["data"]["pressReleases"]["items"]
    assert "English only release" not in {i["title"] for i in without}
    assert all(not i["isFallback"] and i["locale"] == "fr" for i in without)

    items = gql(FALLBACK, {"fallback": True})["data"]["pressReleases"]["items"]
    stand_in = next(i for i in items if i["title"] == "English only release")
    assert stand_in == {
        "title": "English only release",
        "locale": "en",
        "isFallback": True,
    }
    # Translated releases still come once, in French.
    assert {i["locale"] for i in items if not i["isFallback"]} == {"fr"}
    assert len(items) == len(without) + 1


def test_fallback_by_setting_and_for_one_release(gql):
    release = create_release(title="English only, by slug")
    with override_settings(GRAPHQL_LOCALE_FALLBACK=True):
        items = gql(FALLBACK)["data"]["pressReleases"]["items"]
        assert "English only, by slug" in {i["title"] for i in items}
    query = (
        '{ pressRelease(slug: "%s", locale: fr, fallback: true) { title isFallback } }'
    )
    answer = gql(query % release.slug)
    assert answer["data"]["pressRelease"] == {
        "title": "English only, by slug",
        "isFallback": True,
    }
    no_fallback = gql(query.replace("true", "false") % release.slug)
    assert no_fallback["data"]["pressRelease"] is None


SITE_PREVIEW = """query($site: ID, $t: String) {
  site(id: $site) { page(token: $t) { title } } }"""


@override_settings(GRAPHQL_CACHE_ENABLED=True)
def test_previews_through_a_site_are_checked_and_never_shared(client):
    """grapple's ``site { page(token:) }`` is another way to a draft: the token's
    age is checked and the answer is private, as for the root ``page``."""
    from wagtail.models import Site

    release = create_release(title="Published title")
    release.title = "Draft under embargo"
    token = release.create_page_preview().token
    variables = {"site": str(Site.objects.get(is_default_site=True).pk), "t": token}

    def ask():
        return client.get(
            "/graphql/",
            {"query": SITE_PREVIEW, "variables": json.dumps(variables)},
        )

    response = ask()
    assert response.json()["data"]["site"]["page"]["title"] == "Draft under embargo"
    assert "public" not in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    with override_settings(GRAPHQL_PREVIEW_MAX_AGE=-1):
        answer = ask().json()
    assert error_codes(answer) == ["INVALID_PREVIEW_TOKEN"]
    variables["t"] = "x"
    assert error_codes(ask().json()) == ["INVALID_PREVIEW_TOKEN"]
