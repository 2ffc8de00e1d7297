"""Photo originals on S3, against moto's standalone S3 server on loopback: the
original stored under the private prefix, requestPhotoDownload answering a
presigned attachment link that S3 serves (fetched here), the link logged once."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Iterator

import boto3
import pytest
from django.conf import settings
from django.core.files.storage import storages
from django.test import override_settings
from moto.server import ThreadedMotoServer

from photos.models import PhotoAsset, PhotoDownload, PhotoDownloadServed

from .conftest import make_asset, make_gallery

BUCKET = "portal-photos"
CREDENTIALS = {"access_key": "testing-key", "secret_key": "testing-secret"}
REGION = "us-east-1"


@pytest.fixture(scope="module")
def s3_server() -> Iterator[tuple[str, object]]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        endpoint = f"http://{host}:{port}"
        client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name=REGION,
            aws_access_key_id=CREDENTIALS["access_key"],
            aws_secret_access_key=CREDENTIALS["secret_key"],
        )
        client.create_bucket(Bucket=BUCKET)
        yield endpoint, client
    finally:
        server.stop()


@pytest.fixture
def photos_on_s3(s3_server):
    """STORAGES["photos"] on S3, for the file fields too (a FileField evaluates
    its storage callable once, when the model is imported)."""
    endpoint, client = s3_server
    config = {
        **settings.STORAGES,
        "photos": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "region_name": REGION,
                "location": "private",
                "querystring_auth": True,
                "addressing_style": "path",
                "signature_version": "s3v4",
                **CREDENTIALS,
            },
        },
    }
    fields = [
        PhotoAsset._meta.get_field("original"),
        PhotoAsset._meta.get_field("full_size"),
    ]
    saved = [field.storage for field in fields]
    with override_settings(STORAGES=config):
        storage = storages["photos"]
        for field in fields:
            field.storage = storage
        try:
            yield client
        finally:
            for field, previous in zip(fields, saved, strict=True):
                field.storage = previous


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
