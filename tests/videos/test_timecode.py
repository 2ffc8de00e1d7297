"""Timecodes as people type them, in the API and in the admin's shotlist."""

from fractions import Fraction

import pytest
from django import forms
from django.core.exceptions import ValidationError

from videos.models import VideoPage, VideoShot
from videos.timecode import (
    TimecodeError,
    TimecodeFormField,
    exact_rate,
    format_timecode,
    frame_to_smpte,
    frames_covering,
    parse,
    parse_timecode,
    timecode_origin,
)

NTSC = Fraction(30000, 1001)


@pytest.mark.parametrize(
    "text, seconds",
    [
        ("12", 12.0),
        ("12.5", 12.5),
        (12.5, 12.5),
        (7, 7.0),
        ("00:00:12.500", 12.5),
        ("1:02:03.4", 3723.4),
        ("02:03", 123.0),
        ("  00:01:00  ", 60.0),
    ],
)
def test_parse(text, seconds):
    assert parse_timecode(text) == seconds


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "1:2:3:4",
        "00:61:00",
        "00:00:60",
        "12,5",
        True,
        "1e3",
        # Ambiguous: minutes and seconds, or seconds and frames?
        "1:2",
        "1:02",
        "00:1:02",
        "00:00:02:1",
        "00:00:02.10:00",
    ],
)
def test_malformed(text):
    with pytest.raises(TimecodeError):
        parse_timecode(text)


def test_format_round_trips():
    for seconds in (0, 0.04, 12.5, 3723.4, 35999.999):
        assert parse_timecode(format_timecode(seconds)) == pytest.approx(seconds)
    assert format_timecode(3723.4) == "01:02:03.400"


def test_form_field_messages():
    field = TimecodeFormField()
    assert field.clean("00:00:04.000") == 4.0
    with pytest.raises(forms.ValidationError, match="timecode"):
        field.clean("four seconds")
    with pytest.raises(forms.ValidationError, match="negative"):
        field.clean("-3")


@pytest.mark.django_db
def test_a_shot_must_end_after_it_starts_and_within_the_video():
    video = VideoPage.objects.get(slug="secretary-general-meets-vjosa-osmani-video")
    VideoShot(page=video, start=1, end=2, description="ok").clean()
    with pytest.raises(ValidationError, match="after the in"):
        VideoShot(page=video, start=5, end=5, description="x").clean()
    with pytest.raises(ValidationError, match="00:00:12.000"):
        VideoShot(page=video, start=5, end=13, description="x").clean()


@pytest.mark.parametrize(
    "text, frame_rate, seconds",
    [
        ("00:00:02:10", 25.0, 2.4),
        ("00:00:02:10", 50.0, 2.2),
        ("00:01:00:00", 25.0, 60.0),
        # Non-drop at 29.97: frame numbers counted at 30 a second, played at 29.97.
        ("00:00:01:00", 29.97, 30 * 1001 / 30000),
        ("00:00:01:00", 23.976, 24 * 1001 / 24000),
        # Drop-frame: frame numbers 0 and 1 skipped each minute except every tenth.
        ("00:01:00;02", 29.97, 1800 * 1001 / 30000),
        ("00:10:00;00", 29.97, 17982 * 1001 / 30000),
        ("01:00:00;00", 29.97, 107892 * 1001 / 30000),
        ("00:01:00;04", 59.94, 3600 * 1001 / 60000),
        # Seconds need no frame rate, and ignore it.
        ("00:00:02.400", None, 2.4),
    ],
)
def test_smpte_timecode_counts_frames_at_the_video_rate(text, frame_rate, seconds):
    assert parse_timecode(text, frame_rate) == pytest.approx(seconds, abs=1e-6)


@pytest.mark.parametrize(
    "text, frame_rate",
    [
        ("00:00:02:10", None),  # frames without a frame rate
        ("00:00:02:25", 25.0),  # frame 25 of a 25 fps second
        ("00:00:02:30", 29.97),
        ("00:00:02;10", 25.0),  # drop-frame exists at 29.97 and 59.94 only
        ("00:00:02;10", 23.976),
        ("00:01:00;00", 29.97),  # a frame number drop-frame skips
        ("00:01:00;01", 29.97),
        ("00:01:00;03", 59.94),
    ],
)
def test_smpte_frames_that_do_not_exist(text, frame_rate):
    timecode = parse(text)  # well formed
    with pytest.raises(TimecodeError):
        timecode.seconds(frame_rate)


def test_smpte_output_round_trips_drop_frame_included():
    for rate in (Fraction(25), NTSC, Fraction(60000, 1001), Fraction(24000, 1001)):
        for frame in (0, 1, 2, 3, 4, 1799, 1800, 1801, 17981, 17982, 107891, 107892):
            text = frame_to_smpte(frame, rate)
            assert (";" in text) == (rate.denominator == 1001 and rate > 29)
            seconds = parse_timecode(text, float(rate))
            assert round(seconds * rate) == frame
    assert frame_to_smpte(1800, NTSC) == "00:01:00;02"
    assert frame_to_smpte(100, Fraction(25)) == "00:00:04:00"


def test_rounded_frame_rates_are_known_exactly():
    assert exact_rate(29.97) == NTSC
    assert exact_rate(23.976) == Fraction(24000, 1001)
    assert exact_rate(59.94) == Fraction(60000, 1001)
    assert exact_rate(25.0) == 25 and exact_rate(30.0) == 30 and exact_rate(50) == 50


@pytest.mark.parametrize(
    "start, end, rate, frames",
    [
        (4.0, 8.0, Fraction(25), (100, 200)),
        (2.5, 7.25, Fraction(25), (62, 182)),  # mid-frame: the frames shown
        (1.0, 1.04, Fraction(25), (25, 26)),  # one frame
        (1.0, 1.01, Fraction(25), (25, 26)),  # less than one: the frame shown
        (0.033, 0.067, NTSC, (1, 2)),  # boundaries given to the millisecond
        (1.001, 2.002, NTSC, (30, 60)),
    ],
)
def test_in_and_out_snap_to_the_frames_they_fall_in(start, end, rate, frames):
    assert frames_covering(start, end, rate) == frames


def test_smpte_counts_from_the_masters_start_timecode():
    origin = timecode_origin("10:00:00:00", Fraction(25))
    assert origin == 900_000
    assert parse("10:00:01:05").seconds(25.0, origin) == 1.2
    with pytest.raises(TimecodeError):
        parse("09:59:59:24").seconds(25.0, origin)  # before the first frame
    assert timecode_origin("01:00:00;00", NTSC) == 107892
    assert timecode_origin("", NTSC) == timecode_origin("nonsense", NTSC) == 0
