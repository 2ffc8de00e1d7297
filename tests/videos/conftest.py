from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files import File
from django.test import TestCase

from videos.models import VideoAsset, VideoPage


def upload(title: str, path: Path, capture) -> VideoAsset:
    """A video file uploaded as in the admin, processed once its save commits
    (``capture`` is pytest-django's django_capture_on_commit_callbacks)."""
    asset = VideoAsset(title=title)
    with path.open("rb") as handle:
        asset.master.save(path.name, File(handle), save=False)
    with capture(execute=True):
        asset.save()
    asset.refresh_from_db()
    return asset


@pytest.fixture
def journalist(db):
    return get_user_model().objects.create_user(
        "journalist@example.com", "Long-Enough-Pass-2026!"
    )


@pytest.fixture
def signed_in(client, journalist):
    client.force_login(journalist)
    return journalist


@pytest.fixture
def demo_video(db) -> VideoPage:
    return VideoPage.objects.get(
        slug="secretary-general-meets-vjosa-osmani-video", locale__language_code="en"
    )


DOWNLOAD_FIELDS = """url expiresAt filename rendition start end sizeBytes precision
            startTimecode endTimecode frames frameRate"""
JOB_FIELDS = f"""id status progress estimatedSeconds errorCode errorMessage
            download {{ {DOWNLOAD_FIELDS} }}"""


def request_job(gql, video_id, rendition="180p", **fields) -> dict:
    """Run requestVideoDownload with these input fields; return the raw answer
    (a job). Nothing runs it: the test decides."""
    values = {"videoId": str(video_id), "rendition": rendition, **fields}
    return gql(
        f"""mutation($input: VideoDownloadInput!) {{
          requestVideoDownload(input: $input) {{ {JOB_FIELDS} }}
        }}""",
        {"input": values},
    )


def follow_job(gql, job_id: str) -> dict:
    return gql(
        f"query($id: ID!) {{ videoDownloadJob(id: $id) {{ {JOB_FIELDS} }} }}",
        {"id": job_id},
    )


def download(gql, video_id, rendition="180p", **fields) -> dict:
    """requestVideoDownload with these input fields, its job run to its end (the
    tests' task backend runs a task when it is queued, here when the request's
    transaction would commit), then followed once with videoDownloadJob.

    Returns the answer as the tests of the link read it: ``requestVideoDownload``
    is the job's download (null when it failed, its errorCode and errorMessage
    then in ``errors``); ``job`` is the job as last seen."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        answer = request_job(gql, video_id, rendition, **fields)
    job = (answer.get("data") or {}).get("requestVideoDownload")
    if job is None:
        return answer
    if job["status"] != "READY":
        followed = follow_job(gql, job["id"])
        assert "errors" not in followed, followed
        job = followed["data"]["videoDownloadJob"]
    result = {"data": {"requestVideoDownload": job["download"]}, "job": job}
    if job["status"] == "FAILED":
        result["errors"] = [
            {"message": job["errorMessage"], "extensions": {"code": job["errorCode"]}}
        ]
    return result


# --- Videos whose every frame says its number -----------------------------------------

BLOCK = 8  # pixels: a bit of the frame number is one 8×8 block, black or white


def generate_counter_video(
    target: Path, rate: str, seconds: float = 3, timecode: str | None = None
) -> None:
    """A tiny video (64×36) whose frame N shows N in binary, one block per bit
    (8 bits a row), and a tone: any frame of a clip can be told by decoding it,
    even after lossy re-encoding. No font needed. ``timecode``: the SMPTE of its
    first frame, in a tmcd track, as cameras and edit suites write it."""
    from videos import ffmpeg

    bit = f"floor(X/{BLOCK})+8*floor(Y/{BLOCK})"
    luma = f"16+219*mod(floor(N/pow(2,{bit})),2)"
    ffmpeg.run_ffmpeg(
        [
            "-f",
            "lavfi",
            "-i",
            f"color=black:size=64x36:rate={rate},format=yuv420p,"
            f"geq=lum='{luma}':cb=128:cr=128",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:sample_rate=48000",
            "-t",
            str(seconds),
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-crf",
            "10",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-b:a",
            "64k",
            "-shortest",
            *(["-timecode", timecode] if timecode else []),
            str(target),
        ]  # fmt: skip
    )


def frame_numbers(path: Path) -> list[int]:
    """Decode a video and read each frame's number off its picture."""
    import av

    numbers = []
    with av.open(str(path)) as container:
        for frame in container.decode(video=0):
            plane = frame.planes[0]
            pixels, stride = bytes(plane), plane.line_size
            number = 0
            for bit in range(32):
                x = (bit % 8) * BLOCK + BLOCK // 2
                y = (bit // 8) * BLOCK + BLOCK // 2
                if pixels[y * stride + x] > 128:
                    number |= 1 << bit
            numbers.append(number)
    return numbers


def audio_samples(path: Path) -> int | None:
    """The audio a file holds, in samples (its stream's duration, which the
    MP4 edit list trims to the sample; decoders output whole AAC frames)."""
    import av

    with av.open(str(path)) as container:
        if not container.streams.audio:
            return None
        audio = container.streams.audio[0]
        return round(audio.duration * audio.time_base * audio.sample_rate)
