"""The streaming preview: HLS playlists whose byte ranges are the renditions' own
fragments (decoded here with PyAV), the thumbnail track and its sprite, and who
may fetch them (public for published videos, signed in a draft's preview).

The browser plays it in tests/e2e/test_video_preview.py (hls.js in Chromium)."""

from __future__ import annotations

import io
import math
import re
from urllib.parse import urlsplit

import av
import pytest
from django.test import override_settings
from PIL import Image, ImageChops, ImageStat
from wagtail.models import PageViewRestriction

from videos import hls
from videos.models import VideoPage, video_storage

pytestmark = pytest.mark.django_db

PREVIEW = """query($slug: String!) {
  video(slug: $slug, locale: en) {
    preview { hlsUrl thumbnailsVttUrl thumbnailsUrl expiresAt }
  }
}"""


def path_of(url: str) -> str:
    return urlsplit(url).path


def fetch(client, url: str, **headers):
    response = client.get(path_of(url), headers=headers)
    body = b"".join(response.streaming_content) if response.streaming else None
    return response, body if body is not None else response.content


def tags(playlist: str, name: str) -> list[str]:
    return [
        line.split(":", 1)[1]
        for line in playlist.splitlines()
        if line.startswith(f"#{name}:")
    ]


def attributes(value: str) -> dict[str, str]:
    return {
        key: raw.strip('"')
        for key, raw in re.findall(r'([A-Z0-9-]+)=("[^"]*"|[^,]*)', value)
    }


def byte_range(value: str) -> tuple[int, int]:
    length, offset = value.strip('"').split("@")
    return int(offset), int(length)


def preview_urls(gql, video: VideoPage) -> dict:
    answer = gql(PREVIEW, {"slug": video.slug})
    assert "errors" not in answer, answer
    return answer["data"]["video"]["preview"]


