"""The photo editor's admin: bulk upload into a gallery's draft with a result per
file, the photo chooser, a photo's usage report, keeping GPS after the fact, and
who may do it (the Photo editors group)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Locale

from editorial import roles
from photos.importing import import_photo
from photos.models import GalleryPage, GalleryPhoto, PhotoAsset
from tests.editorial.conftest import make_member

from . import files
from .test_models import gallery_library

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo_editor(db):
    return make_member(roles.PHOTO_EDITORS, "photo-editor@example.com")


def gallery(code="en", slug="gallery-admin") -> GalleryPage:
    page = GalleryPage(
        title="Ministers meet",
        slug=slug,
        locale=Locale.objects.get(language_code=code),
    )
    gallery_library(code).add_child(instance=page)
    page.save_revision().publish()
    return page


def jpeg_upload(name: str, seed: int, **metadata) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, files.jpeg(files.picture(seed=seed), **metadata), "image/jpeg"
    )


def test_a_photo_editor_uploads_a_folder_into_a_gallery(client, photo_editor):
    page = gallery()
    client.force_login(photo_editor)
    edit = client.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200
    html = edit.content.decode()
    assert f"/admin/photos/galleries/{page.pk}/upload/" in html

    iptc = files.iptc_block({(2, 120): "The ministers arrive.", (2, 110): "NATO"})
    response = client.post(
        f"/admin/photos/galleries/{page.pk}/upload/",
        {
            "files": [jpeg_upload("arrival.jpg", 1, iptc=iptc)],
            "folder": [
                jpeg_upload("summit/table.jpg", 2),
                SimpleUploadedFile("summit/notes.txt", b"not a photo"),
                SimpleUploadedFile("summit/.DS_Store", b"\x00\x00\x00\x01Bud1"),
            ],
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('data-upload-result="imported"') == 2
    assert html.count('data-upload-result="failed"') == 1
    assert 'data-code="NOT_AN_IMAGE"' in html
    assert "This file is not an image" in html
    assert ".DS_Store" not in html

    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    assert [(p.asset.title, p.caption, p.credit) for p in draft.photos.all()] == [
        ("arrival", "The ministers arrive.", "NATO"),
        ("table", "", ""),
    ]
    assert draft.photos.first().asset.uploaded_by == photo_editor
    assert page.photos.count() == 0  # published when the editor publishes


def test_upload_without_a_file_is_a_form_error(client, photo_editor):
    page = gallery()
    client.force_login(photo_editor)
    response = client.post(f"/admin/photos/galleries/{page.pk}/upload/", {})
    assert response.status_code == 200
    assert "Choose at least one photo or a folder." in response.content.decode()


def test_others_may_not_upload_photos(client):
    page = gallery()
    producer = make_member(roles.VIDEO_PRODUCERS, "producer-photos@example.com")
    client.force_login(producer)
    response = client.post(
        f"/admin/photos/galleries/{page.pk}/upload/",
        {"files": [jpeg_upload("a.jpg", 3)]},
    )
    assert response.status_code in (302, 403)
    assert client.get("/admin/photos/upload/").status_code in (302, 403)
    assert not PhotoAsset.objects.filter(title="a").exists()


def test_the_library_upload_and_the_chooser(client, photo_editor):
    client.force_login(photo_editor)
    add = client.get("/admin/snippets/photos/photoasset/add/")
    assert add.status_code == 302 and add["Location"] == "/admin/photos/upload/"
    response = client.post(
        "/admin/photos/upload/",
        {"files": [jpeg_upload("Harbour_at_dawn.jpg", 4)]},
    )
    assert response.status_code == 200
    assert 'data-upload-result="imported"' in response.content.decode()
    chooser = client.get("/admin/snippets/choose/photos/photoasset/")
    assert chooser.status_code == 200
    assert "Harbour at dawn" in chooser.json()["html"]


def test_the_usage_report_names_each_gallery_and_language(client, photo_editor):
    asset = import_photo(
        SimpleUploadedFile("p.jpg", files.jpeg(files.picture(seed=5)))
    ).asset
    en = gallery("en", "usage-en")
    fr = gallery("fr", "usage-fr")
    for page, caption in ((en, "Signing"), (fr, "Signature")):
        page.photos = [GalleryPhoto(asset=asset, caption=caption)]
        page.save_revision().publish()
    unpublished = gallery("en", "usage-draft")
    draft = unpublished.get_latest_revision_as_object()
    draft.photos = [GalleryPhoto(asset=asset, caption="Later")]
    draft.save_revision()

    client.force_login(photo_editor)
    listing = client.get("/admin/snippets/photos/photoasset/")
    assert f"/admin/photos/files/{asset.pk}/usage/" in listing.content.decode()
    html = client.get(f"/admin/photos/files/{asset.pk}/usage/").content.decode()
    assert html.count("data-usage-row") == 3
    assert 'data-language="fr"' in html and "Signature" in html
    assert "In a draft only" in html and "Later" in html
    assert "Used in 3 galleries" in html


def test_keeping_gps_after_upload_makes_the_web_copy_again(client, photo_editor):
    data = files.jpeg(exif=files.exif_block(gps=(50.0, 4.0)))
    asset = import_photo(SimpleUploadedFile("gps.jpg", data)).asset
    first = asset.image_id
    client.force_login(photo_editor)
    response = client.post(
        f"/admin/snippets/photos/photoasset/edit/{asset.pk}/",
        {
            "title": asset.title,
            "caption": "",
            "credit": "",
            "copyright": "",
            "date_taken_0": "",
            "date_taken": "",
            "place": "",
            "keep_gps": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    asset.refresh_from_db()
    assert asset.keep_gps and asset.image_id != first
