from collections.abc import Iterator

from django.db import models
from django.db.models import Case, F, Value, When
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.downloads import REGISTER_DOWNLOAD_SOURCES, DownloadSource, nothing
from search.registry import REGISTER_SEARCH_KINDS, SearchKind

from .models import VideoAsset, VideoDownload, VideoPage
from .my_downloads import MyDownloadsQuery
from .panels import ProcessingPanel
from .schema import (
    VideoDownloadJobQuery,
    VideosMutation,
    VideosQuery,
    expect_videos,
    video_type,
)
from .timecode import format_timecode
from .views import preview_segment, process_again


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
def register_video_admin_urls():
    return [
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
    ]


def _video_download_columns() -> dict:
    """A video download in the report's columns (cms/downloads.py)."""
    return {
        # A partial download is a clip; a full one the whole video.
        "kind": Case(
            When(kind=VideoDownload.Kind.PARTIAL, then=Value("clip")),
            default=Value("video"),
        ),
        "title": F("video_title"),
        "item": F("segment"),
        "detail": F("rendition"),
        "precision": F("precision"),
        "start": F("start"),
        "end": F("end"),
        "filename": nothing(models.CharField()),
        "size_bytes": nothing(models.BigIntegerField()),
    }


def _range_label(start: float, end: float) -> str:
    return f"{format_timecode(start)}–{format_timecode(end)}"


@hooks.register(REGISTER_DOWNLOAD_SOURCES)
def register_video_downloads() -> list[DownloadSource]:
    return [
        DownloadSource(
            model=VideoDownload,
            kinds=[("video", _("Video")), ("clip", _("Clip"))],
            columns=_video_download_columns,
            range_label=_range_label,
        )
    ]


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
