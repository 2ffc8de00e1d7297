"""``make bench-clips``: what a partial download costs to cut.

One run prints the time to cut a 10 s ``FAST`` clip (stream copy from the keyframe
before the in point) from a 1-minute and from a 60-minute source, both generated at
low resolution with a keyframe every second and laid out like the portal's
renditions (fragmented MP4 with a segment index), and ``FAST`` against ``EXACT``
(re-encoded to the frame) on the same 10 s ranges of a realistic rendition (720p,
25 fps, made like the portal's renditions). Each figure is the median of several
cuts from different in points; the ratios are checked against the issue's targets:

- the 60-minute source costs at most 1.5x the 1-minute one (a seek, not a scan),
  in ffmpeg's CPU time, which the machine's other work does not inflate;
- ``FAST`` is at least 10x faster than ``EXACT``;
- ``EXACT`` throughput, in frames per second of CPU (ffmpeg's and this process's),
  within 1.2x of bare ffmpeg re-encoding the same span with the same encoder
  settings (``-ss`` before ``-i``, ffmpeg's own accurate seek);
- ``FAST`` within 3x of the physical floor: copying the clip's bytes out of the
  source plus starting one process (the ffmpeg binary, asked its version);
- and, side by side, the time from request to link for a 10 s ``FAST`` clip with
  the job machinery (queue latency included): ``bench/clip_jobs.py``, run in a
  child process on the local stack (SQLite, the database queue, a worker
  process); ``--no-jobs`` leaves it out.

It calls ``videos.ffmpeg`` directly (no database, no Django project): the clip
cutting is exactly what a download runs. The generated sources are kept in
``var/bench-clips/`` so a second run skips making them. Run it as
``.venv/bin/python bench/clips.py [--runs 7] [--exact-runs 3] [--strict]``.
"""

# Run as a script, Python puts bench/ first on the path: put the project root there.
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if sys.path and Path(sys.path[0]).resolve() == ROOT / "bench":
    sys.path[0] = str(ROOT)
elif str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import re  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402

from django.conf import settings  # noqa: E402

CACHE = ROOT / "var" / "bench-clips"
CLIP_SECONDS = 10.0
# The in points fall between keyframes, as a journalist's would.
OFFSET = 0.37
LONG_FACTOR_MAX = 1.5
FAST_SPEEDUP_MIN = 10.0
EXACT_VS_BARE_MAX = 1.2
FAST_VS_FLOOR_MAX = 3.0


def configure() -> None:
    """Only what videos.ffmpeg reads, with the project's defaults (base.py)."""
    settings.configure(
        USE_I18N=False,
        VIDEO_FFMPEG_BINARY=os.environ.get("VIDEO_FFMPEG_BINARY") or None,
        VIDEO_FFMPEG_TIMEOUT=3600,
        VIDEO_X264_PRESET=os.environ.get("VIDEO_X264_PRESET", "veryfast"),
    )


@dataclass
class Source:
    key: str
    label: str
    seconds: int
    width: int
    height: int
    frame_rate: int
    rendition: bool = False  # re-encoded like the portal's renditions
    path: Path = field(init=False)
    size: int = 0

    def __post_init__(self):
        kind = "rendition" if self.rendition else "source"
        self.path = CACHE / (
            f"{kind}-{self.seconds}s-{self.width}x{self.height}-"
            f"{self.frame_rate}fps-k1-fmp4.mp4"
        )


