"""GraphQL for videos: the ``videos`` and ``video`` queries, the field types of a
video page, and the ``requestVideoDownload`` mutation.

Lists cost a constant number of SQL queries: the list resolvers announce their
pages to the loaders below (and to the newsroom's, for people, topics and related
releases), which fetch what the whole list needs at once."""

from __future__ import annotations

import graphene
from django.db.models import Case, When
from grapple.registry import registry

from cms.graphql import dependencies
from cms.graphql.loaders import BatchLoader, ListLoader
from cms.graphql.locale import (
    LanguageCode,
    activate_locale,
    locale_argument,
)
from cms.graphql.pagination import (
    cursor_arguments,
    paginate,
    paginated,
    pagination_arguments,
)
from cms.graphql.views import mark_private
from cms.public_urls import cms_url
from newsroom.linked.fields import person_type
from newsroom.linked.lists import (
    check_list_arguments,
    dated_pages,
    filter_models,
    linked_filter_arguments,
)
from newsroom.linked.loaders import expect_linked, variants
from newsroom.models import Person

from . import downloads, preview
from .models import (
    VideoAsset,
    VideoClip,
    VideoDownloadJob,
    VideoPage,
    VideoRendition,
    VideoShot,
    VideoSoundbite,
    VideoSubtitle,
)
from .timecode import format_timecode


def video_type():
    return registry.pages[VideoPage]


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
    width = graphene.Int(required=True, description="Pixels; 0 for audio.")
    height = graphene.Int(required=True, description="Lines; 0 for audio.")
    mime_type = graphene.String(required=True)
    size_bytes = graphene.Float(required=True, description="Bytes (may pass 2^31).")
    duration = graphene.Float(required=True)

    @staticmethod
    def resolve_id(rendition: VideoRendition, info):
        return rendition.pk

    @staticmethod
    def resolve_kind(rendition: VideoRendition, info):
        return rendition.kind


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
    def resolve_id(segment, info):
        if getattr(segment, "is_preview", False):
            return f"{segment.pk or f'new{segment.sort_order}'}-preview"
        return segment.pk

    @staticmethod
    def resolve_start_timecode(segment, info):
        return format_timecode(segment.start)

    @staticmethod
    def resolve_end_timecode(segment, info):
        return format_timecode(segment.end)


class ShotType(Segment, graphene.ObjectType):
    description = graphene.String(required=True)


class SoundbiteType(Segment, graphene.ObjectType):
    language = graphene.String(required=True, description="Language spoken.")
    text = graphene.String(required=True)
    speaker = graphene.Field(person_type)

    @staticmethod
    def resolve_speaker(soundbite: VideoSoundbite, info):
        if soundbite.speaker_id is None:
            return None
        return SpeakerLoader.load((soundbite.speaker_id, soundbite.locale_id))


class SubtitleType(graphene.ObjectType):
    id = graphene.ID(required=True)
    locale = graphene.Field(LanguageCode, required=True)
    url = graphene.String(required=True)

    @staticmethod
    def resolve_locale(subtitle: VideoSubtitle, info):
        return subtitle.language

    @staticmethod
    def resolve_url(subtitle: VideoSubtitle, info):
        return cms_url(subtitle.file.url)


VideoStatus = graphene.Enum(
    "VideoStatus",
    [(status.name, status.value) for status in VideoAsset.Status],
    description="Processing of the video file: renditions exist once READY.",
)


class Precision(graphene.Enum):
    FAST = "FAST"
    EXACT = "EXACT"

    @property
    def description(self):
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
    def resolve_start_timecode(download, info):
        return download.timecode(download.start)

    @staticmethod
    def resolve_end_timecode(download, info):
        return download.timecode(download.end)

    @staticmethod
    def resolve_frame_rate(download, info):
        return str(download.frame_rate) if download.frame_rate else None

    @staticmethod
    def resolve_rendition(download, info):
        return download.rendition.name

    @staticmethod
    def resolve_precision(download, info):
        return Precision[str(download.precision)] if download.precision else None


# --- Loaders -------------------------------------------------------------------------


class AssetLoader(BatchLoader):
    """asset id -> the asset, with its poster frame."""

    @classmethod
    def load_batch(cls, keys):
        assets = VideoAsset.objects.filter(pk__in=keys).select_related("poster")
        return {
            asset.pk: asset for asset in assets.prefetch_related("poster__renditions")
        }


class RenditionsLoader(ListLoader):
    @classmethod
    def load_batch(cls, keys):
        found: dict = {}
        for rendition in VideoRendition.objects.filter(asset_id__in=keys).defer(
            "keyframes", "hls_index"
        ):
            found.setdefault(rendition.asset_id, []).append(rendition)
        return found


