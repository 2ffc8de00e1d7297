"""Timecodes as editors and journalists write them: seconds (``12.5``),
``HH:MM:SS.mmm`` (also ``MM:SS`` and ``MM:SS.mmm``), or SMPTE with frames
(``HH:MM:SS:FF``, drop-frame ``HH:MM:SS;FF`` at 29.97 and 59.94 fps), stored as
seconds. A SMPTE timecode means a frame, so it needs the video's frame rate:
``parse`` gives a ``Timecode`` and ``Timecode.seconds(rate)`` resolves it."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

# Minutes and seconds always take two digits: "1:2" could mean 1 min 2 s or
# 1 s 2 frames, so it is refused rather than guessed.
_CLOCK = re.compile(r"^(?:(\d{1,3}):)?([0-5]\d):([0-5]\d(?:\.\d{1,3})?)$")
_SMPTE = re.compile(r"^(\d{2}):([0-5]\d):([0-5]\d)([:;])(\d{2})$")
_SECONDS = re.compile(r"^\d+(?:\.\d+)?$")
MAX_SECONDS = 100 * 3600
# Half a millisecond: seconds given to the millisecond (as the API answers them)
# name the frame boundary they round.
_TOLERANCE = Fraction(1, 2000)


class TimecodeError(ValueError):
    pass


@dataclass(frozen=True)
class Timecode:
    """A parsed timecode: seconds, or a SMPTE frame address to resolve against
    the video's frame rate."""

    text: str
    clock_seconds: float | None = None
    smpte: tuple[int, int, int, int] | None = None
    drop_frame: bool = False

    def seconds(self, frame_rate: float | None = None, origin: int = 0) -> float:
        """Seconds from the start; TimecodeError when the frames do not exist
        at this frame rate (or no frame rate is known). SMPTE counts from
        ``origin``, the frame number of the video's first frame (its start
        timecode): a frame before it is not in the video."""
        if self.smpte is None:
            return self.clock_seconds
        rate = exact_rate(frame_rate) if frame_rate else None
        if rate is None:
            raise TimecodeError(self.text)
        frame = smpte_to_frame(self.smpte, rate, self.drop_frame, self.text) - origin
        if frame < 0:
            raise TimecodeError(self.text)
        seconds = float(frame / rate)
        if seconds > MAX_SECONDS:
            raise TimecodeError(self.text)
        return round(seconds, 6)


def parse(value: str | float | int) -> Timecode:
    """A Timecode from a number or a string; TimecodeError when malformed or
    ambiguous."""
    if isinstance(value, bool):
        raise TimecodeError(value)
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        text = str(value).strip()
        if _SECONDS.match(text):
            seconds = float(text)
        elif match := _SMPTE.match(text):
            hours, minutes, secs, separator, frames = match.groups()
            return Timecode(
                text=text,
                smpte=(int(hours), int(minutes), int(secs), int(frames)),
                drop_frame=separator == ";",
            )
        elif match := _CLOCK.match(text):
            hours, minutes, secs = match.groups()
            seconds = int(hours or 0) * 3600 + int(minutes) * 60 + float(secs)
        else:
            raise TimecodeError(value)
    if not math.isfinite(seconds) or seconds > MAX_SECONDS:
        raise TimecodeError(value)
    return Timecode(text=str(value), clock_seconds=round(seconds, 3))


def parse_timecode(value: str | float | int, frame_rate: float | None = None) -> float:
    """Seconds from a number or a timecode string; TimecodeError when malformed,
    or when SMPTE frames are given without a frame rate to count them."""
    return parse(value).seconds(frame_rate)


# --- Frames ------------------------------------------------------------------------


def exact_rate(frame_rate: float) -> Fraction:
    """The exact frame rate behind a rounded one: 29.97 is 30000/1001, 23.976 is
    24000/1001 (NTSC rates), 25.0 is 25."""
    nominal = round(frame_rate * 1001 / 1000)
    if nominal and abs(nominal * 1000 / 1001 - frame_rate) < 0.0015:
        return Fraction(nominal * 1000, 1001)
    return Fraction(frame_rate).limit_denominator(1001)


def nominal_rate(rate: Fraction) -> int:
    """Frames per timecode second: 30 at 29.97, 24 at 23.976."""
    return math.ceil(rate)


def is_drop_frame_rate(rate: Fraction) -> bool:
    return rate.denominator == 1001 and nominal_rate(rate) in (30, 60)


def _drops(rate: Fraction) -> int:
    return nominal_rate(rate) // 15  # 2 frame numbers at 29.97, 4 at 59.94


