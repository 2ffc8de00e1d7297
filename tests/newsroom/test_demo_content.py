import io

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page

from newsroom.models import Person, PersonPosition, PressReleasePage, Topic
from tests.factories import locale

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Page,
            PressReleasePage,
            Person,
            PersonPosition,
            Topic,
            get_image_model(),
        )
    }


def test_demo_content_is_idempotent():
    before = counts()
    call_command("load_demo_content", stdout=io.StringIO())
    assert counts() == before


def test_demo_content_has_the_seed_release_in_both_languages():
    en = PressReleasePage.objects.get(slug="secretary-general-meets-vjosa-osmani")
    fr = en.get_translation(locale("fr"))
    assert fr.live and en.live
    assert "maintien de la paix de la KFOR" in fr.standfirst
    assert fr.location == "Bruxelles" and en.location == "Brussels"
    assert PressReleasePage.objects.filter(locale__language_code="fr").count() >= 10
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