@dataclass
class Series:
    label: str
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    lengths: list[float] = field(default_factory=list)
    errors: list[float] = field(default_factory=list)  # |clip length - asked|
    sizes: list[int] = field(default_factory=list)  # bytes of the clips made

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def prepare(source: Source, regenerate: bool) -> None:
    """Make the source (once): generated, and for a rendition re-encoded by the
    portal's own make_rendition. Written under a temporary name, so a run that is
    interrupted never leaves a half-made source in the cache."""
    from videos import ffmpeg

    if source.path.exists() and not regenerate:
        try:
            probe = ffmpeg.probe(str(source.path))
        except ffmpeg.MediaError:
            probe = None
        if probe and abs(probe.duration - source.seconds) < 1:
            source.size = source.path.stat().st_size
            return
    CACHE.mkdir(parents=True, exist_ok=True)
    print(f"  making {source.label} ({source.path.name}) …", flush=True)
    started = time.perf_counter()
    partial = source.path.with_suffix(".part.mp4")
    with ffmpeg.workdir() as folder:
        master = folder / "master.mp4"
        ffmpeg.generate_test_video(
            master,
            source.seconds,
            width=source.width,
            height=source.height,
            frame_rate=source.frame_rate,
            keyframe_seconds=1,
        )
        if source.rendition:
            ffmpeg.make_rendition(
                str(master), partial, source.height, source.frame_rate, 1.0
            )
        else:
            # Already encoded with a keyframe a second: laid out as a rendition.
            ffmpeg.remux_as_rendition(str(master), partial)
    made = ffmpeg.probe(str(partial), keyframes=True)
    expected = [float(s) for s in range(int(made.duration))]
    if made.keyframes[: len(expected)] != expected:
        partial.unlink()
        raise SystemExit(f"{source.label}: not a keyframe every second")
    partial.rename(source.path)
    source.size = source.path.stat().st_size
    print(f"    done in {time.perf_counter() - started:.1f} s", flush=True)


def in_points(source: Source, count: int) -> list[float]:
    """``count`` in points spread from near the start to near the end."""
    last = source.seconds - CLIP_SECONDS - 1.0
    if count == 1:
        return [1.0 + OFFSET]
    step = (last - 1.0) / (count - 1)
    return [round(1.0 + OFFSET + i * step, 3) for i in range(count)]


def cut(source: Source, start: float, exact: bool, series: Series | None) -> None:
    from videos import ffmpeg

    with ffmpeg.workdir() as folder:
        target = folder / "clip.mp4"
        cpu = children_cpu() + time.process_time()
        started = time.perf_counter()
        ffmpeg.cut_clip(
            str(source.path),
            target,
            start,
            start + CLIP_SECONDS,
            exact,
            progress=lambda _progress: None,  # as the worker runs it
        )
        wall = time.perf_counter() - started
        cpu = children_cpu() + time.process_time() - cpu
        size = target.stat().st_size
        probe = ffmpeg.probe(str(target))
    if series is None:
        return  # a warm-up cut
    length = probe.video_duration or probe.duration
    series.wall.append(wall)
    series.cpu.append(cpu)
    series.lengths.append(length)
    series.errors.append(abs(length - CLIP_SECONDS))
    series.sizes.append(size)


def measure(short: Source, long: Source, rendition: Source, runs: int, exact_runs):
    """Interleaved, so that whatever else the machine does weighs on both sides."""
    fast_short = Series(f"FAST, {short.label}")
    fast_long = Series(f"FAST, {long.label}")
    fast_720 = Series("FAST, 720p rendition")
    exact_720 = Series("EXACT, 720p rendition")
    for source in (short, long, rendition):  # warm-up: the page cache, the binary
        cut(source, 1.0 + OFFSET, False, None)
    for a, b in zip(in_points(short, runs), in_points(long, runs), strict=True):
        cut(short, a, False, fast_short)
        cut(long, b, False, fast_long)
    # FAST and EXACT on the same ranges.
    ranges = in_points(rendition, exact_runs)
    for start in ranges:
        cut(rendition, start, True, exact_720)
    for number in range(runs):
        cut(rendition, ranges[number % len(ranges)], False, fast_720)
    return fast_short, fast_long, fast_720, exact_720


def bare_exact(source: Source, start: float, series: Series) -> None:
    """ffmpeg's own re-encode of the same span with the same encoder settings:
    what an EXACT cut is measured against."""
    from videos import ffmpeg

    with ffmpeg.workdir() as folder:
        target = folder / "bare.mp4"
        cpu = children_cpu() + time.process_time()
        started = time.perf_counter()
        ffmpeg.run_ffmpeg(
            [
                "-ss",
                f"{start:.6f}",
                "-i",
                str(source.path),
                "-t",
                f"{CLIP_SECONDS:.6f}",
                "-map",
                "0:v:0",
                "-map",
                "0:a:0?",
                "-c:v",
                "libx264",
                "-preset",
                settings.VIDEO_X264_PRESET,
                "-crf",
                "18",
                "-pix_fmt",
                "yuv420p",
                "-c:a",
                "aac",
                "-b:a",
                "128k",
                "-movflags",
                "+faststart",
                str(target),
            ]  # fmt: skip
        )
        series.wall.append(time.perf_counter() - started)
        series.cpu.append(children_cpu() + time.process_time() - cpu)
        series.lengths.append(ffmpeg.count_frames(str(target)) / source.frame_rate)
        series.errors.append(abs(series.lengths[-1] - CLIP_SECONDS))


