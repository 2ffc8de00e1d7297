"""Timecodes as editors and journalists write them: seconds (``12.5``) or
``HH:MM:SS.mmm`` (also ``MM:SS`` and ``MM:SS.mmm``), stored as seconds."""

from __future__ import annotations

import math
import re

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

_CLOCK = re.compile(r"^(?:(\d{1,3}):)?([0-5]?\d):([0-5]?\d(?:\.\d{1,3})?)$")
_SECONDS = re.compile(r"^\d+(?:\.\d+)?$")
MAX_SECONDS = 100 * 3600


class TimecodeError(ValueError):
    pass


def parse_timecode(value: str | float | int) -> float:
    """Seconds from a number or a timecode string; TimecodeError when malformed."""
    if isinstance(value, bool):
        raise TimecodeError(value)
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        text = str(value).strip()
        if _SECONDS.match(text):
            seconds = float(text)
        elif match := _CLOCK.match(text):
            hours, minutes, secs = match.groups()
            seconds = int(hours or 0) * 3600 + int(minutes) * 60 + float(secs)
        else:
            raise TimecodeError(value)
    if not math.isfinite(seconds) or seconds > MAX_SECONDS:
        raise TimecodeError(value)
    return round(seconds, 3)


def format_timecode(seconds: float | None) -> str:
    if seconds is None:
        return ""
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


class TimecodeFormField(forms.CharField):
    default_error_messages = {
        "invalid": _("Enter seconds (12.5) or a timecode (HH:MM:SS.mmm)."),
        "negative": _("A timecode cannot be negative."),
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
            return parse_timecode(value)
        except TimecodeError:
            raise forms.ValidationError(
                self.error_messages["invalid"], "invalid"
            ) from None


class TimecodeField(models.FloatField):
    """Seconds in the database; a timecode in forms."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": TimecodeFormField, **kwargs})
