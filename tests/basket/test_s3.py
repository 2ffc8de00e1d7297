"""The zips on S3 (moto's standalone server on loopback): stored under the
private prefix, followed through a presigned attachment link, deleted from the
bucket when they expire."""

from __future__ import annotations

import datetime
import io
import urllib.parse
import urllib.request
import zipfile

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from basket.building import expire_zips
from basket.models import BasketDownloadJob
from tests.videos.test_s3 import BUCKET, CREDENTIALS, REGION, s3_server  # noqa: F401

from .conftest import add, follow, generated, request_zip


@pytest.fixture
def basket_on_s3(s3_server):  # noqa: F811
    endpoint, client = s3_server
    config = {
        **settings.STORAGES,
        "basket": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "region_name": REGION,
                "location": "private/basket",
                "querystring_auth": True,
                "addressing_style": "path",
                "signature_version": "s3v4",
                **CREDENTIALS,
            },
        },
    }
    with override_settings(STORAGES=config):
        yield client


def test_a_zip_on_s3_is_fetched_through_a_presigned_link(
    gql, signed_in, generated_kind, basket_on_s3
):
    add(gql, "TEST_GENERATED", 300_000)
    job = request_zip(gql)["data"]["requestBasketDownload"]
    job = follow(gql, job["id"])["data"]["basketDownloadJob"]
    assert job["status"] == "READY", job
    row = BasketDownloadJob.objects.get(pk=job["id"])
    key = f"private/basket/{row.file.name}"
    assert basket_on_s3.head_object(Bucket=BUCKET, Key=key)["ContentLength"] == (
        row.zip_bytes
    )
    query = urllib.parse.parse_qs(urllib.parse.urlparse(job["url"]).query)
    assert "X-Amz-Signature" in query
    assert row.filename in query["response-content-disposition"][0]
    with urllib.request.urlopen(job["url"], timeout=10) as response:
        data = response.read()
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.read("generated-300000.bin") == generated(0, 300_000)

    expire_zips(now=timezone.now() + datetime.timedelta(days=3, hours=1))
    listed = basket_on_s3.list_objects_v2(Bucket=BUCKET, Prefix=key)
    assert listed.get("KeyCount", 0) == 0
    assert follow(gql, job["id"])["data"]["basketDownloadJob"]["status"] == "EXPIRED"
