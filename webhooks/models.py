"""Frontends told about page changes: where to send (endpoints) and what was sent
(the delivery log)."""

from __future__ import annotations

import secrets
import uuid

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class WebhookEvent(models.TextChoices):
    PAGE_PUBLISHED = "page.published", _("Page published")
    PAGE_UNPUBLISHED = "page.unpublished", _("Page unpublished")
    PAGE_DELETED = "page.deleted", _("Page deleted")


def generate_secret() -> str:
    return secrets.token_urlsafe(32)


def all_events() -> list[str]:
    return list(WebhookEvent.values)


_http_url_validator = URLValidator(schemes=["http", "https"])


def validate_webhook_url(value: str) -> None:
    """Only web addresses: a webhook must never reach file://, ftp:// and the like.
    The scheme gets its own message; "Enter a valid URL." would not say what is
    wrong with file:///etc/passwd."""
    scheme, separator, _rest = value.partition("://")
    if not separator or scheme.lower() not in _http_url_validator.schemes:
        raise ValidationError(
            _("Enter a web address that starts with http:// or https://."),
            # Not "invalid": a model form would swap in its own generic message.
            code="unsupported_scheme",
        )
    _http_url_validator(value)


class WebhookEndpoint(models.Model):
    """A frontend that wants to hear about page changes, e.g. to revalidate them."""

    name = models.CharField(_("name"), max_length=255)
    url = models.URLField(
        _("URL"),
        max_length=500,
        validators=[validate_webhook_url],
        help_text=_("The address that receives a JSON POST for every event."),
    )
    secret = models.CharField(
        _("secret"),
        max_length=255,
        default=generate_secret,
        help_text=_(
            "Shared with the frontend, which checks the X-Portal-Signature header "
            "with it."
        ),
    )
    events = models.JSONField(
        _("events"),
        default=all_events,
        help_text=_("The events sent to this endpoint."),
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        verbose_name=_("language"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Only pages in this language; leave empty for every language."),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if not isinstance(self.events, list) or not self.events:
            raise ValidationError({"events": _("Choose at least one event.")})
        unknown = sorted(set(self.events) - set(WebhookEvent.values))
        if unknown:
            raise ValidationError(
                {
                    "events": _("Unknown events: %(events)s.")
                    % {"events": ", ".join(unknown)}
                }
            )

    def wants(self, event: str) -> bool:
        return self.active and event in (self.events or [])


class WebhookDelivery(models.Model):
    """One event for one endpoint, and how sending it went. The id is the
    ``X-Portal-Delivery`` header: it stays the same across retries, so a receiver
    can ignore a delivery it has already handled."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    endpoint = models.ForeignKey(
        WebhookEndpoint,
        verbose_name=_("endpoint"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    event = models.CharField(_("event"), max_length=32, choices=WebhookEvent.choices)
    payload = models.JSONField(_("payload"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_status_code = models.PositiveSmallIntegerField(
        _("last status code"), null=True, blank=True
    )
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint}"
