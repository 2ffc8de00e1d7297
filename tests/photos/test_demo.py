"""The demo's galleries: two, in both languages, their photos generated with IPTC
metadata embedded and read back by the importer; loading again changes nothing."""

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from photos.models import GalleryPage, GalleryPhoto, PhotoAsset

pytestmark = pytest.mark.django_db


def test_two_galleries_in_both_languages_with_metadata_from_the_files():
    galleries = GalleryPage.objects.filter(live=True).select_related("locale")
    by_language = {}
    for gallery in galleries:
        by_language.setdefault(gallery.locale.language_code, []).append(gallery)
    assert {code: len(pages) for code, pages in by_language.items()} == {
        "en": 2,
        "fr": 2,
    }
    seed = GalleryPage.objects.get(slug="secretary-general-meets-vjosa-osmani-photos")
    french = seed.get_translation(Locale.objects.get(language_code="fr"))
    assert french.specific.title.startswith("Le secrétaire général")
    assert seed.gallery_people.count() == 2 and seed.related_releases.count() == 1
    assert seed.related_videos.count() == 1

    en_rows = list(seed.photos.all())
    fr_rows = list(french.specific.photos.all())
    assert [r.asset_id for r in en_rows] == [r.asset_id for r in fr_rows]
    assert [r.translation_key for r in en_rows] == [r.translation_key for r in fr_rows]
    assert fr_rows[0].caption.startswith("Le secrétaire général accueille")

    asset = en_rows[0].asset
    # Read from the file's IPTC by the importer, not set by the demo.
    assert asset.metadata["iptc"]["2:110"] == "NATO Photo Desk (demo)"
    assert asset.caption == en_rows[0].caption
    assert asset.place == "Brussels, Belgium"
    assert asset.date_taken.isoformat() == "2023-09-07T08:45:00+00:00"
    assert asset.image is not None and asset.format == "JPEG"
    assert asset.size_bytes < 200_000  # small generated files


def test_loading_the_demo_again_changes_nothing():
    counts = (
        PhotoAsset.objects.count(),
        GalleryPage.objects.count(),
        GalleryPhoto.objects.count(),
    )
    call_command("load_demo_content", stdout=open("/dev/null", "w"))
    assert counts == (
        PhotoAsset.objects.count(),
        GalleryPage.objects.count(),
        GalleryPhoto.objects.count(),
    )
    assert counts[0] == 5


def test_the_seed_meetings_gallery_describes_only_what_the_seed_tells():
    """The seed release says the Secretary General received Vjosa Osmani at NATO
    Headquarters to discuss the tensions in the north and KFOR; it tells of no
    press conference, so the gallery of real people must not invent one."""
    from photos.demo.galleries import GALLERIES

    (meeting,) = [g for g in GALLERIES if "vjosa-osmani" in g["people"]]
    texts = [*meeting["summary"].values()]
    texts += [photo[lang] for photo in meeting["photos"] for lang in ("en", "fr")]
    for text in texts:
        for invented in ("press point", "point de presse", "conference", "conférence"):
            assert invented not in text.lower(), text
