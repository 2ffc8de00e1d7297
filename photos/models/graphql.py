"""The fields of a gallery beyond the linked-page kit's: its photos, with their
words in the gallery's language, the file's metadata and the public web copy's
``srcSet``, and its related videos.

Their types, the loaders that batch them over a list of galleries
(``expect_galleries``), and the resolvers ``GalleryPage`` calls (pages.py). Next
to the models, as videos/models/graphql.py, so that a field can be followed from
the model to its SQL."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import graphene
from django.apps import apps
from django.conf import settings
from grapple.registry import registry
from grapple.types.interfaces import get_page_interface
from wagtail.models import Page

from cms.graphql.loaders import ListLoader
from cms.graphql.pages import published
from cms.public_urls import media_item_url
from newsroom.linked.loaders import expect_linked

if TYPE_CHECKING:
    from wagtail.images.models import AbstractImage

    from .pages import GalleryPage, GalleryPhoto


def image_type() -> type[graphene.ObjectType]:
    # grapple's image type module builds Django types: not while models load.
    from grapple.types.images import get_image_type

    return get_image_type()


def gallery_type() -> type[graphene.ObjectType]:
    return registry.pages[apps.get_model("photos", "GalleryPage")]


def related_videos_type() -> Any:
    """Related video pages, as grapple's page interface (no import of videos)."""
    return get_page_interface()


ImageFormat = graphene.Enum(
    "ImageFormat",
    [("ORIGINAL", "original")]
    + [(kind.upper(), kind) for kind in settings.IMAGE_SRCSET_FORMATS],
    description="The format of a srcSet's files: the web copy's own (JPEG or "
    "PNG), WebP, or AVIF where the server's imaging library writes it.",
)


class GalleryPhotoType(graphene.ObjectType):
    """A photo as a gallery shows it: its words in the gallery's language, what
    its file says, and the public web copy (upright, without GPS unless the
    editor kept it). The original is downloaded with requestPhotoDownload."""

    class Meta:
        name = "GalleryPhoto"

    id = graphene.ID(
        required=True,
        description="This photo in this gallery and language: what "
        "requestPhotoDownload takes.",
    )
    caption = graphene.String(required=True)
    credit = graphene.String(required=True)
    copyright = graphene.String(required=True)
    usage_terms = graphene.String(required=True)
    restrictions = graphene.String(required=True)
    date_taken = graphene.DateTime(description="As the file says, if it does.")
    place = graphene.String(required=True)
    width = graphene.Int(description="Of the original, upright, in pixels.")
    height = graphene.Int()
    format = graphene.String(
        required=True, description="The original's: JPEG, PNG, WEBP, TIFF, HEIF."
    )
    size_bytes = graphene.Float(description="The original file's size.")
    download_format = graphene.String(
        required=True,
        description="What requestPhotoDownload gives: ORIGINAL (the file as "
        "uploaded) or JPEG (a full-size JPEG, for TIFF and HEIC originals).",
    )
    image = graphene.Field(
        image_type, description="The public web copy (for renditions)."
    )
    src_set = graphene.String(
        required=True,
        format=graphene.Argument(ImageFormat, default_value="original"),
        description="The web copy at every allowed width up to its own "
        "(IMAGE_SRCSET_WIDTHS), for an <img srcset>.",
    )
    alt = graphene.String(required=True, description="The caption, or the title.")
    gallery = graphene.Field(
        gallery_type, required=True, description="The gallery it is shown in."
    )

    @staticmethod
    def resolve_date_taken(photo: GalleryPhoto, info: Any) -> Any:
        return photo.asset.date_taken

    @staticmethod
    def resolve_place(photo: GalleryPhoto, info: Any) -> str:
        return photo.asset.place

    @staticmethod
    def resolve_width(photo: GalleryPhoto, info: Any) -> int | None:
        return photo.asset.width

    @staticmethod
    def resolve_height(photo: GalleryPhoto, info: Any) -> int | None:
        return photo.asset.height

    @staticmethod
    def resolve_format(photo: GalleryPhoto, info: Any) -> str:
        return photo.asset.format

    @staticmethod
    def resolve_size_bytes(photo: GalleryPhoto, info: Any) -> int | None:
        return photo.asset.size_bytes

    @staticmethod
    def resolve_download_format(photo: GalleryPhoto, info: Any) -> str:
        return "JPEG" if photo.asset.full_size else "ORIGINAL"

    @staticmethod
    def resolve_image(photo: GalleryPhoto, info: Any) -> AbstractImage | None:
        return photo.asset.image

    @staticmethod
    def resolve_src_set(
        photo: GalleryPhoto, info: Any, format: str = "original"
    ) -> str:
        return src_set(photo.asset.image, getattr(format, "value", format))

    @staticmethod
    def resolve_alt(photo: GalleryPhoto, info: Any) -> str:
        return photo.caption or photo.asset.title

    @staticmethod
    def resolve_gallery(photo: GalleryPhoto, info: Any) -> GalleryPage:
        return photo.page


