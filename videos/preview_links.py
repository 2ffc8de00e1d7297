"""The links of a video's streaming preview (served by videos/preview.py): public
for a video the public may see, signed and expiring otherwise. Apart from the view
so that the video page's ``preview`` field (videos/models/graphql.py) can make
them without importing the view, which imports the models."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from cms.public_urls import cms_url

if TYPE_CHECKING:
    from .models import VideoAsset

SIGNING_SALT = "videos.preview"


# --- Links ---------------------------------------------------------------------------


@dataclass
class Preview:
    hls_url: str
    thumbnails_vtt_url: str
    thumbnails_url: str
    expires_at: datetime.datetime | None  # None: public, does not expire


def public_key(asset_id: int) -> str:
    return f"a{asset_id}"


def signed_key(asset_id: int) -> str:
    return signing.dumps({"a": asset_id}, salt=SIGNING_SALT, compress=True)


def preview_for(asset: VideoAsset, public: bool) -> Preview | None:
    """The preview's URLs, or None while the video has no stream: not processed
    yet, or processed before streaming existed ("process again" makes it). The
    thumbnail track is made in the same run as the renditions' HLS indexes, after
    them: it tells, with no query, that the stream is there."""
    if not asset.is_ready or not asset.thumbnail_track:
        return None
    key = public_key(asset.pk) if public else signed_key(asset.pk)
    expires_at = None
    if not public:
        expires_at = timezone.now() + datetime.timedelta(
            seconds=settings.VIDEO_PREVIEW_URL_SECONDS
        )

    def url(part: str) -> str:
        return cms_url(reverse("video-preview", kwargs={"key": key, "part": part}))

    return Preview(
        hls_url=url("master.m3u8"),
        thumbnails_vtt_url=url("thumbnails.vtt"),
        thumbnails_url=url("thumbnails.jpg"),
        expires_at=expires_at,
    )
