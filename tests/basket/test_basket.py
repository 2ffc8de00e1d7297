"""The basket over GraphQL: signed in only, adding and removing items of the
registered kinds, what may not be taken (unknown, unpublished, under embargo),
the limits of one zip and of zips per hour, and jobs seen by their owner only."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.utils import timezone

from basket.models import BasketDownloadJob, BasketItem
from basket.registry import basket_kind
from tests.conftest import error_codes
from videos.models import VideoPage

from .conftest import add, follow, my_basket, request_zip


def test_videos_register_their_kinds():
    assert basket_kind("VIDEO_RENDITION") is not None
    assert basket_kind("VIDEO_CLIP") is not None


def test_signed_out_every_operation_is_refused(gql, db, videos):
    assert error_codes(my_basket(gql)) == ["NOT_AUTHENTICATED"]
    assert my_basket(gql)["data"] == {"myBasket": None}
    assert error_codes(add(gql, "VIDEO_RENDITION", videos[0].pk, "144p")) == [
        "NOT_AUTHENTICATED"
    ]
    assert error_codes(request_zip(gql, run=False)) == ["NOT_AUTHENTICATED"]
    for mutation in ("clearBasket { fileCount }",):
        assert error_codes(gql(f"mutation {{ {mutation} }}")) == ["NOT_AUTHENTICATED"]
    answer = follow(gql, "5d0f0b43-0c52-4b47-9b1c-0d3c7c0f2b8e")
    assert error_codes(answer) == ["NOT_AUTHENTICATED"]
    assert BasketItem.objects.count() == 0


def test_add_remove_and_clear(gql, signed_in, videos):
    first, second = videos
    answer = add(gql, "VIDEO_RENDITION", first.pk, "144p")
    assert "errors" not in answer, answer
    basket = answer["data"]["addToBasket"]
    [item] = basket["items"]
    rendition = first.asset.renditions.get(name="144p")
    assert item["kind"] == "VIDEO_RENDITION" and item["itemId"] == str(first.pk)
    assert item["variant"] == "144p" and item["available"] is True
    assert item["title"] == f"{first.title} (144p)"
    assert (item["fileCount"], item["sizeBytes"]) == (1, rendition.size_bytes)
    # The same item again changes nothing.
    basket = add(gql, "VIDEO_RENDITION", first.pk, "144p")["data"]["addToBasket"]
    assert len(basket["items"]) == 1
    basket = add(gql, "VIDEO_RENDITION", second.pk, "180p")["data"]["addToBasket"]
    assert basket["fileCount"] == 2
    assert basket["sizeBytes"] == rendition.size_bytes + (
        second.asset.renditions.get(name="180p").size_bytes
    )
    removed = gql(
        """mutation { removeFromBasket(kind: "VIDEO_RENDITION", id: "%s",
             variant: "144p") { fileCount items { itemId } } }"""
        % first.pk
    )["data"]["removeFromBasket"]
    assert removed == {"fileCount": 1, "items": [{"itemId": str(second.pk)}]}
    cleared = gql("mutation { clearBasket { fileCount items { id } } }")
    assert cleared["data"]["clearBasket"] == {"fileCount": 0, "items": []}
    assert BasketItem.objects.count() == 0


def test_what_cannot_be_added_is_refused_with_a_code(gql, signed_in, videos):
    video = videos[0]
    assert error_codes(add(gql, "PHOTO_OF_MARS", video.pk)) == ["UNKNOWN_BASKET_KIND"]
    assert error_codes(add(gql, "VIDEO_RENDITION", video.pk, "8k")) == [
        "UNKNOWN_VARIANT"
    ]
    assert error_codes(add(gql, "VIDEO_RENDITION", 999999, "144p")) == [
        "ITEM_NOT_FOUND"
    ]
    assert error_codes(add(gql, "VIDEO_RENDITION", "x'; --", "144p")) == [
        "ITEM_NOT_FOUND"
    ]
    # The master needs the media office's permission.
    assert error_codes(add(gql, "VIDEO_RENDITION", video.pk, "master")) == ["FORBIDDEN"]
    assert error_codes(add(gql, "VIDEO_CLIP", "not-a-job")) == ["ITEM_NOT_FOUND"]
    # A draft is not there.
    VideoPage.objects.filter(pk=video.pk).update(live=False)
    assert error_codes(add(gql, "VIDEO_RENDITION", video.pk, "144p")) == [
        "ITEM_NOT_FOUND"
    ]
    assert BasketItem.objects.count() == 0


def test_an_embargoed_video_is_refused_and_unavailable_once_embargoed(
    gql, signed_in, videos
):
    embargoed, other = videos
    lift = timezone.now() + datetime.timedelta(days=1)
    VideoPage.objects.filter(pk=embargoed.pk).update(embargoed_until=lift)
    # Not visible to this user: the same answer as a video that does not exist.
    assert error_codes(add(gql, "VIDEO_RENDITION", embargoed.pk, "144p")) == [
        "ITEM_NOT_FOUND"
    ]
    assert BasketItem.objects.count() == 0
    # Added before the embargo: it stays, unavailable, and no zip is made of it.
    VideoPage.objects.filter(pk=embargoed.pk).update(embargoed_until=None)
    assert "errors" not in add(gql, "VIDEO_RENDITION", embargoed.pk, "144p")
    assert "errors" not in add(gql, "VIDEO_RENDITION", other.pk, "144p")
    VideoPage.objects.filter(pk=embargoed.pk).update(embargoed_until=lift)
    basket = my_basket(gql)["data"]["myBasket"]
    assert [(i["available"], i["errorCode"], i["title"]) for i in basket["items"]] == [
        (False, "ITEM_NOT_FOUND", None),
        (True, None, f"{other.title} (144p)"),
    ]
    assert basket["fileCount"] == 1
    answer = request_zip(gql)
    assert error_codes(answer) == ["ITEM_NOT_FOUND"]
    assert answer["errors"][0]["extensions"]["id"] == str(embargoed.pk)
    assert BasketDownloadJob.objects.count() == 0


def test_an_item_embargoed_after_the_request_fails_the_zip(
    gql, signed_in, videos, django_capture_on_commit_callbacks
):
    video = videos[0]
    add(gql, "VIDEO_RENDITION", video.pk, "144p")
    job_id = request_zip(gql, run=False)["data"]["requestBasketDownload"]["id"]
    # Before the worker builds it, the video goes under embargo.
    VideoPage.objects.filter(pk=video.pk).update(
        embargoed_until=timezone.now() + datetime.timedelta(hours=1)
    )
    from basket.building import build_zip

    build_zip.call(job_id)
    job = follow(gql, job_id)["data"]["basketDownloadJob"]
    assert (job["status"], job["errorCode"], job["url"]) == (
        "FAILED",
        "ITEM_NOT_FOUND",
        None,
    )
    assert not BasketDownloadJob.objects.get(pk=job_id).file


def test_an_empty_basket_has_nothing_to_zip(gql, signed_in):
    assert error_codes(request_zip(gql)) == ["BASKET_EMPTY"]


@override_settings(BASKET_MAX_FILES=1)
def test_too_many_files(gql, signed_in, videos):
    assert "errors" not in add(gql, "VIDEO_RENDITION", videos[0].pk, "144p")
    answer = add(gql, "VIDEO_RENDITION", videos[1].pk, "144p")
    assert error_codes(answer) == ["BASKET_TOO_MANY_ITEMS"]
    assert answer["errors"][0]["extensions"]["maxFiles"] == 1
    assert BasketItem.objects.count() == 1
    # A limit lowered after the items were added holds when the zip is asked.
    with override_settings(BASKET_MAX_FILES=0):
        assert error_codes(request_zip(gql)) == ["BASKET_TOO_MANY_ITEMS"]


def test_too_many_bytes(gql, signed_in, videos):
    size = videos[0].asset.renditions.get(name="144p").size_bytes
    with override_settings(BASKET_MAX_BYTES=size):
        assert "errors" not in add(gql, "VIDEO_RENDITION", videos[0].pk, "144p")
        answer = add(gql, "VIDEO_RENDITION", videos[1].pk, "144p")
    assert error_codes(answer) == ["BASKET_TOO_LARGE"]
    assert answer["errors"][0]["extensions"]["maxBytes"] == size
    with override_settings(BASKET_MAX_BYTES=size - 1):
        assert error_codes(request_zip(gql)) == ["BASKET_TOO_LARGE"]
    assert BasketDownloadJob.objects.count() == 0


@override_settings(BASKET_ZIPS_PER_HOUR=2)
def test_repeated_zips_are_rate_limited(gql, signed_in, videos, generated_kind):
    add(gql, "TEST_GENERATED", 10)
    first = request_zip(gql)["data"]["requestBasketDownload"]
    # The same basket again: the same zip, not a new one.
    again = request_zip(gql)["data"]["requestBasketDownload"]
    assert again["id"] == first["id"]
    add(gql, "TEST_GENERATED", 20)
    second = request_zip(gql)["data"]["requestBasketDownload"]
    assert second["id"] != first["id"]
    add(gql, "TEST_GENERATED", 30)
    answer = request_zip(gql)
    assert error_codes(answer) == ["RATE_LIMITED"]
    retry_after = answer["errors"][0]["extensions"]["retryAfter"]
    assert 3500 < retry_after <= 3600
    assert BasketDownloadJob.objects.count() == 2
    # An hour after the first, one more.
    BasketDownloadJob.objects.filter(pk=first["id"]).update(
        created_at=timezone.now() - datetime.timedelta(hours=1, seconds=1)
    )
    assert "errors" not in request_zip(gql)


def test_a_job_is_its_owners_only(gql, client, signed_in, generated_kind):
    add(gql, "TEST_GENERATED", 10)
    job_id = request_zip(gql)["data"]["requestBasketDownload"]["id"]
    assert follow(gql, job_id)["data"]["basketDownloadJob"]["status"] == "READY"
    other = get_user_model().objects.create_user("other@example.com", "Long-Pass-26!")
    client.force_login(other)
    assert error_codes(follow(gql, job_id)) == ["NOT_FOUND"]
    assert error_codes(follow(gql, "not-a-uuid")) == ["NOT_FOUND"]
    # Nor can another user put someone's clip job in a basket.
    assert error_codes(add(gql, "VIDEO_CLIP", job_id)) == ["ITEM_NOT_FOUND"]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_errors_speak_the_users_language(gql, signed_in, language):
    signed_in.preferred_language = language
    signed_in.save()
    message = request_zip(gql)["errors"][0]["message"]
    assert (
        message
        == {"en": "Your basket is empty.", "fr": "Votre panier est vide."}[language]
    )


def test_a_lost_zip_is_built_when_asked_again(gql, signed_in, generated_kind):
    add(gql, "TEST_GENERATED", 10)
    # Its task never runs (the request's transaction is not committed here).
    job_id = request_zip(gql, run=False)["data"]["requestBasketDownload"]["id"]
    assert request_zip(gql)["data"]["requestBasketDownload"]["status"] == "QUEUED"
    BasketDownloadJob.objects.filter(pk=job_id).update(
        created_at=timezone.now() - datetime.timedelta(hours=2)
    )
    again = request_zip(gql)["data"]["requestBasketDownload"]
    assert again["id"] == job_id
    assert follow(gql, job_id)["data"]["basketDownloadJob"]["status"] == "READY"
    assert BasketDownloadJob.objects.count() == 1
