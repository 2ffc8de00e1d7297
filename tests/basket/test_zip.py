"""The zip itself: built by the worker from the demo videos' renditions and a
clip, opened and checked (names, bytes, credits.txt, captions.csv in the user's
language), its link e-mailed (a real SMTP server on loopback) and served with
byte ranges, each response logged; and the download report told."""

import csv
import io
import re
import zipfile
from urllib.parse import urlparse

from basket.models import BasketDownloadJob, BasketDownloadServed
from tests.accounts.mailserver import smtp_server  # noqa: F401  (fixture)
from tests.videos.conftest import download
from videos.models import VideoDownload, VideoDownloadJob, VideoPage, video_storage

from .conftest import add, follow, request_zip


def signed_job(link: str) -> str:
    """The signed payload of a basket link (the job), without its timestamp."""
    return link.rstrip("/").rsplit("/", 1)[-1].split(":", 1)[0]


def stored_bytes(name: str) -> bytes:
    with video_storage().open(name, "rb") as handle:
        return handle.read()


def french(video: VideoPage) -> VideoPage:
    return VideoPage.objects.get(
        translation_key=video.translation_key, locale__language_code="fr"
    )


def test_the_zip_holds_the_files_and_their_credits_in_the_users_language(
    gql,
    client,
    signed_in,
    videos,
    smtp_server,  # noqa: F811
):
    signed_in.preferred_language = "fr"
    signed_in.save()
    first, second = videos
    # A clip of the first video, cut by the worker (requestVideoDownload).
    clip = download(gql, first.pk, "144p", start="00:00:01.000", end="00:00:02.000")
    clip_job = clip["job"]
    assert clip_job["status"] == "READY", clip
    for kind, item, variant in (
        ("VIDEO_RENDITION", first.pk, "144p"),
        ("VIDEO_RENDITION", second.pk, "180p"),
        ("VIDEO_CLIP", clip_job["id"], None),
    ):
        assert "errors" not in add(gql, kind, item, variant)
    smtp_server.clear()

    asked = request_zip(gql)
    assert "errors" not in asked, asked
    job = follow(gql, asked["data"]["requestBasketDownload"]["id"])["data"][
        "basketDownloadJob"
    ]
    assert (job["status"], job["progress"], job["itemCount"]) == ("READY", 100, 3)
    renditions = [
        first.asset.renditions.get(name="144p"),
        second.asset.renditions.get(name="180p"),
    ]
    row = BasketDownloadJob.objects.get(pk=job["id"])
    video_clip = VideoDownloadJob.objects.get(pk=clip_job["id"]).clip
    expected = {
        f"{first.slug}-144p.mp4": stored_bytes(renditions[0].file.name),
        f"{second.slug}-180p.mp4": stored_bytes(renditions[1].file.name),
        clip_job["download"]["filename"]: stored_bytes(video_clip.file.name),
    }
    assert job["bytes"] == sum(len(data) for data in expected.values())

    # The link, followed: the zip, whole, then resumed with a range.
    path = urlparse(job["url"]).path
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert row.filename in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    assert len(data) == job["zipBytes"] == row.zip_bytes
    part = client.get(path, HTTP_RANGE="bytes=100-199")
    assert part.status_code == 206
    assert b"".join(part.streaming_content) == data[100:200]
    served = list(BasketDownloadServed.objects.order_by("pk"))
    assert [(s.status, s.bytes_served, s.completed, s.download_id) for s in served] == [
        (200, len(data), True, row.pk),
        (206, 100, True, row.pk),
    ]

    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    assert archive.namelist() == [*expected, "credits.txt", "captions.csv"]
    for name, content in expected.items():
        assert archive.read(name) == content, name

    # Credits and captions in French: the French translations' texts.
    first_fr = french(first)
    credits = archive.read("credits.txt").decode("utf-8")
    assert credits.startswith("Crédits et conditions d'utilisation")
    assert f"{first.slug}-144p.mp4 : {first_fr.title}" in credits
    assert "  Crédit : OTAN" in credits
    assert f"  Conditions d'utilisation : {first_fr.usage_terms}" in credits
    raw = archive.read("captions.csv")
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == [
        "Fichier",
        "Titre",
        "Légende",
        "Crédit",
        "Date",
        "Lieu",
        "Conditions d'utilisation",
        "Restrictions",
        "Source",
    ]
    assert [r[0] for r in rows[1:]] == list(expected)
    assert rows[1][1:4] == [first_fr.title, first_fr.summary, "OTAN"]
    assert rows[1][8].endswith(first_fr.url_path.split("/", 2)[-1])

    # The e-mail: in French, with the same link.
    [mail] = smtp_server.to(signed_in.email)
    assert mail.subject == "Votre panier de téléchargement est prêt (3 fichiers)"
    # The same job's link; each is signed when it is made, so their timestamps
    # (the token's second part) may differ by a second.
    for body in (mail.text, mail.html):
        [link] = set(
            re.findall(r"https?://[^\s\"<>]+/basket/download/[^\s\"<>/]+/", body)
        )
        assert signed_job(link) == signed_job(job["url"]), (link, job["url"])
    assert client.get(urlparse(link).path).status_code == 200  # and it works
    assert BasketDownloadJob.objects.get(pk=job["id"]).notified_at is not None

    # The download report shows the videos taken through the basket.
    logged = VideoDownload.objects.filter(user=signed_in, segment="basket")
    assert sorted((d.video_id, d.rendition, d.kind) for d in logged) == sorted(
        [
            (first.pk, "144p", "full"),
            (second.pk, "180p", "full"),
            (first.pk, "144p", "partial"),
        ]
    )


def test_a_forged_or_unknown_link_is_not_found(client, db):
    response = client.get("/basket/download/forged/", follow=True)
    assert response.status_code == 404
    assert BasketDownloadServed.objects.count() == 0
