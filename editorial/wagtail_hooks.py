import django_filters
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from cms.downloads import readable_sources
from embargo.admin import EmbargoColumn, EmbargoFilter
from newsroom.models import PressReleasePage, Topic

from . import views
from .broadcasters import broadcasters, broadcasters_menu_item
from .panels import RecentDownloadsPanel, TranslationsPanel, VideosProcessingPanel

# --- Press releases: a flat listing with the columns editors sort and filter by ---


class PressReleaseFilterSet(PageFilterSet):
    # The locale filter is added by Wagtail's filter set when i18n is on.
    date = django_filters.DateFromToRangeFilter(
        label=_("Date"), widget=DateRangePickerWidget
    )
    topics = django_filters.ModelMultipleChoiceFilter(
        label=_("Topics"),
        field_name="release_topics__topic",
        queryset=Topic.objects.select_related("locale").order_by("locale", "name"),
        distinct=True,
    )
    live = django_filters.BooleanFilter(
        label=_("Published"),
        widget=django_filters.widgets.BooleanWidget,
    )
    embargo = EmbargoFilter()

    class Meta:
        model = PressReleasePage
        fields = []


class TopicsColumn(Column):
    cell_template_name = "editorial/listing/topics_cell.html"

    def get_value(self, instance):
        return [link.topic for link in instance.release_topics.all()]


class LanguageColumn(Column):
    def get_value(self, instance):
        return instance.locale.get_display_name()


class PressReleaseIndexView(IndexView):
    default_ordering = "-date"

    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("release_topics__topic")


class PressReleaseListingViewSet(PageListingViewSet):
    model = PressReleasePage
    icon = "doc-full"
    menu_label = _("Press releases")
    menu_order = 150
    add_to_admin_menu = True
    columns = [
        PageListingViewSet.columns[0],  # bulk actions
        PageListingViewSet.columns[1],  # title
        DateColumn("date", label=_("Date"), sort_key="date", width="14%"),
        TopicsColumn("topics", label=_("Topics"), width="20%"),
        LanguageColumn("language", label=_("Language"), sort_key="locale", width="10%"),
        EmbargoColumn(
            "embargo", label=_("Embargo"), sort_key="embargoed_until", width="14%"
        ),
        next(col for col in PageListingViewSet.columns if col.name == "status"),
    ]
    filterset_class = PressReleaseFilterSet
    index_view_class = PressReleaseIndexView


press_release_listing = PressReleaseListingViewSet("press_releases")


@hooks.register("register_admin_viewset")
def register_press_release_listing():
    return press_release_listing


# --- Dashboard ---------------------------------------------------------------------


@hooks.register("construct_homepage_panels")
def add_editorial_panels(request, panels: list) -> None:
    user = request.user
    panels.insert(0, TranslationsPanel())
    if user.has_perm("videos.change_videoasset"):
        panels.append(VideosProcessingPanel())
    if readable_sources(user):
        panels.append(RecentDownloadsPanel())


# --- wagtail-localize actions, with page permissions checked -------------------------


@hooks.register("register_admin_urls")
def register_guarded_localize_urls():
    # Same paths as wagtail-localize's; this app's hooks run first, so these win.
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            views.guarded_submit_page_translation,
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            views.guarded_update_translations,
        ),
    ]


# --- Who may download broadcast masters (the media office decides) -------------------


@hooks.register("register_admin_urls")
def register_broadcasters_url():
    return [path("broadcasters/", broadcasters, name="editorial_broadcasters")]


@hooks.register("register_settings_menu_item")
def register_broadcasters_menu_item():
    return broadcasters_menu_item()
