"""The log of photo downloads: each link issued (``PhotoDownload``), and each
response this server gave to it (``PhotoDownloadServed``), as for videos."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PhotoDownload(models.Model):
    """One download link issued: who asked for which photo of which gallery, in
    which language and form. The log outlives the gallery and the file."""

    class Form(models.TextChoices):
        ORIGINAL = "original", _("Original file")
        JPEG = "jpeg", _("Full-size JPEG")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="photo_downloads",
    )
    photo = models.ForeignKey(
        "photos.GalleryPhoto",
        verbose_name=_("photo"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    asset = models.ForeignKey(
        "photos.PhotoAsset",
        verbose_name=_("photo file"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="downloads",
    )
    gallery = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("gallery"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    gallery_title = models.CharField(_("gallery title"), max_length=255)
    caption = models.CharField(_("caption"), max_length=255, blank=True)
    language = models.CharField(_("language"), max_length=10)
    form = models.CharField(_("form"), max_length=10, choices=Form.choices)
    filename = models.CharField(_("file name"), max_length=255)
    size_bytes = models.BigIntegerField(_("size (bytes)"), null=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("photo download")
        verbose_name_plural = _("photo downloads")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.gallery_title}: {self.filename}"

    @property
    def user_label(self) -> str:
        return self.user.email if self.user else _("(deleted account)")

    @property
    def user_organisation(self) -> str:
        return getattr(self.user, "organisation", "") if self.user else ""


class PhotoDownloadServed(models.Model):
    """One response to a photo download link served from local disk (S3 serves
    its presigned links itself): the fields cms/serving.py's ``ServedLog``
    writes."""

    download = models.ForeignKey(
        PhotoDownload,
        verbose_name=_("link issued"),
        null=True,
        on_delete=models.CASCADE,
        related_name="served",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    method = models.CharField(_("method"), max_length=8)
    status = models.PositiveSmallIntegerField(_("HTTP status"))
    byte_range = models.CharField(
        _("range asked"), max_length=100, blank=True, help_text=_("Range header.")
    )
    first_byte = models.BigIntegerField(_("first byte"), default=0)
    bytes_expected = models.BigIntegerField(_("bytes to serve"), default=0)
    bytes_served = models.BigIntegerField(_("bytes served"), default=0)
    completed = models.BooleanField(
        _("completed"), default=False, help_text=_("Every byte asked was sent.")
    )
    started_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("finished"), null=True)

    class Meta:
        verbose_name = _("photo file served")
        verbose_name_plural = _("photo files served")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.method} {self.status} {self.bytes_served} bytes"
