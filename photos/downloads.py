"""High-resolution photo downloads: the original as uploaded (or a full-size
JPEG of it, for the formats browsers cannot show: TIFF, HEIC), through a
short-lived attachment link, to signed-in users only, and only of photos of
galleries the reader may see (published, public, not under an embargo they may
not read). Every link issued is logged (``PhotoDownload``); where this server
serves the file (local disk), every response too (``PhotoDownloadServed``,
through cms/serving.py). On S3 the link is presigned and S3 serves it.

Originals never get a public URL: they live in ``STORAGES["photos"]`` (outside
MEDIA_ROOT on disk, a private prefix on S3)."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from pathlib import Path

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core import signing
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale

from cms.graphql.errors import ApiError
from cms.graphql.pages import published
from cms.public_urls import cms_url
from cms.serving import ServedLog, is_s3, presigned_attachment, serve_stored

from .models import (
    GalleryPage,
    GalleryPhoto,
    PhotoDownload,
    PhotoDownloadServed,
    photo_storage,
)

logger = logging.getLogger(__name__)

SIGNING_SALT = "photos.download"
STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)

NOT_AUTHENTICATED = "NOT_AUTHENTICATED"
PHOTO_NOT_FOUND = "PHOTO_NOT_FOUND"
STORAGE_UNAVAILABLE = "STORAGE_UNAVAILABLE"

CONTENT_TYPES = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "WEBP": "image/webp",
    "TIFF": "image/tiff",
    "HEIF": "image/heic",
}


class PhotoDownloadError(ApiError):
    def __init__(self, code: str, message: str, **extensions):
        self.code = code
        super().__init__(message, **extensions)


@dataclass
class PhotoLink:
    url: str
    expires_at: datetime.datetime
    filename: str
    size_bytes: int | None
    form: str  # PhotoDownload.Form
    content_type: str
    photo: GalleryPhoto
    log: PhotoDownload


def visible_photos(locale: Locale | None = None):
    """Photos of the galleries the current reader may see."""
    photos = GalleryPhoto.objects.filter(
        page__in=published(GalleryPage.objects.all()).values("pk")
    )
    return photos.filter(locale=locale) if locale is not None else photos


def find_photo(photo_id, locale: Locale | None = None) -> GalleryPhoto:
    """The photo by id (in ``locale``'s variant of its gallery, if given). One
    this reader may not see is not there: the same answer as an unknown id."""
    pk = int(str(photo_id)) if str(photo_id).isdigit() else None
    photo = None
    if pk is not None and pk < 2**63:
        photo = GalleryPhoto.objects.filter(pk=pk).select_related("locale").first()
    if photo is not None and locale is not None and photo.locale_id != locale.pk:
        photo = (
            visible_photos(locale).filter(translation_key=photo.translation_key).first()
        )
    elif photo is not None:
        photo = visible_photos().filter(pk=photo.pk).first()
    if photo is None:
        raise PhotoDownloadError(
            PHOTO_NOT_FOUND, _("There is no published photo with this id.")
        )
    return (
        GalleryPhoto.objects.select_related("asset", "page", "locale")
        .filter(pk=photo.pk)
        .get()
    )


def download_file(photo: GalleryPhoto) -> tuple[str, str, str, int | None]:
    """(stored name, attachment name, content type, form): the full-size JPEG
    where the importer made one (TIFF, HEIC), else the original."""
    asset = photo.asset
    stem = slugify(Path(asset.original_filename or asset.original.name).stem)
    stem = f"{photo.page.slug}-{stem or asset.pk}"[:150]
    if asset.full_size:
        return (
            asset.full_size.name,
            f"{stem}.jpg",
            "image/jpeg",
            PhotoDownload.Form.JPEG,
        )
    extension = Path(asset.original.name).suffix.lower() or ".bin"
    content_type = CONTENT_TYPES.get(asset.format.upper(), "application/octet-stream")
    return (
        asset.original.name,
        f"{stem}{extension}",
        content_type,
        PhotoDownload.Form.ORIGINAL,
    )


def request_download(request, photo_id, locale: Locale | None = None) -> PhotoLink:
    """Check what is asked, log it and answer with a link. Input errors raise
    coded errors; nothing is logged then."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        raise PhotoDownloadError(
            NOT_AUTHENTICATED, _("Sign in to download photos."), status=401
        )
    photo = find_photo(photo_id, locale)
    name, filename, content_type, form = download_file(photo)
    storage = photo_storage()
    try:
        if not storage.exists(name):
            raise FileNotFoundError(name)
        size = storage.size(name)
    except STORAGE_ERRORS as error:
        logger.exception("Could not find the photo file %s", name)
        raise PhotoDownloadError(
            STORAGE_UNAVAILABLE,
            _("The photo storage cannot be reached. Try again later."),
        ) from error
    log = PhotoDownload.objects.create(
        user=user,
        photo=photo,
        asset=photo.asset,
        gallery=photo.page,
        gallery_title=photo.page.title[:255],
        caption=(photo.caption or photo.asset.title)[:255],
        language=photo.locale.language_code,
        form=form,
        filename=filename,
        size_bytes=size,
    )
    url, expires_at = signed_url(name, filename, content_type, log.pk)
    return PhotoLink(
        url=url,
        expires_at=expires_at,
        filename=filename,
        size_bytes=size,
        form=form,
        content_type=content_type,
        photo=photo,
        log=log,
    )


def signed_url(
    name: str, filename: str, content_type: str, log_id: int | None = None
) -> tuple[str, datetime.datetime]:
    """A link that downloads ``name`` as ``filename`` for
    VIDEO_DOWNLOAD_URL_SECONDS (the same lifetime as video links): presigned on
    S3, else a signed link to this server naming the log row of its issue."""
    seconds = settings.VIDEO_DOWNLOAD_URL_SECONDS
    expires_at = timezone.now() + datetime.timedelta(seconds=seconds)
    storage = photo_storage()
    if is_s3(storage):
        url = presigned_attachment(storage, name, filename, content_type, seconds)
        return url, expires_at
    data = {"n": name, "f": filename, "t": content_type, "d": log_id}
    token = signing.dumps(data, salt=SIGNING_SALT, compress=True)
    return cms_url(reverse("photo-download", kwargs={"token": token})), expires_at


def serve_signed(request, token: str):
    """The local-disk counterpart of a presigned URL: resumable (``Range``,
    ``If-Range``, ``HEAD``), every response logged (cms/serving.py)."""
    try:
        data = signing.loads(
            token, salt=SIGNING_SALT, max_age=settings.VIDEO_DOWNLOAD_URL_SECONDS
        )
    except signing.BadSignature:
        raise Http404(_("This download link is invalid or has expired.")) from None
    return serve_stored(
        request,
        photo_storage(),
        data["n"],
        filename=Path(data["f"]).name,
        content_type=data.get("t", "application/octet-stream"),
        log=ServedLog(PhotoDownloadServed, data.get("d")),
    )
