from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import VideoAsset
from .panels import ProcessingPanel
from .schema import VideosMutation, VideosQuery
from .views import (
    DownloadReportView,
    download_report_menu_item,
    preview_segment,
    process_again,
)


class VideoAssetViewSet(SnippetViewSet):
    model = VideoAsset
    icon = "media"
    menu_label = _("Video files")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["title", "status", "duration_timecode", "created_at"]
    list_filter = ["status"]
    search_fields = ["title"]
    panels = [
        FieldPanel("title"),
        FieldPanel("master"),
        ProcessingPanel(heading=_("Processing")),
        InlinePanel("subtitles", label=_("Subtitles (WebVTT)")),
    ]


register_snippet(VideoAssetViewSet)


@hooks.register("register_admin_urls")
def register_download_report_urls():
    return [
        path(
            "reports/video-downloads/",
            DownloadReportView.as_view(),
            name="video_downloads_report",
        ),
        path(
            "videos/process-again/<int:pk>/",
            process_again,
            name="video_process_again",
        ),
        path(
            "videos/preview/<str:kind>/<int:pk>/",
            preview_segment,
            name="video_segment_preview",
        ),
        path(
            "reports/video-downloads/results/",
            DownloadReportView.as_view(results_only=True),
            name="video_downloads_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_download_report_menu_item():
    return download_report_menu_item()


@hooks.register("register_schema_query")
def register_videos_query(query_mixins: list) -> None:
    query_mixins.insert(0, VideosQuery)


@hooks.register("register_schema_mutation")
def register_videos_mutation(mutation_mixins: list) -> None:
    mutation_mixins.insert(0, VideosMutation)
