"""The photos' demo content: a photo library page per language and two galleries
in both languages, their photos generated (``pictures.py``) with IPTC metadata
embedded, then imported the way an editor's upload is (``photos.importing``), so
the caption, credit, copyright, date and place come from the files. Called through
``PhotosConfig.load_demo_content``; idempotent."""

from __future__ import annotations

import datetime

from django.core.files import File
from django.utils import timezone

from cms.demo import LANGUAGES, DemoSite, cached_file
from newsroom.models import Person, PressReleasePage, Topic

from ..importing import import_photo
from ..models import (
    GalleryIndexPage,
    GalleryPage,
    GalleryPerson,
    GalleryPhoto,
    GalleryRelatedRelease,
    GalleryRelatedVideo,
    GalleryTopic,
    PhotoAsset,
)
from . import pictures
from .galleries import COPYRIGHT, CREDIT, GALLERIES

LIBRARY = {"en": ("photos", "Photos"), "fr": ("photos", "Photos")}
USAGE = {
    "en": "Free for editorial use with the credit line. No advertising.",
    "fr": "Libre pour un usage éditorial avec la mention de crédit. Pas de publicité.",
}


def load(site: DemoSite) -> None:
    libraries = site.add_translated_child(
        site.homes,
        GalleryIndexPage,
        lambda code: {"slug": LIBRARY[code][0], "title": LIBRARY[code][1]},
    )
    for number, gallery in enumerate(GALLERIES):
        if GalleryPage.objects.filter(slug=gallery["slug"]["en"]).exists():
            continue
        assets = [
            _asset(gallery, photo, 300 + number * 10 + index)
            for index, photo in enumerate(gallery["photos"])
        ]
        _pages(site, libraries, gallery, assets)


def _asset(gallery: dict, photo: dict, seed: int) -> PhotoAsset:
    date = datetime.date(*gallery["date"][:3])
    fields = {
        (2, 5): photo["file"].removesuffix(".jpg").replace("-", " ").capitalize(),
        (2, 120): photo["en"],
        (2, 110): CREDIT,
        (2, 116): COPYRIGHT,
        (2, 55): f"{date:%Y%m%d}",
        (2, 60): photo["time"],
        (2, 90): gallery["city"],
        (2, 101): gallery["country"],
    }

    def build(path):
        image = pictures.still(gallery["scene"], seed)
        path.write_bytes(pictures.iptc_jpeg(image, fields))

    key = (
        f"photos:{pictures.VERSION}:{gallery['scene']}:{seed}:{sorted(fields.items())}"
    )
    path = cached_file(key, ".jpg", build)
    with path.open("rb") as handle:
        return import_photo(File(handle, name=photo["file"])).asset


def _pages(site: DemoSite, libraries, gallery: dict, assets: list[PhotoAsset]) -> None:
    source = None
    date = timezone.make_aware(datetime.datetime(*gallery["date"]))
    for code in LANGUAGES:
        locale = site.locales[code]
        page = GalleryPage(
            locale=locale,
            date=date,
            slug=gallery["slug"][code],
            title=gallery["title"][code],
            summary=gallery["summary"][code],
            place=gallery["place"][code],
        )
        if source is not None:
            page.translation_key = source.translation_key
        page.gallery_people = [
            GalleryPerson(person=Person.objects.get(slug=slug, locale=locale))
            for slug in gallery["people"]
        ]
        page.gallery_topics = [
            GalleryTopic(topic=Topic.objects.get(slug=slug, locale=locale))
            for slug in gallery["topics"]
        ]
        release = PressReleasePage.objects.filter(
            slug=gallery["release"], locale=site.locales["en"]
        ).first()
        release = release and release.get_translation_or_none(locale)
        if release is not None:
            page.related_releases = [GalleryRelatedRelease(related=release)]
        video = _video(gallery["video"], site, locale)
        if video is not None:
            page.related_videos = [GalleryRelatedVideo(related=video)]
        rows = []
        for asset, photo in zip(assets, gallery["photos"], strict=True):
            # The English words come from the file (its IPTC), the French ones
            # are the translation.
            rows.append(
                GalleryPhoto(
                    asset=asset,
                    caption=asset.caption if code == "en" else photo[code],
                    credit=asset.credit,
                    copyright=asset.copyright,
                    usage_terms=USAGE[code],
                    locale=locale,
                )
            )
        page.photos = rows
        if source is not None:
            originals = list(source.photos.order_by("sort_order"))
            for row, original in zip(page.photos.all(), originals, strict=True):
                row.translation_key = original.translation_key
        page = site.publish(libraries[code].add_child(instance=page))
        source = source or page


def _video(slug: str, site: DemoSite, locale):
    """The related video page in this language (videos' demo loads before)."""
    from wagtail.models import Page

    english = Page.objects.filter(slug=slug, locale=site.locales["en"]).first()
    return english and english.get_translation_or_none(locale)
