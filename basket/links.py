"""Links to a ready zip: signed ones this server answers (local disk: resumable,
every response logged, through cms/serving.py), presigned ones on S3. A link
lives as long as its zip (``expires_at``)."""

from __future__ import annotations

import datetime
import math

from django.core import signing
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from cms import serving
from cms.public_urls import cms_url

from .models import BasketDownloadJob, BasketDownloadServed
from .storage import basket_storage

SIGNING_SALT = "basket.download"
CONTENT_TYPE = "application/zip"


def job_link(job: BasketDownloadJob) -> tuple[str, datetime.datetime]:
    """The zip's link and when it stops working (when the zip is deleted)."""
    storage = basket_storage()
    if _is_s3(storage):
        seconds = max(1, math.ceil((job.expires_at - timezone.now()).total_seconds()))
        url = storage.url(
            job.file.name,
            parameters={
                "ResponseContentDisposition": content_disposition_header(
                    True, job.filename
                ),
                "ResponseContentType": CONTENT_TYPE,
            },
            # S3 signs for a week at most.
            expire=min(seconds, 7 * 24 * 3600),
        )
        return url, job.expires_at
    token = signing.dumps({"j": str(job.pk)}, salt=SIGNING_SALT, compress=True)
    return cms_url(reverse("basket-download", kwargs={"token": token})), job.expires_at


def _is_s3(storage) -> bool:
    try:
        from storages.backends.s3 import S3Storage
    except ImportError:  # pragma: no cover - django-storages is a requirement
        return False
    return isinstance(storage, S3Storage)


def serve_signed(request, token: str):
    """The zip of a signed link, while it is kept: Range, If-Range and HEAD,
    and a ``BasketDownloadServed`` row per response."""
    try:
        data = signing.loads(token, salt=SIGNING_SALT)
    except signing.BadSignature:
        raise Http404(_("This download link is invalid or has expired.")) from None
    job = BasketDownloadJob.objects.filter(
        pk=data.get("j"),
        status=BasketDownloadJob.Status.READY,
        expires_at__gt=timezone.now(),
    ).first()
    storage = basket_storage()
    if job is None or not job.file or not storage.exists(job.file.name):
        raise Http404(_("This download link is invalid or has expired."))
    return serving.serve_file(
        request,
        storage.path(job.file.name),
        filename=job.filename,
        content_type=CONTENT_TYPE,
        log=serving.ServedLog(BasketDownloadServed, job.pk),
    )
