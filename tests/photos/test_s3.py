"""Photo originals on S3, against moto's standalone S3 server on loopback
(tests/s3.py): the original stored under the private prefix,
requestPhotoDownload answering a presigned attachment link that S3 serves
(fetched here), the link logged once."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

import pytest
from django.conf import settings

from photos.models import PhotoAsset, PhotoDownload, PhotoDownloadServed
from tests.s3 import BUCKET, s3_server, storage_on_s3  # noqa: F401

from .conftest import make_asset, make_gallery


@pytest.fixture
def photos_on_s3(s3_server):  # noqa: F811
    """STORAGES["photos"] on S3, for the photo file fields too; the bucket's
    client."""
    endpoint, client = s3_server
    fields = [
        PhotoAsset._meta.get_field("original"),
        PhotoAsset._meta.get_field("full_size"),
    ]
    with storage_on_s3("photos", endpoint, fields=fields):
        yield client


@pytest.mark.django_db
def test_an_original_on_s3_downloads_through_a_presigned_link(
    client, signed_in, photos_on_s3
):
    asset = make_asset("On S3", size=(320, 240))
    gallery = make_gallery("Stored on S3", [asset])
    keys = [
        item["Key"]
        for item in photos_on_s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    ]
    assert asset.original.name in [key.removeprefix("private/") for key in keys]
    answer = client.post(
        "/graphql/",
        json.dumps(
            {
                "query": "mutation($id: ID!) { requestPhotoDownload(photoId: $id) "
                "{ url filename sizeBytes } }",
                "variables": {"id": str(gallery.photos.get().pk)},
            }
        ),
        content_type="application/json",
    ).json()
    assert "errors" not in answer, answer
    link = answer["data"]["requestPhotoDownload"]
    query = urllib.parse.parse_qs(urllib.parse.urlparse(link["url"]).query)
    assert query["X-Amz-Algorithm"] == ["AWS4-HMAC-SHA256"]
    assert query["X-Amz-Expires"] == [str(settings.VIDEO_DOWNLOAD_URL_SECONDS)]
    assert "/private/" in link["url"]
    with urllib.request.urlopen(link["url"], timeout=10) as response:  # noqa: S310
        body = response.read()
        disposition = response.headers["Content-Disposition"]
    with asset.original.open("rb") as handle:
        assert body == handle.read()
    assert disposition.startswith("attachment") and link["filename"] in disposition
    assert PhotoDownload.objects.count() == 1
    assert not PhotoDownloadServed.objects.exists()  # S3 served it
