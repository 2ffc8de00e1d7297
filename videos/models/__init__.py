"""Videos: the uploaded master and what is made from it (renditions, a poster
frame, clips), the translatable video page that presents it, and the download log.

A ``VideoAsset`` is the media, shared by every language's ``VideoPage``: the
renditions are made once, and a clip asked for in French is the one already cut
for English.

One module per concern (``segments``: the shotlist and soundbites); the names are
re-exported here (migrations refer to ``videos.models.video_storage`` and the
upload paths)."""

from ..storage import video_storage
from .assets import (
    VIDEO_EXTENSIONS,
    VideoAsset,
    VideoRendition,
    VideoSubtitle,
    master_upload_to,
    processing_requested,
    subtitle_upload_to,
)
from .downloads import VideoClip, VideoDownload, VideoDownloadServed, clip_requested
from .jobs import VideoDownloadJob
from .pages import (
    VideoIndexPage,
    VideoPage,
    VideoPerson,
    VideoRelatedRelease,
    VideoTopic,
)
from .segments import TimedSegment, VideoShot, VideoSoundbite

__all__ = [
    "VIDEO_EXTENSIONS",
    "TimedSegment",
    "VideoAsset",
    "VideoClip",
    "clip_requested",
    "VideoDownload",
    "VideoDownloadJob",
    "VideoDownloadServed",
    "VideoIndexPage",
    "VideoPage",
    "VideoPerson",
    "VideoRelatedRelease",
    "VideoRendition",
    "VideoShot",
    "VideoSoundbite",
    "VideoSubtitle",
    "VideoTopic",
    "master_upload_to",
    "processing_requested",
    "subtitle_upload_to",
    "video_storage",
]
