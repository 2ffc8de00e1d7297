"""A list's translations (cms/graphql/page_loaders.py): the pages the list
announced are not loaded again, so an English list loads its French variants
only, one row each; the answer is the same."""

import datetime

import pytest
from django.db.models.signals import post_init
from django.utils import timezone
from wagtail.models import Page

from tests.factories import create_release

pytestmark = pytest.mark.django_db

LIST = """query($locale: LanguageCode) { pressReleases(locale: $locale, perPage: 3) {
  items { title translations { id locale title slug url } } } }"""


@pytest.fixture
def releases():
    now = timezone.now() + datetime.timedelta(days=3650)
    made = []
    for n in range(3):
        en = create_release(
            title=f"English {n}", date=now - datetime.timedelta(hours=n)
        )
        create_release("fr", title=f"Français {n}", date=en.date, translation_of=en)
        made.append(en)
    return made


@pytest.fixture
def base_pages_loaded():
    """How many plain wagtailcore Page rows (not specific) load."""
    loaded = []

    def count(sender, instance, **kwargs):
        loaded.append(instance)

    post_init.connect(count, sender=Page, weak=False)
    yield loaded
    post_init.disconnect(count, sender=Page)


def test_an_english_list_loads_its_french_variants_only(
    gql, releases, base_pages_loaded
):
    answer = gql(LIST, {"locale": "en"})
    items = answer["data"]["pressReleases"]["items"]
    assert [i["title"] for i in items] == ["English 0", "English 1", "English 2"]
    for n, item in enumerate(items):
        (translation,) = item["translations"]
        assert translation["locale"] == "fr" and translation["title"] == f"Français {n}"
        assert translation["url"].endswith(f"/{translation['slug']}/")
    # One row per item: the French variant (the English ones are the list's).
    assert sorted(p.locale.language_code for p in base_pages_loaded) == ["fr"] * 3


def test_a_french_list_shows_the_english_variants(gql, releases):
    answer = gql(LIST, {"locale": "fr"})
    items = answer["data"]["pressReleases"]["items"]
    assert [i["translations"][0]["title"] for i in items] == [
        "English 0",
        "English 1",
        "English 2",
    ]
    assert all(i["translations"][0]["locale"] == "en" for i in items)
