"""Admin comfort: the press release listing and the dashboard panels, and the page
permission checks added to wagtail-localize's Translate and Sync actions."""

import pytest
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from newsroom.models import PressReleasePage, Topic
from photos.models import PhotoDownload
from videos.models import VideoAsset, VideoDownload

pytestmark = pytest.mark.django_db


def test_press_release_listing_has_its_columns_and_filters(client, editor):
    client.force_login(editor)
    response = client.get("/admin/press_releases/")
    assert response.status_code == 200
    html = response.content.decode()
    for heading in ("Date", "Topics", "Language", "Status"):
        assert heading in html
    kfor = Topic.objects.get(slug="kfor", locale__language_code="fr")
    response = client.get(f"/admin/press_releases/?topics={kfor.pk}&locale=fr")
    shown = {page.pk for page in response.context["pages"]}
    expected = set(
        PressReleasePage.objects.filter(
            locale__language_code="fr", release_topics__topic=kfor
        ).values_list("pk", flat=True)
    )
    assert shown == expected and expected


def test_translations_panel_shows_a_synced_source_to_its_translator(
    client, editor, translator_fr, translator_en, django_capture_on_commit_callbacks
):
    english = PressReleasePage.objects.filter(locale__language_code="en").last()
    french_locale = Locale.objects.get(language_code="fr")
    client.force_login(editor)
    french = english.get_translation_or_none(french_locale)
    if french is not None:  # demo content: start from a release with no French
        french.delete()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/localize/submit/page/{english.pk}/",
            {"locales": [french_locale.pk]},
        )
    client.force_login(translator_fr)
    html = client.get("/admin/").content.decode()
    assert 'data-editorial-panel="translations"' in html
    assert "strings to translate" in html
    # The English translator has nothing to do in French.
    client.force_login(translator_en)
    html = client.get("/admin/").content.decode()
    assert 'data-editorial-panel="translations"' not in html


def test_sync_and_publish_needs_rights_on_the_source(
    client, editor, producer, django_capture_on_commit_callbacks
):
    english = PressReleasePage.objects.filter(locale__language_code="en").last()
    french_locale = Locale.objects.get(language_code="fr")
    french = english.get_translation_or_none(french_locale)
    if french is not None:
        french.delete()
    client.force_login(editor)
    client.post(
        f"/admin/localize/submit/page/{english.pk}/", {"locales": [french_locale.pk]}
    )
    source = TranslationSource.objects.get(object_id=english.translation_key)
    # A producer may not even open the sync of a press release.
    client.force_login(producer)
    response = client.post(
        f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not english.get_translation(french_locale).live


def test_video_and_download_panels_for_those_who_may_see_them(
    client, producer, media_office, editor
):
    VideoAsset.objects.filter(pk=VideoAsset.objects.first().pk).update(
        status=VideoAsset.Status.FAILED, status_message="Not a video."
    )
    VideoDownload.objects.create(
        video_title="Demo", language="en", rendition="180p", kind="full"
    )
    # Issue 19: photos are downloads too, in the same panel as in the report.
    PhotoDownload.objects.create(
        gallery_title="Panel gallery",
        caption="Panel photo",
        language="en",
        form="original",
        filename="panel.jpg",
    )
    client.force_login(producer)
    html = client.get("/admin/").content.decode()
    assert 'data-editorial-panel="videos"' in html and "Not a video." in html
    assert "Recent downloads" not in html
    client.force_login(media_office)
    html = client.get("/admin/").content.decode()
    assert 'data-editorial-panel="downloads"' in html
    assert "Panel gallery — Panel photo" in html and ">Photo<" in html
    assert "Demo" in html and ">Video<" in html
    assert 'data-editorial-panel="videos"' not in html
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "Recent downloads" not in html
    assert 'data-editorial-panel="videos"' not in html


def test_press_release_listing_shows_and_filters_embargoes(client, editor):
    """Issue 15: editors see which releases are under embargo, and until when."""
    import datetime

    from django.utils import timezone

    from tests.factories import create_release

    page = create_release(title="Listed under embargo", publish=False)
    page.embargoed_until = timezone.now() + datetime.timedelta(days=2)
    page.save_revision().publish()
    client.force_login(editor)
    html = client.get("/admin/press_releases/").content.decode()
    assert "Embargo" in html
    until = timezone.localtime(page.embargoed_until).isoformat()
    assert f'data-embargo-until="{until}"' in html
    under = client.get("/admin/press_releases/?embargo=under").context["pages"]
    assert [p.pk for p in under] == [page.pk]
    none = client.get("/admin/press_releases/?embargo=none").context["pages"]
    assert page.pk not in {p.pk for p in none} and len(none) > 0


def test_the_embargo_column_shows_the_lift_in_the_embargo_zone(client, editor):
    """The lift as the press office announced it (in the embargo's zone, named),
    whatever the editor's own zone; the editor's time in the tooltip."""
    import datetime
    import zoneinfo

    from django.utils import formats

    from tests.factories import create_release

    new_york = zoneinfo.ZoneInfo("America/New_York")
    lift = datetime.datetime(2031, 9, 7, 9, 30, tzinfo=new_york)
    page = create_release(title="Announced in New York", publish=False)
    page.embargoed_until = lift
    page.embargo_time_zone = "America/New_York"
    page.save_revision().publish()
    client.force_login(editor)
    html = client.get("/admin/press_releases/?embargo=under").content.decode()
    announced = formats.date_format(lift, "SHORT_DATETIME_FORMAT")
    assert f"Until {announced} (America/New_York)" in html
    brussels = lift.astimezone(zoneinfo.ZoneInfo("Europe/Brussels"))
    assert brussels.hour != lift.hour
    editors_time = formats.date_format(brussels, "SHORT_DATETIME_FORMAT")
    assert f'title="Your time: {editors_time}"' in html
