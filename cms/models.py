"""The project's own tables: the shared GraphQL machinery's state, and leases on
periodic work."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, models, transaction
from django.utils import timezone
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


class Lease(models.Model):
    """A named claim on work that one process at a time may do (the scheduled
    publishing tick). Taking it is one conditional UPDATE, which two processes
    can never both win, on SQLite and PostgreSQL alike; a holder that dies
    without releasing it loses it when it expires."""

    name = models.CharField(max_length=100, primary_key=True)
    holder = models.CharField(max_length=100, blank=True)
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.name

    @classmethod
    def acquire(cls, name: str, holder: str, seconds: float) -> bool:
        now = timezone.now()
        if not cls.objects.filter(name=name).exists():
            try:
                with transaction.atomic():
                    cls.objects.create(name=name, expires_at=now)
            except IntegrityError:
                pass  # another process created it first
        taken = cls.objects.filter(name=name, expires_at__lte=now).update(
            holder=holder, expires_at=now + datetime.timedelta(seconds=seconds)
        )
        return taken == 1

    @classmethod
    def release(cls, name: str, holder: str) -> None:
        cls.objects.filter(name=name, holder=holder).update(expires_at=timezone.now())
