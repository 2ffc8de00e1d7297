"""A journalist's own photo downloads (``myPhotoDownloads``), beside their video
downloads (``myDownloads``): what they took, and a new link to it while it may
still be had.

A photo can be fetched again for VIDEO_MY_DOWNLOADS_DAYS (30) after it was
asked for, while a gallery the reader may see still shows it (published, not
under an embargo they may not read) and its file is still there. A new link is
as short-lived as the first and names the same log row, so what it serves is
logged against the original download; no new row is written."""

from __future__ import annotations

import datetime
from typing import Any

import graphene
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.graphql.errors import InvalidArgument
from cms.graphql.request_state import mark_private

from . import downloads
from .models import GalleryPhoto, PhotoDownload, photo_storage
from .models.graphql import GalleryPhotoType
from .schema import PhotoDownloadForm, PhotoDownloadType

MAX_LIMIT = 100


def retention() -> datetime.timedelta:
    return datetime.timedelta(days=settings.VIDEO_MY_DOWNLOADS_DAYS)


class MyPhotoDownloadType(graphene.ObjectType):
    class Meta:
        name = "MyPhotoDownload"

    id = graphene.ID(required=True)
    requested_at = graphene.DateTime(required=True)
    gallery_title = graphene.String(
        required=True, description="The gallery's title when it was downloaded."
    )
    caption = graphene.String(required=True)
    filename = graphene.String(required=True)
    form = graphene.Field(PhotoDownloadForm, required=True)
    photo = graphene.Field(
        GalleryPhotoType,
        description="The photo; null once no gallery the reader may see shows it.",
    )
    available_until = graphene.DateTime(required=True)
    available = graphene.Boolean(
        required=True,
        description="Whether a new link can be given now (within availableUntil, "
        "the photo still shown, its file still there).",
    )
    download = graphene.Field(
        PhotoDownloadType,
        description="A new short-lived link; null when not available.",
    )

    @staticmethod
    def resolve_requested_at(row: PhotoDownload, info: Any) -> datetime.datetime:
        return row.created_at

    @staticmethod
    def resolve_form(row: PhotoDownload, info: Any) -> str:
        return row.form

    @staticmethod
    def resolve_photo(row: PhotoDownload, info: Any) -> GalleryPhoto | None:
        return row.live_photo

    @staticmethod
    def resolve_available_until(row: PhotoDownload, info: Any) -> datetime.datetime:
        return row.created_at + retention()

    @staticmethod
    def resolve_available(row: PhotoDownload, info: Any) -> bool:
        return _again(row) is not None

    @staticmethod
    def resolve_download(row: PhotoDownload, info: Any) -> downloads.PhotoLink | None:
        return _again(row)


def _again(row: PhotoDownload) -> downloads.PhotoLink | None:
    """A new link to what ``row`` gave, or None when it may not be had."""
    if hasattr(row, "_again"):
        return row._again
    row._again = None
    photo = row.live_photo
    if photo is None or timezone.now() >= row.created_at + retention():
        return None
    name, filename, content_type, form = downloads.download_file(photo)
    try:
        if not photo_storage().exists(name):
            return None
        url, expires_at = downloads.signed_url(name, filename, content_type, row.pk)
    except downloads.STORAGE_ERRORS as error:
        raise downloads.PhotoDownloadError(
            downloads.STORAGE_UNAVAILABLE,
            _("The photo storage cannot be reached. Try again later."),
        ) from error
    row._again = downloads.PhotoLink(
        url=url,
        expires_at=expires_at,
        filename=filename,
        size_bytes=row.size_bytes,
        form=form,
        content_type=content_type,
        photo=photo,
        log=row,
    )
    return row._again


class MyPhotoDownloadsQuery:
    my_photo_downloads = graphene.List(
        graphene.NonNull(MyPhotoDownloadType),
        required=True,
        limit=graphene.Int(default_value=20, description=f"At most {MAX_LIMIT}."),
        description="The signed-in user's photo downloads of the last "
        "VIDEO_MY_DOWNLOADS_DAYS days, newest first (NOT_AUTHENTICATED when "
        "signed out). Their video downloads: myDownloads.",
    )

    @staticmethod
    def resolve_my_photo_downloads(
        root: Any, info: graphene.ResolveInfo, limit: int = 20
    ) -> list[PhotoDownload]:
        request = info.context
        mark_private(request)
        user = request.user
        if not user.is_authenticated:
            raise downloads.PhotoDownloadError(
                downloads.NOT_AUTHENTICATED, _("Sign in to see your downloads.")
            )
        if not 1 <= limit <= MAX_LIMIT:
            raise InvalidArgument(
                _("limit must be between 1 and %(max)d.") % {"max": MAX_LIMIT},
                argument="limit",
            )
        rows = list(
            PhotoDownload.objects.filter(
                user=user, created_at__gte=timezone.now() - retention()
            ).order_by("-created_at", "-pk")[:limit]
        )
        shown = {
            photo.pk: photo
            for photo in downloads.visible_photos()
            .filter(pk__in={row.photo_id for row in rows if row.photo_id})
            .select_related("asset", "asset__image", "page", "locale")
        }
        for row in rows:
            row.live_photo = shown.get(row.photo_id)
        return rows
