"""A journalist's own downloads (``myDownloads``): what they asked for, and a new
link to it while it is still valid.

A download can be fetched again for VIDEO_MY_DOWNLOADS_DAYS (30) after it was
asked for, while its video is still published and its file still exists (the
rendition, or the clip cut for it). A new link is as short-lived as the first
(VIDEO_DOWNLOAD_URL_SECONDS) and names the same log row, so what it serves is
logged against the original download; no new row is written."""

from __future__ import annotations

import datetime

import graphene
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.graphql.errors import InvalidArgument
from cms.graphql.views import mark_private

from . import downloads
from .downloads import Download, DownloadError
from .models import VideoClip, VideoDownload, VideoPage, video_storage
from .schema import Precision, VideoDownloadType, video_type

MAX_LIMIT = 100

DownloadKind = graphene.Enum(
    "DownloadKind", [(kind.name, kind.value) for kind in VideoDownload.Kind]
)


class MyDownloadType(graphene.ObjectType):
    id = graphene.ID(required=True)
    requested_at = graphene.DateTime(required=True)
    video_title = graphene.String(
        required=True, description="The title when it was downloaded."
    )
    video = graphene.Field(
        video_type, description="The video page; null once it is not published."
    )
    rendition = graphene.String(required=True)
    kind = graphene.Field(DownloadKind, required=True)
    precision = graphene.Field(Precision)
    start = graphene.Float(description="In point (seconds); null when whole.")
    end = graphene.Float()
    segment = graphene.String(description="The shot or soundbite, if one was asked.")
    available_until = graphene.DateTime(
        required=True, description="When it can no longer be fetched again."
    )
    available = graphene.Boolean(
        required=True,
        description="Whether a new link can be given now (within availableUntil, "
        "the video still published, its file still there).",
    )
    download = graphene.Field(
        VideoDownloadType,
        description="A new short-lived link; null when not available.",
    )

    @staticmethod
    def resolve_requested_at(row: VideoDownload, info):
        return row.created_at

    @staticmethod
    def resolve_video(row: VideoDownload, info):
        return row.live_video

    @staticmethod
    def resolve_kind(row: VideoDownload, info):
        return row.kind

    @staticmethod
    def resolve_precision(row: VideoDownload, info):
        return Precision[row.precision] if row.precision else None

    @staticmethod
    def resolve_segment(row: VideoDownload, info):
        return row.segment or None

    @staticmethod
    def resolve_available_until(row: VideoDownload, info):
        return row.created_at + retention()

    @staticmethod
    def resolve_available(row: VideoDownload, info):
        return row.again is not None

    @staticmethod
    def resolve_download(row: VideoDownload, info):
        download = row.again
        if download is None:
            return None
        storage = video_storage()
        try:
            if not storage.exists(download.file_name):
                return None
            download.url, download.expires_at = downloads.signed_url(
                info.context, download.file_name, download.filename, row.pk
            )
        except downloads.STORAGE_ERRORS as error:
            raise DownloadError(
                downloads.STORAGE_UNAVAILABLE,
                _("The video storage cannot be reached. Try again later."),
            ) from error
        return download


def retention() -> datetime.timedelta:
    return datetime.timedelta(days=settings.VIDEO_MY_DOWNLOADS_DAYS)


def published_videos(ids) -> dict[int, VideoPage]:
    """The videos a download can still be fetched from: those
    ``downloads.find_video`` would serve."""
    return {
        video.pk: video
        for video in VideoPage.objects.live()
        .public()
        .filter(pk__in=ids)
        .select_related("asset")
        .prefetch_related("asset__renditions")
    }


def ready_clips(rows: list[VideoDownload], videos) -> dict:
    """(rendition id, precision, in, out) -> the ready clip, for partial rows."""
    rendition_ids = {
        rendition.pk
        for video in videos.values()
        if video.asset is not None
        for rendition in video.asset.renditions.all()
    }
    partial = [row for row in rows if row.kind == VideoDownload.Kind.PARTIAL]
    if not partial or not rendition_ids:
        return {}
    clips = VideoClip.objects.filter(
        rendition_id__in=rendition_ids,
        status=VideoClip.Status.READY,
        actual_start__in={row.start for row in partial},
    ).exclude(file="")
    return {
        (clip.rendition_id, clip.precision, clip.actual_start, clip.actual_end): clip
        for clip in clips
    }


def fetch_again(row: VideoDownload, video: VideoPage | None, clips) -> Download | None:
    """What a new link to ``row`` would serve, or None when it cannot be had."""
    if video is None or video.asset is None or not video.asset.is_ready:
        return None
    if timezone.now() >= row.created_at + retention():
        return None
    rendition = next(
        (r for r in video.asset.renditions.all() if r.name == row.rendition), None
    )
    if rendition is None:
        return None
    if row.kind == VideoDownload.Kind.FULL:
        return downloads._full(video, rendition)
    clip = clips.get((rendition.pk, row.precision, row.start, row.end))
    if clip is None:
        return None
    return Download(
        url="",
        expires_at=None,
        filename=downloads.attachment_name(
            video, rendition.name, clip.actual_start, clip.actual_end
        ),
        start=clip.actual_start,
        end=clip.actual_end,
        size_bytes=clip.size_bytes,
        precision=clip.precision,
        rendition=rendition,
        clip=clip,
        frame_rate=downloads.clip_frame_rate(rendition),
        file_name=clip.file.name,
        timecode_origin=downloads._origin(video.asset),
    )


class MyDownloadsQuery:
    my_downloads = graphene.List(
        graphene.NonNull(MyDownloadType),
        required=True,
        limit=graphene.Int(default_value=20, description=f"At most {MAX_LIMIT}."),
        description="The signed-in user's downloads of the last "
        "VIDEO_MY_DOWNLOADS_DAYS days, newest first (NOT_AUTHENTICATED when "
        "signed out).",
    )

    @staticmethod
    def resolve_my_downloads(root, info, limit=20):
        request = info.context
        mark_private(request)
        user = request.user
        if not user.is_authenticated:
            raise DownloadError(
                downloads.NOT_AUTHENTICATED, _("Sign in to see your downloads.")
            )
        if not 1 <= limit <= MAX_LIMIT:
            raise InvalidArgument(
                _("limit must be between 1 and %(max)d.") % {"max": MAX_LIMIT},
                argument="limit",
            )
        rows = list(
            VideoDownload.objects.filter(
                user=user, created_at__gte=timezone.now() - retention()
            ).order_by("-created_at", "-pk")[:limit]
        )
        videos = published_videos({row.video_id for row in rows if row.video_id})
        clips = ready_clips(rows, videos)
        for row in rows:
            row.live_video = videos.get(row.video_id)
            row.again = fetch_again(row, row.live_video, clips)
        return rows
