"""Download logs in one shape for every app that issues download links, and the
admin's one report of them all (Reports → Downloads).

An app's log of links issued subclasses ``DownloadLog``; its log of responses
served subclasses ``ServedResponse`` (the fields cms/serving.py's ``ServedLog``
writes) and adds its ``download`` foreign key, with ``related_name="served"``.
The app then registers a ``DownloadSource`` from its ``wagtail_hooks.py``
(``REGISTER_DOWNLOAD_SOURCES``): what its rows are in the report's columns. The
report (cms/download_report.py) lists every source together, newest first, in
one table with a kind column; a reader sees the sources whose log they may view
(the media office reads them all: editorial/roles.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Sum, Value
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

REGISTER_DOWNLOAD_SOURCES = "register_download_sources"


class DownloadLog(models.Model):
    """One download link issued: who asked, in which language, when. The log
    outlives what was downloaded and the account (both kept as text or null)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="%(class)ss",
    )
    language = models.CharField(_("language"), max_length=10)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @property
    def user_label(self) -> str:
        return self.user.email if self.user else _("(deleted account)")

    @property
    def user_organisation(self) -> str:
        return getattr(self.user, "organisation", "") if self.user else ""


class ServedResponse(models.Model):
    """One response to a download link, where this server serves the file (the
    local-disk links; S3 serves its presigned links itself). A link is often
    fetched more than once: a HEAD, a resumed download in byte ranges, a second
    device. Subclasses add ``download``, the link's row."""

    # The signed-in user of the request, if its cookies say so: a link works
    # without them.
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
        abstract = True
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.method} {self.status} {self.bytes_served} bytes"


# --- What the report reads ---------------------------------------------------------

# What a source gives, as expressions on its model (``nothing`` where it has none).
SOURCE_COLUMNS = (
    "kind",
    "title",
    "item",
    "detail",
    "precision",
    "start",
    "end",
    "filename",
    "size_bytes",
)
# What the report adds for every source.
COMMON_COLUMNS = (
    "user_email",
    "user_organisation",
    "served_count",
    "served_bytes",
    "served_completely",
)
# A row's columns are annotations: their names may not be a model's field names.
PREFIX = "row_"


def column(name: str) -> str:
    """The name of the report's column ``name`` in a source's rows."""
    return PREFIX + name


def nothing(field: models.Field) -> Cast:
    """A typed empty column (PostgreSQL matches a union's columns by type)."""
    return Cast(Value(None), output_field=field)


@dataclass(frozen=True)
class DownloadSource:
    """An app's download log as the report reads it.

    ``model`` is a ``DownloadLog`` whose ``ServedResponse`` rows are its
    ``served``; ``kinds`` the values (with labels) its ``kind`` column takes;
    ``columns()`` the expressions of SOURCE_COLUMNS on ``model``; ``range_label``
    writes a start and an end (seconds) as the report shows them."""

    model: type[DownloadLog]
    kinds: Sequence[tuple[str, Any]]
    columns: Callable[[], dict[str, Any]]
    range_label: Callable[[float, float], str] | None = None

    def view_permission(self) -> str:
        meta = self.model._meta
        return f"{meta.app_label}.view_{meta.model_name}"

    def rows(self) -> models.QuerySet:
        served = self.model._meta.get_field("served").related_model
        common = {
            "user_email": F("user__email"),
            "user_organisation": F("user__organisation"),
            "served_count": Count("served"),
            "served_bytes": Coalesce(Sum("served__bytes_served"), 0),
            "served_completely": Exists(
                served.objects.filter(
                    download=OuterRef("pk"), completed=True, status=200, method="GET"
                )
            ),
        }
        columns = {**self.columns(), **common}
        assert set(columns) == {*SOURCE_COLUMNS, *COMMON_COLUMNS}
        return (
            self.model.objects.order_by()
            .annotate(**{column(name): value for name, value in columns.items()})
            .values(
                "created_at",
                "language",
                *(column(name) for name in (*SOURCE_COLUMNS, *COMMON_COLUMNS)),
            )
        )


@cache
def download_sources() -> tuple[DownloadSource, ...]:
    sources: list[DownloadSource] = []
    for register in hooks.get_hooks(REGISTER_DOWNLOAD_SOURCES):
        sources.extend(register())
    return tuple(sources)


def readable_sources(user) -> list[DownloadSource]:
    return [s for s in download_sources() if user.has_perm(s.view_permission())]


def kind_choices() -> list[tuple[str, Any]]:
    return [kind for source in download_sources() for kind in source.kinds]
