"""The project's URLs plus what only the benchmarks serve: Wagtail's REST API v2
and the hand-written ceiling views. Used with override_settings(ROOT_URLCONF=...)."""

from django.urls import path

from cms.urls import urlpatterns as cms_urlpatterns

from . import views
from .api import api_router

urlpatterns = [
    path("api/v2/", api_router.urls),
    path("bench/releases/", views.releases, name="bench-releases"),
    path("bench/releases-cached/", views.releases_cached, name="bench-releases-cached"),
    *cms_urlpatterns,
]
