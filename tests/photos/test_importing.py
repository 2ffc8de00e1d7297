"""Photos from real files: IPTC IIM, XMP and EXIF fill the fields by the
precedence table, orientation is applied, GPS stripped from the public copy, the
original kept byte for byte and private; bad files are refused with a code and
leave nothing behind."""

from __future__ import annotations

import datetime
import hashlib
import io
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Locale

from photos.importing import add_to_gallery, import_photo
from photos.importing import errors as codes
from photos.importing.errors import PhotoImportError
from photos.importing.service import refresh_web_copy
from photos.models import GalleryPage, GalleryPhoto, PhotoAsset

from . import files
from .test_models import gallery_library

pytestmark = pytest.mark.django_db

GPS = 0x8825


def utc(moment) -> str:
    return moment.astimezone(datetime.UTC).isoformat()


def upload(data: bytes, name="photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def stored_files() -> set[str]:
    found = set()
    for root in (settings.PRIVATE_MEDIA_ROOT, settings.MEDIA_ROOT):
        for folder, _dirs, names in os.walk(root):
            found.update(os.path.join(folder, name) for name in names)
    return found


def web_image(asset: PhotoAsset) -> Image.Image:
    with asset.image.file.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
    return image


def test_iptc_in_latin1_and_exif_fill_the_fields():
    # No 1:90 charset: the text is Windows-1252, as old newsroom systems wrote it.
    iptc = files.iptc_block(
        {
            (2, 5): "Ministers meeting",
            (2, 120): "Le Secrétaire général accueille les ministres.".encode("cp1252"),
            (2, 110): "OTAN".encode("cp1252"),
            (2, 80): "Photographe".encode("cp1252"),
            (2, 116): "© OTAN 2023".encode("cp1252"),
            (2, 55): b"20230907",
            (2, 60): b"101500+0200",
            (2, 92): "Siège".encode("cp1252"),
            (2, 90): b"Bruxelles",
            (2, 101): b"Belgique",
        },
        charset=None,
    )
    exif = files.exif_block(
        description="Camera caption", artist="Camera owner", copyright="Camera ©"
    )
    result = import_photo(upload(files.jpeg(iptc=iptc, exif=exif)))
    asset = result.asset
    assert result.ok and result.warnings == []
    assert asset.title == "Ministers meeting"
    assert asset.caption == "Le Secrétaire général accueille les ministres."
    assert asset.credit == "OTAN"  # 2:110 Credit before 2:80 By-line and EXIF
    assert asset.copyright == "© OTAN 2023"
    assert utc(asset.date_taken) == "2023-09-07T08:15:00+00:00"
    assert asset.place == "Siège, Bruxelles, Belgique"
    assert asset.metadata["iptc"]["2:120"].startswith("Le Secrétaire")
    assert asset.metadata["exif"]["Artist"] == "Camera owner"


def test_xmp_comes_before_iptc_and_gives_a_caption_per_language():
    iptc = files.iptc_block(
        {(2, 120): "IIM caption", (2, 110): "IIM credit", (2, 116): "IIM ©"}
    )
    xmp = files.xmp_packet(
        description={"x-default": "Leaders at the summit.", "fr": "Les dirigeants."},
        credit="NATO / Photo desk",
        rights="© NATO",
        date_created="2024-07-10T16:30:00+02:00",
        city="Washington",
        country="United States",
    )
    asset = import_photo(upload(files.jpeg(iptc=iptc, xmp=xmp))).asset
    assert asset.caption == "Leaders at the summit."
    assert asset.credit == "NATO / Photo desk"
    assert asset.copyright == "© NATO"
    assert utc(asset.date_taken) == "2024-07-10T14:30:00+00:00"
    assert asset.place == "Washington, United States"
    assert asset.metadata["captions"] == {"fr": "Les dirigeants."}


def test_exif_alone_gives_the_date_taken_with_its_offset():
    exif = files.exif_block(
        description="Sunrise over the base",
        artist="J. Doe",
        taken="2025:03:01 06:45:10",
        offset="-05:00",
    )
    asset = import_photo(upload(files.jpeg(exif=exif))).asset
    assert asset.caption == "Sunrise over the base"
    assert asset.credit == "J. Doe"
    assert utc(asset.date_taken) == "2025-03-01T11:45:10+00:00"
    assert asset.title == "photo"  # no title in the file: its name


def test_orientation_is_applied_and_gps_stripped_but_the_original_kept():
    # Stored landscape (96×64) with "rotate 90° clockwise to view" (6).
    exif = files.exif_block(orientation=6, gps=(50.8796, 4.4264), artist="X")
    data = files.jpeg(files.picture((96, 64)), exif=exif)
    asset = import_photo(upload(data, "IMG_0001.JPG")).asset

    assert (asset.width, asset.height, asset.format) == (64, 96, "JPEG")
    assert asset.size_bytes == len(data)
    assert asset.sha256 == hashlib.sha256(data).hexdigest()
    assert asset.metadata["gps"] == {"latitude": 50.8796, "longitude": 4.4264}
    # The original: byte for byte, in the private storage.
    with asset.original.open("rb") as handle:
        assert handle.read() == data
    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    assert private in Path(asset.original.path).resolve().parents
    assert asset.original_filename == "IMG_0001.jpg"

    # The web copy: upright (the red corner is now top right), no GPS, no EXIF.
    web = web_image(asset)
    assert web.size == (64, 96)
    red = web.getpixel((60, 3))
    assert red[0] > 200 and red[1] < 60, red
    assert GPS not in web.getexif() and not web.getexif().get_ifd(GPS)
    assert 0x013B not in web.getexif()  # no Artist either
    public = Path(settings.MEDIA_ROOT).resolve()
    assert private not in Path(asset.image.file.path).resolve().parents
    assert public in Path(asset.image.file.path).resolve().parents
    assert asset.full_size.name == ""  # a JPEG is its own download


def test_an_editor_may_keep_the_gps_position_in_the_public_copy():
    exif = files.exif_block(gps=(-33.8568, 151.2153))
    data = files.jpeg(exif=exif)
    asset = import_photo(upload(data), keep_gps=True).asset
    gps = web_image(asset).getexif().get_ifd(GPS)
    assert gps[1] == "S" and gps[3] == "E"
    assert round(float(gps[2][0])) == 33

    # Changing one's mind makes the web copy again, without the position.
    first_copy = asset.image_id
    asset.keep_gps = False
    asset.save()
    refresh_web_copy(asset)
    assert asset.image_id != first_copy
    assert not get_image_model().objects.filter(pk=first_copy).exists()
    assert not web_image(asset).getexif().get_ifd(GPS)


def test_tiff_with_iptc_gets_a_full_size_jpeg():
    iptc = files.iptc_block({(2, 120): "Scanned print, 1952.", (2, 110): "Archives"})
    asset = import_photo(upload(files.tiff(iptc=iptc), "archive.tif")).asset
    assert (asset.format, asset.caption, asset.credit) == (
        "TIFF",
        "Scanned print, 1952.",
        "Archives",
    )
    with asset.full_size.open("rb") as handle:
        full = Image.open(io.BytesIO(handle.read()))
        assert (full.format, full.size) == ("JPEG", (96, 64))
    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    assert private in Path(asset.full_size.path).resolve().parents


def test_heic_from_a_phone_is_read_through_pillow_heif():
    exif = files.exif_block(description="From a phone", taken="2026:01:02 03:04:05")
    asset = import_photo(upload(files.heic(exif=exif), "IMG_4242.HEIC")).asset
    assert asset.format == "HEIF" and asset.caption == "From a phone"
    assert (asset.width, asset.height) == (96, 64)
    assert asset.full_size.name.endswith(".jpg")
    assert web_image(asset).format == "JPEG"


def test_the_same_file_twice_is_one_photo():
    data = files.jpeg(files.picture(seed=7))
    first = import_photo(upload(data, "a.jpg"))
    second = import_photo(upload(data, "b.jpg"))
    assert second.duplicate and second.asset.pk == first.asset.pk
    assert PhotoAsset.objects.filter(sha256=first.asset.sha256).count() == 1


def test_hostile_metadata_is_cleaned_and_the_photo_imported():
    long_caption = ("Caption\x07 with a bell\x1b[31m and ANSI " * 1500).encode()
    iptc = files.iptc_block(
        {
            (2, 120): long_caption,  # an extended dataset (> 32 KB)
            (2, 110): bytes(range(256)) * 4,  # binary junk as the credit
            (2, 116): "\u202eNATO\u202c ©",  # a bidi override
        }
    )
    bomb = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
    xmp = files.xmp_packet(description={"x-default": "&b;"}, doctype=bomb)
    result = import_photo(upload(files.jpeg(iptc=iptc, xmp=xmp)))
    asset = result.asset
    assert result.warnings == [codes.METADATA_CLEANED]
    assert len(asset.caption) <= 2000 and "\x07" not in asset.caption
    assert "\x1b" not in asset.caption and asset.caption.startswith("Caption with")
    assert asset.credit == ""
    assert asset.copyright == "NATO ©"
    assert "xmp" not in asset.metadata  # the packet with a DTD is not read


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"%PDF-1.7 not a photo at all\n" * 10, "report.jpg", codes.NOT_AN_IMAGE),
        (b"", "empty.jpg", codes.EMPTY_FILE),
        (None, "cut.jpg", codes.TRUNCATED_IMAGE),
        (files.png_bomb(), "bomb.png", codes.IMAGE_TOO_LARGE),
        (files.huge_tiff_header(), "huge.tif", codes.IMAGE_TOO_LARGE),
        (None, "anim.gif", codes.UNSUPPORTED_FORMAT),
    ],
    ids=["not-an-image", "empty", "truncated-jpeg", "png-bomb", "200mp-tiff", "gif"],
)
def test_bad_files_are_refused_with_a_code_and_leave_nothing(data, name, code):
    if name == "cut.jpg":
        whole = files.jpeg(files.picture((400, 300), seed=3), quality=95)
        data = whole[: len(whole) // 2]
    if name == "anim.gif":
        out = io.BytesIO()
        files.picture().save(out, "GIF")
        data = out.getvalue()
    before = stored_files()
    assets, images = PhotoAsset.objects.count(), get_image_model().objects.count()
    with pytest.raises(PhotoImportError) as raised:
        import_photo(upload(data, name))
    assert raised.value.code == code
    assert raised.value.message  # a sentence for the editor
    assert PhotoAsset.objects.count() == assets
    assert get_image_model().objects.count() == images
    assert stored_files() == before


def test_a_file_over_the_size_limit_is_refused_unread(settings):
    settings.PHOTOS_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(PhotoImportError) as raised:
        import_photo(upload(files.jpeg(files.picture((200, 200)))))
    assert raised.value.code == codes.FILE_TOO_LARGE


def test_the_pixel_limit_is_a_setting(settings):
    settings.PHOTOS_MAX_IMAGE_PIXELS = 90 * 60
    with pytest.raises(PhotoImportError) as raised:
        import_photo(upload(files.jpeg(files.picture((96, 64)))))
    assert raised.value.code == codes.IMAGE_TOO_LARGE
    assert "6" in raised.value.message or "0" in raised.value.message


def test_a_batch_goes_into_the_gallerys_latest_draft_in_one_revision():
    en = Locale.objects.get(language_code="en")
    gallery = GalleryPage(title="Summit", slug="summit-batch", locale=en)
    existing = import_photo(upload(files.jpeg(files.picture(seed=11)), "x.jpg")).asset
    gallery.photos = [GalleryPhoto(asset=existing, caption="Already here")]
    gallery_library().add_child(instance=gallery)
    gallery.save_revision().publish()
    # An unpublished change the batch must keep.
    draft = gallery.get_latest_revision_as_object()
    draft.summary = "Draft summary"
    draft.save_revision()
    revisions = gallery.revisions.count()

    xmp = files.xmp_packet(description={"x-default": "Arrival", "fr": "Arrivée"})
    results = add_to_gallery(
        gallery,
        [
            upload(files.jpeg(files.picture(seed=12), xmp=xmp), "arrival.jpg"),
            upload(b"not an image", "notes.txt"),
            upload(files.jpeg(files.picture(seed=11)), "again.jpg"),  # = existing
            upload(files.jpeg(files.picture(seed=13)), "family.jpg"),
        ],
    )
    assert [(r.filename, r.code) for r in results] == [
        ("arrival.jpg", None),
        ("notes.txt", codes.NOT_AN_IMAGE),
        ("again.jpg", None),
        ("family.jpg", None),
    ]
    assert results[2].duplicate and results[2].already_in_gallery
    gallery.refresh_from_db()
    assert gallery.revisions.count() == revisions + 1
    latest = gallery.get_latest_revision_as_object()
    assert latest.summary == "Draft summary"
    assert [p.caption for p in latest.photos.all()] == [
        "Already here",
        "Arrival",
        "",
    ]
    # The live page is untouched until an editor publishes.
    assert [p.caption for p in GalleryPage.objects.get(pk=gallery.pk).photos.all()] == [
        "Already here"
    ]


def test_a_french_gallery_takes_the_french_caption_of_the_xmp():
    fr = Locale.objects.get(language_code="fr")
    gallery = GalleryPage(title="Sommet", slug="sommet-batch", locale=fr)
    gallery_library("fr").add_child(instance=gallery)
    xmp = files.xmp_packet(description={"x-default": "Arrival", "fr-FR": "Arrivée"})
    add_to_gallery(gallery, [upload(files.jpeg(xmp=xmp), "arrivee.jpg")])
    gallery.refresh_from_db()
    latest = gallery.get_latest_revision_as_object()
    assert [p.caption for p in latest.photos.all()] == ["Arrivée"]


def test_a_batch_whose_revision_cannot_be_saved_leaves_nothing(
    monkeypatch, django_capture_on_commit_callbacks
):
    en = Locale.objects.get(language_code="en")
    gallery = GalleryPage(title="Failing", slug="failing-batch", locale=en)
    gallery_library().add_child(instance=gallery)
    known = import_photo(upload(files.jpeg(files.picture(seed=31)), "k.jpg")).asset
    before = stored_files()
    assets, images = PhotoAsset.objects.count(), get_image_model().objects.count()

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(GalleryPage, "save_revision", broken)
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError):
            add_to_gallery(
                gallery,
                [
                    upload(files.jpeg(files.picture(seed=32)), "new.jpg"),
                    upload(files.jpeg(files.picture(seed=31)), "known-again.jpg"),
                ],
            )
    assert PhotoAsset.objects.count() == assets
    assert get_image_model().objects.count() == images
    assert stored_files() == before
    assert PhotoAsset.objects.filter(pk=known.pk).exists()  # reused: kept
