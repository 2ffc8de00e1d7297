"""Regenerate the demo soundbites' speech (``data/*.opus``) with espeak-ng.

Run by hand when a soundbite's words change (``apt-get install espeak-ng``)::

    python manage.py shell -c "from videos.demo import speech; speech.main()"

The files are committed, so loading the demo never needs espeak-ng; ffmpeg mixes
them into the footage at load time (``footage.py``)."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from ..ffmpeg import ffmpeg_binary
from .videos import DATA, VIDEOS

VOICES = {"en": "en-gb", "fr": "fr-fr"}


def main() -> None:
    for video in VIDEOS:
        bite = video["soundbite"]
        with tempfile.TemporaryDirectory() as folder:
            wav = Path(folder) / "speech.wav"
            rate = str(bite.get("rate", 150))  # words a minute
            voice = VOICES[bite["language"]]
            subprocess.run(
                ["espeak-ng", "-v", voice, "-s", rate, "-p", "45", "-w", str(wav),
                 bite["words"]],
                check=True,
            )  # fmt: skip
            subprocess.run(
                [ffmpeg_binary(), "-hide_banner", "-loglevel",
                 "error", "-y", "-i", str(wav), "-af", "highpass=f=80,lowpass=f=7000",
                 "-c:a", "libopus", "-b:a", "24k", "-ac", "1",
                 str(DATA / bite["audio"])],
                check=True,
            )  # fmt: skip
        print(bite["audio"], (DATA / bite["audio"]).stat().st_size, "bytes")
