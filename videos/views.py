"""Admin views of the videos app: the download report (with CSV and Excel export)
and clip previews of a video page's shots and soundbites."""

from __future__ import annotations

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from cms.exports import FormulaSafeExportMixin

from .models import (
    VideoAsset,
    VideoClip,
    VideoDownload,
    VideoDownloadServed,
    VideoPage,
    VideoShot,
    VideoSoundbite,
)

download_permission_policy = ModelPermissionPolicy(VideoDownload)


class DownloadFilterSet(WagtailFilterSet):
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Date"), widget=DateRangePickerWidget
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=VideoDownload.Kind.choices
    )
    rendition = django_filters.CharFilter(label=_("Rendition"))
    video_title = django_filters.CharFilter(label=_("Video"), lookup_expr="icontains")

    class Meta:
        model = VideoDownload
        fields = ["created_at", "kind", "rendition", "video_title"]


class DownloadReportView(FormulaSafeExportMixin, ReportView):
    """Who downloaded what, and which parts: for the media office."""

    page_title = _("Video downloads")
    header_icon = "download"
    index_url_name = "video_downloads_report"
    index_results_url_name = "video_downloads_report_results"
    filterset_class = DownloadFilterSet
    permission_policy = download_permission_policy
    permission_required = "view"
    columns = [
        DateColumn("created_at", label=_("Time")),
        Column("user", label=_("User"), accessor="user_label"),
        Column("video_title", label=_("Video")),
        Column("language", label=_("Language")),
        Column("rendition", label=_("Rendition")),
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        Column("range_label", label=_("Range")),
        Column("precision", label=_("Precision")),
        Column("segment", label=_("Segment")),
        # Issue 14: a row is a link issued; what was then served with it (local
        # disk only: S3 serves its presigned links itself).
        Column("served_count", label=_("Responses")),
        Column("served_bytes", label=_("Bytes served")),
    ]
    list_export = [
        "created_at",
        "user_label",
        "user_organisation",
        "video_title",
        "language",
        "rendition",
        "kind",
        "precision",
        "start",
        "end",
        "segment",
        "served_count",
        "served_bytes",
        "served_completely",
    ]
    export_headings = {
        "created_at": _("Time"),
        "user_label": _("User"),
        "user_organisation": _("Organisation"),
        "video_title": _("Video"),
        "language": _("Language"),
        "rendition": _("Rendition"),
        "kind": _("Kind"),
        "precision": _("Precision"),
        "start": _("In (seconds)"),
        "end": _("Out (seconds)"),
        "segment": _("Segment"),
        "served_count": _("Responses"),
        "served_bytes": _("Bytes served"),
        "served_completely": _("Served completely"),
    }

    def get_queryset(self):
        return (
            VideoDownload.objects.select_related("user")
            .annotate(
                served_count=Count("served"),
                served_bytes=Coalesce(Sum("served__bytes_served"), 0),
                served_completely=Exists(
                    VideoDownloadServed.objects.filter(
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
        return "video-downloads"


class DownloadReportMenuItem(MenuItem):
    def is_shown(self, request):
        return download_permission_policy.user_has_permission(request.user, "view")


def download_report_menu_item():
    return DownloadReportMenuItem(
        _("Video downloads"),
        reverse("video_downloads_report"),
        name="video-downloads",
        icon_name="download",
        order=1000,
    )


SEGMENT_MODELS = {"shot": VideoShot, "soundbite": VideoSoundbite}


def preview_segment(request, kind: str, pk: int):
    """Make (or reuse) a FAST clip of the smallest rendition for one segment and
    show it in a player. For anyone who may edit the video page."""
    from . import downloads

    model = SEGMENT_MODELS.get(kind)
    if model is None:
        raise PermissionDenied
    segment = get_object_or_404(model.objects.select_related("page"), pk=pk)
    page = VideoPage.objects.select_related("asset").get(pk=segment.page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    context = {"page": page, "segment": segment, "kind": kind}
    asset = page.asset
    renditions = list(asset.renditions.order_by("height")) if asset else []
    if not asset or not asset.is_ready or not renditions:
        context["error"] = _("The video file is not ready yet.")
    else:
        try:
            start, end = segment.seconds
            downloads.check_range(page, start, end)
            job = downloads.clip_job(
                request.user, page, renditions[0], start, end, "FAST", ""
            )
            clip = job.clip
            context["clip"] = clip
            if clip.status == VideoClip.Status.READY:
                context["url"], _expires = downloads.signed_url(
                    request, clip.file.name, f"{page.slug}-{kind}-{segment.pk}.mp4"
                )
            elif clip.status == VideoClip.Status.FAILED:
                context["error"] = downloads.clip_error_message(clip.error_code)
            else:
                context["making"] = True
        except downloads.DownloadError as error:
            context["error"] = error.message
    return TemplateResponse(request, "videos/segment_preview.html", context)


def process_again(request, pk: int):
    """POST: process a video file again (the button shows when it failed)."""
    asset = get_object_or_404(VideoAsset, pk=pk)
    if request.method != "POST" or not request.user.has_perm(
        "videos.change_videoasset"
    ):
        raise PermissionDenied
    asset.process_again()
    messages.success(request, _("The video file is queued for processing again."))
    return redirect("wagtailsnippets_videos_videoasset:edit", asset.pk)
