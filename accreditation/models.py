"""Accreditation: a journalist's application, the media office's decisions, the log.

An accreditation is ``approved`` until the press card expires (it is then
``expired``, without anyone acting) or the media office revokes it. Every decision
is a row of ``AccreditationDecision`` (who, when, what, why), written in the same
transaction as the change it records."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def private_storage():
    """Press cards and letters of assignment: never public media. On local disk
    outside MEDIA_ROOT, on S3 under the private prefix behind presigned URLs (the
    same place as video masters)."""
    return storages["videos"]


def document_upload_to(document: AccreditationDocument, filename: str) -> str:
    # The name on disk says nothing of the user or the file's own name.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"accreditation/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{suffix}"


class AccreditationDocument(models.Model):
    """A file a journalist uploaded to back an application (press card, letter of
    assignment): uploaded first (POST /accreditation/documents/), then named by
    ``applyForAccreditation``. Only its owner may attach it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="accreditation_documents",
        verbose_name=_("user"),
    )
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=document_upload_to
    )
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("accreditation document")
        verbose_name_plural = _("accreditation documents")

    def __str__(self) -> str:
        return self.name


class Accreditation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        REVOKED = "revoked", _("Revoked")
        # Never stored: an approved accreditation whose press card has expired.
        EXPIRED = "expired", _("Expired")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="accreditations",
        verbose_name=_("journalist"),
    )
    media_outlet = models.CharField(_("media outlet"), max_length=200)
    role = models.CharField(_("role"), max_length=200)
    press_card_number = models.CharField(_("press card number"), max_length=100)
    press_card_expires_on = models.DateField(_("press card valid until"))
    document = models.ForeignKey(
        AccreditationDocument,
        on_delete=models.PROTECT,
        related_name="accreditations",
        verbose_name=_("document"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=[c for c in Status.choices if c[0] != "expired"],
        default=Status.PENDING,
        db_index=True,
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    reason = models.TextField(
        _("reason"),
        blank=True,
        help_text=_("Told to the journalist when rejecting or revoking."),
    )
    # Topic slugs (the same in every language) whose embargoed releases the
    # journalist wants an e-mail about.
    alert_topics = models.JSONField(_("embargo alerts for topics"), default=list)

    class Meta:
        verbose_name = _("accreditation")
        verbose_name_plural = _("accreditations")
        ordering = ["-submitted_at", "-pk"]
        permissions = [
            ("review_accreditation", _("Approve, reject and revoke accreditations"))
        ]
        constraints = [
            # One open application at a time.
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="accreditation_one_pending_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.media_outlet})"

    def current_status(self, today: datetime.date | None = None) -> str:
        today = today or timezone.localdate()
        if self.status == self.Status.APPROVED and self.press_card_expires_on < today:
            return self.Status.EXPIRED
        return self.status

    def get_current_status_display(self) -> str:
        return str(self.Status(self.current_status()).label)

    get_current_status_display.short_description = _("status")

    @property
    def is_active(self) -> bool:
        return self.current_status() == self.Status.APPROVED


class AccreditationDecision(models.Model):
    """The log: one row per step of an accreditation, never changed afterwards."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        REVOKED = "revoked", _("Revoked")

    accreditation = models.ForeignKey(
        Accreditation,
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("accreditation"),
    )
    action = models.CharField(_("what"), max_length=10, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_name = models.CharField(_("who (at the time)"), max_length=255)
    at = models.DateTimeField(_("when"), default=timezone.now)
    reason = models.TextField(_("why"), blank=True)

    class Meta:
        verbose_name = _("accreditation decision")
        verbose_name_plural = _("accreditation decisions")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"


class EmbargoAlertSent(models.Model):
    """One embargo alert per journalist and release (all its languages)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    translation_key = models.UUIDField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "translation_key"], name="one_embargo_alert_per_release"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.translation_key}"
