"""A user's download basket, the zips asked of it, and the log of their links
served."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.downloads import ServedResponse

from .storage import basket_storage


class BasketItem(models.Model):
    """One item in a user's basket, as the client named it (``kind``, ``ref``,
    ``variant``): what it is now is asked of its kind (basket/registry.py)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="basket_items",
    )
    kind = models.CharField(_("kind"), max_length=40)
    ref = models.CharField(_("item"), max_length=100)
    variant = models.CharField(_("variant"), max_length=40, blank=True)
    added_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("basket item")
        verbose_name_plural = _("basket items")
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "ref", "variant"], name="unique_basket_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.ref} {self.variant}".strip()


class BasketDownloadJob(models.Model):
    """One zip of a basket asked for: built by the worker, then kept until
    ``expires_at`` (BASKET_ZIP_RETENTION_SECONDS). Only its owner can read it."""

    class Status(models.TextChoices):
        QUEUED = "QUEUED", _("Waiting for a worker")
        RUNNING = "RUNNING", _("Being made")
        READY = "READY", _("Ready")
        FAILED = "FAILED", _("Failed")
        EXPIRED = "EXPIRED", _("Expired")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="basket_download_jobs",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    # The basket when asked: [{"kind", "ref", "variant"}]. Later changes to the
    # basket do not change the zip.
    items = models.JSONField(default=list)
    language = models.CharField(_("language"), max_length=10)
    file_count = models.PositiveIntegerField(_("files"), default=0)
    size_bytes = models.BigIntegerField(_("bytes of the files"), default=0)
    # The items the worker could not put in the zip (unpublished, embargoed,
    # deleted since): [{"kind", "ref", "variant", "title", "code", "message"}],
    # the message in the job's language.
    left_out = models.JSONField(default=list, blank=True)
    progress = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(max_length=500, blank=True, storage=basket_storage)
    zip_bytes = models.BigIntegerField(_("bytes of the zip"), null=True)
    error_code = models.CharField(max_length=40, blank=True)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    claimed_at = models.DateTimeField(null=True)
    finished_at = models.DateTimeField(null=True)
    expires_at = models.DateTimeField(null=True, db_index=True)
    notified_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("basket download")
        verbose_name_plural = _("basket downloads")
        indexes = [models.Index(fields=["user", "created_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d %H:%M} ({self.status})"

    @property
    def filename(self) -> str:
        return f"basket-{self.created_at:%Y%m%d-%H%M%S}.zip"


class BasketDownloadServed(ServedResponse):
    """One response to a zip's link, where this server serves the file (local
    disk; S3 serves its presigned links itself)."""

    # "download": the name cms.serving.ServedLog writes (the link's job).
    download = models.ForeignKey(
        BasketDownloadJob,
        verbose_name=_("basket download"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="served",
    )

    class Meta(ServedResponse.Meta):
        verbose_name = _("basket zip served")
        verbose_name_plural = _("basket zips served")
