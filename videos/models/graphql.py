"""The fields of a video page beyond the linked-page kit's: the file's status,
duration and poster, its renditions, streaming preview and subtitles, the
shotlist and soundbites.

Their types, the loaders that batch them over a list of videos
(``expect_videos``), and the resolvers ``VideoPage`` calls (pages.py). Next to
the models, as grapple's own test app keeps its types, so that a field can be
followed from the model to its SQL."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import graphene
from wagtail.images.models import AbstractImage

from cms.graphql.loaders import BatchLoader, ListLoader
from cms.graphql.locale import LanguageCode
from cms.public_urls import cms_url
from cms.visibility import is_withheld
from newsroom.linked.fields import person_type
from newsroom.linked.loaders import expect_linked, variants
from newsroom.models import Person

from .. import preview_links
from ..timecode import format_timecode
from .assets import VideoAsset, VideoRendition, VideoSubtitle
from .segments import TimedSegment, VideoShot, VideoSoundbite

if TYPE_CHECKING:
    from .pages import VideoPage


# --- Types ---------------------------------------------------------------------------


RenditionKind = graphene.Enum(
    "RenditionKind",
    [(kind.name, kind.value) for kind in VideoRendition.Kind],
    description="VIDEO: H.264/AAC MP4. AUDIO: the sound alone, for radio "
    "(AAC in M4A, or PCM WAV: see mimeType).",
)


class RenditionType(graphene.ObjectType):
    id = graphene.ID(required=True, description="This rendition of this video file.")
    name = graphene.String(
        required=True,
        description="The name to ask a download for, e.g. 720p, audio-m4a.",
    )
    kind = graphene.Field(RenditionKind, required=True)
    label = graphene.String(required=True)
    width = graphene.Int(description="Pixels; null for an AUDIO rendition.")
    height = graphene.Int(description="Lines; null for an AUDIO rendition.")
    mime_type = graphene.String(required=True)
    size_bytes = graphene.Float(required=True, description="Bytes (may pass 2^31).")
    duration = graphene.Float(required=True)

    @staticmethod
    def resolve_id(rendition: VideoRendition, info: Any) -> int:
        return rendition.pk

    @staticmethod
    def resolve_kind(rendition: VideoRendition, info: Any) -> str:
        return rendition.kind

    @staticmethod
    def resolve_width(rendition: VideoRendition, info: Any) -> int | None:
        # Sound has no picture: no size, rather than a 0 that looks like one.
        return rendition.width if rendition.kind != VideoRendition.Kind.AUDIO else None

    @staticmethod
    def resolve_height(rendition: VideoRendition, info: Any) -> int | None:
        return rendition.height if rendition.kind != VideoRendition.Kind.AUDIO else None


class VideoPreviewType(graphene.ObjectType):
    """Watch and scrub a video before downloading any of it."""

    hls_url = graphene.String(
        required=True,
        description="HLS master playlist (fragmented MP4, one variant per video "
        "rendition). Safari plays it natively; elsewhere use hls.js.",
    )
    thumbnails_vtt_url = graphene.String(
        required=True,
        description="WebVTT thumbnail track: each cue names a tile of the sprite "
        "(thumbnails.jpg#xywh=x,y,w,h) for its time span.",
    )
    thumbnails_url = graphene.String(
        required=True, description="The sprite JPEG the track's cues point into."
    )
    expires_at = graphene.DateTime(
        description="When the links stop working: null for a published video "
        "(public links), set for a preview of a draft (signed links)."
    )


class Segment:
    id = graphene.ID(
        required=True,
        description="What requestVideoDownload takes as shot or "
        "soundbite (in a preview: the editor's unsaved state, <id>-preview).",
    )
    start = graphene.Float(required=True, description="Seconds from the start.")
    end = graphene.Float(required=True)
    start_timecode = graphene.String(required=True, description="HH:MM:SS.mmm")
    end_timecode = graphene.String(required=True)

    @staticmethod
    def resolve_id(segment: TimedSegment, info: Any) -> str | int:
        if getattr(segment, "is_preview", False):
            return f"{segment.pk or f'new{segment.sort_order}'}-preview"
        return segment.pk

    @staticmethod
    def resolve_start_timecode(segment: TimedSegment, info: Any) -> str:
        return format_timecode(segment.start)

    @staticmethod
    def resolve_end_timecode(segment: TimedSegment, info: Any) -> str:
        return format_timecode(segment.end)


class ShotType(Segment, graphene.ObjectType):
    description = graphene.String(required=True)


class SoundbiteType(Segment, graphene.ObjectType):
    language = graphene.String(required=True, description="Language spoken.")
    text = graphene.String(required=True)
    speaker = graphene.Field(person_type)

    @staticmethod
    def resolve_speaker(soundbite: VideoSoundbite, info: Any) -> Person | None:
        if soundbite.speaker_id is None:
            return None
        return SpeakerLoader.load((soundbite.speaker_id, soundbite.locale_id))


class SubtitleType(graphene.ObjectType):
    id = graphene.ID(required=True)
    locale = graphene.Field(LanguageCode, required=True)
    url = graphene.String(required=True)

    @staticmethod
    def resolve_locale(subtitle: VideoSubtitle, info: Any) -> str:
        return subtitle.language

    @staticmethod
    def resolve_url(subtitle: VideoSubtitle, info: Any) -> str:
        return cms_url(subtitle.file.url)


VideoStatus = graphene.Enum(
    "VideoStatus",
    [(status.name, status.value) for status in VideoAsset.Status],
    description="Processing of the video file: renditions exist once READY.",
)


# --- Loaders -------------------------------------------------------------------------


class AssetLoader(BatchLoader):
    """asset id -> the asset, with its poster frame."""

    @classmethod
    def load_batch(cls, keys: list) -> dict:
        assets = VideoAsset.objects.filter(pk__in=keys).select_related("poster")
        return {
            asset.pk: asset for asset in assets.prefetch_related("poster__renditions")
        }


class RenditionsLoader(ListLoader):
    @classmethod
    def load_batch(cls, keys: list) -> dict:
        found: dict = {}
        for rendition in VideoRendition.objects.filter(asset_id__in=keys).defer(
            "keyframes", "hls_index"
        ):
            found.setdefault(rendition.asset_id, []).append(rendition)
        return found


class SubtitlesLoader(ListLoader):
    @classmethod
    def load_batch(cls, keys: list) -> dict:
        found: dict = {}
        for subtitle in VideoSubtitle.objects.filter(asset_id__in=keys).order_by(
            "sort_order", "pk"
        ):
            found.setdefault(subtitle.asset_id, []).append(subtitle)
        return found


class ShotsLoader(ListLoader):
    model = VideoShot

    @classmethod
    def load_batch(cls, keys: list) -> dict:
        found: dict = {}
        for row in cls.model.objects.filter(page_id__in=keys).order_by(
            "sort_order", "pk"
        ):
            found.setdefault(row.page_id, []).append(row)
        return found


class SoundbitesLoader(ShotsLoader):
    model = VideoSoundbite


class SpeakerLoader(BatchLoader):
    """(person id, locale id) -> the person in that language (as linked, while
    they have no variant in it)."""

    @classmethod
    def load_batch(cls, keys: list) -> dict:
        people = Person.objects.in_bulk({person_id for person_id, _ in keys})
        found_variants = variants(
            Person,
            (p.translation_key for p in people.values()),
            related=("portrait",),
            prefetch=("positions",),
        )
        found = {}
        for person_id, locale_id in keys:
            person = people.get(person_id)
            if person is not None:
                found[(person_id, locale_id)] = found_variants.get(
                    (person.translation_key, locale_id), person
                )
        return found


def expect_videos(videos: list[VideoPage]) -> None:
    """Tell the loaders which videos a list is about to resolve: their links,
    translations and tree (expect_linked), segments, files and renditions."""
    expect_linked(videos)
    page_ids = [v.pk for v in videos]
    ShotsLoader.expect(page_ids)
    SoundbitesLoader.expect(page_ids)
    asset_ids = [v.asset_id for v in videos if v.asset_id]
    for loader in (AssetLoader, RenditionsLoader, SubtitlesLoader):
        loader.expect(asset_ids)


# --- Field resolvers (called by VideoPage's graphql_* methods) ---------------------


def _is_preview(video: VideoPage) -> bool:
    return getattr(video, "is_preview", False)


def resolve_asset(video: VideoPage) -> VideoAsset | None:
    if video.asset_id is None:
        return None
    if _is_preview(video):
        return video.asset
    return AssetLoader.load(video.asset_id)


def asset_attribute(video: VideoPage, attribute: str) -> Any:
    """An attribute of the video's file (null without one)."""
    asset = resolve_asset(video)
    return getattr(asset, attribute) if asset is not None else None


