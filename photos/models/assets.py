"""A photo as uploaded: the untouched original (private), the public web copy
renditions are made from, and what the file said about itself."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index

from ..storage import photo_storage

# What the importer reads (photos/importing/); browsers show the first four.
PHOTO_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "tif", "tiff", "heic", "heif"]


def original_upload_to(asset: PhotoAsset, filename: str) -> str:
    # A random folder: two uploads named IMG_0001.JPG never meet.
    return f"photos/originals/{timezone.now():%Y/%m}/{uuid.uuid4().hex}/{filename}"


def full_size_upload_to(asset: PhotoAsset, filename: str) -> str:
    return f"photos/full-size/{timezone.now():%Y/%m}/{uuid.uuid4().hex}/{filename}"


class PhotoAsset(index.Indexed, models.Model):
    """One photo file, shared by every gallery (and every language) that shows it.
    The words a gallery says about it (caption, credit…) are on ``GalleryPhoto``,
    per language; the values here are what the file's IPTC/XMP/EXIF said."""

    title = models.CharField(_("title"), max_length=255)
    original = models.FileField(
        _("original file"),
        upload_to=original_upload_to,
        storage=photo_storage,
        max_length=500,
        help_text=_("Kept exactly as uploaded; never public."),
    )
    original_filename = models.CharField(
        _("file name"), max_length=255, blank=True, editable=False
    )
    # A JPEG of the whole picture at full resolution, for originals browsers
    # cannot show (TIFF, HEIC); empty when the original is itself the download.
    full_size = models.FileField(
        _("full-size JPEG"),
        upload_to=full_size_upload_to,
        storage=photo_storage,
        max_length=500,
        blank=True,
        editable=False,
    )
    # The public web copy: upright, no GPS (unless keep_gps) and no other
    # metadata, at most PHOTOS_WEB_MAX_EDGE pixels on its longest edge.
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("web copy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # Of the upright picture (after its EXIF orientation), in pixels.
    width = models.PositiveIntegerField(_("width"), null=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, editable=False)
    # Pillow's name: JPEG, PNG, WEBP, TIFF, HEIF.
    format = models.CharField(_("format"), max_length=20, blank=True, editable=False)
    size_bytes = models.BigIntegerField(_("size (bytes)"), null=True, editable=False)
    sha256 = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    # Read from the file on upload (photos/importing/), editable.
    caption = models.TextField(_("caption in the file"), blank=True)
    credit = models.CharField(_("credit in the file"), max_length=255, blank=True)
    copyright = models.CharField(_("copyright in the file"), max_length=255, blank=True)
    date_taken = models.DateTimeField(_("date taken"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    keep_gps = models.BooleanField(
        _("keep GPS position in the public copy"),
        default=False,
        help_text=_(
            "Off: where the photo was taken is removed from every public copy. "
            "The original keeps it."
        ),
    )
    # Everything the importer found, by source (iptc, xmp, exif, gps), cleaned
    # of control characters and cut to a bounded size. Admin only.
    metadata = models.JSONField(_("metadata"), default=dict, blank=True, editable=False)

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("caption"),
        FieldRowPanel([FieldPanel("credit"), FieldPanel("copyright")]),
        FieldRowPanel([FieldPanel("date_taken"), FieldPanel("place")]),
        FieldPanel("keep_gps"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("caption"),
        index.SearchField("credit"),
        index.SearchField("original_filename"),
    ]

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("download_original", _("Can download photo originals in the admin")),
        ]

    def __str__(self) -> str:
        return self.title or self.original_filename or f"#{self.pk}"

    @property
    def extension(self) -> str:
        return Path(self.original.name or self.original_filename).suffix.lower()

    @property
    def megapixels(self) -> float | None:
        if not self.width or not self.height:
            return None
        return round(self.width * self.height / 1_000_000, 1)
