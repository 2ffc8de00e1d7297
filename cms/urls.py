from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from basket.links import serve_signed as serve_basket_zip
from cms import health, media
from cms.graphql.views import PortalGraphQLView
from photos.downloads import serve_signed as serve_photo
from videos.downloads import serve_signed
from videos.preview import serve_preview

# An unreachable database, storage or queue answers 503 with a code (cms/health.py).
handler500 = "cms.health.server_error"

urlpatterns = [
    # Probes (answered first by cms.health.HealthProbeMiddleware, whatever the host).
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # GraphQL before Wagtail's catch-all. The view checks CSRF itself, for
    # mutations only: reads stay token-free and cacheable (cms/graphql/views.py).
    path(
        "graphql/",
        csrf_exempt(PortalGraphQLView.as_view(graphiql=settings.GRAPHIQL)),
        name="graphql",
    ),
    # Short-lived signed links to video files kept off public media (local disk).
    path("videos/download/<str:token>/", serve_signed, name="video-download"),
    # The same for photo originals (photos/downloads.py).
    path("photos/download/<str:token>/", serve_photo, name="photo-download"),
    # Signed links to the download basket's zips (local disk).
    path("basket/download/<str:token>/", serve_basket_zip, name="basket-download"),
    # The streaming preview: HLS over the renditions, the thumbnail track.
    path("videos/preview/<str:key>/<str:part>", serve_preview, name="video-preview"),
    # One-click unsubscribe links of the newsletter (RFC 8058).
    path("newsletter/", include("newsletter.urls")),
    # Documents of accreditation applications (multipart, signed in).
    path("accreditation/", include("accreditation.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("django-admin/", admin.site.urls),
]

# Media from disk in development; documents only through /documents/ (cms/media.py).
urlpatterns += media.development_media_urls()

# Pages live under their locale: /en/…, /fr/…
urlpatterns += i18n_patterns(
    path("", include(wagtail_urls)), prefix_default_language=True
)
