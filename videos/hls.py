"""HLS over the renditions already stored: no second copy of the media.

A rendition is a fragmented MP4 (``ffmpeg.RENDITION_LAYOUT``): ``ftyp`` and an
empty ``moov`` (the init segment), segment indexes, then one ``moof``+``mdat`` pair
per keyframe. ``index_fragments`` reads those boxes once, while processing, and
keeps their byte offsets; the playlists name byte ranges of the same file
(``#EXT-X-MAP`` for the init segment, ``#EXT-X-BYTERANGE`` for each media segment).
Consecutive fragments are grouped into segments of at least
``VIDEO_HLS_SEGMENT_SECONDS``; a segment always starts on a keyframe.

Only box headers are read (a few hundred bytes per second of video), never the
media itself."""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass
from typing import BinaryIO

from django.utils.translation import gettext as _

from .ffmpeg import MediaError

# The playlists use EXT-X-MAP with a byte range in a media playlist (version 6)
# and fractional EXTINF (3); 7 is what players expect for fMP4 anyway.
HLS_VERSION = 7


@dataclass
class Box:
    kind: str
    offset: int  # of its header, in the file
    size: int  # header included
    header: int  # header length (8, or 16 for a 64-bit size)

    @property
    def body(self) -> int:
        return self.offset + self.header

    @property
    def end(self) -> int:
        return self.offset + self.size


def boxes(handle: BinaryIO, start: int, end: int) -> list[Box]:
    """The boxes laid end to end in [start, end) of the file."""
    found = []
    offset = start
    while offset + 8 <= end:
        handle.seek(offset)
        head = handle.read(16)
        if len(head) < 8:
            break
        size, kind = struct.unpack(">I4s", head[:8])
        header = 8
        if size == 1:
            if len(head) < 16:
                break
            (size,) = struct.unpack(">Q", head[8:16])
            header = 16
        elif size == 0:  # to the end of the file
            size = end - offset
        if size < header or offset + size > end:
            raise MediaError(_("The rendition's MP4 structure is damaged."))
        found.append(Box(kind.decode("latin-1"), offset, size, header))
        offset += size
    return found


def _child(handle, box: Box, kind: str, skip: int = 0) -> Box | None:
    return next(
        (b for b in boxes(handle, box.body + skip, box.end) if b.kind == kind), None
    )


def _path(handle, box: Box, *kinds: str) -> Box | None:
    for kind in kinds:
        if box is None:
            return None
        skip = 8 if kind == "avc1" or kind == "mp4a" else 0  # stsd: version, count
        box = _child(handle, box, kind, skip)
    return box


def _read(handle, offset: int, length: int) -> bytes:
    handle.seek(offset)
    return handle.read(length)


@dataclass
class Track:
    track_id: int
    kind: str  # "vide", "soun"
    timescale: int
    codec: str  # RFC 6381, e.g. avc1.64001f, mp4a.40.2


def _tracks(handle, moov: Box) -> list[Track]:
    tracks = []
    for trak in (b for b in boxes(handle, moov.body, moov.end) if b.kind == "trak"):
        tkhd = _child(handle, trak, "tkhd")
        mdia = _child(handle, trak, "mdia")
        if tkhd is None or mdia is None:
            continue
        version = _read(handle, tkhd.body, 1)[0]
        id_at = tkhd.body + (20 if version == 1 else 12)
        (track_id,) = struct.unpack(">I", _read(handle, id_at, 4))
        mdhd = _child(handle, mdia, "mdhd")
        hdlr = _child(handle, mdia, "hdlr")
        version = _read(handle, mdhd.body, 1)[0]
        scale_at = mdhd.body + (20 if version == 1 else 12)
        (timescale,) = struct.unpack(">I", _read(handle, scale_at, 4))
        handler = _read(handle, hdlr.body + 8, 4).decode("latin-1")
        stsd = _path(handle, mdia, "minf", "stbl", "stsd")
        codec = ""
        if handler == "vide" and stsd is not None:
            avcc = _path(handle, stsd, "avc1")
            # The avcC box follows the 78 bytes of the visual sample entry.
            avcc = _child(handle, avcc, "avcC", 78) if avcc else None
            if avcc is not None:
                profile, compat, level = _read(handle, avcc.body + 1, 3)
                codec = f"avc1.{profile:02x}{compat:02x}{level:02x}"
        elif handler == "soun":
            codec = "mp4a.40.2"  # the renditions' audio is always AAC-LC
        tracks.append(Track(track_id, handler, timescale, codec))
    return tracks


def _fragment_time(handle, moof: Box, track_id: int) -> int | None:
    """The base media decode time (tfdt) of the track in this fragment."""
    for traf in (b for b in boxes(handle, moof.body, moof.end) if b.kind == "traf"):
        tfhd = _child(handle, traf, "tfhd")
        if tfhd is None:
            continue
        (tfhd_track,) = struct.unpack(">I", _read(handle, tfhd.body + 4, 4))
        if tfhd_track != track_id:
            continue
        tfdt = _child(handle, traf, "tfdt")
        if tfdt is None:
            return None
        version = _read(handle, tfdt.body, 1)[0]
        if version == 1:
            return struct.unpack(">Q", _read(handle, tfdt.body + 4, 8))[0]
        return struct.unpack(">I", _read(handle, tfdt.body + 4, 4))[0]
    return None


