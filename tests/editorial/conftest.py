import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from editorial import roles

# Meets the portal's password policy (12+ characters, upper, lower, digit, symbol).
PASSWORD = "Role-Test-Pass-2026!"


def make_member(group_name: str, email: str):
    user = get_user_model().objects.create_user(email, PASSWORD)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db):
    return make_member(roles.EDITORS, "editor@example.com")


@pytest.fixture
def translator_fr(db):
    return make_member(roles.TRANSLATORS.format(code="FR"), "traductrice@example.com")


@pytest.fixture
def translator_en(db):
    return make_member(roles.TRANSLATORS.format(code="EN"), "translator@example.com")


@pytest.fixture
def producer(db):
    return make_member(roles.VIDEO_PRODUCERS, "producer@example.com")


@pytest.fixture
def media_office(db):
    return make_member(roles.MEDIA_OFFICE, "media-office@example.com")
