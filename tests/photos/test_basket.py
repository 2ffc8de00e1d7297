"""Photos in the download basket (issue 19): PHOTO (one photo of a gallery) and
GALLERY (all of its photos) kinds; the zip opened and checked (the originals'
bytes, a folder per gallery, credits and captions in the user's language);
photos of galleries the user may not see refused; each photo zipped logged in the
photo downloads report."""

from __future__ import annotations

import csv
import io
import zipfile
from urllib.parse import urlparse

import pytest
from django.utils import timezone
from wagtail.models import Locale

from basket.registry import basket_kind
from photos.models import GalleryPhoto, PhotoDownload
from tests.basket.conftest import add, follow, request_zip

from .conftest import gallery_index, make_asset, make_gallery

pytestmark = pytest.mark.django_db


def original(photo: GalleryPhoto) -> bytes:
    with photo.asset.original.open("rb") as handle:
        return handle.read()


def test_photos_and_galleries_are_basket_kinds():
    assert basket_kind("PHOTO") is not None and basket_kind("GALLERY") is not None


def test_the_zip_holds_a_photo_and_a_gallery_with_their_credits(gql, client, signed_in):
    signed_in.preferred_language = "fr"
    signed_in.save()
    single = make_gallery("Single photo", [make_asset("One")], captions=["Alone"])
    several = make_gallery(
        "Two photos", [make_asset("A"), make_asset("B")], captions=["First", "Second"]
    )
    # The French gallery of the single photo: its caption goes in the credits.
    gallery_index("fr")
    french = single.copy_for_translation(Locale.objects.get(language_code="fr"))
    french.save_revision().publish()
    GalleryPhoto.objects.filter(page=french).update(caption="Seule")
    photo = single.photos.get()
    assert "errors" not in add(gql, "PHOTO", photo.pk)
    assert "errors" not in add(gql, "GALLERY", several.pk)
    asked = request_zip(gql)
    assert "errors" not in asked, asked
    job = follow(gql, asked["data"]["requestBasketDownload"]["id"])["data"][
        "basketDownloadJob"
    ]
    assert job["status"] == "READY", job
    data = b"".join(client.get(urlparse(job["url"]).path).streaming_content)
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    photos = [photo, *several.photos.order_by("sort_order")]
    by_name = {}
    for name in names:
        if name.endswith(".jpg"):
            by_name[name] = archive.read(name)
    assert sorted(by_name.values()) == sorted(original(p) for p in photos)
    assert sum(name.startswith("two-photos-") for name in by_name) == 2
    rows = list(
        csv.reader(io.StringIO(archive.read("captions.csv").decode("utf-8-sig")))
    )
    captions = {row[2] for row in rows[1:]}
    assert {"Seule", "First", "Second"} <= captions
    logged = PhotoDownload.objects.filter(user=signed_in)
    assert sorted(row.photo_id for row in logged) == sorted(p.pk for p in photos)


def test_photos_of_hidden_galleries_are_refused(gql, signed_in):
    lift = timezone.now() + timezone.timedelta(hours=2)
    hidden = make_gallery("Hidden", [make_asset()], embargoed_until=lift)
    answers = [
        add(gql, "PHOTO", hidden.photos.get().pk),
        add(gql, "GALLERY", hidden.pk),
        add(gql, "PHOTO", "999999999"),
    ]
    for answer in answers:
        codes = [e["extensions"]["code"] for e in answer.get("errors", [])]
        items = (answer.get("data") or {}).get("addToBasket") or {"items": []}
        refused = [item["errorCode"] for item in items["items"]]
        assert "ITEM_NOT_FOUND" in codes + refused, answer


def test_a_gallery_unpublished_before_the_build_is_left_out(gql, client, signed_in):
    """The zip holds the photos still shown; the unpublished gallery's photo and
    the deleted photo are listed in left-out.txt and leftOut, the rest zipped."""
    from basket.building import build_zip

    kept = make_gallery("Kept gallery", [make_asset("Kept")])
    gone = make_gallery("Gone gallery", [make_asset("Gone")])
    deleted = make_gallery("Deleted photo", [make_asset("Deleted")])
    for photo in (kept.photos.get(), gone.photos.get(), deleted.photos.get()):
        assert "errors" not in add(gql, "PHOTO", photo.pk)
    asked = request_zip(gql, run=False)
    job_id = asked["data"]["requestBasketDownload"]["id"]
    gone.unpublish()
    deleted.photos.get().delete()
    build_zip.call(job_id)
    answer = gql(
        "query($id: ID!) { basketDownloadJob(id: $id) { status itemCount url "
        "leftOut { kind title errorCode } } }",
        {"id": job_id},
    )
    job = answer["data"]["basketDownloadJob"]
    assert (job["status"], job["itemCount"]) == ("READY", 1)
    assert [(item["kind"], item["errorCode"]) for item in job["leftOut"]] == [
        ("PHOTO", "ITEM_NOT_FOUND"),
        ("PHOTO", "ITEM_NOT_FOUND"),
    ]
    titles = [item["title"] for item in job["leftOut"]]
    assert "Gone gallery" in titles[0] and "Deleted photo" in titles[1]
    data = b"".join(client.get(urlparse(job["url"]).path).streaming_content)
    archive = zipfile.ZipFile(io.BytesIO(data))
    pictures = [name for name in archive.namelist() if name.endswith(".jpg")]
    assert [archive.read(name) for name in pictures] == [original(kept.photos.get())]
    note = archive.read("left-out.txt").decode("utf-8")
    assert titles[0] in note and titles[1] in note
    logged = PhotoDownload.objects.filter(user=signed_in)
    assert [row.photo_id for row in logged] == [kept.photos.get().pk]