def test_a_published_video_has_a_public_preview(gql, client, demo_video):
    preview = preview_urls(gql, demo_video)
    assert preview["expiresAt"] is None
    asset = demo_video.asset
    assert path_of(preview["hlsUrl"]) == f"/videos/preview/a{asset.pk}/master.m3u8"
    response, body = fetch(client, preview["hlsUrl"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.apple.mpegurl"
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Access-Control-Allow-Origin"] == "*"
    master = body.decode()
    assert master.startswith("#EXTM3U\n")
    # One variant per video rendition, the best first, each with what a player
    # needs to choose (bandwidth, size, codecs) and its media playlist.
    variants = tags(master, "EXT-X-STREAM-INF")
    uris = [line for line in master.splitlines() if line and not line.startswith("#")]
    assert uris == ["180p.m3u8", "144p.m3u8"]
    resolutions = [attributes(v)["RESOLUTION"] for v in variants]
    assert resolutions == ["320x180", "256x144"]
    for variant in variants:
        values = attributes(variant)
        codecs = values["CODECS"].split(",")
        assert codecs[0].startswith("avc1.") and codecs[1] == "mp4a.40.2"
        assert int(values["BANDWIDTH"]) >= int(values["AVERAGE-BANDWIDTH"]) > 0


@pytest.mark.parametrize("name", ["180p", "144p"])
def test_byte_ranges_are_the_renditions_own_fragments(client, demo_video, name):
    """Each segment's byte range starts on a moof box, decodes on its own after
    the init segment, starts on a keyframe at the time the playlist says, and
    holds as many frames as its EXTINF lasts; together they are the video."""
    asset = demo_video.asset
    rendition = asset.renditions.get(name=name)
    base = f"/videos/preview/a{asset.pk}/"
    response, body = fetch(client, base + f"{name}.m3u8")
    assert response.status_code == 200
    playlist = body.decode()
    assert tags(playlist, "EXT-X-PLAYLIST-TYPE") == ["VOD"]
    assert playlist.rstrip().endswith("#EXT-X-ENDLIST")
    (mapping,) = tags(playlist, "EXT-X-MAP")
    mapped = attributes(mapping)
    media_uri = mapped["URI"]
    assert media_uri == f"r{rendition.pk}.mp4"
    durations = [float(v.rstrip(",")) for v in tags(playlist, "EXTINF")]
    ranges = [byte_range(v) for v in tags(playlist, "EXT-X-BYTERANGE")]
    uris = [line for line in playlist.splitlines() if line and not line.startswith("#")]
    assert uris == [media_uri] * len(ranges) and len(ranges) == len(durations)
    target = int(tags(playlist, "EXT-X-TARGETDURATION")[0])
    assert target == max(math.ceil(d) for d in durations)
    # 12 s in segments of at least VIDEO_HLS_SEGMENT_SECONDS (4), keyframes every s.
    assert durations == [4.0, 4.0, 4.0]
    assert sum(durations) == pytest.approx(rendition.duration, abs=0.05)

    init_offset, init_length = byte_range(mapped["BYTERANGE"])
    response, init = fetch(
        client,
        base + media_uri,
        Range=f"bytes={init_offset}-{init_offset + init_length - 1}",
    )
    assert response.status_code == 206
    assert init[4:8] == b"ftyp" and len(init) == init_length
    whole = video_storage().open(rendition.file.name, "rb").read()
    start = 0.0
    previous_end = None
    for (offset, length), seconds in zip(ranges, durations, strict=True):
        response, segment = fetch(
            client, base + media_uri, Range=f"bytes={offset}-{offset + length - 1}"
        )
        assert response.status_code == 206, response.status_code
        assert response["Cache-Control"] == "public, max-age=300"
        assert segment == whole[offset : offset + length]
        assert segment[4:8] == b"moof"  # a fragment boundary
        if previous_end is not None:
            # Nothing between two segments but media: they follow one another.
            assert offset == previous_end
        previous_end = offset + length
        with av.open(io.BytesIO(init + segment)) as container:
            frames = list(container.decode(video=0))
        assert frames[0].key_frame
        assert frames[0].time == pytest.approx(start, abs=0.05)
        assert len(frames) == round(seconds * 25)
        start += seconds
    # The last fragment ends where the media ends (only the mfra index follows).
    assert whole[previous_end + 4 : previous_end + 8] in (b"mfra", b"")


def test_segments_group_whole_fragments(demo_video):
    """Shorter segments: one per keyframe fragment; longer: several fragments,
    never a fragment cut in two."""
    rendition = demo_video.asset.renditions.get(name="144p")
    storage = video_storage()
    size = storage.size(rendition.file.name)
    with storage.open(rendition.file.name, "rb") as handle:
        ones = hls.index_fragments(handle, size, rendition.duration, 1)
        fives = hls.index_fragments(handle, size, rendition.duration, 5)
    assert [d for *_, d in ones["segments"]] == [1.0] * 12
    assert [d for *_, d in fives["segments"]] == [5.0, 5.0, 2.0]
    starts = {offset for offset, *_ in ones["segments"]}
    assert {offset for offset, *_ in fives["segments"]} <= starts
    assert sum(n for _o, n, _d in fives["segments"]) == sum(
        n for _o, n, _d in ones["segments"]
    )


def vtt_cues(track: str) -> list[tuple[float, float, str]]:
    def seconds(stamp: str) -> float:
        hours, minutes, rest = stamp.split(":")
        return int(hours) * 3600 + int(minutes) * 60 + float(rest)

    cues = []
    lines = track.splitlines()
    assert lines[0] == "WEBVTT"
    for number, line in enumerate(lines):
        if " --> " in line:
            start, end = line.split(" --> ")
            cues.append((seconds(start), seconds(end), lines[number + 1]))
    return cues


def test_the_thumbnail_track_names_tiles_of_its_sprite(gql, client, demo_video):
    preview = preview_urls(gql, demo_video)
    response, body = fetch(client, preview["thumbnailsVttUrl"])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/vtt")
    cues = vtt_cues(body.decode())
    # One every VIDEO_THUMBNAIL_SECONDS (2) over 12 s, end to end.
    assert [(s, e) for s, e, _ in cues] == [(t, t + 2.0) for t in range(0, 12, 2)]
    response, sprite_bytes = fetch(client, preview["thumbnailsUrl"])
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    sprite = Image.open(io.BytesIO(sprite_bytes))
    # Six tiles 160 wide at the video's 16:9, in one row (ten to a row).
    assert sprite.size == (6 * 160, 90)
    tiles = []
    for number, (_start, _end, target) in enumerate(cues):
        name, fragment = target.split("#")
        assert name == "thumbnails.jpg"  # beside the track, like the view serves it
        x, y, w, h = map(int, fragment.removeprefix("xywh=").split(","))
        assert (x, y, w, h) == (number * 160, 0, 160, 90)
        tiles.append(sprite.crop((x, y, x + w, y + h)))
    # Each tile is the picture at its cue's start (the test pattern's clock
    # moves): nearer to that frame than to any other tile's.
    path = video_storage().path(demo_video.asset.renditions.get(name="144p").file.name)
    with av.open(path) as container:
        frames = {}
        for frame in container.decode(video=0):
            second = round(frame.time, 3)
            if second in {float(s) for s, _e, _t in cues}:
                frames[second] = frame.to_image().resize((160, 90)).convert("RGB")

    def distance(a, b) -> float:
        return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean)

    for number, (start, _end, _target) in enumerate(cues):
        own = distance(tiles[number], frames[start])
        others = [
            distance(tile, frames[start]) for i, tile in enumerate(tiles) if i != number
        ]
        assert own < min(others), (number, own, others)


# --- Who may fetch it ----------------------------------------------------------------


def test_a_restricted_or_unpublished_video_is_not_public(client, demo_video):
    base = f"/videos/preview/a{demo_video.asset_id}/master.m3u8"
    assert client.get(base).status_code == 200
    # Every page showing the file is under a restriction (sign-in): no stream.
    pages = VideoPage.objects.filter(asset=demo_video.asset)
    for page in pages:
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.LOGIN
        )
    assert client.get(base).status_code == 404
    assert client.get(base.replace("master.m3u8", "thumbnails.jpg")).status_code == 404
    PageViewRestriction.objects.all().delete()
    for page in pages:
        page.unpublish()
    assert client.get(base).status_code == 404


