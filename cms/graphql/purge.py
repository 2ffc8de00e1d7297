"""CDN purge by surrogate key, beside Wagtail's purge by URL.

Shared GET answers carry their dependency tags as ``Surrogate-Key`` (Fastly,
Varnish xkey) and ``Cache-Tag`` (Cloudflare, Akamai) headers. When content
changes, the bumped tags are sent, after commit and in the background, to
``FRONTEND_CACHE_PURGE_KEYS_URL``: one POST with the keys in a ``Surrogate-Key``
header (space-separated) and as JSON (``{"surrogate_keys": [...]}``, the body
Fastly's bulk purge takes), with ``FRONTEND_CACHE_PURGE_KEYS_TOKEN`` in
``Fastly-Key`` when set. A failed purge is logged: the CDN's copy then expires
after ``GRAPHQL_HTTP_MAX_AGE``.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request

from django.conf import settings
from django_tasks import task

logger = logging.getLogger(__name__)

PURGE_TIMEOUT_SECONDS = 5


@task()
def purge_keys(keys: list[str]) -> bool:
    url = settings.FRONTEND_CACHE_PURGE_KEYS_URL
    if not url or not keys:
        return False
    headers = {"Surrogate-Key": " ".join(keys), "Content-Type": "application/json"}
    if settings.FRONTEND_CACHE_PURGE_KEYS_TOKEN:
        headers["Fastly-Key"] = settings.FRONTEND_CACHE_PURGE_KEYS_TOKEN
    body = json.dumps({"surrogate_keys": keys}).encode()
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=PURGE_TIMEOUT_SECONDS) as answer:
            return 200 <= answer.status < 300
    except (OSError, ValueError) as error:
        logger.warning("CDN purge of %d key(s) failed: %s", len(keys), error)
        return False