def smpte_to_frame(
    smpte: tuple[int, int, int, int], rate: Fraction, drop_frame: bool, text=""
) -> int:
    hours, minutes, seconds, frames = smpte
    nominal = nominal_rate(rate)
    if frames >= nominal:
        raise TimecodeError(text)
    number = ((hours * 60 + minutes) * 60 + seconds) * nominal + frames
    if not drop_frame:
        return number
    if not is_drop_frame_rate(rate):
        raise TimecodeError(text)
    drops = _drops(rate)
    if seconds == 0 and frames < drops and minutes % 10:
        raise TimecodeError(text)  # these frame numbers are skipped
    total_minutes = hours * 60 + minutes
    return number - drops * (total_minutes - total_minutes // 10)


def timecode_origin(start_timecode: str, rate: Fraction) -> int:
    """The frame number of a video's first frame from its start timecode; 0
    when it has none (or one that does not fit its frame rate)."""
    match = _SMPTE.match((start_timecode or "").strip())
    if match is None:
        return 0
    hours, minutes, secs, separator, frames = match.groups()
    smpte = (int(hours), int(minutes), int(secs), int(frames))
    try:
        return smpte_to_frame(
            smpte, rate, separator == ";" and is_drop_frame_rate(rate)
        )
    except TimecodeError:
        return 0


def frame_to_smpte(frame: int, rate: Fraction) -> str:
    """SMPTE timecode of a frame: drop-frame (``;``) at 29.97 and 59.94 fps,
    non-drop (``:``) at every other rate."""
    nominal = nominal_rate(rate)
    separator = ":"
    if is_drop_frame_rate(rate):
        separator = ";"
        drops = _drops(rate)
        per_minute = nominal * 60 - drops
        per_ten = nominal * 600 - drops * 9
        tens, rest = divmod(frame, per_ten)
        frame += drops * 9 * tens
        if rest > drops:
            frame += drops * ((rest - drops) // per_minute)
    seconds, frames = divmod(frame, nominal)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{separator}{frames:02d}"


def frame_at(seconds: float, rate: Fraction) -> int:
    """The frame showing at this instant (seconds within half a millisecond of a
    frame boundary count as that boundary)."""
    return math.floor((_exact(seconds) + _TOLERANCE) * rate)


def frames_covering(start: float, end: float, rate: Fraction) -> tuple[int, int]:
    """The frames [first, last) shown in [start, end): the in point snaps back
    to the start of its frame, the out point on to the end of its frame; at least
    one frame."""
    first = frame_at(start, rate)
    last = math.ceil((_exact(end) - _TOLERANCE) * rate)
    return first, max(last, first + 1)


def frame_seconds(frame: int, rate: Fraction) -> float:
    return round(float(frame / rate), 6)


def _exact(seconds: float) -> Fraction:
    return Fraction(round(seconds * 1_000_000), 1_000_000)


def format_timecode(seconds: float | None) -> str:
    if seconds is None:
        return ""
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


class TimecodeFormField(forms.CharField):
    """Seconds, HH:MM:SS.mmm, or SMPTE HH:MM:SS:FF (HH:MM:SS;FF drop-frame)
    counted at ``frame_rate`` from ``origin`` (the video's start timecode, as a
    frame number), which the form sets once it knows the video
    (``videos.models.forms.VideoPageForm``)."""

    frame_rate: float | None = None
    origin: int = 0
    default_error_messages = {
        "invalid": _(
            "Enter seconds (12.5), a timecode (HH:MM:SS.mmm) or SMPTE frames "
            "(HH:MM:SS:FF)."
        ),
        "negative": _("A timecode cannot be negative."),
        "no_rate": _(
            "SMPTE frames count at the video's frame rate: choose a processed "
            "video file first, or give seconds."
        ),
        "no_frame": _(
            "This video has no such frame at %(rate)s frames per second (drop-frame "
            "';' exists at 29.97 and 59.94 only)."
        ),
    }

    def prepare_value(self, value):
        if isinstance(value, int | float):
            return format_timecode(value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if value.strip().startswith("-"):
            raise forms.ValidationError(self.error_messages["negative"], "negative")
        try:
            timecode = parse(value)
        except TimecodeError:
            raise forms.ValidationError(
                self.error_messages["invalid"], "invalid"
            ) from None
        if timecode.smpte is not None and not self.frame_rate:
            raise forms.ValidationError(self.error_messages["no_rate"], "no_rate")
        try:
            return timecode.seconds(self.frame_rate, self.origin)
        except TimecodeError:
            raise forms.ValidationError(
                self.error_messages["no_frame"],
                "no_frame",
                params={"rate": f"{self.frame_rate:g}"},
            ) from None


class TimecodeField(models.FloatField):
    """Seconds in the database; a timecode in forms."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": TimecodeFormField, **kwargs})