def test_a_draft_preview_gets_signed_links(gql, client, demo_video):
    demo_video.title = "Draft title"
    preview = demo_video.save_revision().as_object().create_page_preview()
    answer = gql(
        """query($t: String) { page(token: $t) {
          ... on VideoPage { preview { hlsUrl thumbnailsVttUrl expiresAt } }
        } }""",
        {"t": preview.token},
    )
    signed = answer["data"]["page"]["preview"]
    assert signed["expiresAt"] is not None
    key = path_of(signed["hlsUrl"]).split("/")[3]
    assert not key.startswith("a")
    # The page is then unpublished: its public links stop, the signed ones work.
    for page in VideoPage.objects.filter(asset=demo_video.asset):
        page.unpublish()
    assert (
        client.get(f"/videos/preview/a{demo_video.asset_id}/master.m3u8").status_code
        == 404
    )
    response, body = fetch(client, signed["hlsUrl"])
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, max-age=300"
    assert "180p.m3u8" in body.decode()
    assert fetch(client, signed["thumbnailsVttUrl"])[0].status_code == 200
    # Tampered, or expired: refused.
    tampered = signed["hlsUrl"].replace(
        key, key[:-2] + ("AA" if key[-2:] != "AA" else "BB")
    )
    assert fetch(client, tampered)[0].status_code == 404
    with override_settings(VIDEO_PREVIEW_URL_SECONDS=-1):
        assert fetch(client, signed["hlsUrl"])[0].status_code == 404


def test_a_key_opens_only_its_own_video(client, demo_video):
    from videos.models import VideoAsset, VideoRendition

    other = VideoAsset.objects.create(title="Other", status=VideoAsset.Status.READY)
    rendition = demo_video.asset.renditions.get(name="144p")
    # The other asset is on no page: its public key opens nothing.
    assert client.get(f"/videos/preview/a{other.pk}/master.m3u8").status_code == 404
    # The demo's key does not open a rendition of another asset by id.
    stranger = VideoRendition.objects.create(
        asset=other, name="180p", width=1, height=1, size_bytes=1, duration=1,
        file=rendition.file.name,
    )  # fmt: skip
    base = f"/videos/preview/a{demo_video.asset_id}/"
    assert client.get(base + f"r{stranger.pk}.mp4").status_code == 404
    assert client.get(base + f"r{rendition.pk}.mp4").status_code == 200
    for part in ("../master.m3u8", "720p.m3u8", "r1x.mp4", "thumbnails.png", "x.vtt"):
        assert client.get(base + part).status_code == 404, part


def test_players_on_other_origins_may_read_it(client, demo_video):
    url = f"/videos/preview/a{demo_video.asset_id}/master.m3u8"
    response = client.options(
        url,
        headers={
            "Origin": "http://localhost:3000",
            "Access-Control-Request-Headers": "range",
        },
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Range" in response["Access-Control-Allow-Headers"]
    assert client.post(url).status_code == 405


def test_a_video_being_processed_has_no_preview(gql, demo_video):
    asset = demo_video.asset
    asset.status = asset.Status.PROCESSING
    asset.save(update_fields=["status"])
    assert gql(PREVIEW, {"slug": demo_video.slug})["data"]["video"]["preview"] is None
