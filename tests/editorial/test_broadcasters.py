"""The media office chooses who may download broadcast masters (the Broadcasters
group), and nobody else can."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from editorial import roles

from .conftest import make_member
from .test_roles import denied

pytestmark = pytest.mark.django_db
URL = "/admin/broadcasters/"


def broadcaster_emails() -> list[str]:
    group = Group.objects.get(name=roles.BROADCASTERS)
    return sorted(group.user_set.values_list("email", flat=True))


def test_the_media_office_grants_and_withdraws_master_downloads(client, media_office):
    journalist = get_user_model().objects.create_user(
        "Reporter@Example.com", "Long-Enough-Pass-2026!"
    )
    assert not journalist.has_perm("videos.download_master")
    client.force_login(media_office)
    page = client.get(URL)
    assert page.status_code == 200
    assert "Broadcasters" in page.content.decode()

    response = client.post(URL, {"email": "reporter@example.com"}, follow=True)
    assert broadcaster_emails() == ["reporter@example.com"]
    assert "may now download masters" in response.content.decode()
    journalist = get_user_model().objects.get(pk=journalist.pk)
    assert journalist.has_perm("videos.download_master")
    # The granting account itself gets nothing by granting.
    assert not media_office.has_perm("videos.download_master")

    response = client.post(URL, {"email": "nobody@example.com"}, follow=True)
    assert "There is no active account" in response.content.decode()
    assert broadcaster_emails() == ["reporter@example.com"]

    client.post(URL, {"remove": str(journalist.pk)})
    assert broadcaster_emails() == []
    journalist = get_user_model().objects.get(pk=journalist.pk)
    assert not journalist.has_perm("videos.download_master")


def test_only_the_media_office_may_grant(client, editor, producer):
    target = make_member(roles.BROADCASTERS, "broadcaster@example.com")
    for user in (editor, producer, target):
        client.force_login(user)
        # Editors: Wagtail's "permission denied"; no admin access: the sign-in.
        assert client.get(URL).status_code in (302, 403)
        client.post(URL, {"email": user.email})
    assert broadcaster_emails() == ["broadcaster@example.com"]


def test_the_media_office_can_only_add_to_broadcasters(client, media_office):
    """The page gives one group: no way to reach the Administrators through it."""
    client.force_login(media_office)
    client.post(URL, {"email": media_office.email, "group": "Administrators"})
    assert set(media_office.groups.values_list("name", flat=True)) == {
        roles.MEDIA_OFFICE,
        roles.BROADCASTERS,
    }
    assert not get_user_model().objects.get(pk=media_office.pk).is_superuser
    assert denied(client.get("/admin/users/"))
    assert denied(client.get("/admin/groups/"))
