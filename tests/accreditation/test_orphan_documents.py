"""Documents uploaded for an application that never came are deleted, row and
file, by the worker's tick once ACCREDITATION_ORPHAN_DOCUMENT_HOURS have passed
(issue 15); a document an application names stays."""

from __future__ import annotations

import datetime

import pytest

from accreditation.models import AccreditationDocument
from cms.scheduled_publishing import tick
from tests.accreditation.test_flow import (
    APPLY,
    PDF,
    application,
    csrf_client,
    mutate,
    upload,
)
from tests.embargo.conftest import make_user

pytestmark = pytest.mark.django_db


def test_documents_never_applied_with_are_deleted_after_the_delay(clock, settings):
    settings.ACCREDITATION_ORPHAN_DOCUMENT_HOURS = 24
    journalist = make_user("orphans@press.example")
    client, token = csrf_client(journalist)
    used = upload(client, token, PDF).json()["id"]
    orphan = upload(client, token, PDF, name="second-try.pdf").json()["id"]
    answer = mutate(client, token, APPLY, application(used))
    assert answer["data"]["applyForAccreditation"]["accreditation"]["status"]
    files = {pk: AccreditationDocument.objects.get(pk=pk).file for pk in (used, orphan)}
    assert all(f.storage.exists(f.name) for f in files.values())

    clock.tick(datetime.timedelta(hours=23, minutes=59))
    tick()
    assert AccreditationDocument.objects.filter(pk=orphan).exists()  # not yet
    late = upload(client, token, PDF, name="late.pdf").json()["id"]

    clock.tick(datetime.timedelta(minutes=2))
    tick()
    assert not AccreditationDocument.objects.filter(pk=orphan).exists()
    assert not files[orphan].storage.exists(files[orphan].name)
    # The one an application names stays, and so does the one uploaded later.
    assert AccreditationDocument.objects.filter(pk=used).exists()
    assert files[used].storage.exists(files[used].name)
    assert AccreditationDocument.objects.filter(pk=late).exists()
    # Applying with the deleted one is the usual refusal.
    refused = mutate(client, token, APPLY, application(orphan))
    assert refused["errors"][0]["extensions"]["code"] == "UNKNOWN_DOCUMENT"
