"""The embargo a page can carry, and the worker's record of lifts to come."""

from __future__ import annotations

import zoneinfo
from functools import cache

import graphene
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.choices import CallableChoiceIterator
from django.utils.translation import gettext_lazy as _
from grapple.models import GraphQLField
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

# The zone an embargo time is written in when the editor picks none: the press
# office's own. A literal, not settings.TIME_ZONE, so migrations do not follow the
# environment.
DEFAULT_EMBARGO_TIME_ZONE = "Europe/Brussels"


@cache
def time_zone_names() -> tuple[str, ...]:
    """Every IANA zone this system knows (zoneinfo, with the tzdata package as
    the fallback), sorted: the editor's choices."""
    return tuple(sorted(zoneinfo.available_timezones()))


def validate_time_zone(value: str) -> None:
    if value not in time_zone_names():
        raise ValidationError(
            _("%(zone)s is not a time zone this system knows."),
            code="invalid_time_zone",
            params={"zone": value},
        )


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in time_zone_names()]


class EmbargoMixin(models.Model):
    """Mixed into page models that can be published under embargo (press
    releases, video pages). Before ``embargoed_until`` the published page is seen
    by accredited journalists only; at that time it is everybody's, without an
    editor acting (embargo/lifting.py). The column holds the live value: Wagtail
    writes page columns on publish, drafts stay in revisions."""

    embargoed_until = models.DateTimeField(
        _("embargoed until"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "Published now to accredited journalists only; everyone sees it from "
            "this time, in the embargo's time zone below. Leave empty to publish "
            "to everyone."
        ),
    )
    # An IANA name. Not a choices field: the list changes with tzdata, and a
    # migration per tzdata release would be noise. Validated on save.
    embargo_time_zone = models.CharField(
        _("embargo time zone"),
        max_length=64,
        default=DEFAULT_EMBARGO_TIME_ZONE,
        validators=[validate_time_zone],
        help_text=_(
            "The time zone the embargo time is written in, and shown in to "
            "journalists in e-mails."
        ),
    )

    embargo_panels = [
        FieldPanel("embargoed_until"),
        FieldPanel(
            "embargo_time_zone",
            widget=forms.Select(choices=CallableChoiceIterator(time_zone_choices)),
        ),
    ]
    # Search querysets are filtered on it (embargo/visibility.py).
    embargo_search_fields = [index.FilterField("embargoed_until")]

    class Meta:
        abstract = True

    @classmethod
    def embargo_graphql_fields(cls) -> list:
        return [
            GraphQLField(
                "embargoed_until",
                graphene.DateTime,
                source="graphql_embargoed_until",
                description="Set while the page is under embargo: it is shown "
                "to accredited journalists only until then, and to everyone "
                "after. Null for a page everyone may read.",
            ),
            GraphQLField(
                "embargo_time_zone",
                graphene.String,
                source="graphql_embargo_time_zone",
                description="The IANA time zone the press office wrote the "
                "embargo time in (e.g. Europe/Brussels), to show the lift time "
                "as announced. Null when embargoedUntil is null.",
            ),
        ]

    def graphql_embargoed_until(self, info, **kwargs):
        return self.embargo_in_force()

    def graphql_embargo_time_zone(self, info, **kwargs):
        return self.embargo_zone_name() if self.embargo_in_force() else None

    def embargo_zone_name(self) -> str:
        """The page's zone if this system knows it, else the default."""
        name = self.embargo_time_zone
        return name if name in time_zone_names() else DEFAULT_EMBARGO_TIME_ZONE

    def embargo_zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.embargo_zone_name())

    def embargo_in_force(self, at=None):
        """The lift time if it is still ahead, else None."""
        until = self.embargoed_until
        if until is not None and until > (at or timezone.now()):
            return until
        return None

    def serve(self, request, *args, **kwargs):
        # Wagtail's own page serving (a redirect to the frontend) tells nobody
        # else that the page exists before the lift.
        from .readers import may_read_embargoed

        if self.embargo_in_force() and not may_read_embargoed():
            raise Http404
        return super().serve(request, *args, **kwargs)


class EmbargoLift(models.Model):
    """A published page under embargo whose lift the worker has yet to announce
    (``lifted_at`` empty), one row per page, rewritten on every publish."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="embargo_lift",
        verbose_name=_("page"),
    )
    lifts_at = models.DateTimeField(_("lifts at"), db_index=True)
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("embargo lift")
        verbose_name_plural = _("embargo lifts")

    def __str__(self) -> str:
        return f"{self.page_id} @ {self.lifts_at.isoformat()}"
