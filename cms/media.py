"""Media files from local disk in development (production serves media from the
object store or the proxy).

Documents are left out: they are served only through Wagtail's view,
``/documents/<id>/<name>``, which checks the privacy of their collection (a
password, a sign-in or a group). Their files under ``MEDIA_ROOT/documents/`` would
otherwise be readable by anyone who learns or guesses the path."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404
from django.urls import re_path
from django.views.static import serve

# Wagtail's upload folder for documents (AbstractDocument.file's upload_to).
DOCUMENTS = "documents"


def serve_media(request, path: str):
    # As django.views.static.serve will read it ("images/../documents/x"), and
    # whatever the case (macOS disks ignore it).
    normal = posixpath.normpath(path).lstrip("/")
    if normal.split("/", 1)[0].lower() == DOCUMENTS:
        raise Http404("Documents are served at /documents/<id>/<name>.")
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def development_media_urls() -> list:
    """The media route when DEBUG is on and MEDIA_URL is a path on this server."""
    if not settings.DEBUG or urlsplit(settings.MEDIA_URL).netloc:
        return []
    prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    return [re_path(rf"^{prefix}(?P<path>.*)$", serve_media, name="media")]
