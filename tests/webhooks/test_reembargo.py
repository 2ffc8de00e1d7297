"""A page everyone could read, published again under an embargo (issue 15): for
the public it is gone until the lift, so frontends are told ``page.unpublished``
(with the page as they knew it) and shared answers drop it at once; the lift
announces it again with ``page.published``."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client, override_settings
from django.utils import timezone
from freezegun import freeze_time

from cms.scheduled_publishing import tick
from tests.factories import create_release

pytestmark = pytest.mark.django_db

LIFT = datetime.timedelta(hours=2)
QUERY = "{ pressReleases(locale: en, perPage: 100) { items { id title } } }"


def public_titles() -> tuple[list[str], str]:
    response = Client().get("/graphql/", {"query": QUERY})
    assert response.status_code == 200
    items = response.json()["data"]["pressReleases"]["items"]
    return [item["title"] for item in items], response["ETag"]


def publish(page, title: str, until=None):
    page.title = title
    page.embargoed_until = until
    page.save_revision().publish()
    page.refresh_from_db()


@override_settings(GRAPHQL_CACHE_ENABLED=True)
def test_embargoing_a_public_page_unpublishes_it_for_frontends(
    receiver, make_endpoint, django_capture_on_commit_callbacks
):
    start = timezone.now().replace(microsecond=0)
    with freeze_time(start) as clock:
        make_endpoint()
        with django_capture_on_commit_callbacks(execute=True):
            page = create_release(title="Public statement")
        url = page.url
        titles, etag = public_titles()  # now in the shared cache
        assert "Public statement" in titles

        # Published again under embargo, with a new title the public must not see.
        clock.tick(datetime.timedelta(seconds=5))  # cache versions are times
        with django_capture_on_commit_callbacks(execute=True):
            publish(page, "Embargoed rewrite", until=timezone.now() + LIFT)
        events = [(r.json()["event"], r.json()["page"]) for r in receiver.requests]
        assert [event for event, _ in events] == ["page.published", "page.unpublished"]
        unpublished = events[1][1]
        assert unpublished["id"] == page.pk
        assert unpublished["title"] == "Public statement"  # as the public knew it
        assert unpublished["url"] == url
        titles, new_etag = public_titles()  # the shared answer is dropped at once
        assert "Public statement" not in titles and "Embargoed rewrite" not in titles
        assert new_etag != etag

        # Published again under the same embargo: nothing more to tell.
        with django_capture_on_commit_callbacks(execute=True):
            publish(page, "Embargoed rewrite 2", until=page.embargoed_until)
        assert len(receiver.requests) == 2

        clock.tick(LIFT)
        with django_capture_on_commit_callbacks(execute=True):
            assert tick()
        last = receiver.requests[-1].json()
        assert last["event"] == "page.published"
        assert last["page"]["title"] == "Embargoed rewrite 2"
        assert "Embargoed rewrite 2" in public_titles()[0]


def test_a_page_never_public_is_not_unpublished(
    receiver, make_endpoint, django_capture_on_commit_callbacks
):
    make_endpoint()
    page = create_release(title="Born under embargo", publish=False)
    with django_capture_on_commit_callbacks(execute=True):
        publish(page, "Born under embargo", until=timezone.now() + LIFT)
        # A draft save of the live page under embargo is no publish either.
        page.save_revision()
    assert receiver.requests == []
