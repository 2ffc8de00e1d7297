"""A file becomes a ``PhotoAsset``: checked (size, format, pixels, a complete
image), its metadata read, its copies made, then stored — or nothing stored at
all. A batch of files becomes photos of a gallery's latest draft, in one new
revision, with a result per file."""

from __future__ import annotations

import hashlib
import logging
import shutil
import tempfile
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import get_valid_filename
from PIL import Image, UnidentifiedImageError

from ..models import GalleryPage, GalleryPhoto, PhotoAsset
from . import copies, errors, metadata
from .errors import PhotoImportError

logger = logging.getLogger(__name__)

try:  # HEIC/HEIF (iPhones) through libheif; without it such files are refused
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover - pinned in requirements.txt
    pass

ACCEPTED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "TIFF", "HEIF"}
CHUNK = 1024 * 1024


@dataclass
class ImportResult:
    """What became of one file."""

    filename: str
    asset: PhotoAsset | None = None
    error: PhotoImportError | None = None
    warnings: list[str] = field(default_factory=list)
    # The same bytes were uploaded before: that photo is reused.
    duplicate: bool = False
    # Already in this gallery: not added twice.
    already_in_gallery: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def code(self) -> str | None:
        return self.error.code if self.error else None


def safe_filename(name: str) -> str:
    name = Path(str(name).replace("\\", "/")).name
    stem, suffix = Path(name).stem, Path(name).suffix.lower()[:6]
    stem = get_valid_filename(stem)[:80] or "photo"
    return f"{stem}{suffix}"


def _title_from(filename: str) -> str:
    return Path(filename).stem.replace("_", " ").replace("-", " ").strip()[:255]


def _spool(upload: File, limit: int) -> tuple[tempfile._TemporaryFileWrapper, str, int]:
    """The upload copied to a local temporary file, hashed and counted: the
    declared size is not trusted."""
    spool = tempfile.NamedTemporaryFile(prefix="portal-photo-")
    digest, size = hashlib.sha256(), 0
    try:
        upload.seek(0)
    except (AttributeError, OSError, ValueError):
        pass
    for chunk in (
        upload.chunks(CHUNK)
        if hasattr(upload, "chunks")
        else iter(lambda: upload.read(CHUNK), b"")
    ):
        size += len(chunk)
        if size > limit:
            spool.close()
            raise PhotoImportError(
                errors.FILE_TOO_LARGE, limit=round(limit / 1024 / 1024)
            )
        digest.update(chunk)
        spool.write(chunk)
    spool.flush()
    if size == 0:
        spool.close()
        raise PhotoImportError(errors.EMPTY_FILE)
    return spool, digest.hexdigest(), size


