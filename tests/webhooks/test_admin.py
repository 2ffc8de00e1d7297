"""The Webhooks menu: endpoints are edited there, the delivery log is read there,
and only by superusers and holders of the models' permissions."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import querydict_from_html

from webhooks.models import WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db

ENDPOINTS = "/admin/webhooks/endpoints/"
DELIVERIES = "/admin/webhooks/deliveries/"


@pytest.fixture
def delivery() -> WebhookDelivery:
    endpoint = WebhookEndpoint.objects.create(
        name="Static frontend", url="https://www.example.org/api/revalidate"
    )
    return WebhookDelivery.objects.create(
        endpoint=endpoint,
        event="page.published",
        payload={"event": "page.published", "page": {"id": 3}},
        status=WebhookDelivery.Status.FAILED,
        attempts=5,
        last_status_code=502,
        last_error="The endpoint answered HTTP 502.",
    )


def test_the_list_pages_open(admin_client, delivery):
    for url in (
        ENDPOINTS,
        f"{ENDPOINTS}new/",
        f"{ENDPOINTS}edit/{delivery.endpoint.pk}/",
        DELIVERIES,
        f"{DELIVERIES}?status=failed&event=page.published",
        f"{DELIVERIES}inspect/{delivery.pk}/",
    ):
        response = admin_client.get(url)
        assert response.status_code == 200, url
    assert ENDPOINTS in admin_client.get("/admin/").content.decode()  # the menu
    listing = admin_client.get(DELIVERIES).content.decode()
    for text in ("Static frontend", "Page published", "Failed", "502"):
        assert text in listing


def test_the_delivery_filters_narrow_the_list(admin_client, delivery):
    failed = admin_client.get(f"{DELIVERIES}?status=failed")
    assert list(failed.context["object_list"]) == [delivery]
    pending = admin_client.get(f"{DELIVERIES}?status=pending")
    assert list(pending.context["object_list"]) == []
    unpublished = admin_client.get(f"{DELIVERIES}?event=page.unpublished")
    assert list(unpublished.context["object_list"]) == []


def test_the_delivery_log_is_read_only_even_for_superusers(admin_client, delivery):
    assert admin_client.get(f"{DELIVERIES}new/").status_code in (302, 403)
    assert admin_client.get(f"{DELIVERIES}edit/{delivery.pk}/").status_code in (
        302,
        403,
    )
    admin_client.post(f"{DELIVERIES}delete/{delivery.pk}/")
    assert WebhookDelivery.objects.filter(pk=delivery.pk).exists()


def test_an_endpoint_is_created_from_the_form(admin_client):
    response = admin_client.post(
        f"{ENDPOINTS}new/",
        {
            "name": "Next.js frontend",
            "url": "https://www.example.org/api/revalidate",
            "events": ["page.published", "page.deleted"],
            "locale": "",
            "active": "on",
            "secret": "s3cret-shared-with-the-frontend",
        },
    )
    assert response.status_code == 302, response.content[:3000]
    endpoint = WebhookEndpoint.objects.get(name="Next.js frontend")
    assert endpoint.events == ["page.published", "page.deleted"]
    assert endpoint.locale is None and endpoint.active


def test_a_new_endpoint_gets_a_random_secret():
    first = WebhookEndpoint(name="a", url="https://a.example.org/")
    second = WebhookEndpoint(name="b", url="https://b.example.org/")
    assert len(first.secret) >= 40 and first.secret != second.secret


@pytest.mark.parametrize(
    "url, message",
    [
        ("ftp://files.example.org/hook", "starts with http:// or https://"),
        ("file:///etc/passwd", "starts with http:// or https://"),
        ("https://", "Enter a valid URL."),
    ],
)
def test_the_form_refuses_addresses_that_are_not_web_addresses(
    admin_client, url, message
):
    response = admin_client.post(
        f"{ENDPOINTS}new/",
        {
            "name": "Bad",
            "url": url,
            "events": ["page.published"],
            "secret": "x" * 20,
        },
    )
    assert response.status_code == 200
    assert message in response.context["form"].errors["url"][0]
    assert not WebhookEndpoint.objects.filter(name="Bad").exists()


def test_the_form_requires_an_event(admin_client):
    response = admin_client.post(
        f"{ENDPOINTS}new/",
        {"name": "Deaf", "url": "https://example.org/", "secret": "x" * 20},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["events"] == ["Choose at least one event."]


def test_the_model_refuses_other_schemes_and_unknown_events():
    endpoint = WebhookEndpoint(
        name="Shell", url="gopher://example.org/", events=["page.moved"]
    )
    with pytest.raises(ValidationError) as caught:
        endpoint.full_clean()
    assert "starts with http:// or https://" in str(caught.value.message_dict["url"])
    assert caught.value.message_dict["events"] == ["Unknown events: page.moved."]


@pytest.fixture
def editor(client):
    """Signed in to the admin, with no webhook permission yet."""
    user = get_user_model().objects.create_user(
        email="editor@example.org", password="Editor-Pass-2026!"
    )
    user.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    client.force_login(user)
    return user


def test_other_users_see_nothing_without_the_permissions(client, editor, delivery):
    assert client.get("/admin/").status_code == 200
    assert "/admin/webhooks/" not in client.get("/admin/").content.decode()
    for url in (ENDPOINTS, DELIVERIES, f"{DELIVERIES}inspect/{delivery.pk}/"):
        assert client.get(url).status_code in (302, 403), url


def test_the_view_permission_opens_the_delivery_log(client, editor, delivery):
    editor.user_permissions.add(Permission.objects.get(codename="view_webhookdelivery"))
    assert client.get(DELIVERIES).status_code == 200
    assert client.get(f"{DELIVERIES}inspect/{delivery.pk}/").status_code == 200
    assert client.get(ENDPOINTS).status_code in (302, 403)


def test_the_change_permission_opens_the_endpoints(client, editor, delivery):
    editor.user_permissions.add(
        Permission.objects.get(codename="change_webhookendpoint")
    )
    assert client.get(ENDPOINTS).status_code == 200
    edit = f"{ENDPOINTS}edit/{delivery.endpoint.pk}/"
    assert client.get(edit).status_code == 200


def test_group_permissions_offer_the_webhook_models(admin_client):
    response = admin_client.get("/admin/groups/new/")
    assert response.status_code == 200
    registered = {
        permission.codename
        for permission in Permission.objects.filter(content_type__app_label="webhooks")
        if f'value="{permission.pk}"' in response.content.decode()
    }
    assert registered == {
        "add_webhookendpoint",
        "change_webhookendpoint",
        "delete_webhookendpoint",
        "view_webhookdelivery",
    }


def test_the_edit_form_shows_and_keeps_the_chosen_events(admin_client):
    endpoint = WebhookEndpoint.objects.create(
        name="Deletions only", url="https://example.org/hook", events=["page.deleted"]
    )
    edit = f"{ENDPOINTS}edit/{endpoint.pk}/"
    data = querydict_from_html(admin_client.get(edit).content.decode(), form_index=0)
    assert data.getlist("events") == ["page.deleted"]
    assert data["secret"] == endpoint.secret

    data.setlist("events", ["page.deleted", "page.unpublished"])
    response = admin_client.post(edit, {key: data.getlist(key) for key in data})
    assert response.status_code == 302, response.content[:3000]
    endpoint.refresh_from_db()
    assert endpoint.events == ["page.unpublished", "page.deleted"]
