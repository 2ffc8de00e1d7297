"""The demo videos can be judged by eye and ear: the picture moves, the soundbite is
speech at the time the soundbite says, and the subtitles carry its words."""

import math

import av
import pytest
from PIL import ImageChops, ImageStat

from videos.demo.videos import VIDEOS
from videos.models import VideoAsset, VideoPage

pytestmark = pytest.mark.django_db


def frame_at(container, seconds: float):
    """The first decoded frame at or after ``seconds``, small and grey."""
    stream = container.streams.video[0]
    container.seek(int(seconds / stream.time_base), stream=stream)
    for frame in container.decode(stream):
        if frame.time is not None and frame.time >= seconds - 0.02:
            return frame.to_image().convert("L").resize((160, 90))
    raise AssertionError(f"no frame at {seconds} s")


def loudness(container, start: float, end: float) -> float:
    """Root mean square of the audio samples between ``start`` and ``end``."""
    stream = container.streams.audio[0]
    container.seek(0)
    total, count = 0.0, 0
    for frame in container.decode(stream):
        if frame.time is None or frame.time + frame.samples / frame.rate < start:
            continue
        if frame.time > end:
            break
        plane = memoryview(bytes(frame.planes[0])).cast("f")[: frame.samples]
        total += sum(value * value for value in plane)
        count += len(plane)
    return math.sqrt(total / max(count, 1))


@pytest.fixture(params=[video["asset"] for video in VIDEOS], ids=lambda t: t[:20])
def demo(request):
    video = next(v for v in VIDEOS if v["asset"] == request.param)
    asset = VideoAsset.objects.get(title=video["asset"])
    return video, asset


def test_there_are_at_least_three_short_demo_videos():
    assert len(VIDEOS) >= 3
    assert VideoPage.objects.filter(locale__language_code="fr").count() >= len(VIDEOS)


def test_demo_video_is_processed_with_sound(demo):
    video, asset = demo
    assert asset.status == VideoAsset.Status.READY, asset.status_message
    assert 5 <= asset.duration <= 12.5
    for rendition in asset.renditions.all():
        with av.open(rendition.file.path) as container:
            assert container.streams.audio, rendition.name


def test_the_picture_moves_within_every_shot(demo):
    video, asset = demo
    with av.open(asset.master.path) as container:
        for start, end, _scene, _text in video["shots"]:
            first = frame_at(container, start + 0.2)
            later = frame_at(container, min(end - 0.2, start + 1.5))
            difference = ImageStat.Stat(ImageChops.difference(first, later)).mean[0]
            assert difference > 3, (video["file"], start, difference)


def test_the_soundbite_is_heard_when_it_says(demo):
    video, asset = demo
    bite = video["soundbite"]
    with av.open(asset.master.path) as container:
        room = loudness(container, 0, min(1.0, bite["start"]) - 0.1)
        speech = loudness(container, bite["start"] + 0.2, bite["start"] + 2.5)
    assert speech > 4 * room, (room, speech)


def test_soundbites_and_subtitles_match_the_speech(demo):
    video, asset = demo
    bite = video["soundbite"]
    for page in VideoPage.objects.filter(asset=asset):
        soundbite = page.soundbites.get()
        assert (soundbite.start, soundbite.end) == (bite["start"], bite["end"])
        assert soundbite.language == bite["language"]
        assert soundbite.text == bite["words"]
        assert soundbite.speaker.slug == bite["speaker"]
        shots = list(page.shots.order_by("sort_order"))
        assert shots[0].start == 0 and shots[-1].end == video["duration"]
    for subtitle in asset.subtitles.all():
        with subtitle.file.open("rb") as handle:
            text = handle.read().decode()
        cue = f"00:00:{bite['start']:06.3f} --> "
        assert text.startswith("WEBVTT") and cue in text, text
        if subtitle.language == bite["language"]:
            assert bite["words"] in text
        else:
            assert bite["subtitles"][subtitle.language] in text