def exact_throughput(source: Source, runs: int) -> Series:
    """Bare re-encodes of the spans the EXACT cuts were measured on."""
    bare = Series("EXACT, bare ffmpeg")
    for start in in_points(source, runs):
        bare_exact(source, start, bare)
    return bare


def fast_floor(source: Source, sizes: list[int], runs: int) -> Series:
    """The physical floor of a FAST cut: one process started (the ffmpeg binary,
    asked its version) and the clip's bytes copied out of the source to a new
    file, as many bytes as the FAST clips held."""
    from videos import ffmpeg

    floor = Series("FAST floor: copy + exec")
    size = int(statistics.median(sizes))
    for start in in_points(source, runs):
        offset = int(source.size * start / source.seconds)
        with ffmpeg.workdir() as folder:
            started = time.perf_counter()
            subprocess.run(
                [ffmpeg.ffmpeg_binary(), "-hide_banner", "-version"],
                stdout=subprocess.DEVNULL,
                check=True,
            )
            with source.path.open("rb") as read, (folder / "copy").open("wb") as out:
                read.seek(max(0, min(offset, source.size - size)))
                out.write(read.read(size))
            floor.wall.append(time.perf_counter() - started)
        floor.cpu.append(0.0)
        floor.lengths.append(CLIP_SECONDS)
    return floor


def job_latency(runs: int) -> dict | None:
    """bench/clip_jobs.py in a child process (its own Django project): its JSON."""
    completed = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "clip_jobs.py"), "--runs", str(runs)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    lines = completed.stdout.strip().splitlines()
    try:
        return json.loads(lines[-1])
    except (IndexError, ValueError):
        print("  the job machinery could not be measured:")
        print("   ", (completed.stderr or completed.stdout)[-1500:])
        return None


def bytes_read(source: Source) -> int:
    """How much of the source one FAST cut reads: ffmpeg's own I/O statistics,
    from a debug report (FFREPORT) of a cut made by videos.ffmpeg.cut_clip. The
    source is closed last, so its statistics are the report's last "bytes read"
    (the one before is the muxer reading the clip back for +faststart)."""
    from videos import ffmpeg

    start = round(source.seconds / 2 + OFFSET, 3)
    with ffmpeg.workdir() as folder:
        report = folder / "report.log"
        os.environ["FFREPORT"] = f"file={report}:level=48"
        try:
            end = start + CLIP_SECONDS
            ffmpeg.cut_clip(str(source.path), folder / "clip.mp4", start, end, False)
        finally:
            del os.environ["FFREPORT"]
        found = re.findall(r"Statistics: (\d+) bytes read", report.read_text())
    return int(found[-1]) if found else -1


def scan(source: Source, runs: int) -> Series:
    """For reference, what a scan costs: the same stream copy with the seek after
    the input (-ss after -i), where ffmpeg reads the file from the top."""
    from videos import ffmpeg

    series = Series(f"scan, {source.label}")
    start = round(source.seconds / 2 + OFFSET, 3)
    for _ in range(runs):
        with ffmpeg.workdir() as folder:
            cpu = children_cpu()
            started = time.perf_counter()
            ffmpeg.run_ffmpeg(
                [
                    "-i",
                    str(source.path),
                    "-ss",
                    f"{start:.3f}",
                    "-t",
                    f"{CLIP_SECONDS:.3f}",
                    "-map",
                    "0:v:0",
                    "-map",
                    "0:a:0?",
                    "-c",
                    "copy",
                    str(folder / "clip.mp4"),
                ]  # fmt: skip
            )
            series.wall.append(time.perf_counter() - started)
            series.cpu.append(children_cpu() - cpu)
            probe = ffmpeg.probe(str(folder / "clip.mp4"))
        length = probe.video_duration or probe.duration
        series.lengths.append(length)
        series.errors.append(abs(length - CLIP_SECONDS))
    return series