class SubtitlesLoader(ListLoader):
    @classmethod
    def load_batch(cls, keys):
        found: dict = {}
        for subtitle in VideoSubtitle.objects.filter(asset_id__in=keys).order_by(
            "sort_order", "pk"
        ):
            found.setdefault(subtitle.asset_id, []).append(subtitle)
        return found


class ShotsLoader(ListLoader):
    model = VideoShot

    @classmethod
    def load_batch(cls, keys):
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
    def load_batch(cls, keys):
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


# --- Field resolvers (called through the model, see VideoPage) -----------------------


def _is_preview(video: VideoPage) -> bool:
    return getattr(video, "is_preview", False)


def resolve_asset(video: VideoPage) -> VideoAsset | None:
    if video.asset_id is None:
        return None
    if _is_preview(video):
        return video.asset
    return AssetLoader.load(video.asset_id)


def _asset_attribute(attribute: str):
    def resolve(video: VideoPage, info=None):
        asset = resolve_asset(video)
        return getattr(asset, attribute) if asset is not None else None

    return resolve


resolve_duration = _asset_attribute("duration")
resolve_duration_timecode = _asset_attribute("duration_timecode")
_asset_status = _asset_attribute("status")


def resolve_status(video: VideoPage, info=None) -> str | None:
    status = _asset_status(video)
    return None if status is None else str(status)  # a Status member's value


def resolve_poster(video: VideoPage, info=None):
    if video.poster_image_id:
        return video.poster_image
    asset = resolve_asset(video)
    return asset.poster if asset is not None else None


def resolve_renditions(video: VideoPage, info=None):
    asset = resolve_asset(video)
    if asset is None or not asset.is_ready:
        return []
    return RenditionsLoader.load(asset.pk)


def resolve_preview(video: VideoPage, info=None):
    """Public links for a published video; signed ones in a draft's preview."""
    asset = resolve_asset(video)
    if asset is None:
        return None
    return preview.preview_for(asset, public=not _is_preview(video))


def resolve_subtitles(video: VideoPage, info):
    if video.asset_id is None:
        return []
    return SubtitlesLoader.load(video.asset_id)


def _previewed_segments(segments) -> list:
    segments = list(segments)
    for segment in segments:
        segment.is_preview = True
    return segments


def resolve_shots(video: VideoPage, info=None):
    if _is_preview(video):
        return _previewed_segments(video.shots.all())
    return ShotsLoader.load(video.pk)


def resolve_soundbites(video: VideoPage, info=None):
    if _is_preview(video):
        return _previewed_segments(video.soundbites.all())
    return SoundbitesLoader.load(video.pk)


# --- Root queries and the mutation ---------------------------------------------------

VideoList = paginated("VideoList", video_type)


def videos_queryset(locale, topic_keys=None, person=None, date_from=None, date_to=None):
    return dated_pages(
        VideoPage, locale, topic_keys, person, date_from, date_to
    ).select_related("locale", "poster_image")


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
        root,
        info,
        locale=None,
        topic=None,
        person=None,
        date_from=None,
        date_to=None,
        page=1,
        per_page=10,
        after=None,
        before=None,
    ):
        topic_keys = check_list_arguments(
            topic, person, date_from, date_to, page, per_page
        )
        locale = activate_locale(locale)
        dependencies.enumerates(
            info, VideoPage, [locale], *filter_models(topic, person)
        )
        videos = videos_queryset(
            locale, topic_keys, person, date_from, date_to
        ).prefetch_related("poster_image__renditions")
        result = paginate(videos, page, per_page, after, before)
        expect_videos(result["items"])
        return VideoList(**result)

    @staticmethod
    def resolve_video(root, info, slug, locale=None):
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
    def serialize(value):
        return value

    @staticmethod
    def parse_value(value):
        return value

    @staticmethod
    def parse_literal(node, _variables=None):
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
    def resolve_status(job: VideoDownloadJob, info):
        return str(job.status)  # the member's value

    @staticmethod
    def resolve_progress(job: VideoDownloadJob, info):
        if job.status == VideoDownloadJob.Status.READY:
            return 100
        return job.clip.progress if job.clip else 0

    @staticmethod
    def resolve_estimated_seconds(job: VideoDownloadJob, info):
        return downloads.job_estimated_seconds(job)

    @staticmethod
    def resolve_error_code(job: VideoDownloadJob, info):
        return downloads.job_error(job)[0]

    @staticmethod
    def resolve_error_message(job: VideoDownloadJob, info):
        return downloads.job_error(job)[1]

    @staticmethod
    def resolve_download(job: VideoDownloadJob, info):
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
    def resolve_video_download_job(root, info, id):
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
    def mutate(root, info, input):
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
