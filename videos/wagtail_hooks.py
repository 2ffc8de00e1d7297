from collections.abc import Iterator

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.registry import REGISTER_SEARCH_KINDS, SearchKind

from .models import VideoAsset, VideoPage
from .my_downloads import MyDownloadsQuery
from .panels import ProcessingPanel
from .schema import (
    VideoDownloadJobQuery,
    VideosMutation,
    VideosQuery,
    expect_videos,
    video_type,
)
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
    query_mixins.insert(0, VideoDownloadJobQuery)


@hooks.register("register_schema_query")
def register_my_downloads_query(query_mixins: list) -> None:
    query_mixins.append(MyDownloadsQuery)


@hooks.register("register_schema_mutation")
def register_videos_mutation(mutation_mixins: list) -> None:
    mutation_mixins.insert(0, VideosMutation)


def _video_texts(video: VideoPage) -> Iterator[str]:
    """What a hit's snippet is cut from: the summary, soundbites, shotlist and
    transcript (indexed by ``VideoPage.search_fields``)."""
    yield video.summary
    for soundbite in video.soundbites.all():
        yield soundbite.text
    for shot in video.shots.all():
        yield shot.description
    yield video.transcript


@hooks.register(REGISTER_SEARCH_KINDS, order=10)
def search_videos() -> list[SearchKind]:
    return [
        SearchKind(
            name="video",
            model_label="videos.VideoPage",
            graphql_type=video_type,
            texts=_video_texts,
            date_field="date",
            topics_relation=("video_topics", "topic"),
            people_relation=("video_people", "person"),
            prepare=expect_videos,
            select_related=("locale",),
            prefetch_related=("soundbites", "shots"),
        )
    ]
