"""The photo galleries' GraphQL (issue 19): ``galleries`` with the list filters,
``gallery(slug, locale)``, photos with their words and metadata and a ``srcSet``
over the allowed widths (WebP, AVIF where Pillow has it), embargo rules like the
releases', constant SQL for the lists, and the response cache's dependencies."""

from __future__ import annotations

import datetime
import itertools
import json

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import features

from cms.graphql import cache
from tests.conftest import error_codes
from tests.factories import PersonFactory, TopicFactory

from .conftest import make_asset, make_gallery

pytestmark = pytest.mark.django_db
_galleries = itertools.count()

PHOTO_FIELDS = """id caption credit copyright usageTerms restrictions dateTaken place
  width height format sizeBytes downloadFormat alt srcSet
  webp: srcSet(format: WEBP) image { url width }"""
GALLERIES = f"""{{ galleries(locale: en, perPage: 50) {{
  items {{ title slug date place summary embargoedUntil
    people {{ person {{ name }} }} topics {{ slug }} related {{ title }}
    relatedVideos {{ title }}
    cover {{ id }} photoCount
    photos {{ {PHOTO_FIELDS} }} }}
  pagination {{ total }} }} }}"""


def post(client, query: str, variables: dict | None = None) -> dict:
    response = client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
    )
    return response.json()


def galleries(client, query: str = GALLERIES) -> list[dict]:
    answer = post(client, query)
    assert "errors" not in answer, answer
    return answer["data"]["galleries"]["items"]


def test_a_gallery_lists_its_photos_in_order_with_their_words(client):
    first = make_asset("Arrival", date_taken=timezone.now() - datetime.timedelta(1))
    second = make_asset("Handshake", size=(1400, 900))
    make_gallery("Summit arrivals", [first, second], captions=["Arrival", "Hands"])
    items = galleries(client)
    gallery = next(g for g in items if g["slug"] == "summit-arrivals")
    assert [p["caption"] for p in gallery["photos"]] == ["Arrival", "Hands"]
    assert gallery["photoCount"] == 2
    assert gallery["cover"]["id"] == gallery["photos"][0]["id"]
    photo = gallery["photos"][1]
    assert photo["credit"] == "NATO" and photo["copyright"] == "© NATO"
    assert photo["usageTerms"] == "Editorial use only."
    assert photo["restrictions"] == "No cropping."
    assert (photo["width"], photo["height"], photo["format"]) == (1400, 900, "JPEG")
    assert photo["downloadFormat"] == "ORIGINAL" and photo["place"] == "Pristina"
    assert gallery["photos"][0]["dateTaken"] is not None


def test_src_set_has_the_allowed_widths_up_to_the_web_copy(client):
    make_gallery("Small pictures", [make_asset("Small", size=(700, 500))])
    gallery = next(g for g in galleries(client) if g["slug"] == "small-pictures")
    photo = gallery["photos"][0]
    widths = [part.split()[1] for part in photo["srcSet"].split(", ")]
    assert widths == ["320w", "640w"]  # never scaled up past 700
    assert all(part.split()[0].endswith(".webp") for part in photo["webp"].split(", "))


@pytest.mark.skipif(not features.check("avif"), reason="Pillow without AVIF")
def test_src_set_in_avif(client):
    make_gallery("Avif pictures", [make_asset("Avif", size=(400, 300))])
    query = (
        '{ gallery(slug: "avif-pictures", locale: en) '
        "{ photos { srcSet(format: AVIF) } } }"
    )
    answer = post(client, query)
    src_set = answer["data"]["gallery"]["photos"][0]["srcSet"]
    assert src_set.split()[0].endswith(".avif") and src_set.endswith("320w")


def test_filters_by_topic_person_and_dates(client):
    topic, person = TopicFactory(), PersonFactory()
    now = timezone.now()
    make_gallery("Tagged", [make_asset()], topics=[topic], people=[person])
    make_gallery("Old one", [make_asset()], date=now - datetime.timedelta(days=400))

    def slugs(arguments: str) -> list[str]:
        answer = post(
            client, f"{{ galleries(locale: en, {arguments}) {{ items {{ slug }} }} }}"
        )
        assert "errors" not in answer, answer
        return [g["slug"] for g in answer["data"]["galleries"]["items"]]

    assert slugs(f'topic: "{topic.slug}"') == ["tagged"]
    assert slugs(f'person: "{person.slug}"') == ["tagged"]
    old = timezone.localdate(now - datetime.timedelta(days=400)).isoformat()
    assert slugs(f'dateFrom: "{old}", dateTo: "{old}"') == ["old-one"]
    answer = post(client, '{ galleries(topic: "no-such-topic") { items { slug } } }')
    assert error_codes(answer) == ["UNKNOWN_TOPIC"]


def test_gallery_by_slug_in_each_language(client):
    make_gallery("English gallery", [make_asset()])
    make_gallery("Galerie française", [make_asset()], language="fr")
    answer = post(
        client,
        '{ en: gallery(slug: "english-gallery", locale: en) { title locale } '
        'fr: gallery(slug: "galerie-francaise", locale: fr) { title locale } '
        'none: gallery(slug: "english-gallery", locale: fr) { title } }',
    )
    assert answer["data"]["en"] == {"title": "English gallery", "locale": "en"}
    assert answer["data"]["fr"] == {"title": "Galerie française", "locale": "fr"}
    assert answer["data"]["none"] is None


