"""GraphQL for videos: the ``videos`` and ``video`` queries, the
``requestVideoDownload`` mutation and ``videoDownloadJob``, with their types.

Lists cost a constant number of SQL queries: the list resolvers announce their
pages to the loaders (``expect_videos`` in videos/models/graphql.py, which passes
them on to the linked-page kit's for people, topics and related releases), which
fetch what the whole list needs at once."""

from __future__ import annotations

from typing import Any

import graphene
from django.db.models import Case, QuerySet, When, prefetch_related_objects
from grapple.registry import registry
from wagtail.models import Locale

from cms.graphql import dependencies
from cms.graphql.loaders import expect_items
from cms.graphql.locale import activate_locale, locale_argument
from cms.graphql.pagination import (
    cursor_arguments,
    paginate,
    paginated,
    pagination_arguments,
)
from cms.graphql.request_state import mark_private
from newsroom.linked.lists import (
    check_list_arguments,
    dated_pages,
    filter_models,
    linked_filter_arguments,
)

from . import downloads
from .models import VideoClip, VideoDownload, VideoDownloadJob, VideoPage
from .models.graphql import expect_videos


def video_type() -> type[graphene.ObjectType]:
    return registry.pages[VideoPage]


class Precision(graphene.Enum):
    FAST = "FAST"
    EXACT = "EXACT"

    @property
    def description(self) -> str:
        if self == Precision.FAST:
            return "Stream copy, cut on keyframes: quick; start/end say the real cut."
        return "Re-encoded, cut to the frame."


class VideoDownloadType(graphene.ObjectType):
    url = graphene.String(required=True, description="Downloads as an attachment.")
    expires_at = graphene.DateTime(required=True)
    filename = graphene.String(required=True)
    rendition = graphene.String(required=True)
    start = graphene.Float(description="The clip's real in point; null when whole.")
    end = graphene.Float()
    size_bytes = graphene.Float(required=True)
    precision = graphene.Field(Precision)
    # Issue 14: the cut in frames. Null for a whole rendition.
    start_timecode = graphene.String(
        description="The clip's in point as SMPTE timecode (HH:MM:SS:FF; "
        "drop-frame HH:MM:SS;FF at 29.97 and 59.94 fps)."
    )
    end_timecode = graphene.String(
        description="The out point as SMPTE timecode: the first frame not in it."
    )
    frames = graphene.Int(description="How many video frames the clip holds.")
    frame_rate = graphene.String(
        description="The frame rate the timecodes count, e.g. 25 or 30000/1001."
    )

    @staticmethod
    def resolve_start_timecode(download: VideoDownload, info: Any) -> str | None:
        return download.timecode(download.start)

    @staticmethod
    def resolve_end_timecode(download: VideoDownload, info: Any) -> str | None:
        return download.timecode(download.end)

    @staticmethod
    def resolve_frame_rate(download: VideoDownload, info: Any) -> str | None:
        return str(download.frame_rate) if download.frame_rate else None

    @staticmethod
    def resolve_rendition(download: VideoDownload, info: Any) -> str:
        return download.rendition.name

    @staticmethod
    def resolve_precision(download: VideoDownload, info: Any) -> Precision | None:
        return Precision[str(download.precision)] if download.precision else None


# --- Root queries and the mutation ---------------------------------------------------

VideoList = paginated("VideoList", video_type)


def videos_queryset(
    locale: Locale,
    topic_keys: set | None = None,
    person: str | None = None,
    date_from: Any = None,
    date_to: Any = None,
) -> QuerySet[VideoPage]:
    return dated_pages(
        VideoPage, locale, topic_keys, person, date_from, date_to
    ).select_related("locale", "poster_image")


def _expect_listed_videos(videos: list[VideoPage]) -> None:
    """What a list's videos will be asked for: their poster's renditions (one
    query) and the rest (the loaders)."""
    prefetch_related_objects(videos, "poster_image__renditions")
    expect_videos(videos)


class VideosQuery:
    videos = graphene.Field(
        VideoList,
        locale=locale_argument(),
        **linked_filter_arguments(),
        **pagination_arguments(),
        **cursor_arguments(),
        description="Published videos of one language, newest first.",
    )
    video = graphene.Field(
        video_type,
        slug=graphene.String(required=True),
        locale=locale_argument(),
        description="One published video by slug, or null.",
    )

    @staticmethod
    def resolve_videos(
        root: Any,
        info: graphene.ResolveInfo,
        locale: str | None = None,
        topic: str | None = None,
        person: str | None = None,
        date_from: Any = None,
        date_to: Any = None,
        page: int = 1,
        per_page: int = 10,
        after: str | None = None,
        before: str | None = None,
    ) -> Any:
        topic_keys = check_list_arguments(
            topic, person, date_from, date_to, page, per_page
        )
        locale = activate_locale(locale)
        dependencies.enumerates(
            info, VideoPage, [locale], *filter_models(topic, person)
        )
        videos = videos_queryset(locale, topic_keys, person, date_from, date_to)
        result = paginate(videos, page, per_page, after, before)
        expect_items(result["items"], _expect_listed_videos)
        return VideoList(**result)

    @staticmethod
    def resolve_video(
        root: Any, info: graphene.ResolveInfo, slug: str, locale: str | None = None
    ) -> VideoPage | None:
        locale = activate_locale(locale)
        video = (
            videos_queryset(locale)
            .filter(slug=slug)
            .prefetch_related("poster_image__renditions")
            .order_by(Case(When(locale=locale, then=0), default=1))
            .first()
        )
        if video is not None:
            expect_videos([video])
        dependencies.looks_up(info, VideoPage, [locale], video)
        return video


