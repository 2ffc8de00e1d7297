"""The admin's report of photo downloads (issue 19): each link issued with what
was served with it, exported as CSV with a byte-order mark and formula-safe
cells; for those allowed to see it only."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model

from .conftest import make_asset, make_gallery

pytestmark = pytest.mark.django_db


def test_the_report_lists_photo_downloads_and_exports_them(admin_client, client):
    gallery = make_gallery("=Report gallery", [make_asset("Report")])
    user = get_user_model().objects.create_user(
        "reporter-photos@example.com", "Long-Enough-Pass-2026!"
    )
    client.force_login(user)
    answer = client.post(
        "/graphql/",
        json.dumps(
            {
                "query": "mutation($id: ID!) { requestPhotoDownload(photoId: $id) "
                "{ url } }",
                "variables": {"id": str(gallery.photos.get().pk)},
            }
        ),
        content_type="application/json",
    ).json()
    path = urlparse(answer["data"]["requestPhotoDownload"]["url"]).path
    b"".join(client.get(path).streaming_content)
    html = admin_client.get("/admin/reports/photo-downloads/").content.decode()
    assert "reporter-photos@example.com" in html and "Report gallery" in html
    response = admin_client.get("/admin/reports/photo-downloads/?export=csv")
    assert response.status_code == 200
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 1
    row = rows[0]
    assert row["User"] == "reporter-photos@example.com"
    assert row["Gallery"] == "'=Report gallery"  # never read as a formula
    assert (row["Form"], row["Responses"], row["Served completely"]) == (
        "original",
        "1",
        "True",
    )
    assert int(row["Bytes served"]) == gallery.photos.get().asset.size_bytes
    assert client.get("/admin/reports/photo-downloads/").status_code in (302, 403)
