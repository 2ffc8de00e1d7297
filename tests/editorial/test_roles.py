"""What each role can and cannot do, through the admin (Django's test client).

Wagtail answers a forbidden admin page with a redirect to the dashboard and an
error message; ``denied`` checks for exactly that."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Locale

from editorial import roles
from newsroom.models import NewsroomIndexPage, PressReleasePage
from videos.models import VideoAsset, VideoIndexPage, VideoPage

pytestmark = pytest.mark.django_db


def denied(response) -> bool:
    return response.status_code in (302, 403) and (
        response.status_code == 403 or response["Location"] == "/admin/"
    )


def release(code: str) -> PressReleasePage:
    return PressReleasePage.objects.get(
        slug={
            "en": "secretary-general-meets-vjosa-osmani",
            "fr": "le-secretaire-general-recoit-vjosa-osmani",
        }[code],
        locale__language_code=code,
    )


def video(code: str) -> VideoPage:
    return VideoPage.objects.filter(locale__language_code=code).first()


def bulk_publish(client, *pages):
    ids = "&".join(f"id={page.pk}" for page in pages)
    return client.post(f"/admin/bulk/wagtailcore/page/publish/?{ids}", {})


def draft(page):
    """Give the page unpublished changes (a new title in a draft revision)."""
    page.title = page.title + " (draft)"
    page.save_revision()
    page.refresh_from_db()
    assert page.has_unpublished_changes


# --- The groups themselves ---------------------------------------------------------


def test_each_role_has_exactly_its_model_permissions():
    expected = {role.name: set(role.permissions) for role in roles.ROLES}
    for name, permissions in expected.items():
        group = Group.objects.get(name=name)
        held = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        }
        assert held == permissions, name


def test_page_permissions_are_scoped_to_trees_and_languages():
    def pages_of(name):
        return {
            (type(p.page.specific).__name__, p.page.locale.language_code)
            for p in GroupPagePermission.objects.filter(group__name=name)
        }

    assert pages_of(roles.EDITORS) == {
        ("NewsroomIndexPage", "en"),
        ("NewsroomIndexPage", "fr"),
    }
    assert pages_of(roles.VIDEO_PRODUCERS) == {
        ("VideoIndexPage", "en"),
        ("VideoIndexPage", "fr"),
    }
    assert pages_of("Translators FR") == {("HomePage", "fr")}
    assert pages_of("Translators EN") == {("HomePage", "en")}
    assert pages_of(roles.MEDIA_OFFICE) == set()
    # Nobody may bulk-delete, and Wagtail's default root-wide rights are gone.
    assert not GroupPagePermission.objects.filter(
        group__name__in=[r.name for r in roles.ROLES],
        permission__codename="bulk_delete_page",
    ).exists()
    assert not GroupPagePermission.objects.filter(
        group__name=roles.EDITORS, page__depth=1
    ).exists()


def test_a_new_language_tree_gets_the_role_permissions():
    """Pages created after the migration (here a newsroom) get them too."""
    from home.models import HomePage

    german = Locale.objects.create(language_code="de")
    home = HomePage.objects.get(locale__language_code="en")
    newsroom = home.add_child(
        instance=NewsroomIndexPage(title="Presse", slug="presse-de", locale=german)
    )
    assert GroupPagePermission.objects.filter(
        group__name=roles.EDITORS, page=newsroom, permission__codename="publish_page"
    ).exists()


# --- Editors -----------------------------------------------------------------------


def test_editor_writes_and_publishes_releases_in_both_languages(client, editor):
    client.force_login(editor)
    for code in ("en", "fr"):
        index = NewsroomIndexPage.objects.get(locale__language_code=code)
        url = f"/admin/pages/add/newsroom/pressreleasepage/{index.pk}/"
        assert client.get(url).status_code == 200
        assert client.get(f"/admin/pages/{release(code).pk}/edit/").status_code == 200
    en, fr = release("en"), release("fr")
    draft(en)
    draft(fr)
    bulk_publish(client, en, fr)
    en.refresh_from_db()
    fr.refresh_from_db()
    assert not en.has_unpublished_changes and not fr.has_unpublished_changes
    # People and topics, and translating.
    assert client.get("/admin/snippets/newsroom/person/add/").status_code == 200
    assert client.get(f"/admin/localize/submit/page/{en.pk}/").status_code == 200


def test_editor_cannot_touch_videos_or_reports(client, editor):
    client.force_login(editor)
    page = video("en")
    index = VideoIndexPage.objects.get(locale__language_code="en")
    assert denied(client.get(f"/admin/pages/{page.pk}/edit/"))
    assert denied(client.get(f"/admin/pages/add/videos/videopage/{index.pk}/"))
    assert denied(client.get("/admin/snippets/videos/videoasset/"))
    assert denied(client.get("/admin/reports/downloads/"))
    assert denied(client.get("/admin/users/"))
    assert denied(client.get("/admin/groups/"))


def test_editor_cannot_start_or_publish_translations_of_pages_they_cannot_edit(
    client, editor, admin_user
):
    """wagtail-localize checks only its global permission; ours adds the page's."""
    client.force_login(editor)
    page = video("en")
    assert denied(client.get(f"/admin/localize/submit/page/{page.pk}/"))


