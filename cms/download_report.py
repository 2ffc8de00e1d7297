"""The admin's one report of downloads (Reports → Downloads): video downloads,
clips and photo downloads in one table, newest first, with a kind column,
filters and CSV/Excel export. Each app's log is a ``DownloadSource``
(cms/downloads.py); the rows are the union of the sources the reader may view."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import django_filters
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

from cms.downloads import (
    PREFIX,
    column,
    download_sources,
    kind_choices,
    readable_sources,
)
from cms.exports import FormulaSafeExportMixin


class DownloadRow:
    """One row of the report: a source's columns, with the labels it shows."""

    def __init__(self, values: dict[str, Any]):
        self.__dict__.update(
            (name.removeprefix(PREFIX), value) for name, value in values.items()
        )
        self.source = next(
            (s for s in download_sources() if self.kind in dict(s.kinds)), None
        )

    @property
    def kind_label(self) -> str:
        return dict(kind_choices()).get(self.kind, self.kind)

    @property
    def user_label(self) -> str:
        return self.user_email or _("(deleted account)")

    @property
    def range_label(self) -> str:
        if self.start is None or self.end is None or not self.source:
            return ""
        if self.source.range_label is None:
            return ""
        return self.source.range_label(self.start, self.end)


def download_rows(sources, filters=None):
    """The rows of ``sources``, each filtered by ``filters`` before the union (a
    union cannot be filtered), newest first."""
    parts = [source.rows() for source in sources]
    if filters is not None:
        parts = [filters.filter_queryset(part) for part in parts]
    rows = parts[0]
    if len(parts) > 1:
        rows = rows.union(*parts[1:], all=True)
    return rows.order_by("-created_at")


def recent_downloads(user, count: int) -> list[DownloadRow]:
    """The latest ``count`` downloads of the logs ``user`` may view (the
    dashboard's panel), of every kind."""
    sources = readable_sources(user)
    if not sources:
        return []
    return [DownloadRow(row) for row in download_rows(sources)[:count]]


class DownloadFilterSet(WagtailFilterSet):
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Date"), widget=DateRangePickerWidget
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=kind_choices, field_name=column("kind")
    )
    title = django_filters.CharFilter(
        label=_("Video or gallery"),
        field_name=column("title"),
        lookup_expr="icontains",
    )
    detail = django_filters.CharFilter(
        label=_("Rendition or form"), field_name=column("detail")
    )
    user = django_filters.CharFilter(
        label=_("User"), field_name=column("user_email"), lookup_expr="icontains"
    )


class DownloadReportView(FormulaSafeExportMixin, ReportView):
    """Who downloaded what, and which parts: videos, clips and photos in one
    list, for the media office."""

    page_title = _("Downloads")
    header_icon = "download"
    index_url_name = "downloads_report"
    index_results_url_name = "downloads_report_results"
    filterset_class = DownloadFilterSet
    permission_required = "view"
    columns = [
        DateColumn("created_at", label=_("Time")),
        Column("kind", label=_("Kind"), accessor="kind_label"),
        Column("user", label=_("User"), accessor="user_label"),
        Column("title", label=_("Video or gallery")),
        Column("item", label=_("Segment or photo")),
        Column("language", label=_("Language")),
        Column("detail", label=_("Rendition or form")),
        Column("range_label", label=_("Range")),
        Column("precision", label=_("Precision")),
        # Issue 14: a row is a link issued; what was then served with it (local
        # disk only: S3 serves its presigned links itself).
        Column("served_count", label=_("Responses")),
        Column("served_bytes", label=_("Bytes served")),
    ]
    list_export = [
        "created_at",
        "kind_label",
        "user_label",
        "user_organisation",
        "title",
        "item",
        "language",
        "detail",
        "precision",
        "start",
        "end",
        "filename",
        "size_bytes",
        "served_count",
        "served_bytes",
        "served_completely",
    ]
    export_headings = {
        "created_at": _("Time"),
        "kind_label": _("Kind"),
        "user_label": _("User"),
        "user_organisation": _("Organisation"),
        "title": _("Video or gallery"),
        "item": _("Segment or photo"),
        "language": _("Language"),
        "detail": _("Rendition or form"),
        "precision": _("Precision"),
        "start": _("In (seconds)"),
        "end": _("Out (seconds)"),
        "filename": _("File name"),
        "size_bytes": _("Size (bytes)"),
        "served_count": _("Responses"),
        "served_bytes": _("Bytes served"),
        "served_completely": _("Served completely"),
    }

    def dispatch(self, request, *args, **kwargs):
        # Anyone who may view one of the logs; each sees the ones they may.
        self.sources = readable_sources(request.user)
        return super().dispatch(request, *args, **kwargs)

    def user_has_permission(self, permission):
        return bool(self.sources)

    def get_filterset_kwargs(self):
        # The filters apply to each source's rows before the union (a union
        # cannot be filtered); the queryset here only satisfies django-filter.
        return {**super().get_filterset_kwargs(), "queryset": self._first_rows()}

    def _first_rows(self):
        return (self.sources or list(download_sources()))[0].rows()

    def get_filtered_queryset(self):
        filters = self.filters if self.filters and self.filters.is_valid() else None
        return download_rows(self.sources, filters)

    def get_queryset(self):
        return self.get_filtered_queryset()

    def get_table(self, object_list, **kwargs):
        return super().get_table([DownloadRow(row) for row in object_list], **kwargs)

    def to_row_dict(self, item):
        return super().to_row_dict(DownloadRow(item))

    def get_heading(self, queryset, field):
        return str(self.export_headings[field])

    def get_filename(self):
        return "downloads"


class DownloadReportMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(readable_sources(request.user))


def register_download_report() -> Iterator[Any]:
    """The report's admin URLs (cms/wagtail_hooks.py)."""
    yield path(
        "reports/downloads/", DownloadReportView.as_view(), name="downloads_report"
    )
    yield path(
        "reports/downloads/results/",
        DownloadReportView.as_view(results_only=True),
        name="downloads_report_results",
    )
    # The video and photo reports this one replaced: bookmarks land here.
    for replaced in ("reports/video-downloads/", "reports/photo-downloads/"):
        yield path(
            replaced,
            RedirectView.as_view(pattern_name="downloads_report", query_string=True),
        )


def download_report_menu_item() -> MenuItem:
    return DownloadReportMenuItem(
        _("Downloads"),
        reverse("downloads_report"),
        name="downloads",
        icon_name="download",
        order=1000,
    )
