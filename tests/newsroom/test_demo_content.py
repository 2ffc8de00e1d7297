"""The demo content (``manage.py load_demo_content``): idempotent, both languages,
people with dated positions, and no words put in a real person's mouth."""

import io
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from home.demo_admin import DEMO_ADMIN_EMAIL
from newsroom.demo.people import FICTIONAL, PEOPLE
from newsroom.demo.releases import RELEASES
from newsroom.models import (
    Person,
    PersonPosition,
    PressReleasePage,
    PressReleaseTopic,
    Topic,
)
from tests.factories import locale
from videos.models import VideoAsset, VideoPage, VideoSoundbite, VideoSubtitle

pytestmark = pytest.mark.django_db

SEED_TEXT = Path(apps.get_app_config("newsroom").path) / "demo/data/seed-release.fr.txt"
SEED_EN = "secretary-general-meets-vjosa-osmani"


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Page,
            Locale,
            PressReleasePage,
            Person,
            PersonPosition,
            Topic,
            get_image_model(),
            VideoAsset,
            VideoPage,
            VideoSoundbite,
            VideoSubtitle,
        )
    }


def test_demo_content_is_idempotent():
    before = counts()
    revisions = {page.pk: page.latest_revision_id for page in Page.objects.all()}
    call_command("load_demo_content", stdout=io.StringIO())
    assert counts() == before
    # Nothing was published again either.
    after = {page.pk: page.latest_revision_id for page in Page.objects.all()}
    assert after == revisions


def test_the_site_command_lives_at_site_level():
    from django.core.management import get_commands

    assert get_commands()["load_demo_content"] == "home"
    from django.contrib.auth import get_user_model

    assert get_user_model().objects.filter(email=DEMO_ADMIN_EMAIL).exists()


def test_demo_content_has_the_seed_release_in_both_languages():
    en = PressReleasePage.objects.get(slug=SEED_EN)
    fr = en.get_translation(locale("fr"))
    assert fr.live and en.live
    assert "maintien de la paix de la KFOR" in fr.standfirst
    assert fr.location == "Bruxelles" and en.location == "Brussels"
    # Slugs of people and topics are identifiers: the same in both languages.
    for model in (Person, Topic):
        by_locale = {
            code: set(
                model.objects.filter(locale__language_code=code).values_list(
                    "slug", flat=True
                )
            )
            for code in ("en", "fr")
        }
        assert by_locale["en"] == by_locale["fr"]


def test_every_release_is_in_both_languages_and_none_is_a_filler():
    english = PressReleasePage.objects.live().filter(locale__language_code="en")
    assert english.count() == len(RELEASES) + 1 >= 30
    years = {page.date.year for page in english}
    assert years == {2023, 2024, 2025, 2026}
    for page in english:
        fr = page.get_translation_or_none(locale("fr"))
        assert fr is not None and fr.live, page.slug
        assert fr.title != page.title and fr.standfirst != page.standfirst
        assert "emonstration" not in page.title + fr.title
        assert len(page.body) >= 2 and len(fr.body) == len(page.body), page.slug
        assert page.hero_image_id and page.release_topics.exists(), page.slug
    # The releases spread over the topic tree, sub-topics included.
    used = set(
        PressReleaseTopic.objects.filter(page__locale__language_code="en").values_list(
            "topic__slug", flat=True
        )
    )
    assert used == set(
        Topic.objects.filter(locale__language_code="en").values_list("slug", flat=True)
    )


def test_pictures_are_photographs_not_stripes():
    """Generated pictures with soft gradients and grain: many distinct colours and
    no long runs of a repeated pattern."""
    from PIL import Image

    for picture in get_image_model().objects.all()[:6]:
        with picture.file.open("rb") as handle:
            image = Image.open(handle).convert("RGB")
            image.load()
        colours = image.resize((200, 112)).getcolors(maxcolors=200 * 112)
        assert colours is not None and len(colours) > 2000, picture.title
        assert picture.file.size < 250_000


