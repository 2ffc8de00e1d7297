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
    date_arguments,
    locale_argument,
)
from cms.graphql.pages import expect_pages
from cms.graphql.pagination import (
    cursor_arguments,
    paginate,
    paginated,
    pagination_arguments,
)
from cms.graphql.views import mark_private
from cms.public_urls import cms_url
from newsroom.models import Person
from newsroom.schema import (
    PERSON_HELP,
    TOPIC_HELP,
    PeopleLinksLoader,
    RelatedReleasesLoader,
    TopicLinksLoader,
    _filters,
    _variants,
    check_list_arguments,
    dated_pages,
    linked_people,
    linked_releases,
    linked_topics,
)

from . import downloads
from .models import (
    VideoAsset,
    VideoClip,
    VideoPage,
    VideoPerson,
    VideoRelatedRelease,
    VideoRendition,
    VideoShot,
    VideoSoundbite,
    VideoSubtitle,
    VideoTopic,
)
from .timecode import format_timecode


def video_type():
    return registry.pages[VideoPage]


def person_type():
    return registry.snippets[Person]


# --- Types ---------------------------------------------------------------------------


class RenditionType(graphene.ObjectType):
    id = graphene.ID(required=True, description="This rendition of this video file.")
    name = graphene.String(
        required=True, description="The name to ask a download for, e.g. 720p."
    )
    label = graphene.String(required=True)
    width = graphene.Int(required=True)
    height = graphene.Int(required=True)
    mime_type = graphene.String(required=True)
    size_bytes = graphene.Float(required=True, description="Bytes (may pass 2^31).")
    duration = graphene.Float(required=True)

    @staticmethod
    def resolve_id(rendition: VideoRendition, info):
        return rendition.pk


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
            "keyframes"
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
        variants = _variants(
            Person,
            (p.translation_key for p in people.values()),
            related=("portrait",),
            prefetch=("positions",),
        )
        found = {}
        for person_id, locale_id in keys:
            person = people.get(person_id)
            if person is not None:
                found[(person_id, locale_id)] = variants.get(
                    (person.translation_key, locale_id), person
                )
        return found


class VideoPeopleLoader(PeopleLinksLoader):
    link_model = VideoPerson


class VideoTopicsLoader(TopicLinksLoader):
    link_model = VideoTopic


class VideoReleasesLoader(RelatedReleasesLoader):
    link_model = VideoRelatedRelease


def expect_videos(videos: list[VideoPage]) -> None:
    keys = [(v.pk, v.locale_id) for v in videos]
    for loader in (VideoPeopleLoader, VideoTopicsLoader, VideoReleasesLoader):
        loader.expect(keys)
    page_ids = [v.pk for v in videos]
    ShotsLoader.expect(page_ids)
    SoundbitesLoader.expect(page_ids)
    asset_ids = [v.asset_id for v in videos if v.asset_id]
    for loader in (AssetLoader, RenditionsLoader, SubtitlesLoader):
        loader.expect(asset_ids)
    expect_pages(videos)


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


def resolve_video_people(video: VideoPage, info):
    return linked_people(video, "video_people", VideoPeopleLoader)


def resolve_video_topics(video: VideoPage, info):
    return linked_topics(video, "video_topics", VideoTopicsLoader)


def resolve_video_related(video: VideoPage, info):
    return linked_releases(video, VideoReleasesLoader)


# --- Root queries and the mutation ---------------------------------------------------

VideoList = paginated("VideoList", video_type)


def videos_queryset(locale, topic_keys=None, person=None, date_from=None, date_to=None):
    return dated_pages(
        VideoPage,
        locale,
        topic_links=(VideoTopic, topic_keys),
        person_links=(VideoPerson, person),
        date_from=date_from,
        date_to=date_to,
    ).select_related("locale", "poster_image")


class VideosQuery:
    videos = graphene.Field(
        VideoList,
        locale=locale_argument(),
        topic=graphene.String(description=TOPIC_HELP),
        person=graphene.String(description=PERSON_HELP),
        **date_arguments(),
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
        dependencies.enumerates(info, VideoPage, [locale], *_filters(topic, person))
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


class RequestVideoDownload(graphene.Mutation):
    """A short-lived link to a whole rendition or to a part of it. Signed-in users
    only; every download is logged."""

    class Arguments:
        input = VideoDownloadInput(required=True)

    Output = VideoDownloadType

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
