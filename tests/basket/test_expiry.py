"""Zips are deleted on the worker's tick once BASKET_ZIP_RETENTION_SECONDS have
passed: the file leaves storage, the link stops working, the job says EXPIRED."""

import datetime
from urllib.parse import urlparse

from django.test import override_settings
from django.utils import timezone
from freezegun import freeze_time

from basket.models import BasketDownloadJob
from basket.storage import basket_storage
from cms.scheduled_publishing import tick

from .conftest import add, follow, request_zip


@override_settings(BASKET_ZIP_RETENTION_SECONDS=3600)
def test_old_zips_are_deleted_on_the_workers_tick(
    gql, client, signed_in, generated_kind
):
    add(gql, "TEST_GENERATED", 100)
    job = request_zip(gql)["data"]["requestBasketDownload"]
    job = follow(gql, job["id"])["data"]["basketDownloadJob"]
    path = urlparse(job["url"]).path
    name = BasketDownloadJob.objects.get(pk=job["id"]).file.name
    assert basket_storage().exists(name)
    tick("test-worker")  # not yet
    assert basket_storage().exists(name)
    assert client.get(path).status_code == 200

    later = timezone.now() + datetime.timedelta(seconds=3601)
    with freeze_time(later):
        tick("test-worker")
        assert not basket_storage().exists(name)
        assert client.get(path).status_code == 404
        job = follow(gql, job["id"])["data"]["basketDownloadJob"]
    assert (job["status"], job["url"]) == ("EXPIRED", None)
    # A day after that, the job itself goes.
    with freeze_time(later + datetime.timedelta(days=1, seconds=3601)):
        tick("test-worker")
    assert not BasketDownloadJob.objects.filter(pk=job["id"]).exists()
