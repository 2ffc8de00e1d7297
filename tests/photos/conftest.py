"""Galleries and photos made by the tests: small generated pictures, stored as
an upload would store them (the original in the private photo storage, the web
copy a Wagtail image), published in English or French."""

from __future__ import annotations

import datetime
import io
import itertools

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Locale

from home.models import HomePage
from photos.models import (
    GalleryIndexPage,
    GalleryPage,
    GalleryPerson,
    GalleryPhoto,
    GalleryTopic,
    PhotoAsset,
)

_numbers = itertools.count(1)


def picture(size=(800, 600), format="JPEG", color=(40, 90, 160)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format)
    return buffer.getvalue()


def make_asset(
    title: str = "Photo",
    size=(800, 600),
    format: str = "JPEG",
    *,
    full_size: bool = False,
    date_taken=None,
    place: str = "Pristina",
) -> PhotoAsset:
    """A photo file as the importer leaves it: the original (private), a web
    copy (a Wagtail image) and, for TIFF/HEIC, a full-size JPEG."""
    number = next(_numbers)
    extension = {"JPEG": "jpg", "TIFF": "tif", "PNG": "png"}[format]
    original = picture(size, format)
    web = picture(size, "JPEG")
    image = get_image_model()(title=title)
    image.file = ImageFile(io.BytesIO(web), name=f"web-{number}.jpg")
    image.save()
    asset = PhotoAsset(
        title=title,
        original_filename=f"{slugify(title) or 'photo'}-{number}.{extension}",
        image=image,
        width=size[0],
        height=size[1],
        format=format,
        size_bytes=len(original),
        date_taken=date_taken,
        place=place,
    )
    asset.original.save(asset.original_filename, ContentFile(original), save=False)
    if full_size:
        asset.full_size.save(f"full-{number}.jpg", ContentFile(web), save=False)
    asset.save()
    return asset


def gallery_index(language: str = "en") -> GalleryIndexPage:
    """The photo library of a language: the default language's, translated (so
    that its galleries can be translated too)."""
    locale = Locale.objects.get(language_code=language)
    default = Locale.get_default()
    index = GalleryIndexPage.objects.filter(locale=default).first()
    if index is None:
        home = HomePage.objects.get(locale=default)
        index = home.add_child(
            instance=GalleryIndexPage(title="Photos", slug="photos", locale=default)
        )
        index.save_revision().publish()
    if locale == default:
        return index
    translated = (
        GalleryIndexPage.objects.filter(
            locale=locale, translation_key=index.translation_key
        ).first()
        or GalleryIndexPage.objects.filter(locale=locale).first()
    )
    if translated is None:
        translated = index.copy_for_translation(locale)
        translated.save_revision().publish()
    return translated


def make_gallery(
    title: str,
    assets: list[PhotoAsset] = (),
    *,
    language: str = "en",
    date: datetime.datetime | None = None,
    embargoed_until: datetime.datetime | None = None,
    people=(),
    topics=(),
    captions: list[str] | None = None,
    publish: bool = True,
) -> GalleryPage:
    index = gallery_index(language)
    page = GalleryPage(
        title=title,
        slug=slugify(title),
        date=date or timezone.now() - datetime.timedelta(days=1),
        place="Pristina",
        summary=f"Summary of {title}.",
        embargoed_until=embargoed_until,
    )
    for n, asset in enumerate(assets):
        caption = captions[n] if captions else f"{title}, photo {n + 1}"
        page.photos.add(
            GalleryPhoto(
                asset=asset,
                caption=caption,
                credit="NATO",
                copyright="© NATO",
                usage_terms="Editorial use only.",
                restrictions="No cropping.",
            )
        )
    for person in people:
        page.gallery_people.add(GalleryPerson(person=person))
    for topic in topics:
        page.gallery_topics.add(GalleryTopic(topic=topic))
    index.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def journalist(db):
    return get_user_model().objects.create_user(
        "photographer@example.com", "Long-Enough-Pass-2026!"
    )


@pytest.fixture
def signed_in(client, journalist):
    client.force_login(journalist)
    return journalist