def resolve_status(video: VideoPage) -> str | None:
    status = asset_attribute(video, "status")
    return None if status is None else str(status)  # a Status member's value


def resolve_poster(video: VideoPage) -> AbstractImage | None:
    if video.poster_image_id:
        return video.poster_image
    asset = resolve_asset(video)
    return asset.poster if asset is not None else None


def resolve_renditions(video: VideoPage) -> list[VideoRendition]:
    asset = resolve_asset(video)
    if asset is None or not asset.is_ready:
        return []
    return RenditionsLoader.load(asset.pk)


def resolve_preview(video: VideoPage) -> preview_links.Preview | None:
    """Public links for a published video; signed ones in a draft's preview."""
    asset = resolve_asset(video)
    if asset is None:
        return None
    # Under embargo: signed, expiring links for the accredited reader, never
    # the public key that any cache may keep.
    public = not _is_preview(video) and not is_withheld(video)
    return preview_links.preview_for(asset, public=public)


def resolve_subtitles(video: VideoPage) -> list[VideoSubtitle]:
    if video.asset_id is None:
        return []
    return SubtitlesLoader.load(video.asset_id)


def _previewed_segments(segments: Iterable[TimedSegment]) -> list[TimedSegment]:
    segments = list(segments)
    for segment in segments:
        segment.is_preview = True
    return segments


def resolve_shots(video: VideoPage) -> list[VideoShot]:
    if _is_preview(video):
        return _previewed_segments(video.shots.all())
    return ShotsLoader.load(video.pk)


def resolve_soundbites(video: VideoPage) -> list[VideoSoundbite]:
    if _is_preview(video):
        return _previewed_segments(video.soundbites.all())
    return SoundbitesLoader.load(video.pk)
