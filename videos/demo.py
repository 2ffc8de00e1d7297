"""Demo video: a short generated clip (test pattern and tone) presented as the
footage of the 7 September 2023 meeting, with a shotlist, a soundbite by Jens
Stoltenberg and subtitles, in English and French. Idempotent."""

from __future__ import annotations

import datetime

from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from . import ffmpeg
from .models import (
    VideoAsset,
    VideoIndexPage,
    VideoPage,
    VideoPerson,
    VideoRelatedRelease,
    VideoShot,
    VideoSoundbite,
    VideoSubtitle,
    VideoTopic,
)

ASSET_TITLE = "Demo: Secretary General meets Vjosa Osmani (B-roll)"
DURATION = 12
LIBRARY = {"en": ("videos", "Videos"), "fr": ("videos", "Vidéos")}
SEED_RELEASE_SLUGS = {
    "en": "secretary-general-meets-vjosa-osmani",
    "fr": "le-secretaire-general-recoit-vjosa-osmani",
}
VIDEO = {
    "slug": {
        "en": "secretary-general-meets-vjosa-osmani-video",
        "fr": "le-secretaire-general-recoit-vjosa-osmani-video",
    },
    "title": {
        "en": "NATO Secretary General meets Vjosa Osmani (B-roll and soundbite)",
        "fr": "Le secrétaire général de l'OTAN reçoit Vjosa Osmani (images et "
        "extrait sonore)",
    },
    "summary": {
        "en": "Footage of the meeting at NATO Headquarters on 7 September 2023, "
        "and a soundbite of the Secretary General on KFOR's peacekeeping mission.",
        "fr": "Images de la rencontre au siège de l'OTAN le 7 septembre 2023, et "
        "extrait sonore du secrétaire général sur la mission de maintien de la "
        "paix de la KFOR.",
    },
    "location": {
        "en": "NATO Headquarters, Brussels",
        "fr": "Siège de l'OTAN, Bruxelles",
    },
    "credit": {"en": "NATO", "fr": "OTAN"},
    "usage_terms": {
        "en": "Free of charge for editorial use. Credit: NATO.",
        "fr": "Utilisation éditoriale gratuite. Mention : OTAN.",
    },
    "restrictions": {"en": "None.", "fr": "Aucune."},
    "shots": [
        (0.0, 4.0, {
            "en": "Wide shot: arrival of Vjosa Osmani at NATO Headquarters.",
            "fr": "Plan large : arrivée de Vjosa Osmani au siège de l'OTAN.",
        }),
        (4.0, 8.0, {
            "en": "Medium shot: handshake with the Secretary General.",
            "fr": "Plan moyen : poignée de main avec le secrétaire général.",
        }),
        (8.0, 12.0, {
            "en": "Close-up: the Secretary General speaks to the press.",
            "fr": "Gros plan : le secrétaire général s'adresse à la presse.",
        }),
    ],
    "soundbite": (8.0, 12.0, "en", {
        "en": "KFOR will continue to carry out its UN mandate impartially.",
        "fr": "KFOR will continue to carry out its UN mandate impartially.",
    }),
    "transcript": {
        "en": "Jens Stoltenberg: KFOR will continue to carry out its UN mandate "
        "impartially, to ensure a safe and secure environment for all people in "
        "Kosovo.",
        "fr": "Jens Stoltenberg : la KFOR continuera de s'acquitter de son mandat de "
        "l'ONU en toute impartialité, pour garantir un environnement sûr et "
        "sécurisé à toutes les populations du Kosovo.",
    },
    "subtitles": {
        "en": "KFOR will continue to carry out its UN mandate impartially.",
        "fr": "La KFOR continuera de s'acquitter de son mandat de l'ONU en toute "
        "impartialité.",
    },
}  # fmt: skip


def webvtt(text: str) -> bytes:
    return f"WEBVTT\n\n00:00:08.000 --> 00:00:12.000\n{text}\n".encode()