def ffmpeg_version() -> str:
    from videos.ffmpeg import ffmpeg_binary

    completed = subprocess.run(
        [ffmpeg_binary(), "-hide_banner", "-version"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    words = (completed.stdout.splitlines() or ["?"])[0].split()
    return words[2] if len(words) > 2 else "?"


def report(
    sources: list[Source],
    series: list[Series],
    scanned: Series,
    reads: dict,
    extra: dict,
) -> bool:
    short, long, rendition = sources
    print()
    print(
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.machine()}; ffmpeg {ffmpeg_version()}; x264 preset for EXACT: "
        f"{settings.VIDEO_X264_PRESET}; clips of {CLIP_SECONDS:g} s."
    )
    print()
    print(
        f"{'source':<22} {'length':>8} {'picture':>12} {'fps':>4} {'size':>10}"
        f" {'read by one FAST cut':>22}"
    )
    for source in sources:
        read = reads.get(source.key)
        print(
            f"{source.label:<22} {source.seconds / 60:>5.0f} min "
            f"{source.width:>5}x{source.height:<6} {source.frame_rate:>4} "
            f"{source.size / 1e6:>7.1f} MB"
            + (
                f" {read / 1e6:>8.2f} MB ({read / source.size:6.1%})"
                if read and read > 0
                else ""
            )
        )
    print()
    header = (
        f"{'cut':<24} {'runs':>4} {'median s':>9} {'min s':>7} {'max s':>7}"
        f" {'cpu s':>7} {'clip s':>11}"
    )
    print(header)
    print("-" * len(header))
    ours, bare = series[3], extra["exact"]
    floor = extra["floor"]
    for s in [*series, bare, floor, scanned]:
        print(
            f"{s.label:<24} {len(s.wall):>4} {s.median:>9.3f} {min(s.wall):>7.3f}"
            f" {max(s.wall):>7.3f} {s.median_cpu:>7.3f}"
            f" {min(s.lengths):>5.2f}-{max(s.lengths):<5.2f}"
        )
    print()
    print(
        "median s: wall-clock time of one cut (ffmpeg start to finished file), the "
        "median of cuts from in points spread over the source; cpu s: ffmpeg's own "
        "CPU time (median), which other work on the machine does not inflate; "
        "clip s: the lengths of the clips made (FAST starts on the keyframe before "
        "the in point). 'scan' is for reference only: the same copy with -ss after "
        "-i, which reads the source from the top. 'read by one FAST cut': ffmpeg's "
        "I/O statistics for the source (its index included)."
    )
    fast_short, fast_long, fast_720, exact_720 = series
    long_factor = fast_long.median / fast_short.median
    speedup = exact_720.median / fast_720.median
    worst_fast = max(max(s.errors) for s in (fast_short, fast_long, fast_720))
    worst_exact = max(exact_720.errors)
    frame = 1 / rendition.frame_rate
    long_cpu = fast_long.median_cpu / fast_short.median_cpu
    speedup_cpu = exact_720.median_cpu / fast_720.median_cpu
    long_read = reads.get(long.key, -1)
    targets = [
        (
            # Judged on ffmpeg's own CPU time: what the cut costs, which other
            # work on a shared machine does not inflate (the wall ratio is shown).
            f"long / short FAST <= {LONG_FACTOR_MAX:g}x (cpu)",
            long_cpu <= LONG_FACTOR_MAX,
            f"cpu {long_cpu:.2f}x; wall {long_factor:.2f}x, "
            f"+{(fast_long.median - fast_short.median) * 1000:.0f} ms",
        ),
        (
            f"EXACT / FAST >= {FAST_SPEEDUP_MIN:g}x",
            speedup >= FAST_SPEEDUP_MIN,
            f"{speedup:.1f}x; cpu {speedup_cpu:.1f}x",
        ),
        (
            "long source: seek, not scan",
            0 < long_read <= 0.05 * long.size,
            f"one cut reads {long_read / 1e6:.2f} MB of {long.size / 1e6:.0f} MB; "
            f"a scan takes {scanned.median / fast_long.median:.0f}x as long",
        ),
        (
            "FAST clips within 1 s",
            worst_fast <= 1.0,
            f"worst {worst_fast:.3f} s off",
        ),
        (
            "EXACT clips within 1 frame",
            worst_exact <= frame + 0.001,
            f"worst {worst_exact:.3f} s off; a frame is {frame:.3f} s",
        ),
    ]
    frames = CLIP_SECONDS * rendition.frame_rate
    ours_fps, bare_fps = frames / ours.median_cpu, frames / bare.median_cpu
    floor_factor = fast_720.median / floor.median
    targets += [
        (
            f"EXACT fps/CPU vs bare <= {EXACT_VS_BARE_MAX:g}x",
            bare_fps / ours_fps <= EXACT_VS_BARE_MAX,
            f"ours {ours_fps:.0f} frames/cpu-s, bare ffmpeg {bare_fps:.0f}: "
            f"{bare_fps / ours_fps:.2f}x; wall {ours.median:.2f} s vs "
            f"{bare.median:.2f} s",
        ),
        (
            f"FAST vs floor <= {FAST_VS_FLOOR_MAX:g}x",
            floor_factor <= FAST_VS_FLOOR_MAX,
            f"{fast_720.median * 1000:.0f} ms vs {floor.median * 1000:.0f} ms "
            f"(exec + copy of {statistics.median(fast_720.sizes) / 1e6:.1f} MB): "
            f"{floor_factor:.2f}x",
        ),
    ]
    latency = extra.get("jobs")
    print()
    if latency:
        print(
            f"Request to link, 10 s FAST clip of the {latency['rendition']} "
            f"rendition, job machinery on the local stack (SQLite, database queue, "
            f"a portal_worker process), {latency['runs']} runs: median "
            f"{latency['median']:.2f} s (min {latency['min']:.2f}, max "
            f"{latency['max']:.2f}); of which waiting in the queue "
            f"{latency['queue_median']:.2f} s (the database queue's worker polls "
            f"every second) and cutting {latency['cut_median']:.2f} s."
        )
    else:
        print("Request to link: not measured (--no-jobs, or it failed above).")
    print()
    print("Targets:")
    for name, passed, detail in targets:
        print(f"  {name:<28} {'PASS' if passed else 'FAIL'}  ({detail})")
    return all(passed for _name, passed, _detail in targets)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--runs", type=int, default=7, help="FAST cuts per source (default 7)"
    )
    parser.add_argument(
        "--exact-runs", type=int, default=3, help="EXACT cuts (default 3)"
    )
    parser.add_argument(
        "--long-minutes", type=int, default=60, help="the long source (default 60)"
    )
    parser.add_argument(
        "--regenerate", action="store_true", help="make the sources again"
    )
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 when a target fails"
    )
    parser.add_argument(
        "--no-jobs", action="store_true", help="skip the job machinery's latency"
    )
    parser.add_argument(
        "--job-runs", type=int, default=5, help="requests to link (default 5)"
    )
    args = parser.parse_args()
    if args.runs < 1 or args.exact_runs < 1 or args.long_minutes < 2:
        parser.error("--runs and --exact-runs must be >= 1, --long-minutes >= 2.")
    configure()
    short = Source("short", "1-min source", 60, 320, 180, 10)
    long = Source("long", f"{args.long_minutes}-min source", args.long_minutes * 60,
                  320, 180, 10)  # fmt: skip
    rendition = Source("720p", "720p rendition", 60, 1280, 720, 25, rendition=True)
    sources = [short, long, rendition]
    print(f"Sources in {CACHE.relative_to(ROOT)}/ …", flush=True)
    for source in sources:
        prepare(source, args.regenerate)
    print(
        f"Cutting: {args.runs} FAST clips per source, {args.exact_runs} EXACT …",
        flush=True,
    )
    series = measure(short, long, rendition, args.runs, args.exact_runs)
    scanned = scan(long, max(1, args.exact_runs))
    reads = {source.key: bytes_read(source) for source in (short, long)}
    extra = {
        "exact": exact_throughput(rendition, args.exact_runs),
        "floor": fast_floor(rendition, series[2].sizes, args.runs),
    }
    if not args.no_jobs:
        print(f"Request to link with the job machinery, {args.job_runs} runs …")
        extra["jobs"] = job_latency(args.job_runs)
    passed = report(sources, list(series), scanned, reads, extra)
    return 0 if passed or not args.strict else 1


if __name__ == "__main__":
    sys.exit(main())
