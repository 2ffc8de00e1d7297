"""The videos' kinds of basket item (basket/registry.py): a whole rendition of a
published video (VIDEO_RENDITION: the video page's id, the rendition's name as
variant; "master" for those allowed the broadcast master) and a clip the user
asked for (VIDEO_CLIP: the id of their requestVideoDownload job). Registered by
``VideosConfig.ready``. What the user may take is decided as for
requestVideoDownload: published, not under embargo unless they may read it; a
zip built is logged in the download report like a link issued."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from functools import partial

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from basket.registry import (
    FORBIDDEN,
    ITEM_NOT_FOUND,
    ITEM_NOT_READY,
    UNKNOWN_VARIANT,
    BasketFile,
    BasketKind,
    FileCredits,
    ItemRef,
    Refused,
    Resolved,
)
from cms.public_urls import page_url
from cms.visibility import published
from embargo.readers import reading_as

from . import downloads
from .models import VideoClip, VideoDownloadJob, VideoPage, VideoRendition
from .storage import video_storage

VIDEO_RENDITION = "VIDEO_RENDITION"
VIDEO_CLIP = "VIDEO_CLIP"


def _not_found() -> Refused:
    return Refused(ITEM_NOT_FOUND, _("There is no published video with this id."))


def _visible_videos(user, ids: set[int]) -> dict[int, VideoPage]:
    """The videos of ``ids`` this user may see, with their files: one query for
    the pages, one for the renditions."""
    if not ids:
        return {}
    with reading_as(user=user):
        videos = published(VideoPage.objects.filter(pk__in=ids))
        videos = videos.select_related("asset", "locale").prefetch_related(
            Prefetch("asset__renditions", queryset=VideoRendition.objects.all())
        )
        return {video.pk: video for video in videos}


def _credits(user, video: VideoPage, language: str) -> FileCredits:
    """The video's texts in ``language``: its translation there if the user may
    see it, else its own."""
    with reading_as(user=user):
        shown = (
            published(
                VideoPage.objects.filter(
                    translation_key=video.translation_key,
                    locale__language_code=language,
                )
            ).first()
            or video
        )
    return FileCredits(
        title=shown.title,
        caption=shown.summary,
        credit=shown.credit,
        date=date_format(timezone.localtime(shown.date), "DATE_FORMAT"),
        place=shown.location,
        usage_terms=shown.usage_terms,
        restrictions=shown.restrictions,
        url=page_url(shown) or "",
    )


def _file(user, video: VideoPage, name: str, size: int, stored: str) -> BasketFile:
    return BasketFile(
        name=name,
        size_bytes=size or 0,
        open=partial(video_storage().open, stored, "rb"),
        credits=partial(_credits, user, video),
    )


def _rendition(user, video: VideoPage, variant: str) -> Resolved | Refused:
    asset = video.asset
    if asset is None or not asset.is_ready:
        return Refused(ITEM_NOT_READY, _("This video is not ready for download yet."))
    try:
        if variant == downloads.MASTER:
            rendition = downloads.master_file(user, video, whole=True)
        else:
            rendition = downloads.find_rendition(video, variant)
    except downloads.DownloadError as error:
        code = FORBIDDEN if error.code == downloads.FORBIDDEN else UNKNOWN_VARIANT
        return Refused(code, error.message)
    name = downloads.attachment_name(
        video, rendition.name, extension=rendition.extension
    )
    return Resolved(
        title=f"{video.title} ({rendition.name})",
        files=[_file(user, video, name, rendition.size_bytes, rendition.file.name)],
    )


class VideoRenditionKind(BasketKind):
    name = VIDEO_RENDITION
    description = "a whole rendition of a video"

    def resolve(self, user, refs: Sequence[ItemRef]) -> dict:
        ids = {int(ref.id) for ref in refs if ref.id.isdigit()}
        videos = _visible_videos(user, ids)
        answers = {}
        for ref in refs:
            video = videos.get(int(ref.id)) if ref.id.isdigit() else None
            answers[ref] = (
                _rendition(user, video, ref.variant) if video else _not_found()
            )
        return answers

    def packed(self, user, refs: Sequence[ItemRef]) -> None:
        """One line in the download report per rendition zipped."""
        videos = _visible_videos(user, {int(r.id) for r in refs if r.id.isdigit()})
        for ref in refs:
            video = videos.get(int(ref.id)) if ref.id.isdigit() else None
            if video is None or video.asset is None:
                continue
            try:
                rendition = (
                    downloads.master_file(user, video, whole=True)
                    if ref.variant == downloads.MASTER
                    else downloads.find_rendition(video, ref.variant)
                )
            except downloads.DownloadError:
                continue
            downloads.log_download(
                user, video, downloads._full(video, rendition), "basket"
            )


def _clip_jobs(user, refs: Sequence[ItemRef]) -> dict[str, VideoDownloadJob]:
    keys = set()
    for ref in refs:
        try:
            keys.add(uuid.UUID(ref.id))
        except ValueError:
            continue
    jobs = VideoDownloadJob.objects.filter(
        pk__in=keys, user=user, clip__isnull=False
    ).select_related("clip", "rendition")
    return {str(job.pk): job for job in jobs}


class VideoClipKind(BasketKind):
    name = VIDEO_CLIP
    description = "a clip of a video: the id of its requestVideoDownload job"

    def resolve(self, user, refs: Sequence[ItemRef]) -> dict:
        jobs = _clip_jobs(user, refs)
        videos = _visible_videos(user, {job.video_id for job in jobs.values()})
        answers = {}
        for ref in refs:
            job = jobs.get(_canonical(ref.id))
            video = videos.get(job.video_id) if job else None
            if job is None or video is None:
                answers[ref] = Refused(
                    ITEM_NOT_FOUND, _("You have no clip with this id.")
                )
                continue
            clip = job.clip
            if clip.status in (VideoClip.Status.QUEUED, VideoClip.Status.MAKING):
                answers[ref] = Refused(
                    ITEM_NOT_READY, _("This clip is still being made.")
                )
                continue
            if clip.status != VideoClip.Status.READY or not clip.file:
                answers[ref] = Refused(
                    ITEM_NOT_FOUND,
                    downloads.clip_error_message(
                        clip.error_code or downloads.CLIP_EXPIRED
                    ),
                )
                continue
            name = downloads.attachment_name(
                video, job.rendition.name, clip.actual_start, clip.actual_end
            )
            answers[ref] = Resolved(
                title=f"{video.title} ({name})",
                files=[_file(user, video, name, clip.size_bytes, clip.file.name)],
            )
        return answers

    def packed(self, user, refs: Sequence[ItemRef]) -> None:
        """The clips were used now (retention counts from here), and each is a
        line in the download report."""
        jobs = _clip_jobs(user, refs)
        videos = _visible_videos(user, {job.video_id for job in jobs.values()})
        for job in jobs.values():
            video = videos.get(job.video_id)
            if video is None or job.clip.status != VideoClip.Status.READY:
                continue
            downloads._touch(job.clip)
            download = downloads._partial(video, job.rendition, job.clip, job.precision)
            downloads.log_download(user, video, download, "basket")


def _canonical(value: str) -> str:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return ""