def index_fragments(
    handle: BinaryIO, size: int, duration: float, segment_seconds: float
) -> dict:
    """The HLS index of a fragmented MP4 rendition: its init segment and its
    media segments as byte ranges, their durations, codecs and bandwidth.

    ``duration``: the video's length (the last fragment lasts until it).
    Raises MediaError when the file is not a fragmented MP4 with a video track."""
    top = boxes(handle, 0, size)
    moov = next((b for b in top if b.kind == "moov"), None)
    moofs = [b for b in top if b.kind == "moof"]
    if moov is None or not moofs:
        raise MediaError(_("The rendition is not a fragmented MP4."))
    tracks = _tracks(handle, moov)
    video = next((t for t in tracks if t.kind == "vide"), None)
    if video is None:
        raise MediaError(_("The rendition has no video track."))
    # A fragment runs from its moof to the next moof (its mdat, and nothing that
    # is not media: the trailing mfra is left out).
    fragments = []
    for number, moof in enumerate(moofs):
        following = moofs[number + 1].offset if number + 1 < len(moofs) else None
        end = following
        if end is None:
            mdat = next(
                (b for b in top if b.kind == "mdat" and b.offset > moof.offset), None
            )
            if mdat is None:
                raise MediaError(_("The rendition's last fragment has no media."))
            end = mdat.end
        time = _fragment_time(handle, moof, video.track_id)
        fragments.append((moof.offset, end - moof.offset, time))
    first_time = fragments[0][2] or 0
    starts = [
        ((t if t is not None else 0) - first_time) / video.timescale
        for *_, t in fragments
    ]
    segments: list[list] = []
    for number, (offset, length, _time) in enumerate(fragments):
        start = starts[number]
        stop = starts[number + 1] if number + 1 < len(fragments) else duration
        if segments and segments[-1][2] < segment_seconds:
            segments[-1][1] += length
            segments[-1][2] += stop - start
        else:
            segments.append([offset, length, stop - start])
    segments = [[o, n, round(max(d, 0.001), 6)] for o, n, d in segments]
    total_bytes = sum(n for _o, n, _d in segments)
    total_seconds = sum(d for *_, d in segments) or 1.0
    return {
        "init": [0, moov.end],
        "segments": segments,
        "codecs": ",".join(t.codec for t in tracks if t.codec),
        "bandwidth": max(math.ceil(n * 8 / d) for _o, n, d in segments),
        "average_bandwidth": math.ceil(total_bytes * 8 / total_seconds),
    }


def media_playlist(index: dict, uri: str) -> str:
    """The media playlist of one rendition: every segment a byte range of
    ``uri`` (the rendition's MP4)."""
    segments = index["segments"]
    target = max(math.ceil(d) for *_, d in segments)
    init_offset, init_length = index["init"]
    lines = [
        "#EXTM3U",
        f"#EXT-X-VERSION:{HLS_VERSION}",
        f"#EXT-X-TARGETDURATION:{target}",
        "#EXT-X-MEDIA-SEQUENCE:0",
        "#EXT-X-PLAYLIST-TYPE:VOD",
        "#EXT-X-INDEPENDENT-SEGMENTS",
        f'#EXT-X-MAP:URI="{uri}",BYTERANGE="{init_length}@{init_offset}"',
    ]
    for offset, length, seconds in segments:
        lines += [f"#EXTINF:{seconds:.6f},", f"#EXT-X-BYTERANGE:{length}@{offset}", uri]
    lines.append("#EXT-X-ENDLIST")
    return "\n".join(lines) + "\n"


def master_playlist(
    variants: list[tuple[object, str]], frame_rate: float | None
) -> str:
    """The master playlist: one variant per video rendition (``(rendition,
    its media playlist's URI)``), the best first."""
    lines = ["#EXTM3U", f"#EXT-X-VERSION:{HLS_VERSION}", "#EXT-X-INDEPENDENT-SEGMENTS"]
    for rendition, uri in variants:
        index = rendition.hls_index
        attributes = [
            f"BANDWIDTH={index['bandwidth']}",
            f"AVERAGE-BANDWIDTH={index['average_bandwidth']}",
            f"RESOLUTION={rendition.width}x{rendition.height}",
            f'CODECS="{index["codecs"]}"',
        ]
        if frame_rate:
            attributes.append(f"FRAME-RATE={frame_rate:.3f}")
        attributes.append(f'NAME="{rendition.name}"')
        lines += ["#EXT-X-STREAM-INF:" + ",".join(attributes), uri]
    return "\n".join(lines) + "\n"


# --- The thumbnail track -------------------------------------------------------------


def thumbnail_track(
    duration: float, interval: float, count: int, columns: int, size: tuple, sprite: str
) -> str:
    """WebVTT cues, one per tile of the sprite, each naming its tile
    (``sprite#xywh=x,y,w,h``, the media-fragment syntax players read)."""
    width, height = size
    lines = ["WEBVTT", ""]
    for number in range(count):
        start = number * interval
        end = min(duration, start + interval)
        x, y = (number % columns) * width, (number // columns) * height
        lines += [
            f"{_vtt_time(start)} --> {_vtt_time(end)}",
            f"{sprite}#xywh={x},{y},{width},{height}",
            "",
        ]
    return "\n".join(lines)


def _vtt_time(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"
