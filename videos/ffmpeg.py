"""Everything that touches ffmpeg: probing, renditions, poster frames and clips.

ffmpeg runs as a subprocess with an argument list (never a shell) and a timeout. It
always writes to a private temporary folder; callers move the finished file into
storage only when ffmpeg succeeded, so a failure or a timeout leaves nothing behind.
Probing reads the container in-process with PyAV (FFmpeg's libraries), which never
decodes a frame: it reads headers and packet indexes only.
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import av
from django.conf import settings
from django.utils.translation import gettext as _


class MediaError(Exception):
    """ffmpeg could not do what was asked; the message is safe to show an editor."""


class RangeOutsideVideo(MediaError):
    """The in point is at or after the end of the picture (a master whose sound
    goes on after its last frame): there is no frame to cut."""

    def __init__(self, video_length: float):
        self.video_length = video_length
        super().__init__(
            _("The picture ends at %(seconds).3f s: the in point is after it.")
            % {"seconds": video_length}
        )


@dataclass
class Probe:
    duration: float
    width: int
    height: int
    frame_rate: float
    video_codec: str
    audio_codec: str | None
    format_name: str
    video_duration: float | None = None
    start_timecode: str = ""  # SMPTE of the first frame (a tmcd track), if any
    keyframes: list[float] = field(default_factory=list)


def ffmpeg_binary() -> str:
    """The ffmpeg to run: the VIDEO_FFMPEG_BINARY setting, else the binary that
    comes with the imageio-ffmpeg package (so a fresh `pip install` has one)."""
    configured = getattr(settings, "VIDEO_FFMPEG_BINARY", None)
    if configured:
        return configured
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


@dataclass
class Progress:
    """What ffmpeg's ``-progress`` output said last: frames written, and the
    output's time (seconds)."""

    frames: int = 0
    seconds: float = 0.0


# How often a progress callback is called while ffmpeg runs (seconds).
PROGRESS_INTERVAL = 0.5


def run_ffmpeg(
    arguments: list[str],
    timeout: float | None = None,
    progress: Callable[[Progress], None] | None = None,
) -> None:
    """Run ffmpeg with these arguments; raise MediaError on failure or timeout.

    ``progress`` is called every ``PROGRESS_INTERVAL`` seconds while ffmpeg runs,
    in this thread, with what its ``-progress`` output said last, and once more
    when it succeeded."""
    timeout = timeout or settings.VIDEO_FFMPEG_TIMEOUT
    command = [ffmpeg_binary(), "-hide_banner", "-nostdin", "-y"]
    if progress is not None:
        command += ["-progress", "pipe:1", "-nostats"]
    command += arguments
    with tempfile.TemporaryFile() as errors:
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE if progress else subprocess.DEVNULL,
                stderr=errors,
            )
        except OSError as error:
            raise MediaError(
                _("ffmpeg could not be started: %(error)s") % {"error": error}
            ) from error
        with process:
            _wait(process, timeout, progress)
        errors.seek(0)
        stderr = errors.read()
    if process.returncode != 0:
        tail = stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        tail = [without_signatures(line) for line in tail]
        raise MediaError(
            _("ffmpeg failed: %(detail)s") % {"detail": " / ".join(tail) or "?"}
        )


def _wait(process: subprocess.Popen, timeout: float, progress) -> None:
    """Wait for ffmpeg, reporting its progress; kill it past the timeout."""
    seen = Progress()
    reader = None
    if progress is not None:
        reader = threading.Thread(
            target=_read_progress, args=(process.stdout, seen), daemon=True
        )
        reader.start()
    deadline = time.monotonic() + timeout
    while True:
        try:
            process.wait(timeout=PROGRESS_INTERVAL if progress else timeout)
            break
        except subprocess.TimeoutExpired:
            if time.monotonic() >= deadline:
                process.kill()
                process.wait()
                raise MediaError(
                    _("ffmpeg did not finish within %(seconds)d seconds.")
                    % {"seconds": timeout}
                ) from None
            if progress is not None:
                progress(Progress(seen.frames, seen.seconds))
    if reader is not None:
        reader.join(timeout=5)
        if process.returncode == 0:
            progress(Progress(seen.frames, seen.seconds))  # where it ended


