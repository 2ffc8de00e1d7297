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
    if serving.is_s3(storage):
        seconds = max(1, math.ceil((job.expires_at - timezone.now()).total_seconds()))
        url = serving.presigned_attachment(
            storage, job.file.name, job.filename, CONTENT_TYPE, seconds
        )
        return url, job.expires_at
    token = signing.dumps({"j": str(job.pk)}, salt=SIGNING_SALT, compress=True)
    return cms_url(reverse("basket-download", kwargs={"token": token})), job.expires_at


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
    if job is None:
        raise Http404(_("This download link is invalid or has expired."))
    return serving.serve_stored(
        request,
        basket_storage(),
        job.file.name,
        filename=job.filename,
        content_type=CONTENT_TYPE,
        log=serving.ServedLog(BasketDownloadServed, job.pk),
    )
