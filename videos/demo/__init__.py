"""The videos' demo content: a library page per language and the videos of
``videos.py`` (footage built by ``footage.py``), each with a shotlist, a soundbite
with its speaker, subtitles that match the speech, people, topics and the release it
belongs to. Called through ``VideosConfig.load_demo_content``; idempotent."""

from __future__ import annotations

import datetime

import av
from django.core.files import File
from django.core.files.base import ContentFile
from django.utils import timezone

from cms.demo import LANGUAGES, DemoSite
from newsroom.models import Person, PressReleasePage, Topic

from ..models import (
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
from . import footage
from .videos import DATA, FREE, VIDEOS

LIBRARY = {"en": ("videos", "Videos"), "fr": ("videos", "Vidéos")}
TEXT_FIELDS = ("slug", "title", "summary", "location", "transcript")


def load(site: DemoSite) -> None:
    libraries = site.add_translated_child(
        site.homes,
        VideoIndexPage,
        lambda code: {"slug": LIBRARY[code][0], "title": LIBRARY[code][1]},
    )
    for video in VIDEOS:
        if VideoPage.objects.filter(slug=video["slug"]["en"]).exists():
            continue
        asset = _asset(video)
        _pages(site, libraries, asset, video)


def speech_seconds(video: dict) -> float:
    with av.open(str(DATA / video["soundbite"]["audio"])) as container:
        return container.duration / av.time_base


def timestamp(seconds: float) -> str:
    minutes, seconds = divmod(seconds, 60)
    return f"00:{int(minutes):02d}:{seconds:06.3f}"


def webvtt(video: dict, language: str) -> bytes:
    """One cue over the speech, in the language spoken or translated."""
    bite = video["soundbite"]
    text = (
        bite["words"] if language == bite["language"] else bite["subtitles"][language]
    )
    start = bite["start"]
    end = min(bite["end"], start + speech_seconds(video) + 0.3)
    return f"WEBVTT\n\n{timestamp(start)} --> {timestamp(end)}\n{text}\n".encode()


def _asset(video: dict) -> VideoAsset:
    asset = VideoAsset.objects.filter(title=video["asset"]).first()
    if asset is not None:
        return asset
    asset = VideoAsset(title=video["asset"])
    with footage.master(video).open("rb") as handle:
        asset.master.save(f"{video['file']}-master.mp4", File(handle), save=False)
    # Probing and renditions happen in a background task once this commits.
    asset.save()
    for code in LANGUAGES:
        subtitle = VideoSubtitle(asset=asset, language=code)
        subtitle.file.save(
            f"{video['file']}-{code}.vtt", ContentFile(webvtt(video, code))
        )
    return asset


def _pages(site: DemoSite, libraries, asset: VideoAsset, video: dict) -> None:
    source = None
    date = timezone.make_aware(datetime.datetime(*video["date"]))
    bite = video["soundbite"]
    for code in LANGUAGES:
        locale = site.locales[code]
        page = VideoPage(
            locale=locale,
            date=date,
            asset=asset,
            **{field: video[field][code] for field in TEXT_FIELDS},
            **{field: texts[code] for field, texts in FREE.items()},
        )
        if source is not None:
            page.translation_key = source.translation_key
        page.video_people = [
            VideoPerson(person=Person.objects.get(slug=slug, locale=locale))
            for slug in video["people"]
        ]
        page.video_topics = [
            VideoTopic(topic=Topic.objects.get(slug=slug, locale=locale))
            for slug in video["topics"]
        ]
        release = PressReleasePage.objects.filter(
            slug=video["release"], locale=site.locales["en"]
        ).first()
        release = release and release.get_translation_or_none(locale)
        if release is not None:
            page.related_releases = [VideoRelatedRelease(related=release)]
        page.shots = [
            VideoShot(start=start, end=end, description=text[code], locale=locale)
            for start, end, _scene, text in video["shots"]
        ]
        page.soundbites = [
            VideoSoundbite(
                start=bite["start"],
                end=bite["end"],
                language=bite["language"],
                text=bite["words"],
                speaker=Person.objects.get(slug=bite["speaker"], locale=locale),
                locale=locale,
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
        page = site.publish(libraries[code].add_child(instance=page))
        source = source or page
