"""An attacker's review of the anonymous read path's shortcuts (issue 17): the
known-read lane (cms/graphql/views.py), the one-round-trip hit (cache.py) and the
per-item node cache (nodes.py). Each test is a way one of them could answer what
the full way would refuse, or show what it must not."""

import json

import pytest
from django.test import override_settings
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from cms.graphql import cache, views
from tests.conftest import response_cache_key

pytestmark = [pytest.mark.django_db]

QUERY = "{ pressReleases(locale: en, perPage: 2) { items { title } } }"


@pytest.fixture(autouse=True)
def cache_on():
    with override_settings(GRAPHQL_CACHE_ENABLED=True, GRAPHQL_NODE_CACHE=True):
        yield


def post(client, body, path="/graphql/", **headers):
    return client.post(path, body, content_type="application/json", **headers)


# --- the known-read lane answers nothing the full way refuses ---------------------


def test_a_post_made_too_large_by_its_query_string_is_refused_when_known(client):
    """The full way counts the query string in a request's size (check_request):
    a read seen before, sent again with a padded URL, is a 413 too, not a hit."""
    body = json.dumps({"query": QUERY})
    limit = len(body) + 100
    with override_settings(GRAPHQL_MAX_REQUEST_BYTES=limit):
        assert post(client, body)["X-Cache"] == "MISS"
        assert post(client, body)["X-Cache"] == "HIT"
        padded = post(client, body, path="/graphql/?pad=" + "x" * limit)
        assert padded.status_code == 413
        assert padded.json()["errors"][0]["extensions"]["code"] == "REQUEST_TOO_LARGE"


def test_a_get_made_too_large_by_its_content_length_is_refused_when_known(client):
    url = "/graphql/?" + "query=" + QUERY.replace(" ", "+")
    with override_settings(GRAPHQL_MAX_REQUEST_BYTES=len(url) + 100):
        assert client.get(url)["X-Cache"] == "MISS"
        assert client.get(url)["X-Cache"] == "HIT"
        padded = client.get(url, CONTENT_LENGTH=str(len(url) + 200))
        assert padded.status_code == 413
        bad = client.get(url, CONTENT_LENGTH="many")
        assert bad.status_code == 400


def test_the_memo_of_known_reads_keeps_no_query_text_it_does_not_need(client):
    """A read seen before keeps its query only to register it again as a
    persisted query (sent with its hash): a stream of distinct large reads (a
    long comment each) fills no process memory with their texts."""
    for number in range(3):
        padded = QUERY + "\n# " + f"{number}" * 50_000
        assert post(client, json.dumps({"query": padded})).status_code == 200
    held = [known[2] for known in views._known_reads.values()]
    assert len(held) == 3 and held == [None, None, None]


# --- privacy changes are never answered stale ----------------------------------------


def test_an_image_moved_into_a_private_collection_is_never_served_stale(
    client, django_capture_on_commit_callbacks
):
    """An image's collection decides who may list it (cms/graphql/stock.py): moving
    it into a collection with a view restriction is a privacy change, so no
    reader gets the answer that still lists it, even while another process
    recomputes that answer (when a soft change is answered stale)."""
    image = get_image_model().objects.first()
    root = Collection.get_first_root_node()
    with django_capture_on_commit_callbacks(execute=True):
        private = root.add_child(name="Restricted briefings")
        CollectionViewRestriction.objects.create(
            collection=private, restriction_type="password", password="s3cret-enough"
        )
    query = '{ image(id: "%d") { id } images(id: "%d") { id } }' % (image.pk, image.pk)

    def ids():
        data = post(client, json.dumps({"query": query})).json()["data"]
        return [item["id"] for item in [data["image"], *data["images"]] if item]

    assert str(image.pk) in ids()
    assert post(client, json.dumps({"query": query}))["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        image.collection = private
        image.save()
    key = response_cache_key(query)
    assert cache.acquire(key)  # another process is recomputing the answer
    try:
        assert str(image.pk) not in ids()
    finally:
        cache.release(key)
    assert str(image.pk) not in ids()
