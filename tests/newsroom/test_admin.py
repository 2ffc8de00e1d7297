"""The editor's screens for releases, people and topics open and save."""

import pytest
from wagtail.models import Locale

from newsroom.models import NewsroomIndexPage, Person, PressReleasePage, Topic

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["en", "fr"])
def test_press_release_add_and_edit_forms_open(admin_client, code):
    index = NewsroomIndexPage.objects.get(locale__language_code=code)
    release = PressReleasePage.objects.filter(locale__language_code=code).first()
    for url in (
        f"/admin/pages/add/newsroom/pressreleasepage/{index.pk}/",
        f"/admin/pages/{release.pk}/edit/",
        f"/admin/snippets/newsroom/person/edit/{Person.objects.first().pk}/",
        f"/admin/snippets/newsroom/topic/edit/{Topic.objects.first().pk}/",
    ):
        response = admin_client.get(url)
        assert response.status_code == 200, url


def test_topic_cannot_be_filed_under_itself(admin_client):
    topic = Topic.objects.get(slug="kfor", locale__language_code="en")
    response = admin_client.post(
        f"/admin/snippets/newsroom/topic/edit/{topic.pk}/",
        {
            "name": topic.name,
            "slug": topic.slug,
            "description": topic.description,
            "parent": topic.pk,
        },
    )
    assert response.status_code == 200  # the form again, with the error
    assert "cannot be filed under itself" in response.content.decode()
    topic.refresh_from_db()
    assert topic.parent.slug == "kosovo"


def test_topic_slug_is_unique_per_language(admin_client):
    response = admin_client.post(
        "/admin/snippets/newsroom/topic/add/?locale=en",
        {"name": "Another KFOR", "slug": "kfor", "description": "", "parent": ""},
    )
    assert response.status_code == 200
    assert Topic.objects.filter(slug="kfor", locale=Locale.get_default()).count() == 1


def test_topic_parent_must_be_in_the_same_language(admin_client):
    topic = Topic.objects.get(slug="kfor", locale__language_code="fr")
    english_parent = Topic.objects.get(slug="kosovo", locale__language_code="en")
    response = admin_client.post(
        f"/admin/snippets/newsroom/topic/edit/{topic.pk}/",
        {
            "name": topic.name,
            "slug": topic.slug,
            "description": topic.description,
            "parent": english_parent.pk,
        },
    )
    assert response.status_code == 200
    assert "same language" in response.content.decode()
    topic.refresh_from_db()
    assert topic.parent.locale_id == topic.locale_id
