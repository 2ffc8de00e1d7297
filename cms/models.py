"""The project's own tables (the shared GraphQL machinery's state)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PersistedQuery(models.Model):
    """A GraphQL query remembered under its sha256 (automatic persisted queries).

    A table of its own, capped at GRAPHQL_PERSISTED_QUERY_MAX_ENTRIES rows (the
    least recently used go first), rather than the shared cache: registrations are
    cheap and anonymous, and must not push anything else out (issue 18)."""

    sha256 = models.CharField(max_length=64, primary_key=True)
    query = models.TextField()
    # A keyed digest of the client that registered it: registrations are limited
    # per client and window.
    client = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(db_index=True)
    used_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("persisted query")
        verbose_name_plural = _("persisted queries")
        indexes = [models.Index(fields=["client", "created_at"])]

    def __str__(self) -> str:
        return self.sha256