def src_set(image: AbstractImage | None, format: str = "original") -> str:
    """``url 320w, url 640w, …`` over the allowed widths up to the image's own
    (a web copy is never scaled up), at least the smallest."""
    if image is None:
        return ""
    widths = [w for w in settings.IMAGE_SRCSET_WIDTHS if w <= image.width]
    widths = widths or settings.IMAGE_SRCSET_WIDTHS[:1]
    suffix = "" if format == "original" else f"|format-{format}"
    renditions = image.get_renditions(*(f"width-{w}{suffix}" for w in widths))
    return ", ".join(
        f"{media_item_url(rendition)} {rendition.width}w"
        for rendition in renditions.values()
    )


# --- Loaders -------------------------------------------------------------------------


class GalleryPhotosLoader(ListLoader):
    """gallery page id -> its photos in order, with their files, web copies and
    the web copies' renditions: two queries for a whole list of galleries."""

    @classmethod
    def load_batch(cls, keys: list) -> dict:
        found: dict = {}
        photos = (
            apps.get_model("photos", "GalleryPhoto")
            .objects.filter(page_id__in=keys)
            .select_related("asset", "asset__image")
            .prefetch_related("asset__image__renditions")
            .order_by("sort_order", "pk")
        )
        for photo in photos:
            found.setdefault(photo.page_id, []).append(photo)
        return found


class RelatedVideosLoader(ListLoader):
    """(page id, locale id) -> the published related video pages, each in the
    gallery's language (as linked, while it has no variant in it)."""

    @classmethod
    def load_batch(cls, keys: list) -> dict:
        locale_of = dict(keys)
        links = list(
            apps.get_model("photos", "GalleryRelatedVideo")
            .objects.filter(page_id__in=locale_of)
            .select_related("related")
            .order_by("sort_order", "pk")
        )
        pages = published(
            Page.objects.filter(
                translation_key__in={link.related.translation_key for link in links}
            )
        ).specific()
        by_variant = {(p.translation_key, p.locale_id): p for p in pages}
        found: dict = {}
        for link in links:
            key, locale_id = link.related.translation_key, locale_of[link.page_id]
            page = by_variant.get((key, locale_id)) or by_variant.get(
                (key, link.related.locale_id)
            )
            if page is not None:
                found.setdefault((link.page_id, locale_id), []).append(page)
        expect_linked(list(by_variant.values()))
        return found


def expect_galleries(galleries: list[GalleryPage]) -> None:
    """Tell the loaders which galleries a list is about to resolve: their links,
    translations and tree (expect_linked), photos and related videos."""
    expect_linked(galleries)
    GalleryPhotosLoader.expect([g.pk for g in galleries])
    RelatedVideosLoader.expect([(g.pk, g.locale_id) for g in galleries])


# --- Field resolvers (called by GalleryPage's graphql_* methods) -------------------


def _is_preview(gallery: GalleryPage) -> bool:
    return getattr(gallery, "is_preview", False)


def resolve_photos(gallery: GalleryPage) -> list[GalleryPhoto]:
    if _is_preview(gallery):  # the editor's unsaved state, in memory
        return [photo for photo in gallery.photos.all() if photo.asset_id]
    photos = GalleryPhotosLoader.load(gallery.pk)
    for photo in photos:
        photo.page = gallery  # the gallery at hand: no query for photo { gallery }
    return photos


def resolve_cover(gallery: GalleryPage) -> GalleryPhoto | None:
    photos = resolve_photos(gallery)
    return photos[0] if photos else None


def resolve_related_videos(gallery: GalleryPage) -> list[Page]:
    if _is_preview(gallery):
        pages = [link.related for link in gallery.related_videos.all()]
        shown = published(Page.objects.filter(pk__in=[p.pk for p in pages]))
        return [page.specific for page in pages if page in shown]
    return RelatedVideosLoader.load((gallery.pk, gallery.locale_id))
