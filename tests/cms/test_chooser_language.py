"""A chooser in a StreamField speaks the language of the editor who opens the form,
whoever opened one first."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from newsroom.blocks import QuoteBlock


@pytest.mark.parametrize("first, second", [("fr", "en"), ("en", "fr")])
def test_speaker_chooser_texts_follow_the_active_language(first, second):
    block = QuoteBlock().child_blocks["speaker"]
    texts = {}
    for code in (first, second):
        with translation.override(code):
            texts[code] = str(block.field.widget.choose_one_text)
    assert texts["fr"] != texts["en"]
    assert texts["en"].startswith("Choose")


@pytest.mark.django_db
def test_the_edit_form_of_an_english_editor_after_a_french_one(client):
    from wagtail.users.models import UserProfile

    from newsroom.models import PressReleasePage

    release = PressReleasePage.objects.get(slug="secretary-general-meets-vjosa-osmani")
    admin = get_user_model().objects.get(email="admin@example.com")
    profile = UserProfile.get_for_user(admin)
    client.force_login(admin)
    url = f"/admin/pages/{release.pk}/edit/"
    pages = {}
    for code in ("fr", "en"):
        profile.preferred_language = code
        profile.save()
        response = client.get(url)
        assert response.status_code == 200
        pages[code] = response.content.decode()
    assert "Choisir une personne" in pages["fr"] or "Choisir personne" in pages["fr"]
    assert "Choisir" not in pages["en"]
