"""The log of photo downloads: each link issued (``PhotoDownload``), and each
response this server gave to it (``PhotoDownloadServed``), as for videos."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.downloads import DownloadLog, ServedResponse


class PhotoDownload(DownloadLog):
    """One download link issued: who asked for which photo of which gallery, in
    which language and form. The log outlives the gallery and the file."""

    class Form(models.TextChoices):
        ORIGINAL = "original", _("Original file")
        JPEG = "jpeg", _("Full-size JPEG")

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
    form = models.CharField(_("form"), max_length=10, choices=Form.choices)
    filename = models.CharField(_("file name"), max_length=255)
    size_bytes = models.BigIntegerField(_("size (bytes)"), null=True)

    class Meta(DownloadLog.Meta):
        verbose_name = _("photo download")
        verbose_name_plural = _("photo downloads")

    def __str__(self) -> str:
        return f"{self.gallery_title}: {self.filename}"


class PhotoDownloadServed(ServedResponse):
    """One response to a photo download link served from local disk."""

    download = models.ForeignKey(
        PhotoDownload,
        verbose_name=_("link issued"),
        null=True,
        on_delete=models.CASCADE,
        related_name="served",
    )

    class Meta(ServedResponse.Meta):
        verbose_name = _("photo file served")
        verbose_name_plural = _("photo files served")
