"""Documents uploaded for an application that never came: deleted (row and file)
on the worker's tick once ``ACCREDITATION_ORPHAN_DOCUMENT_HOURS`` have passed
since the upload, so press cards do not pile up in private storage. A document an
application names is kept as long as the application (the foreign key protects it).
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.dispatch import receiver
from django.utils import timezone

from cms.models import Lease
from cms.scheduled_publishing import worker_tick

from .models import AccreditationDocument

logger = logging.getLogger(__name__)

LEASE = "accreditation.orphan_documents"


def orphan_documents(now: datetime.datetime | None = None):
    cutoff = (now or timezone.now()) - datetime.timedelta(
        hours=settings.ACCREDITATION_ORPHAN_DOCUMENT_HOURS
    )
    return AccreditationDocument.objects.filter(
        uploaded_at__lt=cutoff, accreditations__isnull=True
    )


def delete_orphan_documents(now: datetime.datetime | None = None) -> int:
    """Delete the orphans; the number deleted. An application that names one at
    this very moment wins: the foreign key refuses the delete, the row stays."""
    deleted = 0
    for document in orphan_documents(now).order_by("uploaded_at").iterator():
        storage, name = document.file.storage, document.file.name
        try:
            with transaction.atomic():
                document.delete()
        except (ProtectedError, IntegrityError):
            continue  # attached meanwhile
        deleted += 1
        try:
            if name:
                storage.delete(name)
        except Exception:  # the row is gone; a stray file is logged, not fatal
            logger.exception("Could not delete the file of document %s", document.pk)
    if deleted:
        logger.info("Deleted %d accreditation documents never applied with", deleted)
    return deleted


@receiver(worker_tick)
def orphan_document_upkeep(sender, holder: str, **kwargs) -> None:
    """One worker at a time."""
    if not Lease.acquire(LEASE, holder, 600):
        return
    try:
        delete_orphan_documents()
    finally:
        Lease.release(LEASE, holder)
