"""EXACT clips hold exactly the frames asked for, at the frame rates broadcasters
use; FAST clips say which frames they hold. Every clip is decoded and its frames
read back (each frame of the source shows its number)."""

from fractions import Fraction
from urllib.parse import urlparse

import pytest

from tests.conftest import error_codes
from videos.models import VideoIndexPage, VideoPage
from videos.timecode import frame_to_smpte

from .conftest import (
    audio_samples,
    download,
    frame_numbers,
    generate_counter_video,
    upload,
)

RATES = {
    "25": Fraction(25),
    "30000/1001": Fraction(30000, 1001),  # 29.97, drop-frame timecode
    "50": Fraction(50),
    "24000/1001": Fraction(24000, 1001),  # 23.976
}
SECONDS = 3
SAMPLE_RATE = 48000


@pytest.fixture(scope="module")
def masters(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("counter-masters")
    paths = {}
    for name in RATES:
        paths[name] = folder / f"counter-{name.replace('/', '-')}.mp4"
        generate_counter_video(paths[name], name, SECONDS)
    return paths


def publish(asset) -> VideoPage:
    index = VideoIndexPage.objects.get(locale__language_code="en")
    page = VideoPage(
        title=asset.title, slug=f"counter-{asset.pk}", locale=index.locale, asset=asset
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def fetched(client, url: str, tmp_path, name="clip.mp4"):
    response = client.get(urlparse(url).path)
    assert response.status_code == 200
    path = tmp_path / name
    path.write_bytes(b"".join(response.streaming_content))
    return path


def seconds(frame: int, rate: Fraction) -> float:
    return round(float(frame / rate), 3)


@pytest.mark.parametrize("rate_name", list(RATES))
def test_exact_clips_hold_the_frames_asked_for(
    rate_name,
    masters,
    gql,
    client,
    signed_in,
    tmp_path,
    django_capture_on_commit_callbacks,
):
    rate = RATES[rate_name]
    asset = upload(
        f"Counter {rate_name}", masters[rate_name], django_capture_on_commit_callbacks
    )
    assert asset.status == "ready", asset.status_message
    assert asset.frame_rate == pytest.approx(float(rate), abs=0.001)
    video = publish(asset)
    rendition = asset.renditions.get().name
    total = len(frame_numbers(masters[rate_name]))
    one = round(float(1 / rate), 6)
    cases = [
        # (in, out as given) -> frames [first, last)
        ((1.0, 2.0), (int(1 * rate), -(-2 * rate // 1))),
        # mid-frame points snap out to the frames they fall in
        ((0.5 + one / 3, 1.25 + one / 3), None),
        # one frame, as the answer states it (milliseconds)
        ((seconds(25, rate), seconds(26, rate)), (25, 26)),
        # to the end of the video
        ((2.0, asset.duration), None),
    ]
    for (start, end), expected in cases:
        answer = download(
            gql, video.pk, rendition, start=start, end=end, precision="EXACT"
        )
        assert "errors" not in answer, answer
        result = answer["data"]["requestVideoDownload"]
        first, last = round(result["start"] * rate), round(result["end"] * rate)
        if expected is not None:
            assert (first, last) == expected
        # The answer covers what was asked, to within a frame either side.
        assert first <= start * rate + 0.02 < first + 1
        assert last - 1 <= min(end * rate, total) <= last + 0.02 or last == total
        clip = fetched(client, result["url"], tmp_path)
        assert frame_numbers(clip) == list(range(first, last)), (start, end)
        assert result["frames"] == last - first
        assert result["startTimecode"] == frame_to_smpte(first, rate)
        assert result["endTimecode"] == frame_to_smpte(last, rate)
        span = Fraction(last - first) / rate
        assert audio_samples(clip) == pytest.approx(float(span * SAMPLE_RATE), abs=1), (
            start,
            end,
            first,
            last,
        )


SMPTE = {
    "25": ("00:00:01:05", "00:00:02:10", 30, 60),
    "30000/1001": ("00:00:01;05", "00:00:02;10", 35, 70),
    "50": ("00:00:01:05", "00:00:02:10", 55, 110),
    "24000/1001": ("00:00:01:05", "00:00:02:10", 29, 58),
}


@pytest.mark.parametrize("rate_name", list(RATES))
def test_smpte_in_and_out_and_fast_clips_say_what_they_hold(
    rate_name,
    masters,
    gql,
    client,
    signed_in,
    tmp_path,
    django_capture_on_commit_callbacks,
):
    rate = RATES[rate_name]
    asset = upload(
        f"Counter {rate_name}", masters[rate_name], django_capture_on_commit_callbacks
    )
    video = publish(asset)
    rendition = asset.renditions.get().name
    start, end, first, last = SMPTE[rate_name]
    answer = download(gql, video.pk, rendition, start=start, end=end, precision="EXACT")
    result = answer["data"]["requestVideoDownload"]
    assert (result["startTimecode"], result["endTimecode"]) == (start, end)
    assert frame_numbers(fetched(client, result["url"], tmp_path)) == list(
        range(first, last)
    )
    # FAST starts on the keyframe at or before the in point (one a second) and
    # says so; the frames it holds are the ones it states.
    answer = download(gql, video.pk, rendition, start=1.5, end=2.5)
    result = answer["data"]["requestVideoDownload"]
    assert result["start"] == pytest.approx(seconds(round(1 * rate), rate), abs=0.001)
    first, last = round(result["start"] * rate), round(result["end"] * rate)
    assert last >= round(2.5 * rate)
    numbers = frame_numbers(fetched(client, result["url"], tmp_path, "fast.mp4"))
    assert numbers == list(range(first, last))
    assert result["frames"] == len(numbers)


@pytest.mark.parametrize(
    "rate_name, start_timecode, start, end, frames",
    [
        ("25", "10:00:00:00", "10:00:01:00", "10:00:02:00", (25, 50)),
        ("30000/1001", "01:00:00;00", "01:00:01;00", "01:00:02;00", (30, 60)),
    ],
)
def test_the_masters_own_start_timecode_is_honoured(
    rate_name,
    start_timecode,
    start,
    end,
    frames,
    gql,
    client,
    signed_in,
    tmp_path,
    django_capture_on_commit_callbacks,
):
    """A master from an edit suite starts at 10:00:00:00 (or 01:00:00;00): its
    SMPTE timecodes are what the journalist reads off it."""
    master = tmp_path / "timecoded.mp4"
    generate_counter_video(master, rate_name, 3, timecode=start_timecode)
    asset = upload("Timecoded", master, django_capture_on_commit_callbacks)
    assert asset.start_timecode == start_timecode
    video = publish(asset)
    rendition = asset.renditions.get().name
    answer = download(gql, video.pk, rendition, start=start, end=end, precision="EXACT")
    result = answer["data"]["requestVideoDownload"]
    assert (result["startTimecode"], result["endTimecode"]) == (start, end)
    rate = RATES[rate_name]
    assert (result["start"], result["end"]) == (
        seconds(frames[0], rate),
        seconds(frames[1], rate),
    )
    clip = fetched(client, result["url"], tmp_path)
    assert frame_numbers(clip) == list(range(*frames))
    # Seconds still count from the first frame; SMPTE before it is no frame.
    answer = download(
        gql,
        video.pk,
        rendition,
        start=seconds(frames[0], rate),
        end=2,
        precision="EXACT",
    )
    assert answer["data"]["requestVideoDownload"]["startTimecode"] == start
    answer = download(gql, video.pk, rendition, start="00:00:01:00", end=2)
    assert error_codes(answer) == ["INVALID_TIMECODE"]