def normalised(text: str) -> str:
    text = text.replace("’", "'").replace("\u202f", " ").replace("\xa0", " ")
    return re.sub(r"\s+", " ", text).strip()


def quotes(page: PressReleasePage):
    for block in page.body:
        if block.block_type == "quote":
            yield block.value["speaker"], block.value["text"]


def test_real_people_are_quoted_only_in_the_words_of_the_seed():
    seed = normalised(SEED_TEXT.read_text())
    real = {person["slug"] for person in PEOPLE} - FICTIONAL
    assert real >= {"jens-stoltenberg", "vjosa-osmani", "mark-rutte"}
    seed_pages = set(
        PressReleasePage.objects.get(slug=SEED_EN).get_translations(inclusive=True)
    )
    quoted_real = 0
    for page in PressReleasePage.objects.all():
        for speaker, text in quotes(page):
            assert speaker is not None, page.slug
            if speaker.slug in FICTIONAL:
                continue
            # A real person: only in the seed release, word for word in French
            # (the English release carries the translation of the same quotes).
            assert page in seed_pages, (page.slug, speaker.slug)
            if page.locale.language_code == "fr":
                assert normalised(text) in seed, text[:60]
            quoted_real += 1
    assert quoted_real == 4  # two quotes, in two languages
    for soundbite in VideoSoundbite.objects.select_related("speaker"):
        assert soundbite.speaker.slug in FICTIONAL, soundbite.text


def test_fictional_people_say_so():
    for person in Person.objects.filter(slug__in=FICTIONAL):
        assert "ficti" in person.biography.lower(), person.name
        assert "(demo)" in "".join(p.organisation for p in person.positions.all()) or (
            "(démo)" in "".join(p.organisation for p in person.positions.all())
        )


def test_people_have_dated_positions_and_a_role_on_their_releases_dates():
    assert Person.objects.filter(locale__language_code="en").count() >= 6
    changed_roles = 0
    for person in Person.objects.filter(locale__language_code="en"):
        positions = list(person.positions.order_by("start_date"))
        assert positions, person.name
        for earlier, later in zip(positions, positions[1:], strict=False):
            assert earlier.end_date and earlier.end_date < later.start_date
        changed_roles += len(positions) > 1
    assert changed_roles >= 4
    # Whoever speaks in a release held a position on its date.
    for page in PressReleasePage.objects.filter(locale__language_code="en"):
        for speaker, _text in quotes(page):
            day = page.date.date()
            assert any(p.held_on(day) for p in speaker.positions.all()), (
                speaker.name,
                page.slug,
            )


def test_a_role_changes_with_the_release_date(gql):
    """Elise Marchetti is deputy spokesperson in 2023 and spokesperson in 2026."""
    query = """query($slug: String!) { pressRelease(slug: $slug, locale: en) {
      people { role person { name } } } }"""
    roles = {}
    for slug in (
        "kfor-strengthens-its-presence-in-the-north",
        "kfor-opens-a-community-liaison-office-in-mitrovica",
    ):
        answer = gql(query, {"slug": slug})
        people = answer["data"]["pressRelease"]["people"]
        roles[slug] = {p["person"]["name"]: p["role"] for p in people}
    assert roles["kfor-strengthens-its-presence-in-the-north"] == {
        "Elise Marchetti": "Deputy Spokesperson"
    }
    assert roles["kfor-opens-a-community-liaison-office-in-mitrovica"] == {
        "Elise Marchetti": "Spokesperson"
    }


def test_the_ukraine_winter_release_says_in_english_what_it_says_in_french():
    """December 2025 came before Ukraine's fourth winter of attacks on its energy,
    not its second: the French says "un nouvel hiver", and so must the English."""
    (release,) = [
        item
        for item in RELEASES
        if item["slug"]["en"] == "allies-review-support-to-ukraine-ahead-of-winter"
    ]
    assert "nouvel hiver" in release["title"]["fr"]
    assert "another winter" in release["title"]["en"]
    assert "second winter" not in release["title"]["en"]
