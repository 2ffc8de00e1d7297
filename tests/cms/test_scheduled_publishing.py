"""Scheduled publishing and expiry run on the worker's tick, on a moving clock
(issue 18, finding 5): a release scheduled for later goes live, an expired one
leaves the API, and the shared response cache follows at once."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from freezegun import freeze_time

from cms.models import Lease
from cms.scheduled_publishing import LEASE, Ticker, tick
from newsroom.models import PressReleasePage
from tests.factories import create_release

pytestmark = pytest.mark.django_db

LATER = datetime.timedelta(minutes=5)
QUERY = """query($id: ID) {
  page(id: $id) { title }
  pressReleases(locale: en, perPage: 100) { items { title } }
}"""


@pytest.fixture
def clock():
    with freeze_time(timezone.now()) as frozen:
        yield frozen


@pytest.fixture
def cache_on():
    with override_settings(GRAPHQL_CACHE_ENABLED=True):
        yield


def visible(client, page) -> bool:
    """Whether the release is in the API, both by id and in the list (through the
    shared cache when it is on)."""
    response = client.post(
        "/graphql/",
        json.dumps({"query": QUERY, "variables": {"id": str(page.pk)}}),
        content_type="application/json",
    )
    data = response.json()["data"]
    by_id = data["page"] is not None
    listed = page.title in [i["title"] for i in data["pressReleases"]["items"]]
    assert by_id == listed
    return by_id


def schedule(title: str, go_live_at) -> PressReleasePage:
    page = create_release(title=title, publish=False)
    page.go_live_at = go_live_at
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live
    return page


def with_expiry(title: str, expire_at) -> PressReleasePage:
    page = create_release(title=title)
    page.expire_at = expire_at
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.live
    return page


@pytest.mark.usefixtures("cache_on")
def test_a_scheduled_release_goes_live_on_the_tick(
    client, clock, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = schedule("Wombat census results", timezone.now() + LATER)
    assert not visible(client, page)
    clock.tick(LATER * 2)
    assert not visible(client, page)  # nothing happens by itself
    with django_capture_on_commit_callbacks(execute=True):
        assert tick()
    assert visible(client, page)


@pytest.mark.usefixtures("cache_on")
def test_an_expired_release_leaves_the_api_and_the_cache_on_the_tick(
    client, clock, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = with_expiry("Wombat census, preliminary", timezone.now() + LATER)
    assert visible(client, page)
    clock.tick(LATER * 2)
    with django_capture_on_commit_callbacks(execute=True):
        assert tick()
    page.refresh_from_db()
    assert not page.live and page.expired
    assert not visible(client, page)


def test_a_tick_before_the_time_changes_nothing(client, clock):
    page = schedule("Wombat census, final", timezone.now() + LATER)
    clock.tick(LATER / 2)
    assert tick()
    assert not visible(client, page)


def test_two_workers_never_tick_at_once(client, clock):
    """The tick takes a lease: while another worker holds it, this one skips;
    a holder that died loses it when it expires."""
    page = schedule("Wombat census, revised", timezone.now() + LATER)
    clock.tick(LATER * 2)
    assert Lease.acquire(LEASE, "other-worker:123", seconds=300)
    assert not Lease.acquire(LEASE, "third-worker:456", seconds=300)
    assert not tick()
    assert not visible(client, page)
    clock.tick(datetime.timedelta(seconds=301))  # the other worker died
    assert tick()
    assert visible(client, page)
    # Released after the tick: the next one can run at once.
    assert Lease.acquire(LEASE, "third-worker:456", seconds=300)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_worker_command_publishes_what_is_due(client, clock):
    """`portal_worker` on the database queue (what `make run` starts) ticks at
    start; --burst ticks once, runs the queued tasks and quits."""
    page = schedule("Wombat census, annex", timezone.now() + LATER)
    clock.tick(LATER * 2)
    assert not visible(client, page)
    call_command("portal_worker", burst=True, stdout=open("/dev/null", "w"))
    assert visible(client, page)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_workers_thread_ticks_on_its_own_connection(client, clock):
    """The thread the worker starts: it ticks at once, then waits for the next
    round (here: stopped before it starts, so it ticks once and returns)."""
    page = schedule("Wombat census, appendix", timezone.now() + LATER)
    clock.tick(LATER * 2)
    ticker = Ticker(interval=3600)
    ticker.stop()
    ticker.start()
    ticker.join(timeout=120)
    assert not ticker.is_alive()
    assert visible(client, page)
