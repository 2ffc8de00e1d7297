"""Pages under their locale prefix, the admin, and the user model."""

import pytest
from django.contrib.auth import authenticate, get_user_model
from wagtail.users.models import UserProfile

from home.demo_admin import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path, text",
    [
        ("/en/", "Media portal"),
        ("/fr/", "Portail médias"),
        ("/en/newsroom/", "NATO Secretary General meets Vjosa Osmani of Kosovo"),
        (
            "/fr/salle-de-presse/le-secretaire-general-recoit-vjosa-osmani/",
            "Je me félicite",
        ),
    ],
)
def test_pages_are_served_under_their_locale(client, path, text):
    response = client.get(path)
    assert response.status_code == 200
    assert text in response.content.decode()


def test_unknown_page_is_404(client):
    assert client.get("/fr/no-such-page/").status_code == 404


def test_users_sign_in_by_email_case_insensitively():
    User = get_user_model()
    assert User.USERNAME_FIELD == "email"
    user = User.objects.create_user("Journalist@Example.org", "A-long-password-1")
    assert user.email == "journalist@example.org"
    assert authenticate(username="JOURNALIST@example.org", password="A-long-password-1")
    assert authenticate(username="journalist@example.org", password="wrong") is None


@pytest.mark.parametrize(
    "language, word", [("en", "Dashboard"), ("fr", "Tableau de bord")]
)
def test_demo_admin_signs_in_and_admin_speaks_both_languages(client, language, word):
    assert client.login(username=DEMO_ADMIN_EMAIL, password=DEMO_ADMIN_PASSWORD)
    user = get_user_model().objects.get(email=DEMO_ADMIN_EMAIL)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    response = client.get("/admin/")
    assert response.status_code == 200
    assert word in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/admin/pages/",
        "/admin/snippets/newsroom/person/",
        "/admin/snippets/newsroom/topic/",
    ],
)
def test_admin_screens_open(admin_client, path):
    response = admin_client.get(path, follow=True)
    assert response.status_code == 200
