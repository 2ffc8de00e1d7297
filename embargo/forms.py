"""The embargo time in the admin, written in the zone the editor picks beside it.

Django reads a typed date and time in the admin user's own zone; an embargo is
announced in the press office's ("10:00 Brussels time"), so the page form reads
``embargoed_until`` in the zone chosen in ``embargo_time_zone`` (as submitted, or
the page's own) and shows the stored time back in that zone. A time that does not
exist in it (the spring-forward gap) or exists twice (the autumn overlap) is a
form error, never a guess."""

from __future__ import annotations

import zoneinfo

from django import forms
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminPageForm

from .models import DEFAULT_EMBARGO_TIME_ZONE, time_zone_names

EMBARGO_FIELD = "embargoed_until"
ZONE_FIELD = "embargo_time_zone"


class ZonedDateTimeField(forms.DateTimeField):
    """A date and time read and shown in ``zone_name()``, not the admin's zone."""

    def __init__(self, *args, zone_name=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone_name = zone_name or (lambda: DEFAULT_EMBARGO_TIME_ZONE)

    def _zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.zone_name())

    def prepare_value(self, value):
        with timezone.override(self._zone()):
            return super().prepare_value(value)

    def to_python(self, value):
        # from_current_timezone() inside refuses ambiguous and missing times.
        with timezone.override(self._zone()):
            return super().to_python(value)


class EmbargoFormMixin:
    """For the page form of any EmbargoMixin page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get(EMBARGO_FIELD)
        if field is None or ZONE_FIELD not in self.fields:
            return
        zoned = ZonedDateTimeField(
            required=field.required,
            label=field.label,
            help_text=field.help_text,
            widget=field.widget,
            initial=field.initial,
            zone_name=self._embargo_zone_name,
        )
        self.fields[EMBARGO_FIELD] = zoned

    def _embargo_zone_name(self) -> str:
        """The zone as submitted if it is one (a bad one is the zone field's own
        error), else the page's."""
        if self.is_bound:
            submitted = self.data.get(self.add_prefix(ZONE_FIELD))
            if submitted in time_zone_names():
                return submitted
        stored = getattr(self.instance, ZONE_FIELD, None)
        return stored if stored in time_zone_names() else DEFAULT_EMBARGO_TIME_ZONE


class EmbargoPageForm(EmbargoFormMixin, WagtailAdminPageForm):
    pass
