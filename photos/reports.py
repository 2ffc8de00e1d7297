"""The admin's report of photo downloads (with CSV and Excel export), beside the
video downloads' in the Reports menu: who took which photo, and what was then
served with each link."""

from __future__ import annotations

import django_filters
from django.db.models import Count, Exists, OuterRef, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from cms.exports import FormulaSafeExportMixin

from .models import PhotoDownload, PhotoDownloadServed

photo_download_permission_policy = ModelPermissionPolicy(PhotoDownload)


class PhotoDownloadFilterSet(WagtailFilterSet):
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Date"), widget=DateRangePickerWidget
    )
    form = django_filters.ChoiceFilter(
        label=_("Form"), choices=PhotoDownload.Form.choices
    )
    gallery_title = django_filters.CharFilter(
        label=_("Gallery"), lookup_expr="icontains"
    )

    class Meta:
        model = PhotoDownload
        fields = ["created_at", "form", "gallery_title"]


class PhotoDownloadReportView(FormulaSafeExportMixin, ReportView):
    """Who downloaded which photo: for the media office."""

    page_title = _("Photo downloads")
    header_icon = "download"
    index_url_name = "photo_downloads_report"
    index_results_url_name = "photo_downloads_report_results"
    filterset_class = PhotoDownloadFilterSet
    permission_policy = photo_download_permission_policy
    permission_required = "view"
    columns = [
        DateColumn("created_at", label=_("Time")),
        Column("user", label=_("User"), accessor="user_label"),
        Column("gallery_title", label=_("Gallery")),
        Column("caption", label=_("Photo")),
        Column("language", label=_("Language")),
        Column("form", label=_("Form"), accessor="get_form_display"),
        Column("filename", label=_("File name")),
        Column("served_count", label=_("Responses")),
        Column("served_bytes", label=_("Bytes served")),
    ]
    list_export = [
        "created_at",
        "user_label",
        "user_organisation",
        "gallery_title",
        "caption",
        "language",
        "form",
        "filename",
        "size_bytes",
        "served_count",
        "served_bytes",
        "served_completely",
    ]
    export_headings = {
        "created_at": _("Time"),
        "user_label": _("User"),
        "user_organisation": _("Organisation"),
        "gallery_title": _("Gallery"),
        "caption": _("Photo"),
        "language": _("Language"),
        "form": _("Form"),
        "filename": _("File name"),
        "size_bytes": _("Size (bytes)"),
        "served_count": _("Responses"),
        "served_bytes": _("Bytes served"),
        "served_completely": _("Served completely"),
    }

    def get_queryset(self):
        return (
            PhotoDownload.objects.select_related("user")
            .annotate(
                served_count=Count("served"),
                served_bytes=Coalesce(Sum("served__bytes_served"), 0),
                served_completely=Exists(
                    PhotoDownloadServed.objects.filter(
                        download=OuterRef("pk"),
                        completed=True,
                        status=200,
                        method="GET",
                    )
                ),
            )
            .order_by("-created_at")
        )

    def get_filename(self):
        return "photo-downloads"


class PhotoDownloadReportMenuItem(MenuItem):
    def is_shown(self, request):
        return photo_download_permission_policy.user_has_permission(
            request.user, "view"
        )


def photo_download_report_menu_item() -> MenuItem:
    return PhotoDownloadReportMenuItem(
        _("Photo downloads"),
        reverse("photo_downloads_report"),
        name="photo-downloads",
        icon_name="download",
        order=1010,
    )
