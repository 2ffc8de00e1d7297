"""The photos' admin: the library of photo files (its chooser is what a gallery's
photo panel opens), the bulk upload, a photo's usage report."""

from collections.abc import Iterator

from django.db import models
from django.db.models import F, Value
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from cms.downloads import REGISTER_DOWNLOAD_SOURCES, DownloadSource, nothing
from cms.visibility import published
from search.registry import REGISTER_SEARCH_KINDS, SearchKind

from .importing import refresh_web_copy
from .models import GalleryPage, GalleryPhoto, PhotoAsset, PhotoDownload
from .models.graphql import GalleryPhotoType, expect_galleries
from .my_downloads import MyPhotoDownloadsQuery
from .schema import PhotosMutation, PhotosQuery, gallery_type
from .views import photo_usage, upload_photos, upload_to_gallery


class PhotoCreateView(CreateView):
    """A photo is made from a file by the importer: "Add" is the upload."""

    def dispatch(self, request, *args, **kwargs):
        return redirect("photos_upload")


class PhotoEditView(EditView):
    def save_instance(self):
        kept = (
            PhotoAsset.objects.filter(pk=self.object.pk)
            .values_list("keep_gps", flat=True)
            .first()
        )
        instance = super().save_instance()
        if kept is not None and kept != instance.keep_gps:
            # The public copy is made again, with or without the position.
            refresh_web_copy(instance)
        return instance


class PhotoAssetViewSet(SnippetViewSet):
    model = PhotoAsset
    icon = "image"
    menu_label = _("Photo files")
    menu_order = 260
    add_to_admin_menu = True
    add_view_class = PhotoCreateView
    edit_view_class = PhotoEditView
    list_display = ["title", "format", "credit", "date_taken", "created_at"]
    list_filter = ["format", "keep_gps"]
    search_fields = ["title", "caption", "credit", "original_filename"]
    ordering = ["-created_at"]


register_snippet(PhotoAssetViewSet)


@hooks.register("register_admin_urls")
def register_photo_urls():
    return [
        path("photos/upload/", upload_photos, name="photos_upload"),
        path(
            "photos/galleries/<int:page_id>/upload/",
            upload_to_gallery,
            name="photos_gallery_upload",
        ),
        path("photos/files/<int:pk>/usage/", photo_usage, name="photos_usage"),
    ]


@hooks.register("register_snippet_listing_buttons")
def photo_usage_button(snippet, user, next_url=None):
    if isinstance(snippet, PhotoAsset):
        yield ListingButton(
            _("Usage in galleries"),
            reverse("photos_usage", args=[snippet.pk]),
            icon_name="list-ul",
            priority=15,
        )


# --- GraphQL, search and the downloads report (photos/schema.py, cms/downloads.py) ---


@hooks.register("register_schema_query")
def register_photos_query(query_mixins: list) -> None:
    query_mixins.insert(0, PhotosQuery)
    query_mixins.append(MyPhotoDownloadsQuery)


@hooks.register("register_schema_mutation")
def register_photos_mutation(mutation_mixins: list) -> None:
    mutation_mixins.insert(0, PhotosMutation)


def _photo_download_columns() -> dict:
    """A photo download in the report's columns (cms/downloads.py)."""
    return {
        "kind": Value("photo"),
        "title": F("gallery_title"),
        "item": F("caption"),
        "detail": F("form"),
        "precision": Value(""),
        "start": nothing(models.FloatField()),
        "end": nothing(models.FloatField()),
        "filename": F("filename"),
        "size_bytes": F("size_bytes"),
    }


@hooks.register(REGISTER_DOWNLOAD_SOURCES)
def register_photo_downloads() -> list[DownloadSource]:
    return [
        DownloadSource(
            model=PhotoDownload,
            kinds=[("photo", _("Photo"))],
            columns=_photo_download_columns,
        )
    ]


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
            # Narrowed by its gallery's topics and people.
            topics_relation=("page__gallery_topics", "topic"),
            people_relation=("page__gallery_people", "person"),
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
