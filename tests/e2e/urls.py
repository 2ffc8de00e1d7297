from django.conf import settings
from django.conf.urls.static import static

from cms.urls import urlpatterns as cms_urlpatterns

# Media first: the page catch-all of cms.urls would answer /media/… otherwise.
urlpatterns = [
    *static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT),
    *cms_urlpatterns,
]
