"""Demo footage, built by ffmpeg from generated pictures and the committed speech.

Each shot is a scene of ``newsroom.demo.pictures`` in two layers panned at different
speeds (a camera moving past a foreground), with a moving grain; the soundbite's
speech is mixed over a quiet room tone at its start time. The result is cached by
its inputs (``cms.demo.cached_file``), so a second load costs nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

from cms.demo import cached_file
from newsroom.demo import pictures

from .. import ffmpeg
from .videos import DATA

VERSION = "footage-2"
WIDTH, HEIGHT, RATE = 1280, 720, 25
CANVAS = (1600, 900)  # room for the camera to move


def master(video: dict) -> Path:
    """The cached master file of this demo video (MP4, H.264 and AAC)."""
    speech = (DATA / video["soundbite"]["audio"]).read_bytes()
    inputs = (video["file"], video["duration"], video["shots"], video["soundbite"])
    key = "|".join(
        [VERSION, pictures.VERSION, repr(inputs), hashlib.sha256(speech).hexdigest()]
    )
    return cached_file(key, ".mp4", lambda target: _build(video, target))


def _build(video: dict, target: Path) -> None:
    with ffmpeg.workdir() as folder:
        inputs: list[str] = []
        filters: list[str] = []
        for number, (start, end, scene, _text) in enumerate(video["shots"]):
            layers = pictures.draw_layers(scene, CANVAS, seed=hash_seed(video, number))
            far, near = folder / f"far{number}.png", folder / f"near{number}.png"
            pictures.finish(layers.far).save(far, compress_level=1)
            layers.near.save(near, compress_level=1)
            seconds = end - start
            inputs += ["-i", str(far), "-i", str(near)]
            # Each picture is decoded once and repeated (``-loop 1`` would decode
            # it again for every frame).
            frames = round(seconds * RATE)
            repeat = f"loop=loop={frames - 1}:size=1,setpts=N/{RATE}/TB,fps={RATE}"
            filters.append(_shot_filter(number, seconds, repeat))
        shots = len(video["shots"])
        speech_input = 2 * shots
        bite = video["soundbite"]
        delay = round(bite["start"] * 1000)
        filters.append(
            "".join(f"[shot{n}]" for n in range(shots))
            + f"concat=n={shots}:v=1:a=0,noise=alls=4:allf=t[video]"
        )
        filters.append(
            f"anoisesrc=color=brown:amplitude=0.02:sample_rate=48000:"
            f"duration={video['duration']},lowpass=f=900[room];"
            f"[{speech_input}:a]aresample=48000,adelay={delay}:all=1,volume=1.6"
            f"[speech];[room][speech]amix=inputs=2:duration=first:normalize=0[audio]"
        )
        ffmpeg.run_ffmpeg(
            [*inputs, "-i", str(DATA / bite["audio"]),
             "-filter_complex", ";".join(filters),
             "-map", "[video]", "-map", "[audio]", "-t", str(video["duration"]),
             "-r", str(RATE), "-c:v", "libx264", "-preset", "ultrafast", "-crf", "26",
             "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "96k", "-ac", "1",
             "-movflags", "+faststart", "-f", "mp4", str(target)],
            timeout=120,
        )  # fmt: skip


def _shot_filter(number: int, seconds: float, repeat: str) -> str:
    """Shots pan left or right in turn; the foreground moves twice as fast as the
    background, as it would past a moving camera."""
    travel = CANVAS[0] - WIDTH
    speed = travel / 2 / seconds
    if number % 2 == 0:
        x_far, x_near = f"{travel / 4}+t*{speed:.2f}", f"t*{2 * speed:.2f}"
    else:
        x_far, x_near = f"{travel * 3 / 4}-t*{speed:.2f}", f"{travel}-t*{2 * speed:.2f}"
    y = (CANVAS[1] - HEIGHT) // 2
    far, near = 2 * number, 2 * number + 1
    return (
        f"[{far}:v]{repeat},crop={WIDTH}:{HEIGHT}:x='{x_far}':y={y}[far{number}];"
        f"[{near}:v]{repeat},crop={WIDTH}:{HEIGHT}:x='{x_near}':y={y}[near{number}];"
        f"[far{number}][near{number}]overlay=format=auto,format=yuv420p[shot{number}]"
    )


def hash_seed(video: dict, shot: int) -> int:
    return int(hashlib.sha256(f"{video['file']}:{shot}".encode()).hexdigest()[:8], 16)
