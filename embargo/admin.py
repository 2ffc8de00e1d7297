"""The embargo in editors' page listings: a column and a filter, for any listing of
an embargo model (editorial/wagtail_hooks.py puts them on Press releases)."""

from __future__ import annotations

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column


class EmbargoColumn(Column):
    """The lift time while it is ahead, as the press office announced it: in the
    embargo's own time zone, named (the editor's own time is in its tooltip)."""

    cell_template_name = "embargo/embargo_cell.html"

    def get_value(self, instance):
        return instance.embargo_in_force()

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["zone"] = instance.embargo_zone_name()
        return context


class EmbargoFilter(django_filters.ChoiceFilter):
    """Under embargo now, lifted, or never embargoed."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Embargo"))
        kwargs.setdefault(
            "choices",
            [
                ("under", _("Under embargo")),
                ("lifted", _("Lifted")),
                ("none", _("No embargo")),
            ],
        )
        super().__init__(method=self.by_embargo, **kwargs)

    @staticmethod
    def by_embargo(queryset, name, value):
        now = timezone.now()
        if value == "under":
            return queryset.filter(embargoed_until__gt=now)
        if value == "lifted":
            return queryset.filter(embargoed_until__lte=now)
        if value == "none":
            return queryset.filter(embargoed_until__isnull=True)
        return queryset