def count_queries(client, query: str) -> tuple[int, dict]:
    post(client, query)  # the renditions are made on the first answer
    with CaptureQueriesContext(connection) as captured:
        answer = post(client, query)
    assert "errors" not in answer, answer
    return len(captured), answer["data"]


def add_galleries(number: int) -> None:
    topic, person = TopicFactory(), PersonFactory()
    for _ in range(number):
        n = next(_galleries)
        assets = [make_asset(f"Photo {n}-{k}", size=(500, 400)) for k in range(3)]
        make_gallery(f"Gallery {n}", assets, topics=[topic], people=[person])


def test_the_galleries_list_costs_the_same_sql_at_two_sizes(client):
    add_galleries(2)
    small, data = count_queries(client, GALLERIES)
    assert data["galleries"]["pagination"]["total"] >= 2
    add_galleries(6)
    large, more = count_queries(client, GALLERIES)
    photos = sum(len(g["photos"]) for g in more["galleries"]["items"])
    assert photos >= 24
    assert small == large, (small, large)


# --- Embargo --------------------------------------------------------------------------


@pytest.fixture
def embargoed(db):
    lift = timezone.now() + datetime.timedelta(hours=3)
    return make_gallery("Secret summit", [make_asset("Secret")], embargoed_until=lift)


def test_an_embargoed_gallery_is_nobodys_but_the_accredited(client, embargoed):
    from tests.embargo.conftest import accredit, make_user

    list_query = "{ galleries(locale: en, perPage: 50) { items { slug } } }"
    detail = (
        '{ gallery(slug: "secret-summit", locale: en) '
        "{ slug embargoedUntil embargoTimeZone photos { caption } } }"
    )
    for who in ("anonymous", "signed in"):
        if who == "signed in":
            client.force_login(make_user("plain@example.com"))
        slugs = [
            g["slug"] for g in post(client, list_query)["data"]["galleries"]["items"]
        ]
        assert "secret-summit" not in slugs
        assert post(client, detail)["data"]["gallery"] is None
    reader = make_user("press@example.com")
    accredit(reader)
    client.force_login(reader)
    slugs = [g["slug"] for g in post(client, list_query)["data"]["galleries"]["items"]]
    assert "secret-summit" in slugs
    gallery = post(client, detail)["data"]["gallery"]
    assert gallery["embargoedUntil"] is not None
    assert gallery["embargoTimeZone"] == "Europe/Brussels"
    assert gallery["photos"][0]["caption"] == "Secret summit, photo 1"


# --- The response cache -----------------------------------------------------------


def test_a_new_gallery_reaches_the_cached_list(
    client, django_capture_on_commit_callbacks
):
    query = "{ galleries(locale: en) { items { slug photos { caption } } } }"
    with override_settings(GRAPHQL_CACHE_ENABLED=True):
        with django_capture_on_commit_callbacks(execute=True):
            cache.invalidate()
        first = post(client, query)
        assert post(client, query) == first  # cached
        with django_capture_on_commit_callbacks(execute=True):
            make_gallery("Brand new gallery", [make_asset()])
        slugs = [g["slug"] for g in post(client, query)["data"]["galleries"]["items"]]
        assert "brand-new-gallery" in slugs


def test_a_web_copy_is_listed_only_once_a_visible_gallery_shows_it(client, embargoed):
    """grapple's image and images: the web copy of a photo under embargo (or in
    no published gallery) is nobody's but the accredited's either."""
    from tests.embargo.conftest import accredit, make_user

    hidden = embargoed.photos.get().asset.image_id
    unused = make_asset("Not in any gallery").image_id
    shown = make_gallery("Public one", [make_asset()]).photos.get().asset.image_id
    query = (
        f'{{ images(limit: 100, order: "-id") {{ id }} '
        f"one: image(id: {hidden}) {{ id }} }}"
    )

    def listed() -> tuple[set[int], object]:
        data = post(client, query)["data"]
        return {int(image["id"]) for image in data["images"]}, data["one"]

    ids, one = listed()
    assert shown in ids and hidden not in ids and unused not in ids and one is None
    reader = make_user("images@example.com")
    accredit(reader)
    client.force_login(reader)
    ids, one = listed()
    assert hidden in ids and unused not in ids and one == {"id": str(hidden)}


def test_a_photo_files_metadata_edited_reaches_the_cached_answers(
    client, django_capture_on_commit_callbacks
):
    asset = make_asset("Edited later", place="Mons")
    query = (
        '{ gallery(slug: "edited-gallery", locale: en) { photos { place } } '
        "galleries(locale: en) { items { photos { place } } } }"
    )

    def answer(expected_cache: str) -> dict:
        for _ in range(3):  # a stale answer may be served while one is made
            response = client.post(
                "/graphql/",
                json.dumps({"query": query}),
                content_type="application/json",
            )
            if response["X-Cache"] != "STALE":
                break
        assert response["X-Cache"] == expected_cache
        return response.json()["data"]

    with override_settings(GRAPHQL_CACHE_ENABLED=True):
        with django_capture_on_commit_callbacks(execute=True):
            make_gallery("Edited gallery", [asset])
        assert answer("MISS")["gallery"]["photos"][0]["place"] == "Mons"
        assert answer("HIT")["gallery"]["photos"][0]["place"] == "Mons"
        with django_capture_on_commit_callbacks(execute=True):
            asset.place = "Casteau"
            asset.save()
        data = answer("MISS")
        assert data["gallery"]["photos"][0]["place"] == "Casteau"
        places = [p["place"] for g in data["galleries"]["items"] for p in g["photos"]]
        assert "Casteau" in places and "Mons" not in places
