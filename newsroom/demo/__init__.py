"""The newsroom's demo content: topics, people with dated positions, the seed
release of 7 September 2023 and the releases of ``releases.py``, each with a
generated picture, in English and French. Called by ``manage.py load_demo_content``
through ``NewsroomConfig.load_demo_content``; idempotent."""

from __future__ import annotations

from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images import get_image_model

from cms.demo import LANGUAGES, DemoSite, cached_file

from ..models import (
    NewsroomIndexPage,
    Person,
    PersonPosition,
    PressReleasePage,
    PressReleasePerson,
    PressReleaseTopic,
    RelatedPressRelease,
    Topic,
)
from . import pictures
from .people import PEOPLE, TOPICS
from .releases import RELEASES, SEED_RELATED
from .seed import SEED_RELEASE

NEWSROOM = {
    "en": ("newsroom", "Newsroom"),
    "fr": ("salle-de-presse", "Salle de presse"),
}


def load(site: DemoSite) -> None:
    newsrooms = site.add_translated_child(
        site.homes,
        NewsroomIndexPage,
        lambda code: {"slug": NEWSROOM[code][0], "title": NEWSROOM[code][1]},
    )
    topics = _topics(site)
    people = _people(site)
    hero = image("NATO Headquarters, Brussels", "headquarters", 7)
    _release(site, newsrooms, topics, people, SEED_RELEASE, hero)
    for number, data in enumerate(RELEASES):
        picture = image(data["title"]["en"], data["scene"], 100 + number)
        _release(site, newsrooms, topics, people, data, picture)
    _related(site)


def image(title: str, scene: str, seed: int, size=(1200, 675)):
    """A generated picture registered as a Wagtail image (reused by title)."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing

    def build(path):
        if scene == "portrait":
            picture = pictures.portrait(size, seed)
        else:
            picture = pictures.still(scene, size, seed)
        path.write_bytes(pictures.jpeg(picture))

    key = f"{pictures.VERSION}:{scene}:{seed}:{size}"
    path = cached_file(key, ".jpg", build)
    slug = "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-")
    with path.open("rb") as handle:
        return Image.objects.create(
            title=title, file=ImageFile(handle, name=f"{slug[:80]}.jpg")
        )


def _topics(site: DemoSite) -> dict[tuple[str, str], Topic]:
    found: dict[tuple[str, str], Topic] = {}
    for slug, parent_slug, names in TOPICS:
        source = None
        for code in LANGUAGES:
            topic = Topic.objects.filter(slug=slug, locale=site.locales[code]).first()
            if topic is None:
                topic = Topic(slug=slug, locale=site.locales[code])
                if source is not None:
                    topic.translation_key = source.translation_key
                topic.name, topic.description = names[code]
                topic.parent = found.get((parent_slug, code))
                topic.save()
            found[(slug, code)] = topic
            source = source or topic
    return found


def _people(site: DemoSite) -> dict[tuple[str, str], Person]:
    found: dict[tuple[str, str], Person] = {}
    for number, data in enumerate(PEOPLE):
        source = None
        for code in LANGUAGES:
            person = Person.objects.filter(
                slug=data["slug"], locale=site.locales[code]
            ).first()
            if person is None:
                portrait = image(
                    f"Portrait {data['name']}", "portrait", number, (480, 600)
                )
                person = Person(
                    slug=data["slug"],
                    name=data["name"],
                    biography=data["bio"][code],
                    portrait=portrait,
                    locale=site.locales[code],
                )
                if source is not None:
                    person.translation_key = source.translation_key
                person.positions = [
                    PersonPosition(
                        title=position["title"][code],
                        organisation=position["organisation"][code],
                        start_date=position["start"],
                        end_date=position["end"],
                    )
                    for position in data["positions"]
                ]
                person.save()
            found[(data["slug"], code)] = person
            source = source or person
    return found


def _body(blocks, code: str, people, picture) -> list[dict]:
    body = []
    for kind, *values in blocks:
        if kind == "paragraph":
            body.append({"type": "paragraph", "value": f"<p>{values[0]}</p>"})
        elif kind == "quote":
            speaker, text = values
            value = {"text": text, "speaker": people[(speaker, code)].pk}
            body.append({"type": "quote", "value": value})
        elif kind == "key_figure":
            figure, description = values[0]
            value = {"figure": figure, "description": description}
            body.append({"type": "key_figure", "value": value})
        elif kind == "image":
            value = {"image": picture.pk, "caption": values[0], "credit": "NATO"}
            body.append({"type": "image", "value": value})
    return body


def _release(site, newsrooms, topics, people, data, picture) -> None:
    source = None
    for code in LANGUAGES:
        page = PressReleasePage.objects.filter(
            slug=data["slug"][code], locale=site.locales[code]
        ).first()
        if page is None:
            page = PressReleasePage(
                locale=site.locales[code],
                title=data["title"][code],
                slug=data["slug"][code],
                date=timezone.make_aware(data["date"]),
                location=data["location"][code],
                standfirst=data["standfirst"][code],
                hero_image=picture,
                body=_body(data["body"][code], code, people, picture),
            )
            if source is not None:
                page.translation_key = source.translation_key
            page.release_topics = [
                PressReleaseTopic(topic=topics[(slug, code)]) for slug in data["topics"]
            ]
            page.release_people = [
                PressReleasePerson(person=people[(slug, code)])
                for slug in data["people"]
            ]
            page = site.publish(newsrooms[code].add_child(instance=page))
        source = source or page


def _related(site: DemoSite) -> None:
    """The seed release points to two earlier KFOR releases, in each language."""
    related = [
        PressReleasePage.objects.get(slug=slug, locale=site.locales["en"])
        for slug in SEED_RELATED
    ]
    for code in LANGUAGES:
        seed_page = PressReleasePage.objects.get(
            slug=SEED_RELEASE["slug"][code], locale=site.locales[code]
        )
        if seed_page.related_releases.exists():
            continue
        seed_page.related_releases = [
            RelatedPressRelease(related=page.get_translation(site.locales[code]))
            for page in related
        ]
        site.publish(seed_page)
