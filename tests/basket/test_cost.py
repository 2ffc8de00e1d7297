"""What a basket costs and who may take what: myBasket reads its items with the
same number of SQL queries for one item as for several (each kind resolves its
items at once), and an accredited journalist may zip a video under embargo that
others may not even add."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from basket.models import BasketItem
from tests.conftest import error_codes
from tests.embargo.conftest import accredit, make_user
from videos.models import VideoPage

from .conftest import add, follow, my_basket, request_zip


def _queries(gql) -> int:
    with CaptureQueriesContext(connection) as queries:
        answer = my_basket(gql)
    assert "errors" not in answer, answer
    return len(queries)


def test_my_basket_costs_the_same_for_one_item_as_for_several(gql, signed_in, db):
    videos = list(
        VideoPage.objects.live()
        .filter(locale__language_code="en", asset__status="ready")
        .order_by("pk")[:4]
    )
    assert len(videos) >= 3
    BasketItem.objects.create(
        user=signed_in, kind="VIDEO_RENDITION", ref=str(videos[0].pk), variant="144p"
    )
    one = _queries(gql)
    for video in videos[1:]:
        for variant in ("144p", "180p"):
            BasketItem.objects.create(
                user=signed_in,
                kind="VIDEO_RENDITION",
                ref=str(video.pk),
                variant=variant,
            )
    answer = my_basket(gql)["data"]["myBasket"]
    assert answer["fileCount"] == 1 + 2 * (len(videos) - 1)
    assert _queries(gql) == one


def test_an_accredited_journalist_zips_a_video_under_embargo(client, gql, videos):
    video = videos[0]
    VideoPage.objects.filter(pk=video.pk).update(
        embargoed_until=timezone.now() + datetime.timedelta(hours=2)
    )
    plain = make_user("plain@press.example")
    client.force_login(plain)
    assert error_codes(add(gql, "VIDEO_RENDITION", video.pk, "144p")) == [
        "ITEM_NOT_FOUND"
    ]
    accredited = make_user("accredited@press.example")
    accredit(accredited)
    client.force_login(accredited)
    assert "errors" not in add(gql, "VIDEO_RENDITION", video.pk, "144p")
    # The worker builds it as its owner (who may read it), not as nobody.
    job = request_zip(gql)["data"]["requestBasketDownload"]
    job = follow(gql, job["id"])["data"]["basketDownloadJob"]
    assert (job["status"], job["itemCount"]) == ("READY", 1)
