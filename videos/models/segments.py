"""The timed stretches of a video page: its shotlist and its soundbites."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable, TranslatableMixin

from ..timecode import TimecodeField, format_timecode


class TimedSegment(TranslatableMixin, Orderable):
    """A stretch of the video between two timecodes (a shot, a soundbite)."""

    start = TimecodeField(_("in point"), help_text=_("Seconds or HH:MM:SS.mmm"))
    end = TimecodeField(_("out point"), help_text=_("Seconds or HH:MM:SS.mmm"))

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        abstract = True

    def clean(self):
        super().clean()
        if self.start is None or self.end is None:
            return
        if self.end <= self.start:
            raise ValidationError({"end": _("The out point must be after the in.")})
        asset = getattr(getattr(self, "page", None), "asset", None)
        duration = asset.duration if asset is not None else None
        if duration is not None and self.end > duration + 0.001:
            raise ValidationError(
                {
                    "end": _("This is after the end of the video (%(length)s).")
                    % {"length": format_timecode(duration)}
                }
            )

    @property
    def seconds(self) -> tuple[float, float]:
        return float(self.start), float(self.end)


class VideoShot(TimedSegment):
    page = ParentalKey(
        "videos.VideoPage", on_delete=models.CASCADE, related_name="shots"
    )
    description = models.TextField(_("description"))

    panels = [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("description"),
    ]

    class Meta(TimedSegment.Meta):
        verbose_name = _("shot")

    def __str__(self) -> str:
        return self.description[:80]


class VideoSoundbite(TimedSegment):
    page = ParentalKey(
        "videos.VideoPage", on_delete=models.CASCADE, related_name="soundbites"
    )
    speaker = models.ForeignKey(
        "newsroom.Person",
        verbose_name=_("speaker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(
        _("language spoken"),
        max_length=10,
        help_text=_("Language code of what is said, e.g. en, fr, sq."),
    )
    text = models.TextField(_("what is said"))

    panels = [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldRowPanel([FieldPanel("speaker"), FieldPanel("language")]),
        FieldPanel("text"),
    ]

    class Meta(TimedSegment.Meta):
        verbose_name = _("soundbite")

    def __str__(self) -> str:
        return self.text[:80]
