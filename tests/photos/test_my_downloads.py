"""myPhotoDownloads (issue 19): the signed-in user's photo downloads, newest
first, each with a new link to the same logged download while a gallery the
reader may see still shows the photo; signed out: NOT_AUTHENTICATED."""

from __future__ import annotations

import datetime
import json
from urllib.parse import urlparse

import pytest
from django.utils import timezone

from photos.models import PhotoDownload, PhotoDownloadServed
from tests.conftest import error_codes

from .conftest import make_asset, make_gallery

pytestmark = pytest.mark.django_db

MINE = """{ myPhotoDownloads { id requestedAt galleryTitle caption filename form
  available availableUntil photo { id caption } download { url filename form } } }"""
REQUEST = "mutation($id: ID!) { requestPhotoDownload(photoId: $id) { url } }"


def post(client, query: str, variables: dict | None = None) -> dict:
    return client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
    ).json()


def test_signed_out_is_refused(client):
    assert error_codes(post(client, MINE)) == ["NOT_AUTHENTICATED"]


def test_a_download_can_be_fetched_again_while_the_photo_is_shown(client, signed_in):
    gallery = make_gallery("Again gallery", [make_asset("Again")])
    photo = gallery.photos.get()
    assert "errors" not in post(client, REQUEST, {"id": str(photo.pk)})
    [row] = post(client, MINE)["data"]["myPhotoDownloads"]
    assert (row["galleryTitle"], row["form"], row["available"]) == (
        "Again gallery",
        "ORIGINAL",
        True,
    )
    assert row["photo"]["id"] == str(photo.pk)
    response = client.get(urlparse(row["download"]["url"]).path)
    with photo.asset.original.open("rb") as handle:
        assert b"".join(response.streaming_content) == handle.read()
    # The same download: no new row, the response logged against it.
    issued = PhotoDownload.objects.get()
    assert PhotoDownloadServed.objects.get().download == issued
    # Under embargo now: not to be had again, nor shown.
    gallery.embargoed_until = timezone.now() + datetime.timedelta(hours=1)
    gallery.save_revision().publish()
    [row] = post(client, MINE)["data"]["myPhotoDownloads"]
    assert (row["available"], row["photo"], row["download"]) == (False, None, None)
    assert row["galleryTitle"] == "Again gallery"


def test_only_ones_own_downloads_are_listed(client, signed_in):
    from django.contrib.auth import get_user_model

    other = get_user_model().objects.create_user(
        "someone-else@example.com", "Long-Enough-Pass-2026!"
    )
    gallery = make_gallery("Theirs", [make_asset()])
    PhotoDownload.objects.create(
        user=other,
        photo=gallery.photos.get(),
        gallery_title="Theirs",
        language="en",
        form="original",
        filename="theirs.jpg",
    )
    assert post(client, MINE)["data"]["myPhotoDownloads"] == []
