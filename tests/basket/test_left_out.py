"""A basket whose items change between the request and the build (issue 19):
an item unpublished, put under embargo again or deleted meanwhile is left out,
the zip holds the rest with a note saying what was left out and why (in the
user's language), GraphQL shows it; a build that fails as a whole e-mails the
user why (read from a real SMTP server on loopback)."""

from __future__ import annotations

import datetime
import io
import zipfile
from urllib.parse import urlparse

from django.utils import timezone

from basket.building import build_zip
from basket.models import BasketDownloadJob
from tests.accounts.mailserver import smtp_server  # noqa: F401  (fixture)
from videos.models import VideoPage

from .conftest import JOB_FIELDS, add, request_zip

LEFT_OUT = "leftOut { kind itemId variant title errorCode errorMessage }"


def follow(gql, job_id: str) -> dict:
    answer = gql(
        f"query($id: ID!) {{ basketDownloadJob(id: $id) {{ {JOB_FIELDS} "
        f"{LEFT_OUT} }} }}",
        {"id": job_id},
    )
    assert "errors" not in answer, answer
    return answer["data"]["basketDownloadJob"]


def test_items_gone_before_the_build_are_left_out_and_said_so(
    gql,
    client,
    signed_in,
    videos,
    generated_kind,
    smtp_server,  # noqa: F811
):
    signed_in.preferred_language = "fr"
    signed_in.save()
    embargoed, unpublished = videos
    for kind, item, variant in (
        ("VIDEO_RENDITION", embargoed.pk, "144p"),
        ("VIDEO_RENDITION", unpublished.pk, "144p"),
        ("TEST_GENERATED", "1000", None),
    ):
        assert "errors" not in add(gql, kind, item, variant)
    job_id = request_zip(gql, run=False)["data"]["requestBasketDownload"]["id"]
    # Before the worker builds it: one video under embargo again, one
    # unpublished.
    VideoPage.objects.filter(pk=embargoed.pk).update(
        embargoed_until=timezone.now() + datetime.timedelta(hours=1)
    )
    VideoPage.objects.get(pk=unpublished.pk).unpublish()
    smtp_server.clear()

    build_zip.call(job_id)

    job = follow(gql, job_id)
    assert (job["status"], job["itemCount"], job["bytes"]) == ("READY", 1, 1000)
    gone = "Aucune vidéo publiée ne porte cet identifiant."
    assert job["leftOut"] == [
        {
            "kind": "VIDEO_RENDITION",
            "itemId": str(video.pk),
            "variant": "144p",
            "title": f"{video.title} (144p)",
            "errorCode": "ITEM_NOT_FOUND",
            "errorMessage": gone,
        }
        for video in (embargoed, unpublished)
    ]
    data = b"".join(client.get(urlparse(job["url"]).path).streaming_content)
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.namelist() == [
        "generated-1000.bin",
        "credits.txt",
        "captions.csv",
        "left-out.txt",
    ]
    note = archive.read("left-out.txt").decode("utf-8")
    assert note.startswith("Éléments absents de ce zip")
    for video in (embargoed, unpublished):
        assert f"{video.title} (144p) : {gone}" in note
    # The e-mail says so too.
    [mail] = smtp_server.to(signed_in.email)
    assert mail.subject == "Votre panier de téléchargement est prêt (1 fichier)"
    assert "/basket/download/" in mail.text
    assert "2 éléments n'ont pas pu être mis dans le zip" in mail.text
    assert f"{embargoed.title} (144p) : {gone}" in mail.text
    assert embargoed.title in mail.html


def test_a_deleted_item_is_left_out(gql, signed_in, generated_kind, videos):
    add(gql, "TEST_GENERATED", "10")
    add(gql, "VIDEO_RENDITION", videos[0].pk, "144p")
    job_id = request_zip(gql, run=False)["data"]["requestBasketDownload"]["id"]
    VideoPage.objects.get(pk=videos[0].pk).delete()
    build_zip.call(job_id)
    job = follow(gql, job_id)
    assert job["status"] == "READY" and job["itemCount"] == 1
    [left] = job["leftOut"]
    assert (left["itemId"], left["title"], left["errorCode"]) == (
        str(videos[0].pk),
        f"{videos[0].title} (144p)",
        "ITEM_NOT_FOUND",
    )


def test_a_build_that_fails_as_a_whole_is_e_mailed(
    gql,
    signed_in,
    videos,
    smtp_server,  # noqa: F811
):
    signed_in.preferred_language = "fr"
    signed_in.save()
    video = videos[0]
    add(gql, "VIDEO_RENDITION", video.pk, "144p")
    job_id = request_zip(gql, run=False)["data"]["requestBasketDownload"]["id"]
    VideoPage.objects.filter(pk=video.pk).update(
        embargoed_until=timezone.now() + datetime.timedelta(hours=1)
    )
    smtp_server.clear()
    build_zip.call(job_id)
    job = follow(gql, job_id)
    assert (job["status"], job["errorCode"], job["url"]) == (
        "FAILED",
        "ITEM_NOT_FOUND",
        None,
    )
    assert [left["itemId"] for left in job["leftOut"]] == [str(video.pk)]
    assert not BasketDownloadJob.objects.get(pk=job_id).file
    [mail] = smtp_server.to(signed_in.email)
    assert mail.subject == "Votre panier de téléchargement n'a pas pu être préparé"
    assert "Aucune vidéo publiée ne porte cet identifiant." in mail.text
    assert video.title in mail.text and video.title in mail.html
    # Told once: the task run again does not e-mail again.
    build_zip.call(job_id)
    assert len(smtp_server.to(signed_in.email)) == 1


def test_a_storage_failure_is_e_mailed_in_english_too(
    gql,
    signed_in,
    generated_kind,
    smtp_server,  # noqa: F811
):
    add(gql, "TEST_GENERATED", "10")

    def broken():
        raise OSError("disk unplugged")

    generated_kind.on_read = broken
    job_id = request_zip(gql, run=False)["data"]["requestBasketDownload"]["id"]
    smtp_server.clear()
    build_zip.call(job_id)
    job = follow(gql, job_id)
    assert (job["status"], job["errorCode"], job["leftOut"]) == (
        "FAILED",
        "STORAGE_UNAVAILABLE",
        [],
    )
    [mail] = smtp_server.to(signed_in.email)
    assert mail.subject == "Your download basket could not be prepared"
    assert "The storage cannot be reached. Try again later." in mail.text


def test_only_what_was_zipped_is_logged(gql, signed_in, generated_kind):
    """The kinds log the items zipped (the download report): not those left
    out, whatever they would say of them later."""
    from basket.registry import ItemRef

    add(gql, "TEST_GENERATED", "10")
    add(gql, "TEST_GENERATED", "20")
    job_id = request_zip(gql, run=False)["data"]["requestBasketDownload"]["id"]
    generated_kind.refuse = {"20"}
    build_zip.call(job_id)
    job = follow(gql, job_id)
    assert (job["status"], [item["itemId"] for item in job["leftOut"]]) == (
        "READY",
        ["20"],
    )
    assert generated_kind.packed_refs == [ItemRef("10", "")]
