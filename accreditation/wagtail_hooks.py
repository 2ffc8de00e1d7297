import django_filters
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet

from . import admin_views
from .models import Accreditation
from .schema import AccreditationMutation, AccreditationQuery
from .views import serve_document


class AccreditationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Accreditation._meta.get_field("status").choices
    )
    submitted_at = django_filters.DateFromToRangeFilter(
        label=_("Submitted"), widget=DateRangePickerWidget
    )
    press_card_expires_on = django_filters.DateFromToRangeFilter(
        label=_("Press card valid until"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Accreditation
        fields = ["status"]


class ReviewColumn(Column):
    cell_template_name = "accreditation/admin/review_cell.html"

    def get_value(self, instance):
        return reverse("accreditation_review", args=[instance.pk])


class StatusColumn(Column):
    def get_value(self, instance):
        return instance.get_current_status_display()


class AccreditationViewSet(ModelViewSet):
    """The media office's queue: newest first, filtered by status and dates."""

    model = Accreditation
    icon = "user"
    menu_label = _("Accreditations")
    menu_order = 660
    add_to_admin_menu = True
    url_prefix = "accreditations"
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = False
    filterset_class = AccreditationFilterSet
    list_display = [
        ReviewColumn("review", label=_("Journalist")),
        "media_outlet",
        "role",
        StatusColumn("current_status", label=_("Status")),
        DateColumn("submitted_at", label=_("Submitted"), sort_key="submitted_at"),
        DateColumn(
            "press_card_expires_on",
            label=_("Press card valid until"),
            sort_key="press_card_expires_on",
        ),
    ]
    search_fields = ["media_outlet", "user__email", "user__last_name", "role"]
    # Status and decisions change only through the review page (logged).
    form_fields = ["media_outlet", "role", "press_card_number", "press_card_expires_on"]


@hooks.register("register_admin_viewset")
def register_accreditation_viewset():
    return AccreditationViewSet("accreditations")


@hooks.register("register_admin_urls")
def register_review_urls():
    return [
        path(
            "accreditations/review/<int:pk>/",
            admin_views.review,
            name="accreditation_review",
        ),
        path(
            "accreditations/document/<uuid:document_id>/",
            serve_document,
            name="accreditation_document",
        ),
    ]


@hooks.register("register_schema_query")
def register_accreditation_query(query_mixins: list) -> None:
    query_mixins.insert(0, AccreditationQuery)


@hooks.register("register_schema_mutation")
def register_accreditation_mutation(mutation_mixins: list) -> None:
    mutation_mixins.insert(0, AccreditationMutation)