class VideoDownloadInput(graphene.InputObjectType):
    video_id = graphene.ID(required=True, description="The video page's id.")
    rendition = graphene.String(
        required=True, description="A rendition's name, e.g. 720p."
    )
    start = graphene.Field(
        lambda: Timecode,
        description="In point: seconds, HH:MM:SS.mmm or SMPTE HH:MM:SS:FF "
        "(HH:MM:SS;FF drop-frame).",
    )
    end = graphene.Field(lambda: Timecode, description="Out point.")
    shot = graphene.ID(description="A shot's id from the shotlist, instead of in/out.")
    soundbite = graphene.ID(description="A soundbite's id, instead of in/out.")
    precision = Precision(default_value="FAST")


class Timecode(graphene.Scalar):
    """Seconds (12.5), a timecode string ("00:00:12.500") or SMPTE frames
    ("00:00:12:05", "00:00:12;05" drop-frame). A malformed or ambiguous value is
    refused by the field that takes it, with the code INVALID_TIMECODE."""

    @staticmethod
    def serialize(value: Any) -> Any:
        return value

    @staticmethod
    def parse_value(value: Any) -> Any:
        return value

    @staticmethod
    def parse_literal(node: Any, _variables: Any = None) -> Any:
        return getattr(node, "value", None)


VideoDownloadJobStatus = graphene.Enum(
    "VideoDownloadJobStatus",
    [(status.value, status.value) for status in VideoDownloadJob.Status],
    description="QUEUED (waiting for a worker), RUNNING, READY (download is "
    "set), FAILED (errorCode and errorMessage say why).",
)


class VideoDownloadJobType(graphene.ObjectType):
    """A download asked for: a whole rendition is READY at once; a clip is cut by
    a worker. Follow it with videoDownloadJob(id) until READY or FAILED."""

    class Meta:
        name = "VideoDownloadJob"

    id = graphene.ID(required=True)
    status = graphene.Field(VideoDownloadJobStatus, required=True)
    progress = graphene.Int(required=True, description="0-100.")
    estimated_seconds = graphene.Int(
        description="About how long until READY (0 once READY; null if FAILED)."
    )
    error_code = graphene.String(
        description="Why it FAILED, e.g. CLIP_FAILED, RANGE_OUT_OF_BOUNDS, "
        "STORAGE_UNAVAILABLE, CLIP_EXPIRED."
    )
    error_message = graphene.String(description="The same, as a sentence.")
    download = graphene.Field(
        VideoDownloadType, description="The link, once READY (logged once per job)."
    )

    @staticmethod
    def resolve_status(job: VideoDownloadJob, info: Any) -> str:
        return str(job.status)  # the member's value

    @staticmethod
    def resolve_progress(job: VideoDownloadJob, info: Any) -> int:
        if job.status == VideoDownloadJob.Status.READY:
            return 100
        return job.clip.progress if job.clip else 0

    @staticmethod
    def resolve_estimated_seconds(job: VideoDownloadJob, info: Any) -> int | None:
        return downloads.job_estimated_seconds(job)

    @staticmethod
    def resolve_error_code(job: VideoDownloadJob, info: Any) -> str | None:
        return downloads.job_error(job)[0]

    @staticmethod
    def resolve_error_message(job: VideoDownloadJob, info: Any) -> str | None:
        return downloads.job_error(job)[1]

    @staticmethod
    def resolve_download(job: VideoDownloadJob, info: Any) -> Any:
        if job.status != VideoDownloadJob.Status.READY:
            return None
        return downloads.job_download(job)


class VideoDownloadJobQuery:
    video_download_job = graphene.Field(
        VideoDownloadJobType,
        id=graphene.ID(required=True),
        description="A download job of the signed-in user (another's: NOT_FOUND).",
    )

    @staticmethod
    def resolve_video_download_job(
        root: Any, info: graphene.ResolveInfo, id: str
    ) -> VideoDownloadJob | None:
        request = info.context
        mark_private(request)
        return downloads.find_job(request, id)


class RequestVideoDownload(graphene.Mutation):
    """A download of a whole rendition or of a part of it, as a job: READY at
    once with its link for a whole rendition or a clip already made, else
    QUEUED for a worker. Signed-in users only; every link issued is logged."""

    class Arguments:
        input = VideoDownloadInput(required=True)

    Output = VideoDownloadJobType

    @staticmethod
    def mutate(root: Any, info: graphene.ResolveInfo, input: dict) -> Any:
        request = info.context
        mark_private(request)
        precision = input.get("precision") or Precision.FAST
        precision = getattr(precision, "value", precision)
        return downloads.request_download(
            request,
            input["video_id"],
            input["rendition"],
            start=input.get("start"),
            end=input.get("end"),
            shot=input.get("shot"),
            soundbite=input.get("soundbite"),
            precision=VideoClip.Precision(precision),
        )


class VideosMutation:
    request_video_download = RequestVideoDownload.Field()
