"""The photos' kinds of basket item (basket/registry.py): one photo of a gallery
(PHOTO: the GalleryPhoto id requestPhotoDownload takes) and every photo of a
gallery (GALLERY: the gallery page's id). Registered by ``PhotosConfig.ready``.
What the user may take is decided as for requestPhotoDownload: photos of
galleries they may see (published, public, not under an embargo they may not
read); each file is the original, or its full-size JPEG for TIFF and HEIC. A zip
built is logged in the photo downloads report, a row per photo."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from basket.registry import (
    ITEM_NOT_FOUND,
    BasketFile,
    BasketKind,
    FileCredits,
    ItemRef,
    Refused,
    Resolved,
)
from cms.public_urls import page_url
from cms.visibility import published
from embargo.readers import reading_as

from .downloads import download_file
from .models import GalleryPage, GalleryPhoto, PhotoDownload, photo_storage

PHOTO = "PHOTO"
GALLERY = "GALLERY"


def _ids(refs: Sequence[ItemRef]) -> set[int]:
    return {int(ref.id) for ref in refs if ref.id.isdigit() and len(ref.id) < 19}


def _visible_galleries(user, ids: set[int]) -> dict[int, GalleryPage]:
    if not ids:
        return {}
    with reading_as(user=user):
        galleries = published(GalleryPage.objects.filter(pk__in=ids))
        return {gallery.pk: gallery for gallery in galleries.select_related("locale")}


def _photos(**filters) -> list[GalleryPhoto]:
    return list(
        GalleryPhoto.objects.filter(**filters)
        .select_related("asset", "page", "locale")
        .order_by("page_id", "sort_order", "pk")
    )


def _credits(user, photo: GalleryPhoto, language: str) -> FileCredits:
    """The photo's words in ``language``: its gallery's translation there if the
    user may see it, else its own."""
    shown = photo
    if photo.locale.language_code != language:
        with reading_as(user=user):
            galleries = published(
                GalleryPage.objects.filter(locale__language_code=language)
            )
            shown = (
                GalleryPhoto.objects.filter(
                    translation_key=photo.translation_key,
                    page__in=galleries.values("pk"),
                )
                .select_related("page", "asset")
                .first()
                or photo
            )
    asset, gallery = shown.asset, shown.page
    taken = asset.date_taken or gallery.date
    return FileCredits(
        title=gallery.title,
        caption=shown.caption,
        credit=shown.credit or shown.copyright,
        date=date_format(timezone.localtime(taken), "DATE_FORMAT"),
        place=asset.place or gallery.place,
        usage_terms=shown.usage_terms,
        restrictions=shown.restrictions,
        url=page_url(gallery) or "",
    )


def _file(user, photo: GalleryPhoto) -> BasketFile:
    """The photo as requestPhotoDownload gives it, named after its gallery."""
    stored, filename, _type, _form = download_file(photo)
    return BasketFile(
        name=filename,
        size_bytes=photo.asset.size_bytes or 0
        if stored == photo.asset.original.name
        else photo.asset.full_size.size,
        open=partial(photo_storage().open, stored, "rb"),
        credits=partial(_credits, user, photo),
    )


def _not_found(message: str) -> Refused:
    return Refused(ITEM_NOT_FOUND, message)


def _log(user, photos: list[GalleryPhoto]) -> None:
    """A line per photo zipped, as a link issued (the basket's zip is served and
    logged by the basket)."""
    rows = []
    for photo in photos:
        stored, filename, _type, form = download_file(photo)
        rows.append(
            PhotoDownload(
                user=user,
                photo=photo,
                asset=photo.asset,
                gallery=photo.page,
                gallery_title=photo.page.title[:255],
                caption=(photo.caption or photo.asset.title)[:255],
                language=photo.locale.language_code,
                form=form,
                filename=f"basket: {filename}"[:255],
                size_bytes=photo.asset.size_bytes,
            )
        )
    PhotoDownload.objects.bulk_create(rows)


class PhotoKind(BasketKind):
    name = PHOTO
    description = "one photo of a gallery: its id (GalleryPhoto.id)"

    def _found(self, user, refs: Sequence[ItemRef]) -> dict[int, GalleryPhoto]:
        photos = _photos(pk__in=_ids(refs))
        shown = _visible_galleries(user, {photo.page_id for photo in photos})
        return {photo.pk: photo for photo in photos if photo.page_id in shown}

    def resolve(self, user, refs: Sequence[ItemRef]) -> dict:
        found = self._found(user, refs)
        answers = {}
        for ref in refs:
            photo = found.get(int(ref.id)) if ref.id.isdigit() else None
            if photo is None:
                answers[ref] = _not_found(
                    _("There is no published photo with this id.")
                )
                continue
            answers[ref] = Resolved(
                title=photo.caption[:80] or photo.page.title,
                files=[_file(user, photo)],
            )
        return answers

    def packed(self, user, refs: Sequence[ItemRef]) -> None:
        _log(user, list(self._found(user, refs).values()))


class GalleryKind(BasketKind):
    name = GALLERY
    description = "every photo of a gallery: the gallery page's id"

    def _found(self, user, refs: Sequence[ItemRef]) -> dict[int, list[GalleryPhoto]]:
        galleries = _visible_galleries(user, _ids(refs))
        found: dict[int, list[GalleryPhoto]] = {pk: [] for pk in galleries}
        for photo in _photos(page_id__in=galleries):
            found[photo.page_id].append(photo)
        return found

    def resolve(self, user, refs: Sequence[ItemRef]) -> dict:
        found = self._found(user, refs)
        answers = {}
        for ref in refs:
            photos = found.get(int(ref.id)) if ref.id.isdigit() else None
            if not photos:
                answers[ref] = _not_found(
                    _("There is no published gallery with photos with this id.")
                )
                continue
            gallery = photos[0].page
            answers[ref] = Resolved(
                title=gallery.title,
                files=[_file(user, photo) for photo in photos],
            )
        return answers

    def packed(self, user, refs: Sequence[ItemRef]) -> None:
        _log(
            user,
            [photo for photos in self._found(user, refs).values() for photo in photos],
        )
