"""One S3 for the tests that store files there (videos, photos, basket zips):
moto's standalone S3 server on a free loopback port, with an empty bucket, and
a storage of ``settings.STORAGES`` pointed at it.

Use the fixture by importing it into the test module (``from tests.s3 import
s3_server``): its scope is the module, so each module gets its own server.

moto does not check signatures: tests check that links are presigned by their
query string (SigV4, the configured lifetime), and what they serve by fetching
them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import boto3
import pytest
from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.test import override_settings
from moto.server import ThreadedMotoServer

BUCKET = "portal-private"
CREDENTIALS = {"access_key": "testing-key", "secret_key": "testing-secret"}
REGION = "us-east-1"


@pytest.fixture(scope="module")
def s3_server() -> Iterator[tuple[str, object]]:
    """``(endpoint, client)``: moto's S3 on a free loopback port, with an empty
    bucket; and a boto3 client to look into the bucket."""
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


@contextmanager
def storage_on_s3(
    name: str,
    endpoint: str,
    location: str = "private",
    fields: Sequence[models.FileField] = (),
) -> Iterator[Storage]:
    """``STORAGES[name]`` on the bucket at ``endpoint``, under ``location``, as
    production configures it (presigned, path style, SigV4); and ``fields`` use
    it too (a FileField evaluates its storage callable once, when the model is
    imported)."""
    config = {
        **settings.STORAGES,
        name: {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "region_name": REGION,
                "location": location,
                "querystring_auth": True,
                "addressing_style": "path",
                "signature_version": "s3v4",
                **CREDENTIALS,
            },
        },
    }
    saved = [field.storage for field in fields]
    with override_settings(STORAGES=config):
        storage = storages[name]
        for field in fields:
            field.storage = storage
        try:
            yield storage
        finally:
            for field, previous in zip(fields, saved, strict=True):
                field.storage = previous