def _open(path: str) -> Image.Image:
    max_pixels = settings.PHOTOS_MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(path)
    except Image.DecompressionBombError as error:
        raise PhotoImportError(
            errors.IMAGE_TOO_LARGE,
            megapixels="> %d" % (2 * Image.MAX_IMAGE_PIXELS // 1_000_000),
            limit=max_pixels // 1_000_000,
        ) from error
    except UnidentifiedImageError as error:
        raise PhotoImportError(errors.NOT_AN_IMAGE) from error
    except Exception as error:  # a header Pillow chokes on
        raise PhotoImportError(errors.DAMAGED_IMAGE) from error
    if image.format not in ACCEPTED_FORMATS:
        image.close()
        raise PhotoImportError(errors.UNSUPPORTED_FORMAT, format=image.format or "?")
    width, height = image.size
    if width * height > max_pixels or width <= 0 or height <= 0:
        image.close()
        raise PhotoImportError(
            errors.IMAGE_TOO_LARGE,
            megapixels=round(width * height / 1_000_000),
            limit=max_pixels // 1_000_000,
        )
    return image


def _load(image: Image.Image) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image.load()
    except (EOFError, SyntaxError) as error:
        raise PhotoImportError(errors.TRUNCATED_IMAGE) from error
    except OSError as error:
        if "truncated" in str(error).lower() or "premature end" in str(error).lower():
            raise PhotoImportError(errors.TRUNCATED_IMAGE) from error
        raise PhotoImportError(errors.DAMAGED_IMAGE) from error
    except Exception as error:
        raise PhotoImportError(errors.DAMAGED_IMAGE) from error


@dataclass
class _Prepared:
    meta: metadata.PhotoMetadata
    format: str
    width: int
    height: int
    web: copies.Copy
    full: copies.Copy | None


def _prepare(path: str, filename: str, keep_gps: bool) -> _Prepared:
    image = _open(path)
    try:
        meta = metadata.read(image, filename)
        fmt = image.format
        width, height = image.size
        if meta.orientation in (5, 6, 7, 8):
            width, height = height, width
        full = None
        if fmt not in copies.BROWSER_FORMATS:
            _load(image)
            full = copies.full_size(image, keep_gps=keep_gps)
        elif fmt in ("JPEG", "MPO"):
            # Decode at the smallest JPEG scale still larger than the web copy:
            # quick, and the whole file is still read (a cut file is noticed).
            edge = settings.PHOTOS_WEB_MAX_EDGE
            image.draft("RGB", (edge, edge))
        _load(image)
        web = copies.web_copy(
            image, max_edge=settings.PHOTOS_WEB_MAX_EDGE, keep_gps=keep_gps
        )
    except PhotoImportError:
        raise
    except Exception as error:  # anything else decoding or encoding: not a 500
        logger.warning("Photo %s could not be read", filename, exc_info=True)
        raise PhotoImportError(errors.DAMAGED_IMAGE) from error
    finally:
        image.close()
    return _Prepared(meta, fmt, width, height, web, full)


def _store_web_copy(title: str, stem: str, web: copies.Copy):
    from wagtail.images import get_image_model

    image = get_image_model()(title=title[:255])
    image.file.save(f"{stem}{web.extension}", ContentFile(web.data), save=False)
    image.width, image.height = web.width, web.height
    image.save()
    return image


def import_photo(
    upload: File,
    *,
    filename: str | None = None,
    user=None,
    keep_gps: bool = False,
) -> ImportResult:
    """One file as a photo (or the photo already made of the same bytes). Raises
    ``PhotoImportError``; on any failure nothing is left in storage or database."""
    filename = safe_filename(filename or getattr(upload, "name", "") or "photo")
    limit = settings.PHOTOS_MAX_UPLOAD_BYTES
    declared = getattr(upload, "size", None)
    if declared is not None and declared > limit:
        raise PhotoImportError(errors.FILE_TOO_LARGE, limit=round(limit / 1024 / 1024))
    spool, sha256, size = _spool(upload, limit)
    with spool:
        existing = PhotoAsset.objects.filter(sha256=sha256).first()
        if existing is not None:
            return ImportResult(filename, asset=existing, duplicate=True)
        prepared = _prepare(spool.name, filename, keep_gps)
        meta = prepared.meta
        stem = Path(filename).stem
        asset = PhotoAsset(
            title=meta.title or _title_from(filename) or filename,
            original_filename=filename,
            width=prepared.width,
            height=prepared.height,
            format=prepared.format,
            size_bytes=size,
            sha256=sha256,
            caption=meta.caption,
            credit=meta.credit,
            copyright=meta.copyright,
            date_taken=meta.date_taken,
            place=meta.place,
            keep_gps=keep_gps,
            metadata={**meta.raw, "captions": meta.captions}
            if meta.captions
            else meta.raw,
            uploaded_by=user if getattr(user, "pk", None) else None,
        )
        stored: list = []
        try:
            with transaction.atomic():
                spool.seek(0)
                asset.original.save(filename, File(spool), save=False)
                stored.append(asset.original)
                if prepared.full is not None:
                    asset.full_size.save(
                        f"{stem}-full-size.jpg",
                        ContentFile(prepared.full.data),
                        save=False,
                    )
                    stored.append(asset.full_size)
                image = _store_web_copy(asset.title, stem, prepared.web)
                stored.append(image.file)
                asset.image = image
                asset.save()
        except BaseException:
            for stored_file in stored:
                try:
                    stored_file.storage.delete(stored_file.name)
                except Exception:  # already gone: the rest must still go
                    logger.warning("Could not delete %s", stored_file.name)
            raise
    warnings_found = [errors.METADATA_CLEANED] if meta.cleaned else []
    return ImportResult(filename, asset=asset, warnings=warnings_found)


def refresh_web_copy(asset: PhotoAsset) -> None:
    """Make the web copy again from the original (after ``keep_gps`` changed)."""
    with asset.original.open("rb") as source, tempfile.NamedTemporaryFile() as spool:
        shutil.copyfileobj(source, spool, CHUNK)
        spool.flush()
        prepared = _prepare(spool.name, asset.original_filename, asset.keep_gps)
    previous = asset.image
    with transaction.atomic():
        asset.image = _store_web_copy(
            asset.title, Path(asset.original_filename).stem or "photo", prepared.web
        )
        asset.save(update_fields=["image"])
        if previous is not None:
            previous.delete()


def gallery_photo_for(asset: PhotoAsset, language: str) -> GalleryPhoto:
    """A gallery row whose words start as what the file said (in the gallery's
    language when the XMP has it)."""
    captions = (asset.metadata or {}).get("captions") or {}
    return GalleryPhoto(
        asset=asset,
        caption=captions.get(language) or asset.caption,
        credit=asset.credit,
        copyright=asset.copyright,
    )


def import_photos(
    uploads: Iterable[File], *, user=None, keep_gps: bool = False
) -> list[ImportResult]:
    """Each file as a photo of the library, with a result per file."""
    results: list[ImportResult] = []
    for upload in uploads:
        name = safe_filename(getattr(upload, "name", "") or "photo")
        try:
            results.append(
                import_photo(upload, filename=name, user=user, keep_gps=keep_gps)
            )
        except PhotoImportError as error:
            results.append(ImportResult(name, error=error))
    return results


def add_to_gallery(
    gallery: GalleryPage, uploads: Iterable[File], *, user=None, keep_gps: bool = False
) -> list[ImportResult]:
    """The files as photos at the end of the gallery's latest draft, saved as one
    new revision (not published). Files that fail are left out with their reason;
    the others are added all together or, if saving fails, not at all."""
    results = import_photos(uploads, user=user, keep_gps=keep_gps)
    imported = [result for result in results if result.ok]
    if not imported:
        return results
    try:
        _add_rows(gallery, imported, user)
    except BaseException:
        # Not a half-stored batch: the photos this batch made go again.
        for result in imported:
            if not result.duplicate:
                delete_photo(result.asset)
        raise
    return results


def delete_photo(asset: PhotoAsset) -> None:
    """A photo no gallery uses, with its files (original, full size, web copy)."""
    files = [asset.original, asset.full_size]
    image = asset.image
    asset.delete()
    if image is not None:
        image.delete()  # Wagtail deletes its file and renditions
    for stored in files:
        if stored.name:
            stored.storage.delete(stored.name)


def _add_rows(gallery: GalleryPage, imported: list[ImportResult], user) -> None:
    with transaction.atomic():
        gallery = GalleryPage.objects.select_for_update().get(pk=gallery.pk)
        draft = gallery.get_latest_revision_as_object()
        rows = list(draft.photos.all())
        present = {row.asset_id for row in rows}
        language = draft.locale.language_code
        added = False
        for result in imported:
            if result.asset.pk in present:
                result.already_in_gallery = True
                continue
            present.add(result.asset.pk)
            rows.append(gallery_photo_for(result.asset, language))
            added = True
        if added:
            for order, row in enumerate(rows):
                row.sort_order = order
            draft.photos = rows
            draft.save_revision(user=user, log_action=True)
