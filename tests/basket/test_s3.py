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
from django.utils import timezone

from basket.building import expire_zips
from basket.models import BasketDownloadJob
from tests.s3 import BUCKET, s3_server, storage_on_s3  # noqa: F401

from .conftest import add, follow, generated, request_zip


@pytest.fixture
def basket_on_s3(s3_server):  # noqa: F811
    endpoint, client = s3_server
    with storage_on_s3("basket", endpoint, location="private/basket"):
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
