"""The video page's admin form: the shotlist's and soundbites' timecodes take
SMPTE frames (``HH:MM:SS:FF``) at the frame rate of the page's video file, and
count from its start timecode, as the API's ``start``/``end`` do."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from embargo.forms import EmbargoFormMixin

from ..timecode import exact_rate, timecode_origin
from .assets import VideoAsset

SEGMENT_RELATIONS = ("shots", "soundbites")
HELP = _(
    "Seconds, HH:MM:SS.mmm, or SMPTE HH:MM:SS:FF at the video's frame rate "
    "(%(rate)s fps, starting at %(start)s)."
)


class VideoPageForm(EmbargoFormMixin, WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        asset = self._chosen_asset()
        rate = asset.frame_rate if asset is not None else None
        if not rate:
            return
        origin = timecode_origin(asset.start_timecode, exact_rate(rate))
        help_text = HELP % {
            "rate": f"{rate:g}",
            "start": asset.start_timecode or "00:00:00:00",
        }
        for relation in SEGMENT_RELATIONS:
            formset = self.formsets.get(relation)
            for form in formset.forms if formset is not None else []:
                for name in ("start", "end"):
                    field = form.fields.get(name)
                    if field is not None and hasattr(field, "frame_rate"):
                        field.frame_rate, field.origin = rate, origin
                        field.help_text = help_text

    def _chosen_asset(self) -> VideoAsset | None:
        """The video file as submitted (the editor may have just chosen it), or
        the page's own."""
        if self.is_bound:
            value = self.data.get(self.add_prefix("asset"))
            if not str(value or "").isdigit():
                return None
            return VideoAsset.objects.filter(pk=int(value)).first()
        return self.instance.asset if self.instance.asset_id else None
