"""A gallery holds photos in order; the file is private and shared by every
language, the words about it are translated with the page."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image
from wagtail.models import Locale

from home.models import HomePage
from photos.models import GalleryIndexPage, GalleryPage, GalleryPhoto, PhotoAsset
from tests.newsroom.test_translation import translate_everything

pytestmark = pytest.mark.django_db


def jpeg_bytes(size=(64, 48), colour=(200, 80, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG")
    return out.getvalue()


def make_asset(title="Podium", **fields) -> PhotoAsset:
    asset = PhotoAsset(title=title, **fields)
    asset.original.save("podium.jpg", ContentFile(jpeg_bytes()), save=False)
    asset.save()
    return asset


def gallery_library(code="en") -> GalleryIndexPage:
    library = GalleryIndexPage.objects.filter(locale__language_code=code).first()
    if library is None:
        home = HomePage.objects.get(locale__language_code=code)
        library = GalleryIndexPage(title="Photos", slug=f"photos-{code}")
        home.add_child(instance=library)
    return library


def test_an_original_is_stored_outside_the_public_media():
    asset = make_asset()
    path = Path(asset.original.path).resolve()
    assert Path(settings.PRIVATE_MEDIA_ROOT).resolve() in path.parents
    assert path.read_bytes()[:2] == b"\xff\xd8"
    # The same private place as video masters (outside MEDIA_ROOT outside tests).
    assert settings.STORAGES["photos"] == settings.STORAGES["videos"]


def test_a_translated_gallery_shares_its_photos_and_translates_their_words(
    django_capture_on_commit_callbacks,
):
    first, second = make_asset("One"), make_asset("Two")
    en = GalleryPage(
        title="Summit family photo",
        slug="summit-family-photo",
        summary="Leaders at the summit.",
        place="Vilnius",
        locale=Locale.objects.get(language_code="en"),
    )
    en.photos = [
        GalleryPhoto(asset=second, caption="Leaders line up.", credit="NATO"),
        GalleryPhoto(asset=first, caption="The stage.", usage_terms="Editorial use."),
    ]
    gallery_library().add_child(instance=en)
    en.save_revision().publish()

    fr = translate_everything(en, "fr", "[FR]", django_capture_on_commit_callbacks)
    fr = fr.specific
    assert isinstance(fr, GalleryPage) and fr.live
    photos = list(fr.photos.all())
    assert [p.asset_id for p in photos] == [second.pk, first.pk]
    assert [p.caption for p in photos] == ["[FR] Leaders line up.", "[FR] The stage."]
    assert photos[1].usage_terms == "[FR] Editorial use."
    assert {p.locale.language_code for p in photos} == {"fr"}
    # Removing a file still in use is refused.
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        first.delete()