def load(homes: dict, topics: dict, people: dict, publish) -> None:
    """``homes``, ``topics`` and ``people`` as the newsroom's demo loader built
    them (keyed by language, and by (slug, language))."""
    locales = {code: Locale.objects.get(language_code=code) for code in LIBRARY}
    with transaction.atomic():
        libraries = _libraries(homes, locales, publish)
        asset = _asset()
        _pages(libraries, locales, asset, topics, people, publish)


def _libraries(homes, locales, publish) -> dict[str, VideoIndexPage]:
    result, source = {}, None
    for code, (slug, title) in LIBRARY.items():
        page = VideoIndexPage.objects.filter(locale=locales[code]).first()
        if page is None:
            page = VideoIndexPage(title=title, slug=slug, locale=locales[code])
            if source is not None:
                page.translation_key = source.translation_key
            page = publish(homes[code].add_child(instance=page))
        result[code] = page
        source = source or page
    return result


def _asset() -> VideoAsset:
    asset = VideoAsset.objects.filter(title=ASSET_TITLE).first()
    if asset is not None:
        return asset
    asset = VideoAsset(title=ASSET_TITLE)
    with ffmpeg.workdir() as folder:
        master = folder / "sg-osmani-master.mp4"
        ffmpeg.generate_test_video(master, DURATION, width=1280, height=720)
        with master.open("rb") as handle:
            asset.master.save(master.name, File(handle), save=False)
    # Probing and renditions happen in a background task once this commits.
    asset.save()
    for code, text in VIDEO["subtitles"].items():
        subtitle = VideoSubtitle(asset=asset, language=code)
        subtitle.file.save(f"sg-osmani-{code}.vtt", ContentFile(webvtt(text)))
    return asset


def _pages(libraries, locales, asset, topics, people, publish) -> None:
    source = None
    date = timezone.make_aware(datetime.datetime(2023, 9, 7, 11, 30))
    for code in LIBRARY:
        page = VideoPage.objects.filter(
            slug=VIDEO["slug"][code], locale=locales[code]
        ).first()
        if page is None:
            page = VideoPage(
                locale=locales[code],
                date=date,
                asset=asset,
                **{
                    field: VIDEO[field][code]
                    for field in (
                        "slug", "title", "summary", "location", "credit",
                        "usage_terms", "restrictions", "transcript",
                    )
                },
            )  # fmt: skip
            if source is not None:
                page.translation_key = source.translation_key
            page.video_people = [
                VideoPerson(person=people[(slug, code)])
                for slug in ("jens-stoltenberg", "vjosa-osmani")
            ]
            page.video_topics = [
                VideoTopic(topic=topics[(slug, code)])
                for slug in ("kfor", "peacekeeping")
            ]
            release = _seed_release(code, locales)
            if release is not None:
                page.related_releases = [VideoRelatedRelease(related=release)]
            page.shots = [
                VideoShot(
                    start=start, end=end, description=text[code], locale=locales[code]
                )
                for start, end, text in VIDEO["shots"]
            ]
            start, end, language, text = VIDEO["soundbite"]
            page.soundbites = [
                VideoSoundbite(
                    start=start,
                    end=end,
                    language=language,
                    text=text[code],
                    speaker=people[("jens-stoltenberg", code)],
                    locale=locales[code],
                )
            ]
            if source is not None:
                # Each shot and soundbite is the translation of the source's.
                for relation in ("shots", "soundbites"):
                    originals = list(getattr(source, relation).order_by("sort_order"))
                    for row, original in zip(
                        getattr(page, relation).all(), originals, strict=False
                    ):
                        row.translation_key = original.translation_key
            page = publish(libraries[code].add_child(instance=page))
        source = source or page


def _seed_release(code, locales):
    from newsroom.models import PressReleasePage

    return PressReleasePage.objects.filter(
        slug=SEED_RELEASE_SLUGS[code], locale=locales[code]
    ).first()
