"""``manage.py load_demo_content``: idempotent, safe to run on every start.

Creates what is missing (locales, home pages, newsroom, people, topics, releases,
images, the demo administrator) and leaves what exists alone. Apps add their own
demo content through the ``load_demo_content`` hook."""

import datetime
import io

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail import hooks
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from home.models import HomePage
from newsroom.demo import seed
from newsroom.models import (
    NewsroomIndexPage,
    Person,
    PersonPosition,
    PressReleasePage,
    PressReleasePerson,
    PressReleaseTopic,
    RelatedPressRelease,
    Topic,
)

LOCALES = ("en", "fr")
HOME = {
    "en": ("home", "Media portal", "Official media resources for media professionals."),
    "fr": (
        "accueil",
        "Portail médias",
        "Accédez aux ressources médiatiques officielles de l'OTAN. Un contenu de "
        "qualité professionnelle, diffusé sur les dernières actualités. La référence "
        "pour les professionnels des médias.",
    ),
}
NEWSROOM = {
    "en": ("newsroom", "Newsroom"),
    "fr": ("salle-de-presse", "Salle de presse"),
}


def make_image(title: str, colour: tuple[int, int, int], size=(1600, 900)):
    """A small generated JPEG registered as a Wagtail image (reused by title)."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    picture = PILImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(picture)
    for step in range(0, size[0], 80):
        draw.line([(step, 0), (step + size[1], size[1])], fill=(255, 255, 255), width=3)
    draw.text((40, 40), title, fill=(255, 255, 255))
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=80)
    slug = "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-")
    return Image.objects.create(title=title, file=ImageFile(buffer, name=f"{slug}.jpg"))


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


class Command(BaseCommand):
    help = "Load the demo content (idempotent): the 7 September 2023 release and more."

    def handle(self, *args, **options):
        with transaction.atomic():
            self.locales = {
                code: Locale.objects.get_or_create(language_code=code)[0]
                for code in LOCALES
            }
            self.admin()
            homes = self.homes()
            newsrooms = self.newsrooms(homes)
            topics = self.topics()
            people = self.people()
            self.seed_release(newsrooms, topics, people)
            self.demo_releases(newsrooms, topics, people)
            self.related_releases()
        # Apps built on the newsroom add their own demo content (e.g. videos).
        for load in hooks.get_hooks("load_demo_content"):
            load(homes=homes, topics=topics, people=people, publish=publish)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))

    # --- pieces -----------------------------------------------------------------

    def admin(self):
        User = get_user_model()
        if not User.objects.filter(email=seed.DEMO_ADMIN_EMAIL).exists():
            User.objects.create_superuser(
                seed.DEMO_ADMIN_EMAIL,
                seed.DEMO_ADMIN_PASSWORD,
                first_name="Demo",
                last_name="Editor",
            )

    def homes(self) -> dict[str, HomePage]:
        root = Page.get_first_root_node()
        en = HomePage.objects.filter(locale=self.locales["en"], depth=2).first()
        if en is None:
            slug, title, intro = HOME["en"]
            # Wagtail's first migration leaves a "Welcome" page at /home/: replace it.
            for page in root.get_children().filter(slug=slug):
                Site.objects.filter(root_page=page).delete()
                page.delete()
            en = root.add_child(
                instance=HomePage(
                    title=title,
                    slug=slug,
                    introduction=intro,
                    locale=self.locales["en"],
                )
            )
            publish(en)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=en,
                is_default_site=True,
                site_name="Media portal",
            )
        elif site.root_page_id != en.pk:
            site.root_page = en
            site.save()
        homes = {"en": en}
        fr = en.get_translation_or_none(self.locales["fr"])
        if fr is None:
            slug, title, intro = HOME["fr"]
            fr = root.add_child(
                instance=HomePage(
                    title=title,
                    slug=slug,
                    introduction=intro,
                    locale=self.locales["fr"],
                    translation_key=en.translation_key,
                )
            )
            publish(fr)
        homes["fr"] = fr.specific
        return homes

    def newsrooms(self, homes) -> dict[str, NewsroomIndexPage]:
        result, source = {}, None
        for code in LOCALES:
            existing = NewsroomIndexPage.objects.filter(
                locale=self.locales[code]
            ).first()
            if existing is None:
                slug, title = NEWSROOM[code]
                page = NewsroomIndexPage(
                    title=title, slug=slug, locale=self.locales[code]
                )
                if source is not None:
                    page.translation_key = source.translation_key
                existing = publish(homes[code].add_child(instance=page))
            result[code] = existing
            source = source or existing
        return result

    def topics(self) -> dict[tuple[str, str], Topic]:
        found: dict[tuple[str, str], Topic] = {}
        for slug, parent_slug, names in seed.TOPICS:
            source = None
            for code in LOCALES:
                name, description = names[code]
                topic = Topic.objects.filter(
                    slug=slug, locale=self.locales[code]
                ).first()
                if topic is None:
                    topic = Topic(slug=slug, locale=self.locales[code])
                    if source is not None:
                        topic.translation_key = source.translation_key
                    topic.name, topic.description = name, description
                    topic.parent = found.get((parent_slug, code))
                    topic.save()
                found[(slug, code)] = topic
                source = source or topic
        return found

    def people(self) -> dict[tuple[str, str], Person]:
        found: dict[tuple[str, str], Person] = {}
        colours = [(0, 51, 102), (102, 0, 51), (0, 102, 51)]
        for number, data in enumerate(seed.PEOPLE):
            portrait = make_image(
                f"Portrait {data['name']}", colours[number % 3], (600, 800)
            )
            source = None
            for code in LOCALES:
                person = Person.objects.filter(
                    slug=data["slug"], locale=self.locales[code]
                ).first()
                if person is None:
                    person = Person(
                        slug=data["slug"],
                        name=data["name"],
                        biography=data["bio"][code],
                        portrait=portrait,
                        locale=self.locales[code],
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

    def _release(
        self, newsrooms, code, source, fields, topic_slugs, people_slugs, topics, people
    ):
        existing = PressReleasePage.objects.filter(
            slug=fields["slug"], locale=self.locales[code]
        ).first()
        if existing is not None:
            return existing
        page = PressReleasePage(locale=self.locales[code], **fields)
        if source is not None:
            page.translation_key = source.translation_key
        page.release_topics = [
            PressReleaseTopic(topic=topics[(slug, code)]) for slug in topic_slugs
        ]
        page.release_people = [
            PressReleasePerson(person=people[(slug, code)]) for slug in people_slugs
        ]
        return publish(newsrooms[code].add_child(instance=page))

    def seed_release(self, newsrooms, topics, people):
        data = seed.SEED_RELEASE
        hero = make_image("NATO Headquarters, Brussels", (0, 45, 98))
        date = timezone.make_aware(data["date"])
        speaker_slug = data["people"][0]
        source = None
        for code in LOCALES:
            body = []
            for kind, value in data["body"][code]:
                if kind == "paragraph":
                    body.append({"type": "paragraph", "value": f"<p>{value}</p>"})
                elif kind == "quote":
                    speaker = people[(speaker_slug, code)].pk
                    body.append(
                        {"type": "quote", "value": {"text": value, "speaker": speaker}}
                    )
                elif kind == "key_figure":
                    figure, description = value
                    body.append(
                        {
                            "type": "key_figure",
                            "value": {"figure": figure, "description": description},
                        }
                    )
                elif kind == "image":
                    body.append(
                        {
                            "type": "image",
                            "value": {
                                "image": hero.pk,
                                "caption": value,
                                "credit": "NATO",
                            },
                        }
                    )
            fields = {
                "title": data["title"][code],
                "slug": data["slug"][code],
                "date": date,
                "location": data["location"][code],
                "standfirst": data["standfirst"][code],
                "hero_image": hero,
                "body": body,
            }
            page = self._release(
                newsrooms,
                code,
                source,
                fields,
                data["topics"],
                data["people"],
                topics,
                people,
            )
            source = source or page

    def demo_releases(self, newsrooms, topics, people):
        text = seed.DEMO_TEXT
        base = timezone.make_aware(datetime.datetime(2023, 9, 7, 10, 0))
        for number, (offset, topic_slugs, people_slugs) in enumerate(
            seed.DEMO_RELEASES, 1
        ):
            image = make_image(
                f"Demonstration image {number}", (30 * number % 255, 80, 120)
            )
            source = None
            for code in LOCALES:
                topic_name = topics[(topic_slugs[0], code)].name
                fields = {
                    "title": text["title"][code].format(n=number, topic=topic_name),
                    "slug": text["slug"][code].format(n=number),
                    "date": base + datetime.timedelta(days=offset),
                    "location": text["location"][code],
                    "standfirst": text["standfirst"][code].format(topic=topic_name),
                    "hero_image": image,
                    "body": [
                        {
                            "type": "paragraph",
                            "value": f"<p>{text['paragraph'][code]}</p>",
                        }
                    ],
                }
                page = self._release(
                    newsrooms,
                    code,
                    source,
                    fields,
                    topic_slugs,
                    people_slugs,
                    topics,
                    people,
                )
                source = source or page

    def related_releases(self):
        """The seed release points to two demonstration releases, in each language."""
        related_slugs = {
            "en": ["demonstration-release-1", "demonstration-release-4"],
            "fr": ["communique-de-demonstration-1", "communique-de-demonstration-4"],
        }
        for code in LOCALES:
            seed_page = PressReleasePage.objects.get(
                slug=seed.SEED_RELEASE["slug"][code], locale=self.locales[code]
            )
            if seed_page.related_releases.exists():
                continue
            seed_page.related_releases = [
                RelatedPressRelease(
                    related=PressReleasePage.objects.get(
                        slug=slug, locale=self.locales[code]
                    )
                )
                for slug in related_slugs[code]
            ]
            publish(seed_page)
