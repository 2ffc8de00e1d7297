"""Every path that hands pages out, before and after the lift, for every kind of
reader: anonymous, signed in, accredited, accreditation expired, revoked
(issue 15, Embargo). Time moves with freezegun; the lift is the worker's tick."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from cms.scheduled_publishing import tick
from embargo.models import EmbargoLift
from newsletter.models import NewsletterIssue, NewsletterIssueItem
from tests.factories import create_release
from webhooks.models import WebhookDelivery, WebhookEndpoint

from .conftest import LIFT, READERS, SEES_EMBARGOED, graphql, publish_under_embargo

pytestmark = pytest.mark.django_db

PATHS = """
query Paths($id: ID!, $path: String!, $slug: String!, $site: ID) {
  byId: page(id: $id) { id }
  byPath: page(urlPath: $path) { id }
  bySlug: page(slug: $slug, locale: en) { id }
  byType: page(id: $id, contentType: "newsroom.PressReleasePage") { id }
  pressRelease(slug: $slug, locale: en) { id embargoedUntil }
  pressReleases(locale: en, perPage: 100) { items { id } }
  pages(contentType: "newsroom.PressReleasePage", order: "-id", limit: 100) { id }
  site(id: $site) { pages(contentType: "newsroom.PressReleasePage", limit: 100) { id }
         page(id: $id) { id } }
  index: page(urlPath: "/en/newsroom/") {
    children(limit: 100) { id }
    ordered: children(order: "-id", limit: 100) { id }
    descendants(limit: 100) { id }
  }
  search(query: "Zanzibar", locale: en) {
    items { object { ... on PressReleasePage { id } } }
    pagination { total }
    facets { types { value count } }
  }
  searchSuggest(prefix: "Zanzib", locale: en) { text }
}
"""


def seen(data: dict, page_id: str) -> dict[str, bool]:
    """For each path, whether the page is in its answer."""

    def has(items) -> bool:
        return any(item and item.get("id") == page_id for item in items or [])

    single = {
        name: (data[name] or {}).get("id") == page_id
        for name in ("byId", "byPath", "bySlug", "byType", "pressRelease")
    }
    return {
        **single,
        "pressReleases": has(data["pressReleases"]["items"]),
        "pages": has(data["pages"]),
        "site.pages": has(data["site"]["pages"]),
        "site.page": (data["site"]["page"] or {}).get("id") == page_id,
        "children": has(data["index"]["children"]),
        "children(order)": has(data["index"]["ordered"]),
        "descendants": has(data["index"]["descendants"]),
        "search": has([item["object"] for item in data["search"]["items"]]),
        "search total": data["search"]["pagination"]["total"] > 0,
        "search facets": bool(data["search"]["facets"]["types"]),
        "searchSuggest": bool(data["searchSuggest"]),
    }


def paths_seen(client: Client, page) -> dict[str, bool]:
    from wagtail.models import Site

    variables = {
        "site": str(Site.objects.get(is_default_site=True).pk),
        "id": str(page.pk),
        "path": f"/en/newsroom/{page.slug}/",
        "slug": page.slug,
    }
    return seen(graphql(client, PATHS, variables), str(page.pk))


def test_every_path_before_and_after_the_lift(readers, embargoed, clock):
    for kind in READERS:
        found = paths_seen(readers[kind], embargoed)
        expected = kind in SEES_EMBARGOED
        assert found == dict.fromkeys(found, expected), kind

    clock.tick(LIFT + datetime.timedelta(seconds=1))
    assert tick()
    for kind in READERS:
        found = paths_seen(readers[kind], embargoed)
        assert all(found.values()), (kind, found)


def test_embargoed_until_is_given_until_the_lift(readers, embargoed, clock):
    query = (
        "query($s: String!) { pressRelease(slug: $s, locale: en) { embargoedUntil } }"
    )
    variables = {"s": embargoed.slug}
    release = graphql(readers["accredited"], query, variables)["pressRelease"]
    lift = datetime.datetime.fromisoformat(release["embargoedUntil"])
    assert lift == embargoed.embargoed_until
    assert lift.utcoffset() == datetime.timedelta(0)

    clock.tick(LIFT)
    tick()
    for kind in READERS:
        release = graphql(readers[kind], query, variables)["pressRelease"]
        assert release == {"embargoedUntil": None}, kind


def test_links_to_an_embargoed_release_lead_nowhere_before_the_lift(
    readers, embargoed, clock
):
    """Related releases and rich-text links of a public release."""
    body = [
        {
            "type": "paragraph",
            "value": f'<p>See <a linktype="page" id="{embargoed.pk}">this</a>.</p>',
        }
    ]
    public = create_release(title="Public release", related=[embargoed], body=body)
    query = """query($id: ID!) { page(id: $id) { ... on PressReleasePage {
      related { id } body { ... on RichTextBlock { value } } } } }"""
    for kind in READERS:
        page = graphql(readers[kind], query, {"id": str(public.pk)})["page"]
        linked = [item["id"] for item in page["related"]] == [str(embargoed.pk)]
        href = embargoed.slug in page["body"][0]["value"]
        assert linked == href == (kind in SEES_EMBARGOED), kind

    clock.tick(LIFT)
    tick()
    page = graphql(readers["anonymous"], query, {"id": str(public.pk)})["page"]
    assert [item["id"] for item in page["related"]] == [str(embargoed.pk)]
    assert embargoed.slug in page["body"][0]["value"]


def test_wagtail_serves_the_page_to_accredited_readers_only(readers, embargoed, clock):
    url = f"/en/newsroom/{embargoed.slug}/"
    for kind in READERS:
        status = readers[kind].get(url).status_code
        assert (status != 404) == (kind in SEES_EMBARGOED), (kind, status)
    clock.tick(LIFT)
    assert readers["anonymous"].get(url).status_code != 404


@override_settings(GRAPHQL_CACHE_ENABLED=True)
def test_response_cache_and_etags(readers, embargoed, clock):
    """The accredited answer is private; the shared one never holds the page;
    the lift invalidates the shared cache at that moment."""
    query = "{ pressReleases(locale: en, perPage: 100) { items { id } } }"
    page_id = str(embargoed.pk)

    def get(client):
        response = client.get("/graphql/", {"query": query})
        assert response.status_code == 200
        ids = [i["id"] for i in response.json()["data"]["pressReleases"]["items"]]
        return response, page_id in ids

    anonymous, listed = get(readers["anonymous"])
    assert not listed and "public" in anonymous["Cache-Control"]
    etag = anonymous["ETag"]
    accredited, listed = get(readers["accredited"])
    assert listed
    assert "private" in accredited["Cache-Control"]
    assert "no-store" in accredited["Cache-Control"]
    assert not accredited.has_header("ETag")
    # Asked again anonymously (from the shared cache): still without it, same ETag.
    again, listed = get(Client())
    assert not listed and again["ETag"] == etag
    revalidated = Client().get("/graphql/", {"query": query}, HTTP_IF_NONE_MATCH=etag)
    assert revalidated.status_code == 304

    clock.tick(LIFT)
    assert tick()  # the lift bumps the cache generation
    after, listed = get(Client())
    assert listed and after["ETag"] != etag
    changed = Client().get("/graphql/", {"query": query}, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200


def test_webhooks_hear_of_the_page_at_the_lift(
    db, clock, django_capture_on_commit_callbacks
):
    endpoint = WebhookEndpoint.objects.create(
        name="Frontend", url="http://127.0.0.1:9/hook"
    )
    page = create_release(title="Embargoed for webhooks", publish=False)

    def events():
        deliveries = WebhookDelivery.objects.filter(endpoint=endpoint)
        return [
            d.event
            for d in deliveries.order_by("pk")
            if d.payload["page"]["id"] == page.pk
        ]

    publish_under_embargo(page, timezone.now() + LIFT)
    assert events() == []
    assert EmbargoLift.objects.get(page=page).lifted_at is None

    clock.tick(LIFT - datetime.timedelta(seconds=1))
    tick()
    assert events() == []
    clock.tick(datetime.timedelta(seconds=1))
    with django_capture_on_commit_callbacks() as callbacks:
        assert tick()
    assert events() == ["page.published"]
    assert callbacks  # the cache invalidation and the delivery, after commit
    assert EmbargoLift.objects.get(page=page).lifted_at == timezone.now()
    tick()  # a lift is announced once
    assert events() == ["page.published"]


def test_unpublishing_under_embargo_tells_no_one(db, clock):
    endpoint = WebhookEndpoint.objects.create(name="F", url="http://127.0.0.1:9/h")
    page = create_release(title="Withdrawn before the lift", publish=False)
    publish_under_embargo(page, timezone.now() + LIFT)
    page.unpublish()
    assert not WebhookDelivery.objects.filter(endpoint=endpoint).exists()
    assert not EmbargoLift.objects.filter(page=page).exists()
    clock.tick(LIFT)
    tick()
    assert not WebhookDelivery.objects.filter(endpoint=endpoint).exists()


def test_a_release_published_without_embargo_is_announced_at_once(db, clock):
    endpoint = WebhookEndpoint.objects.create(name="F", url="http://127.0.0.1:9/h")
    page = create_release(title="Past embargo", publish=False)
    publish_under_embargo(page, timezone.now() - datetime.timedelta(minutes=1))
    assert [d.event for d in WebhookDelivery.objects.filter(endpoint=endpoint)] == [
        "page.published"
    ]
    assert not EmbargoLift.objects.filter(page=page).exists()


def test_the_newsletter_leaves_embargoed_items_out_until_the_lift(embargoed, clock):
    public = create_release(title="Public news")
    issue = NewsletterIssue.objects.create(subject="Weekly", language="en")
    for order, page in enumerate((embargoed, public)):
        NewsletterIssueItem.objects.create(issue=issue, page=page, sort_order=order)
    assert [entry["title"] for entry in issue.entries()] == ["Public news"]
    clock.tick(LIFT)
    titles = [entry["title"] for entry in issue.entries()]
    assert titles == ["Zanzibar summit communique", "Public news"]


def test_a_preview_does_not_reveal_an_embargoed_related_release(embargoed, client):
    """A preview token shows the draft previewed, not what it links to under
    embargo."""
    from wagtail_headless_preview.models import PagePreview

    draft = create_release(title="Draft linking", related=[embargoed], publish=False)
    preview = draft.create_page_preview()
    preview.save()
    query = """query($t: String!) { page(token: $t) { ... on PressReleasePage {
      related { id } } } }"""
    data = graphql(client, query, {"t": preview.token})
    assert data["page"]["related"] == []
    assert PagePreview.objects.filter(token=preview.token).exists()


def test_editing_the_lift_time_moves_the_lift(readers, embargoed, clock):
    later = embargoed.embargoed_until + datetime.timedelta(hours=1)
    publish_under_embargo(embargoed, later)
    clock.tick(LIFT)
    tick()
    assert not paths_seen(readers["anonymous"], embargoed)["byId"]
    clock.tick(datetime.timedelta(hours=1))
    tick()
    assert paths_seen(readers["anonymous"], embargoed)["byId"]


def test_lifts_happen_without_the_tick_for_reads(readers, embargoed, clock):
    """Reads follow the clock; the tick announces (webhooks, cache)."""
    clock.tick(LIFT)
    assert paths_seen(readers["anonymous"], embargoed)["pressReleases"]


def test_a_redirect_to_an_embargoed_release_waits_for_the_lift(
    readers, embargoed, clock
):
    """grapple's redirects: the old path of a release under embargo names it."""
    from wagtail.contrib.redirects.models import Redirect

    Redirect.objects.create(old_path="/en/summit-draft", redirect_page=embargoed)
    query = "{ redirects { oldPath page { id } } }"
    for kind in READERS:
        found = graphql(readers[kind], query)["redirects"]
        expected = [{"oldPath": "/en/summit-draft", "page": {"id": str(embargoed.pk)}}]
        assert found == (expected if kind in SEES_EMBARGOED else []), kind

    clock.tick(LIFT)
    tick()
    found = graphql(readers["anonymous"], query)["redirects"]
    assert [redirect["oldPath"] for redirect in found] == ["/en/summit-draft"]


def test_after_the_lift_the_public_sees_the_release_published_at_the_lift(
    readers, embargoed, clock
):
    """firstPublishedAt and lastPublishedAt (the portal's sitemap reads the
    latter): when the accredited journalists got the release is theirs to know."""
    published_at = embargoed.first_published_at
    lift = embargoed.embargoed_until
    clock.tick(LIFT + datetime.timedelta(minutes=5))
    tick()
    query = """query($id: ID) { page(id: $id) { firstPublishedAt lastPublishedAt }
      pages(contentType: "newsroom.PressReleasePage", order: "-id", limit: 1) {
        firstPublishedAt } }"""
    for kind in READERS:
        data = graphql(readers[kind], query, {"id": str(embargoed.pk)})
        seen = {
            datetime.datetime.fromisoformat(value)
            for value in (*data["page"].values(), data["pages"][0]["firstPublishedAt"])
        }
        assert seen == {published_at if kind in SEES_EMBARGOED else lift}, kind
