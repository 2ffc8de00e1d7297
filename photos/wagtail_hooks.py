"""The photos' admin: the photo library of files (with its chooser, used by a
gallery's photo panel)."""

from collections.abc import Iterator

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.visibility import published
from search.registry import REGISTER_SEARCH_KINDS, SearchKind

from .models import GalleryPage, GalleryPhoto, PhotoAsset
from .models.graphql import GalleryPhotoType, expect_galleries
from .reports import PhotoDownloadReportView, photo_download_report_menu_item
from .schema import PhotosMutation, PhotosQuery, gallery_type


class PhotoAssetViewSet(SnippetViewSet):
    model = PhotoAsset
    icon = "image"
    menu_label = _("Photo files")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["title", "format", "date_taken", "created_at"]
    search_fields = ["title", "caption", "credit", "original_filename"]


register_snippet(PhotoAssetViewSet)


# --- GraphQL, search and the downloads report (photos/schema.py, downloads.py) --------


@hooks.register("register_schema_query")
def register_photos_query(query_mixins: list) -> None:
    query_mixins.insert(0, PhotosQuery)


@hooks.register("register_schema_mutation")
def register_photos_mutation(mutation_mixins: list) -> None:
    mutation_mixins.insert(0, PhotosMutation)


@hooks.register("register_admin_urls")
def register_photo_download_report_urls():
    return [
        path(
            "reports/photo-downloads/",
            PhotoDownloadReportView.as_view(),
            name="photo_downloads_report",
        ),
        path(
            "reports/photo-downloads/results/",
            PhotoDownloadReportView.as_view(results_only=True),
            name="photo_downloads_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_photo_download_report_menu_item():
    return photo_download_report_menu_item()


def _gallery_texts(gallery: GalleryPage) -> Iterator[str]:
    """What a gallery hit's snippet is cut from: its summary and place, then its
    photos' captions and credits (indexed by ``GalleryPage.search_fields``)."""
    yield gallery.summary
    yield gallery.place
    for photo in gallery.photos.all():
        yield photo.caption
        yield photo.credit


def _photo_texts(photo: GalleryPhoto) -> Iterator[str]:
    yield photo.caption
    yield photo.credit
    yield photo.copyright


def _prepare_photos(photos: list[GalleryPhoto]) -> None:
    """Photo hits: their galleries' fields batch like a list's."""
    expect_galleries(list({photo.page_id: photo.page for photo in photos}.values()))


@hooks.register(REGISTER_SEARCH_KINDS, order=15)
def search_photos() -> list[SearchKind]:
    return [
        SearchKind(
            name="gallery",
            model_label="photos.GalleryPage",
            graphql_type=gallery_type,
            texts=_gallery_texts,
            date_field="date",
            topics_relation=("gallery_topics", "topic"),
            people_relation=("gallery_people", "person"),
            prepare=expect_galleries,
            select_related=("locale",),
            prefetch_related=("photos",),
        ),
        SearchKind(
            name="photo",
            model_label="photos.GalleryPhoto",
            graphql_type=lambda: GalleryPhotoType,
            texts=_photo_texts,
            title_field="caption",
            # Found only while its gallery may be seen (embargo included).
            page_relation="page",
            prepare=_prepare_photos,
            select_related=("locale", "page", "asset", "asset__image"),
            prefetch_related=("asset__image__renditions",),
            suggest=False,
        ),
    ]


@hooks.register("filter_visible_images")
def hide_unshown_photos(images):
    """``image``/``images`` list a photo's web copy only once a gallery the
    reader may see shows it: not before its gallery is published, nor under an
    embargo they may not read (cms/visibility.py)."""
    shown = GalleryPhoto.objects.filter(
        page__in=published(GalleryPage.objects.all()).values("pk")
    ).values("asset_id")
    hidden = PhotoAsset.objects.exclude(pk__in=shown).filter(image__isnull=False)
    return images.exclude(pk__in=hidden.values("image_id"))
