"""The portal tests' CMS serves its public media itself (images, posters, subtitles),
as `make run` does: Django's static() helper serves nothing with DEBUG off."""

from django.conf import settings
from django.urls import path, re_path
from django.views.static import serve

from cms.urls import urlpatterns as cms_urlpatterns

from .operations import operations

urlpatterns = [
    path("__tests__/graphql-operations/", operations),
    re_path(
        r"^media/(?P<path>(?!documents/).*)$",
        serve,
        {"document_root": settings.MEDIA_ROOT},
    ),
    *cms_urlpatterns,
]