def _read_progress(stream, seen: Progress) -> None:
    """Keep ``seen`` up to date from ffmpeg's ``key=value`` progress lines."""
    for line in stream:
        key, _sep, value = line.decode("ascii", "replace").strip().partition("=")
        try:
            if key == "frame":
                seen.frames = int(value)
            elif key == "out_time_us":
                seen.seconds = max(0.0, int(value) / 1_000_000)
        except ValueError:  # "N/A" before the first frame
            continue


def without_signatures(text: str) -> str:
    """ffmpeg repeats the URLs it read in its errors; a presigned URL's query is a
    credential that must not reach logs or the database."""
    return _SIGNED_QUERY.sub(r"\1?…", text)


_SIGNED_QUERY = re.compile(r"(https?://[^\s?'\"]+)\?[^\s'\"]+")


@contextmanager
def workdir() -> Iterator[Path]:
    """A private temporary folder, removed with everything in it on exit."""
    path = Path(tempfile.mkdtemp(prefix="portal-video-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def probe(source: str, keyframes: bool = False) -> Probe:
    """Read a media file's duration, picture size, frame rate and codecs.

    ``keyframes=True`` also lists the video keyframes' times (packet flags only,
    nothing decoded). Raises MediaError when the file is not a video."""
    try:
        container = av.open(source, timeout=settings.VIDEO_FFMPEG_TIMEOUT)
    except (av.error.FFmpegError, OSError, UnicodeDecodeError) as error:
        raise MediaError(
            _("This file is not a video that can be read (%(error)s).")
            % {"error": getattr(error, "strerror", None) or error.__class__.__name__}
        ) from None
    with container:
        video = next(iter(container.streams.video), None)
        if video is None or video.codec_context is None or not video.width:
            raise MediaError(_("This file has no video stream."))
        audio = next(iter(container.streams.audio), None)
        duration = _duration(container, video)
        if not duration or duration <= 0 or math.isnan(duration):
            raise MediaError(_("The video's duration cannot be read."))
        rate = video.average_rate or video.guessed_rate or video.base_rate
        info = Probe(
            duration=round(duration, 3),
            width=video.width,
            height=video.height,
            frame_rate=round(float(rate), 3) if rate else 0.0,
            video_codec=video.codec_context.name,
            audio_codec=audio.codec_context.name if audio is not None else None,
            format_name=container.format.name,
            video_duration=_stream_duration(video),
            start_timecode=_start_timecode(container, video),
        )
        if keyframes:
            info.keyframes = _keyframes(container, video)
    return info


def _duration(container, video) -> float | None:
    if container.duration:
        return container.duration / av.time_base
    if video.duration and video.time_base:
        return float(video.duration * video.time_base)
    return None


def _start_timecode(container, video) -> str:
    """The timecode ffmpeg reads from a tmcd track (or a stream's tag)."""
    for metadata in (
        video.metadata,
        *(stream.metadata for stream in container.streams.data),
        container.metadata,
    ):
        if value := metadata.get("timecode"):
            return str(value)[:20]
    return ""


def _stream_duration(video) -> float | None:
    if video.duration and video.time_base:
        return round(float(video.duration * video.time_base), 3)
    return None


def _keyframes(container, video) -> list[float]:
    times = []
    for packet in container.demux(video):
        if packet.is_keyframe and packet.pts is not None:
            times.append(round(float(packet.pts * video.time_base), 3))
    start = float(video.start_time * video.time_base) if video.start_time else 0.0
    return sorted(round(max(0.0, t - start), 3) for t in times)


# Renditions are fragmented MP4, one fragment per keyframe, with a global segment
# index at the front: a reader (a player, or ffmpeg cutting a clip, over HTTP too)
# finds any second through that small index and reads only the fragments it needs.
# A classic MP4 holds one table entry per frame and audio packet, which ffmpeg
# parses whole before its first seek: the cost of a clip would grow with the
# length of the video. Browsers, VLC, QuickTime and editing suites read both.
RENDITION_LAYOUT = [
    "-movflags",
    "+frag_keyframe+empty_moov+default_base_moof+global_sidx",
    # The encoder delay goes into an edit list, so keyframes fall on the second.
    "-use_editlist",
    "1",
]


def make_rendition(
    source: str, target: Path, height: int, frame_rate: float, keyframe_seconds: float
) -> None:
    """H.264/AAC MP4 at ``height`` lines, a keyframe every ``keyframe_seconds``,
    laid out for seeking (``RENDITION_LAYOUT``)."""
    gop = max(1, round(frame_rate * keyframe_seconds)) if frame_rate else 25
    run_ffmpeg(
        [
            "-i",
            source,
            "-map",
            "0:v:0",
            "-map",
            "0:a:0?",
            "-vf",
            f"scale=-2:{height}",
            "-c:v",
            "libx264",
            "-preset",
            settings.VIDEO_X264_PRESET,
            "-crf",
            "20",
            "-pix_fmt",
            "yuv420p",
            "-g",
            str(gop),
            "-keyint_min",
            str(gop),
            "-sc_threshold",
            "0",
            "-force_key_frames",
            f"expr:gte(t,n_forced*{keyframe_seconds})",
            "-c:a",
            "aac",
            "-b:a",
            "128k",
            "-ac",
            "2",
            *RENDITION_LAYOUT,
            str(target),
        ]  # fmt: skip
    )


def remux_as_rendition(source: str, target: Path) -> None:
    """An already encoded H.264/AAC file, rewritten in the renditions' layout."""
    run_ffmpeg(
        ["-i", source, "-map", "0", "-c", "copy", *RENDITION_LAYOUT, str(target)]
    )


# Audio for radio: (extension, MIME type, codec arguments). M4A is AAC in an MP4
# with its index at the front; WAV is broadcast PCM (48 kHz, 24-bit).
AUDIO_FORMATS = {
    "m4a": ("audio/mp4", ["-c:a", "aac", "-b:a", "192k", "-movflags", "+faststart"]),
    "wav": ("audio/wav", ["-c:a", "pcm_s24le", "-f", "wav"]),
}


def make_audio_rendition(source: str, target: Path, kind: str) -> None:
    """The master's first audio stream alone, stereo at 48 kHz."""
    _mime, codec = AUDIO_FORMATS[kind]
    run_ffmpeg(
        ["-i", source, "-map", "0:a:0", "-vn", "-ac", "2", "-ar", "48000",
         *codec, str(target)]
    )  # fmt: skip


@dataclass
class Sprite:
    """Thumbnails in one JPEG: ``count`` tiles of ``size``, ``columns`` a row,
    tile N showing the video at N × ``interval`` seconds."""

    interval: float
    count: int
    columns: int
    size: tuple[int, int]


def make_thumbnail_sprite(
    source: str,
    target: Path,
    duration: float,
    interval: float,
    tile_width: int,
    columns: int,
) -> Sprite:
    """Decode one frame every ``interval`` seconds and tile them in a JPEG.

    Each thumbnail is reached by a seek (renditions have a keyframe every
    second), so the work grows with the number of tiles, not the video's length.
    PyAV decodes in-process; Pillow writes the JPEG."""
    from PIL import Image

    count = max(1, math.ceil(duration / interval - 1e-6))
    with open_media(source) as container:
        stream = container.streams.video[0]
        width = tile_width - tile_width % 2
        height = max(2, round(width * stream.height / stream.width / 2) * 2)
        rows = math.ceil(count / columns)
        sheet = Image.new("RGB", (width * min(count, columns), height * rows))
        origin = stream.start_time or 0
        for number in range(count):
            at = number * interval
            frame = _frame_at(container, stream, origin, at)
            if frame is None:
                raise MediaError(
                    _("No picture could be read at %(at)s s.") % {"at": at}
                )
            tile = frame.to_image().resize((width, height))
            sheet.paste(
                tile, ((number % columns) * width, (number // columns) * height)
            )
    sheet.save(target, "JPEG", quality=70)
    return Sprite(interval, count, columns, (width, height))


def _frame_at(container, stream, origin: int, seconds: float):
    """The first frame shown at or after ``seconds``, or the last one."""
    wanted = origin + int(seconds / stream.time_base)
    container.seek(wanted, stream=stream, backward=True, any_frame=False)
    last = None
    for frame in container.decode(stream):
        last = frame
        if frame.pts is not None and frame.pts >= wanted:
            return frame
    return last


def make_poster(source: str, target: Path, at: float) -> None:
    run_ffmpeg(
        ["-ss", f"{at:.3f}", "-i", source, "-frames:v", "1", "-q:v", "3", str(target)]
    )


def cut_clip(
    source: str,
    target: Path,
    start: float,
    end: float,
    exact: bool,
    frame_rate: Fraction | None = None,
    progress: Callable[[Progress], None] | None = None,
) -> None:
    """Cut [start, end) out of ``source``; ``progress`` as in ``run_ffmpeg``.

    FAST seeks in the input (``-ss`` before ``-i``): ffmpeg jumps through the
    rendition's segment index to the keyframe before ``start`` instead of reading
    the file from the top, so a clip from a long video costs what one from a short
    video does, and copies the streams from that keyframe on. EXACT: see
    ``cut_frames``."""
    frame_rate = frame_rate or Fraction(25)
    offset, has_audio, video_length = _stream_start(source)
    if video_length and start >= float(round(video_length * frame_rate) / frame_rate):
        raise RangeOutsideVideo(video_length)
    if exact:
        cut_frames(
            source,
            target,
            start,
            end,
            frame_rate,
            progress,
            (offset, has_audio, video_length),
        )
        return
    run_ffmpeg(
        [
            # One seek for all streams, to the video keyframe at or before the in
            # point (seeking each stream on its own lands a fragment earlier).
            "-seek_streams_individually",
            "0",
            "-ss",
            f"{start:.3f}",
            "-i",
            source,
            "-t",
            f"{end - start:.3f}",
            "-map",
            "0:v:0",
            "-map",
            "0:a:0?",
            "-c",
            "copy",
            "-avoid_negative_ts",
            "make_zero",
            "-movflags",
            "+faststart",
            str(target),
        ],  # fmt: skip
        progress=progress,
    )


# Decoding starts this far before the in point, so the audio decoder has primed
# (an AAC frame needs the one before it) when the first kept sample comes.
_PREROLL_SECONDS = 0.2


def cut_frames(
    source: str,
    target: Path,
    start: float,
    end: float,
    frame_rate: Fraction,
    progress: Callable[[Progress], None] | None = None,
    stream_start: tuple[float, bool, float | None] | None = None,
) -> None:
    """Re-encode exactly the frames [start, end) (frame boundaries of
    ``frame_rate``) and the audio samples of the same span.

    The input keeps its own timestamps (``-copyts``, seeking to a keyframe
    before the in point without ffmpeg's own trimming), and the filters pick the
    frames: ``trim`` keeps the frames whose timestamps fall between the
    half-frames before the in and the out point, which cannot be off by one
    whatever the rounding of the container's time base; ``atrim`` cuts the audio
    to the sample at the same instants. Both then start at zero."""
    offset, has_audio, video_length = stream_start or _stream_start(source)
    if video_length:  # an out point past the last frame: the audio stops there too
        end = min(end, float(round(video_length * frame_rate) / frame_rate))
    half = 1 / (2 * frame_rate)
    video_in, video_out = offset + start, offset + end
    seek = max(0.0, video_in - _PREROLL_SECONDS)
    video = f"[0:v:0]trim=end={float(video_out - half):.6f}"
    if start > 0:
        video += f":start={float(video_in - half):.6f}"
    graph = [video + ",setpts=PTS-STARTPTS[v]"]
    maps = ["-map", "[v]"]
    if has_audio:
        audio = f"[0:a:0]atrim=end={video_out:.6f}"
        if video_in > 0:
            audio += f":start={video_in:.6f}"
        graph.append(audio + ",asetpts=PTS-STARTPTS[a]")
        maps += ["-map", "[a]", "-c:a", "aac", "-b:a", "128k"]
    run_ffmpeg(
        [
            "-copyts",
            "-noaccurate_seek",
            "-seek_streams_individually",
            "0",
            "-ss",
            f"{seek:.6f}",
            # Stop reading well after the out point (B-frames come late).
            "-t",
            f"{video_out - seek + 1:.6f}",
            "-i",
            source,
            "-filter_complex",
            ";".join(graph),
            *maps,
            "-c:v",
            "libx264",
            "-preset",
            settings.VIDEO_X264_PRESET,
            "-crf",
            "18",
            "-pix_fmt",
            "yuv420p",
            # Every frame the filters kept, none duplicated or dropped.
            "-fps_mode",
            "passthrough",
            "-movflags",
            "+faststart",
            str(target),
        ],  # fmt: skip
        progress=progress,
    )


def open_media(source: str):
    """A PyAV container of ``source``; MediaError when it cannot be read."""
    try:
        return av.open(source, timeout=settings.VIDEO_FFMPEG_TIMEOUT)
    except (av.error.FFmpegError, OSError) as error:
        raise MediaError(
            _("This file is not a video that can be read (%(error)s).")
            % {"error": getattr(error, "strerror", None) or error.__class__.__name__}
        ) from None


def _stream_start(source: str) -> tuple[float, bool, float | None]:
    """When the first video frame is shown (seconds, in the file's timestamps),
    whether there is an audio stream, and how long the video stream lasts."""
    with open_media(source) as container:
        video = container.streams.video[0]
        start = float(video.start_time * video.time_base) if video.start_time else 0.0
        return start, bool(container.streams.audio), _stream_duration(video)


def audio_duration(path: str) -> float:
    """How long an audio-only file lasts (seconds)."""
    try:
        with av.open(path) as container:
            if container.duration:
                return round(container.duration / av.time_base, 3)
            audio = container.streams.audio[0]
            return round(float(audio.duration * audio.time_base), 3)
    except (av.error.FFmpegError, OSError, IndexError, TypeError) as error:
        raise MediaError(
            _("The audio file made cannot be read (%(error)s).")
            % {"error": error.__class__.__name__}
        ) from None


def count_frames(path: str) -> int:
    """The video frames a file holds (its packets: nothing decoded)."""
    with av.open(path) as container:
        video = container.streams.video[0]
        return sum(1 for packet in container.demux(video) if packet.size)


def generate_test_video(
    target: Path,
    seconds: float,
    width: int = 320,
    height: int = 180,
    frame_rate: int = 25,
    keyframe_seconds: float | None = None,
) -> None:
    """A synthetic video (test pattern with a running clock, and a tone): demo
    content, tests and benchmarks make their sources with it."""
    gop = (
        ["-g", str(round(frame_rate * keyframe_seconds)), "-sc_threshold", "0"]
        if keyframe_seconds
        else []
    )
    run_ffmpeg(
        [
            "-f",
            "lavfi",
            "-i",
            f"testsrc2=size={width}x{height}:rate={frame_rate}",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:sample_rate=48000",
            "-t",
            f"{seconds}",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
            *gop,
            "-c:a",
            "aac",
            "-b:a",
            "64k",
            "-shortest",
            "-movflags",
            "+faststart",
            str(target),
        ],  # fmt: skip
        timeout=max(60, seconds * 2),
    )
