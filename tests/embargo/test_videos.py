"""A video page under embargo: the footage goes to accredited journalists only
until the lift (issue 15: "they get the text (and the footage)")."""

from __future__ import annotations

import json

import pytest
from django.http import Http404
from django.utils import timezone

from cms.scheduled_publishing import tick
from videos import preview, preview_links
from videos.models import VideoAsset, VideoIndexPage, VideoPage, VideoRendition

from .conftest import LIFT, READERS, SEES_EMBARGOED, graphql

pytestmark = pytest.mark.django_db

QUERY = """query($slug: String!, $id: ID!) {
  videos(locale: en, perPage: 100) { items { id embargoedUntil } }
  video(slug: $slug) { id embargoedUntil preview { hlsUrl } }
  page(id: $id) { id }
}"""
DOWNLOAD = """mutation($id: ID!) {
  requestVideoDownload(input: {videoId: $id, rendition: "180p"}) { status }
}"""


@pytest.fixture
def embargoed_video(clock):
    asset = VideoAsset.objects.create(title="Footage", master="footage.mp4")
    VideoAsset.objects.filter(pk=asset.pk).update(
        status=VideoAsset.Status.READY, duration=3.0, thumbnail_track="footage.vtt"
    )
    VideoRendition.objects.create(
        asset=asset,
        name="180p",
        width=320,
        height=180,
        size_bytes=12345,
        duration=3.0,
        file="footage-180p.mp4",
    )
    library = VideoIndexPage.objects.get(locale__language_code="en")
    video = VideoPage(
        title="Embargoed footage",
        slug="embargoed-footage",
        asset=asset,
        embargoed_until=timezone.now() + LIFT,
    )
    library.add_child(instance=video)
    video.save_revision().publish()
    video.refresh_from_db()
    return video


def download_code(client, video) -> str | None:

    token = graphql(client, "{ csrfToken }")["csrfToken"]

    answer = client.post(
        "/graphql/",
        json.dumps({"query": DOWNLOAD, "variables": {"id": str(video.pk)}}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    ).json()
    errors = answer.get("errors") or []
    return errors[0]["extensions"]["code"] if errors else None


def test_videos_before_and_after_the_lift(readers, embargoed_video, clock):
    variables = {"slug": embargoed_video.slug, "id": str(embargoed_video.pk)}
    public_key = f"/{preview_links.public_key(embargoed_video.asset_id)}/"
    for kind in READERS:
        data = graphql(readers[kind], QUERY, variables)
        listed = [v["id"] for v in data["videos"]["items"]]
        visible = str(embargoed_video.pk) in listed
        assert visible == (data["video"] is not None) == (data["page"] is not None)
        assert visible == (kind in SEES_EMBARGOED), kind
        if visible:
            assert data["video"]["embargoedUntil"]
            # A signed, expiring stream link: not the public one caches keep.
            assert public_key not in data["video"]["preview"]["hlsUrl"]
    with pytest.raises(Http404):
        preview._resolve(preview_links.public_key(embargoed_video.asset_id))
    # Downloads: the video does not exist for the others (signed in: NOT_FOUND).
    for kind in ("signed_in", "expired", "revoked"):
        assert download_code(readers[kind], embargoed_video) == "VIDEO_NOT_FOUND"
    assert download_code(readers["accredited"], embargoed_video) != "VIDEO_NOT_FOUND"

    clock.tick(LIFT)
    tick()
    for kind in READERS:
        data = graphql(readers[kind], QUERY, variables)
        assert data["video"]["embargoedUntil"] is None
        assert public_key in data["video"]["preview"]["hlsUrl"]
    assert preview._resolve(preview_links.public_key(embargoed_video.asset_id))[1]
    assert download_code(readers["signed_in"], embargoed_video) != "VIDEO_NOT_FOUND"
