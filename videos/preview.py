"""The streaming preview: HLS playlists over the stored renditions and the
thumbnail track, so a frontend can play, scrub and pick in and out points before
any download.

Every URL of one video shares a prefix, ``/videos/preview/<key>/``, so the
playlists and the WebVTT track name their parts by relative URLs:

- ``master.m3u8``: the video renditions, best first;
- ``<rendition>.m3u8``: one rendition, its segments byte ranges of its MP4;
- ``r<id>.mp4``: that MP4 (local disk; on S3 the playlist names a presigned URL);
- ``thumbnails.vtt`` and ``thumbnails.jpg``: the thumbnail track and its sprite.

``<key>`` is ``a<asset id>`` for a video the public may see (a live VideoPage
under no view restriction and no embargo shows it): anyone may play it and caches
may keep it a few minutes. Anything else (a draft seen in the editors' preview) gets a
signed key that expires after ``VIDEO_PREVIEW_URL_SECONDS``; so does a video
under embargo, for the accredited journalists who see it. A key that does not
(or no longer) qualifies answers 404, whatever the file. The links are made by
preview_links.py (which the video page's ``preview`` field asks)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _

from cms.serving import serve_file
from embargo.visibility import without_embargoed

from . import hls
from .downloads import STORAGE_ERRORS
from .models import VideoAsset, VideoPage, VideoRendition
from .preview_links import SIGNING_SALT
from .storage import video_storage

logger = logging.getLogger(__name__)
PUBLIC_CACHE = "public, max-age=300"
SIGNED_CACHE = "private, max-age=300"
PLAYLIST_TYPE = "application/vnd.apple.mpegurl"


# --- The view ------------------------------------------------------------------------


def _number(text: str) -> int | None:
    """A database id written in a URL (digits only, within a 64-bit integer)."""
    if text.isascii() and text.isdigit() and len(text) <= 18:
        return int(text)
    return None


def _resolve(key: str) -> tuple[VideoAsset, bool]:
    """The asset a key opens, and whether it is public; 404 otherwise."""
    if key.startswith("a") and _number(key[1:]) is not None:
        asset = VideoAsset.objects.filter(pk=_number(key[1:])).first()
        public = (
            asset is not None
            and without_embargoed(VideoPage.objects.live().public())
            .filter(asset=asset)
            .exists()
        )
        if not public:
            raise Http404(_("There is no published video here."))
    else:
        try:
            data = signing.loads(
                key, salt=SIGNING_SALT, max_age=settings.VIDEO_PREVIEW_URL_SECONDS
            )
        except signing.BadSignature:
            raise Http404(_("This preview link is invalid or has expired.")) from None
        asset = VideoAsset.objects.filter(pk=data.get("a")).first()
        public = False
    if asset is None or not asset.is_ready:
        raise Http404(_("This video is not ready."))
    return asset, public


def _cors(response: HttpResponse) -> HttpResponse:
    """Players on a frontend's origin fetch these with XHR (hls.js): the key in
    the URL is the only credential, so any origin may read them."""
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = (
        "Content-Length, Content-Range, Accept-Ranges"
    )
    return response


def serve_preview(request, key: str, part: str):
    if request.method == "OPTIONS":
        response = HttpResponse(status=204)
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Allow-Headers"] = "Range"
        response["Access-Control-Max-Age"] = "86400"
        return _cors(response)
    if request.method not in ("GET", "HEAD"):
        response = HttpResponse(status=405)
        response["Allow"] = "GET, HEAD, OPTIONS"
        return response
    asset, public = _resolve(key)
    cache = PUBLIC_CACHE if public else SIGNED_CACHE
    try:
        response = _part(request, asset, public, part, cache)
    except STORAGE_ERRORS:
        logger.exception("The video storage failed serving a preview of %s", asset.pk)
        response = HttpResponse(
            _("The video storage cannot be reached. Try again later."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
    response.setdefault("Cache-Control", cache)
    if not public:
        response["X-Robots-Tag"] = "noindex"
    return _cors(response)


def _part(request, asset: VideoAsset, public: bool, part: str, cache: str):
    videos = asset.renditions.filter(kind=VideoRendition.Kind.VIDEO).exclude(
        hls_index={}
    )
    if part == "master.m3u8":
        renditions = list(videos.order_by("-height"))
        if not renditions:
            raise Http404(_("This video has no stream."))
        body = hls.master_playlist(
            [(r, f"{r.name}.m3u8") for r in renditions], asset.frame_rate
        )
        return HttpResponse(body, content_type=PLAYLIST_TYPE)
    if part.endswith(".m3u8"):
        rendition = videos.filter(name=part.removesuffix(".m3u8")).first()
        if rendition is None:
            raise Http404(_("This video has no such rendition."))
        body = hls.media_playlist(rendition.hls_index, _media_uri(rendition))
        return HttpResponse(body, content_type=PLAYLIST_TYPE)
    if part.startswith("r") and part.endswith(".mp4") and _number(part[1:-4]):
        rendition = videos.filter(pk=_number(part[1:-4])).first()
        if rendition is None:
            raise Http404(_("This video has no such rendition."))
        return _file(request, rendition.file.name, "video/mp4", cache)
    if part == "thumbnails.vtt" and asset.thumbnail_track:
        with video_storage().open(asset.thumbnail_track.name, "rb") as handle:
            body = handle.read()
        return HttpResponse(body, content_type="text/vtt; charset=utf-8")
    if part == "thumbnails.jpg" and asset.thumbnail_sprite:
        return _file(request, asset.thumbnail_sprite.name, "image/jpeg", cache)
    raise Http404(_("There is no such part of this video's preview."))


def _media_uri(rendition: VideoRendition) -> str:
    """Where the player reads the segments: this view on local disk (a relative
    URL), the object store itself on S3 (a presigned URL; the bucket must allow
    the frontends' origins in its CORS rules for hls.js)."""
    storage = video_storage()
    try:
        storage.path(rendition.file.name)
    except NotImplementedError:
        return storage.url(
            rendition.file.name,
            parameters={"ResponseContentType": "video/mp4"},
            expire=settings.VIDEO_PREVIEW_URL_SECONDS,
        )
    return f"r{rendition.pk}.mp4"


def _file(request, name: str, content_type: str, cache: str):
    storage = video_storage()
    try:
        local = storage.path(name)
    except NotImplementedError:
        return HttpResponseRedirect(
            storage.url(
                name,
                parameters={"ResponseContentType": content_type},
                expire=settings.VIDEO_PREVIEW_URL_SECONDS,
            )
        )
    if not storage.exists(name):
        raise Http404(_("This file is no longer available."))
    return serve_file(
        request,
        local,
        filename=name.rsplit("/", 1)[-1],
        content_type=content_type,
        attachment=False,
        cache_control=cache,
    )
