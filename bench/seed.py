"""Content for the benchmarks: the demo content, then N press releases in English
and French, each with two people (with dated positions), a topic and its parent, a
hero image of its own and a translation. Runs in a configured Django process."""

from __future__ import annotations

import datetime
import io
import itertools
import os

from django.core.files.images import ImageFile
from django.core.management import call_command
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Locale

from newsroom.models import (
    NewsroomIndexPage,
    Person,
    PersonPosition,
    PressReleasePage,
    PressReleasePerson,
    PressReleaseTopic,
    Topic,
)

LOCALES = ("en", "fr")
PARENT_TOPIC = "bench-security"
TOPIC = "bench-defence"
TOPIC_NAMES = {
    PARENT_TOPIC: {"en": "Security", "fr": "Sécurité"},
    TOPIC: {"en": "Defence", "fr": "Défense"},
}
PEOPLE = [
    # slug, name, [(title en, title fr, start, end)]
    (
        "bench-spokesperson",
        "Alex Martin",
        [
            (
                "Deputy Spokesperson",
                "Porte-parole adjoint",
                (2010, 1, 1),
                (2019, 12, 31),
            ),
            ("Spokesperson", "Porte-parole", (2020, 1, 1), None),
        ],
    ),
    (
        "bench-ambassador",
        "Camille Dubois",
        [("Ambassador", "Ambassadrice", (2015, 6, 1), None)],
    ),
]

_numbers = itertools.count(1)


def small_jpeg(number: int, size=(1280, 720)):
    """A small generated JPEG (a flat colour: a few kB), as a Wagtail image of its
    own, wide enough for real 320 and 640 renditions."""
    picture = PILImage.new("RGB", size, (number * 37 % 255, 90, 140))
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=80)
    return get_image_model().objects.create(
        title=f"Bench hero {number}",
        file=ImageFile(buffer, name=f"bench-hero-{number}.jpg"),
    )


def _locales() -> dict[str, Locale]:
    return {code: Locale.objects.get(language_code=code) for code in LOCALES}


def _topics(locales) -> dict[tuple[str, str], Topic]:
    found: dict[tuple[str, str], Topic] = {}
    for slug, parent in ((PARENT_TOPIC, None), (TOPIC, PARENT_TOPIC)):
        source = None
        for code in LOCALES:
            topic = Topic(
                slug=slug,
                name=TOPIC_NAMES[slug][code],
                locale=locales[code],
                parent=found.get((parent, code)),
            )
            if source is not None:
                topic.translation_key = source.translation_key
            topic.save()
            found[(slug, code)] = topic
            source = source or topic
    return found


def _people(locales) -> dict[tuple[str, str], Person]:
    found: dict[tuple[str, str], Person] = {}
    for slug, name, positions in PEOPLE:
        source = None
        for code in LOCALES:
            person = Person(slug=slug, name=name, locale=locales[code])
            if source is not None:
                person.translation_key = source.translation_key
            person.positions = [
                PersonPosition(
                    title=title_en if code == "en" else title_fr,
                    organisation="NATO",
                    start_date=datetime.date(*start),
                    end_date=datetime.date(*end) if end else None,
                )
                for title_en, title_fr, start, end in positions
            ]
            person.save()
            found[(slug, code)] = person
            source = source or person
    return found


def bench_topics() -> dict[tuple[str, str], Topic]:
    return {
        (topic.slug, topic.locale.language_code): topic
        for topic in Topic.objects.filter(slug__in=TOPIC_NAMES).select_related("locale")
    }


def bench_people() -> dict[tuple[str, str], Person]:
    slugs = [slug for slug, _name, _positions in PEOPLE]
    return {
        (person.slug, person.locale.language_code): person
        for person in Person.objects.filter(slug__in=slugs).select_related("locale")
    }


def create_release(
    code: str,
    *,
    title: str,
    slug: str,
    date: datetime.datetime,
    hero_image,
    topics,
    people,
    translation_of: PressReleasePage | None = None,
) -> PressReleasePage:
    """A published press release under the newsroom of ``code``."""
    index = NewsroomIndexPage.objects.get(locale__language_code=code)
    page = PressReleasePage(
        title=title,
        slug=slug,
        locale=index.locale,
        date=date,
        location="Brussels" if code == "en" else "Bruxelles",
        standfirst=f"Summary of {title}.",
        hero_image=hero_image,
        body=[{"type": "paragraph", "value": f"<p>Body of {title}.</p>"}],
        live=False,
    )
    if translation_of is not None:
        page.translation_key = translation_of.translation_key
    page.release_people = [
        PressReleasePerson(person=people[(slug, code)], sort_order=order)
        for order, (slug, *_rest) in enumerate(PEOPLE)
    ]
    page.release_topics = [
        PressReleaseTopic(topic=topics[(slug, code)], sort_order=order)
        for order, slug in enumerate((TOPIC, PARENT_TOPIC))
    ]
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def create_release_pair(
    title: str, date: datetime.datetime, topics=None, people=None
) -> tuple[PressReleasePage, PressReleasePage]:
    """An English release and its French translation, both published."""
    topics = topics or bench_topics()
    people = people or bench_people()
    # Numbered in creation order: seeding and later publishes happen in one process
    # per database, so the slugs are unique and predictable (bench-release-1 …).
    number = next(_numbers)
    image = small_jpeg(number)
    en = create_release(
        "en",
        title=title,
        slug=f"bench-release-{number}",
        date=date,
        hero_image=image,
        topics=topics,
        people=people,
    )
    fr = create_release(
        "fr",
        title=f"{title} (FR)",
        slug=f"communique-banc-{number}",
        date=date,
        hero_image=image,
        topics=topics,
        people=people,
        translation_of=en,
    )
    return en, fr


def seed(items: int) -> None:
    """The demo content plus ``items`` releases per language, the newest content
    (one a day apart, the oldest of them after the demo's newest release), so
    ``perPage: items`` lists exactly them."""
    with open(os.devnull, "w") as devnull:
        call_command("load_demo_content", stdout=devnull)
    with transaction.atomic():
        locales = _locales()
        topics = _topics(locales)
        people = _people(locales)
        now = timezone.now()
        newest = PressReleasePage.objects.aggregate(newest=Max("date"))["newest"]
        if newest is not None:
            now = max(now, newest + datetime.timedelta(days=items + 1))
        for number in range(items):
            create_release_pair(
                f"Bench release {number + 1}",
                now - datetime.timedelta(days=1 + number),
                topics,
                people,
            )


def publish_release(title: str) -> PressReleasePage:
    """A new English release dated now, and its French translation, published in
    one transaction: when this returns, the commit and its on-commit cache
    invalidation have happened."""
    with transaction.atomic():
        en, _fr = create_release_pair(title, timezone.now())
    return en


def unpublish_release(title: str) -> None:
    """Withdraw the English release titled ``title`` (and its translation)."""
    with transaction.atomic():
        for page in PressReleasePage.objects.filter(title__startswith=title):
            page.unpublish()


def rename_topic(name: str, code: str = "en") -> Topic:
    """Edit the name of the topic every bench release is filed under."""
    with transaction.atomic():
        topic = Topic.objects.get(slug=TOPIC, locale__language_code=code)
        topic.name = name
        topic.save()
    return topic
