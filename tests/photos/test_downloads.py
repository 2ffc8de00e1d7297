"""requestPhotoDownload (issue 19): signed in only, of photos the reader may see
(embargo included), the original or a full-size JPEG for TIFF/HEIC, through a
short-lived link served with ranges; the link issued and each response logged."""

from __future__ import annotations

import datetime
import json
from urllib.parse import urlparse

import pytest
from django.utils import timezone
from wagtail.models import Locale

from photos.models import GalleryPhoto, PhotoDownload, PhotoDownloadServed
from tests.conftest import error_codes

from .conftest import gallery_index, make_asset, make_gallery

pytestmark = pytest.mark.django_db

MUTATION = """mutation($id: ID!, $locale: LanguageCode) {
  requestPhotoDownload(photoId: $id, locale: $locale) {
    url expiresAt filename sizeBytes form contentType photo { id caption } } }"""


def ask(client, photo_id, locale=None) -> dict:
    response = client.post(
        "/graphql/",
        json.dumps(
            {"query": MUTATION, "variables": {"id": str(photo_id), "locale": locale}}
        ),
        content_type="application/json",
    )
    return response.json()


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def gallery(db):
    return make_gallery("Press photos", [make_asset("Podium", size=(640, 480))])


@pytest.fixture
def photo(gallery) -> GalleryPhoto:
    return gallery.photos.get()


def test_signed_out_is_refused_and_nothing_logged(client, photo):
    answer = ask(client, photo.pk)
    assert error_codes(answer) == ["NOT_AUTHENTICATED"]
    assert answer["data"]["requestPhotoDownload"] is None
    assert not PhotoDownload.objects.exists()


def test_the_original_downloads_and_every_response_is_logged(client, signed_in, photo):
    answer = ask(client, photo.pk)
    assert "errors" not in answer, answer
    link = answer["data"]["requestPhotoDownload"]
    assert link["form"] == "ORIGINAL" and link["contentType"] == "image/jpeg"
    assert link["filename"].startswith("press-photos-") and link["filename"].endswith(
        ".jpg"
    )
    with photo.asset.original.open("rb") as handle:
        original = handle.read()
    assert int(link["sizeBytes"]) == len(original)
    path = urlparse(link["url"]).path
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert body(response) == original  # untouched, metadata and all
    part = client.get(path, HTTP_RANGE="bytes=0-99")
    assert part.status_code == 206 and body(part) == original[:100]
    issued = PhotoDownload.objects.get()
    assert (issued.user, issued.photo, issued.asset) == (signed_in, photo, photo.asset)
    assert (issued.gallery_title, issued.language) == ("Press photos", "en")
    served = list(PhotoDownloadServed.objects.order_by("pk"))
    assert [(s.status, s.bytes_served, s.completed) for s in served] == [
        (200, len(original), True),
        (206, 100, True),
    ]
    assert all(s.download == issued for s in served)


def test_a_tiff_downloads_as_a_full_size_jpeg(client, signed_in):
    asset = make_asset("Scan", size=(300, 200), format="TIFF", full_size=True)
    gallery = make_gallery("Scanned archive", [asset])
    answer = ask(client, gallery.photos.get().pk)
    link = answer["data"]["requestPhotoDownload"]
    assert (link["form"], link["contentType"]) == ("JPEG", "image/jpeg")
    assert link["filename"].endswith(".jpg")
    data = body(client.get(urlparse(link["url"]).path))
    assert data[:3] == b"\xff\xd8\xff"


@pytest.mark.parametrize("photo_id", ["999999999", "abc", "-1", "1" * 18])
def test_unknown_ids_are_not_found(client, signed_in, photo_id):
    assert error_codes(ask(client, photo_id)) == ["PHOTO_NOT_FOUND"]


def test_an_id_out_of_range_is_an_argument_error(client, signed_in):
    answer = ask(client, "1" * 30)
    assert error_codes(answer) == ["INVALID_ARGUMENT"]


def test_an_unpublished_gallerys_photo_is_not_found(client, signed_in, gallery, photo):
    gallery.unpublish()
    assert error_codes(ask(client, photo.pk)) == ["PHOTO_NOT_FOUND"]


def test_an_embargoed_photo_is_for_the_accredited_only(client, signed_in):
    from tests.embargo.conftest import accredit, make_user

    lift = timezone.now() + datetime.timedelta(hours=2)
    gallery = make_gallery("Before the lift", [make_asset()], embargoed_until=lift)
    photo = gallery.photos.get()
    assert error_codes(ask(client, photo.pk)) == ["PHOTO_NOT_FOUND"]
    assert not PhotoDownload.objects.exists()
    reader = make_user("accredited-photo@example.com")
    accredit(reader)
    client.force_login(reader)
    answer = ask(client, photo.pk)
    assert "errors" not in answer, answer
    assert PhotoDownload.objects.get().user == reader


def test_a_forged_or_expired_link_is_refused(client, signed_in, photo):
    link = ask(client, photo.pk)["data"]["requestPhotoDownload"]["url"]
    path = urlparse(link).path
    assert client.get(path[:-4] + "xx/").status_code == 404
    with pytest.MonkeyPatch.context() as patch:
        later = timezone.now() + datetime.timedelta(hours=2)
        patch.setattr("django.core.signing.time.time", lambda: later.timestamp())
        assert client.get(path).status_code == 404
    assert not PhotoDownloadServed.objects.exists()


def test_the_locale_takes_the_photo_from_that_languages_gallery(
    client, signed_in, gallery, photo
):
    gallery_index("fr")  # the library translated first, as translators do
    french = gallery.copy_for_translation(Locale.objects.get(language_code="fr"))
    french.title = "Photos de presse"
    french.save_revision().publish()
    french_photo = GalleryPhoto.objects.get(page=french)
    assert french_photo.translation_key == photo.translation_key
    answer = ask(client, photo.pk, "fr")
    assert answer["data"]["requestPhotoDownload"]["photo"]["id"] == str(french_photo.pk)
    assert PhotoDownload.objects.get().language == "fr"
