"""Timecodes as people type them, in the API and in the admin's shotlist."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from videos.models import VideoPage, VideoShot
from videos.timecode import (
    TimecodeError,
    TimecodeFormField,
    format_timecode,
    parse_timecode,
)


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
    "text", ["", "abc", "1:2:3:4", "00:61:00", "00:00:60", "12,5", True, "1e3"]
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