# --- Translators -------------------------------------------------------------------


def test_translator_edits_and_publishes_their_language_only(client, translator_fr):
    client.force_login(translator_fr)
    en, fr = release("en"), release("fr")
    assert client.get(f"/admin/pages/{fr.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{video('fr').pk}/edit/").status_code == 200
    assert denied(client.get(f"/admin/pages/{en.pk}/edit/"))

    draft(en)
    draft(fr)
    bulk_publish(client, en, fr)
    en.refresh_from_db()
    fr.refresh_from_db()
    assert not fr.has_unpublished_changes  # French: published
    assert en.has_unpublished_changes  # English, the source: not published
    assert not en.permissions_for_user(translator_fr).can_publish()


def test_translator_cannot_publish_an_english_edit_through_the_editor(
    client, translator_fr
):
    en = release("en")
    client.force_login(translator_fr)
    response = client.post(
        f"/admin/pages/{en.pk}/edit/",
        {"title": "Hijacked", "slug": en.slug, "action-publish": "action-publish"},
    )
    assert denied(response)
    en.refresh_from_db()
    assert en.title != "Hijacked" and en.latest_revision.content["title"] != "Hijacked"


def test_english_translator_cannot_touch_french(client, translator_en):
    client.force_login(translator_en)
    assert client.get(f"/admin/pages/{release('en').pk}/edit/").status_code == 200
    assert denied(client.get(f"/admin/pages/{release('fr').pk}/edit/"))


def test_translator_cannot_create_pages_start_translations_or_manage_snippets(
    client, translator_fr
):
    client.force_login(translator_fr)
    index = NewsroomIndexPage.objects.get(locale__language_code="fr")
    assert denied(client.get(f"/admin/pages/add/newsroom/pressreleasepage/{index.pk}/"))
    assert denied(client.get(f"/admin/localize/submit/page/{release('en').pk}/"))
    assert denied(client.get("/admin/snippets/newsroom/person/add/"))
    assert denied(client.get("/admin/snippets/videos/videoasset/"))


# --- Video producers ---------------------------------------------------------------


def test_producer_uploads_videos_and_edits_video_pages(client, producer):
    client.force_login(producer)
    index = VideoIndexPage.objects.get(locale__language_code="en")
    assert client.get("/admin/snippets/videos/videoasset/").status_code == 200
    assert client.get("/admin/snippets/videos/videoasset/add/").status_code == 200
    asset = VideoAsset.objects.first()
    assert (
        client.get(f"/admin/snippets/videos/videoasset/edit/{asset.pk}/").status_code
        == 200
    )
    assert (
        client.get(f"/admin/pages/add/videos/videopage/{index.pk}/").status_code == 200
    )
    assert client.get(f"/admin/pages/{video('en').pk}/edit/").status_code == 200
    # People and topics can be chosen, not edited.
    assert client.get("/admin/snippets/choose/newsroom/person/").status_code == 200
    assert denied(client.get("/admin/snippets/newsroom/person/add/"))


def test_producer_cannot_edit_or_publish_press_releases(client, producer):
    client.force_login(producer)
    en = release("en")
    index = NewsroomIndexPage.objects.get(locale__language_code="en")
    assert denied(client.get(f"/admin/pages/{en.pk}/edit/"))
    assert denied(client.get(f"/admin/pages/add/newsroom/pressreleasepage/{index.pk}/"))
    draft(en)
    bulk_publish(client, en)
    en.refresh_from_db()
    assert en.has_unpublished_changes
    assert denied(client.get("/admin/reports/downloads/"))
    assert denied(
        client.get(
            f"/admin/snippets/videos/videoasset/delete/{VideoAsset.objects.first().pk}/"
        )
    )


# --- Media office ------------------------------------------------------------------


def test_media_office_reads_the_download_report_and_nothing_else(client, media_office):
    client.force_login(media_office)
    response = client.get("/admin/reports/downloads/")
    assert response.status_code == 200
    assert client.get("/admin/reports/downloads/?export=csv").status_code == 200
    assert denied(client.get(f"/admin/pages/{release('en').pk}/edit/"))
    assert denied(client.get("/admin/snippets/videos/videoasset/"))
    assert denied(client.get("/admin/snippets/newsroom/person/add/"))
    assert not media_office.has_perm("videos.change_videodownload")
    assert not media_office.has_perm("videos.delete_videodownload")
    # Issue 19: the photo downloads too.
    assert client.get("/admin/reports/downloads/").status_code == 200
    assert client.get("/admin/reports/downloads/?export=csv").status_code == 200
    assert not media_office.has_perm("photos.change_photodownload")
