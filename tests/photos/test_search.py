"""Search finds galleries and photos (issue 19): galleries by their words and
their photos' captions and credits, photos by caption and credit, in both
languages, narrowed by the gallery's people and topics; never a photo of a
gallery the reader may not see (unpublished, embargoed), not even in a count."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests.factories import PersonFactory, TopicFactory

from .conftest import make_asset, make_gallery

pytestmark = pytest.mark.django_db

SEARCH = """query($query: String, $locale: LanguageCode, $types: [SearchType!],
  $topics: [String!], $people: [String!]) {
  search(query: $query, locale: $locale, types: $types, topics: $topics,
         people: $people, perPage: 50) {
    items { type title url locale snippet
      object { __typename
        ... on GalleryPage { slug }
        ... on GalleryPhoto { id caption credit gallery { slug } } } }
    facets { types { value count } } } }"""


@pytest.fixture
def search(gql):
    def run(query: str, **arguments) -> dict:
        answer = gql(SEARCH, {"query": query, **arguments})
        assert "errors" not in answer, answer
        return answer["data"]["search"]

    return run


def found(result) -> list[tuple[str, str]]:
    return [
        (
            item["type"],
            item["object"].get("slug") or item["object"]["gallery"]["slug"],
        )
        for item in result["items"]
    ]


def counts(result) -> dict[str, int]:
    return {facet["value"]: facet["count"] for facet in result["facets"]["types"]}


def test_galleries_and_photos_are_found_by_caption_and_credit(search):
    make_gallery(
        "Wombat summit", [make_asset(), make_asset()], captions=["Quokkas", "Other"]
    )
    result = search("quokkas", locale="en")
    assert ("photo", "wombat-summit") in found(result)
    assert ("gallery", "wombat-summit") in found(result)
    photo = next(item for item in result["items"] if item["type"] == "photo")
    assert photo["object"]["caption"] == "Quokkas"
    assert photo["url"] and "wombat-summit" in photo["url"]
    assert "<mark>Quokkas</mark>" in photo["snippet"]
    assert counts(result)["photo"] == 1
    by_credit = search("NATO", locale="en", types=["photo"])
    assert ("photo", "wombat-summit") in found(by_credit)


def test_each_language_finds_its_own_words(search):
    make_gallery("Platypus visit", [make_asset()], captions=["Platypus landing"])
    make_gallery(
        "Visite de l'ornithorynque",
        [make_asset()],
        language="fr",
        captions=["Arrivée de l'ornithorynque"],
    )
    english = search("platypus", locale="en", types=["photo", "gallery"])
    french = search("ornithorynque", locale="fr", types=["photo", "gallery"])
    assert {kind for kind, _slug in found(english)} == {"photo", "gallery"}
    assert {kind for kind, _slug in found(french)} == {"photo", "gallery"}
    assert all(item["locale"] == "fr" for item in french["items"])


def test_galleries_are_narrowed_by_people_and_topics(search):
    topic, person = TopicFactory(), PersonFactory()
    make_gallery("Echidna tagged", [make_asset()], topics=[topic], people=[person])
    make_gallery("Echidna untagged", [make_asset()])
    by_topic = search("echidna", locale="en", topics=[topic.slug])
    assert found(by_topic) == [("gallery", "echidna-tagged")]
    by_person = search("echidna", locale="en", people=[person.slug])
    assert found(by_person) == [("gallery", "echidna-tagged")]


def test_photos_of_hidden_galleries_are_never_found(client, search):
    from tests.embargo.conftest import accredit, make_user

    lift = timezone.now() + datetime.timedelta(hours=2)
    make_gallery("Embargoed bandicoot", [make_asset()], embargoed_until=lift)
    gone = make_gallery("Unpublished bandicoot", [make_asset()])
    gone.unpublish()
    result = search("bandicoot", locale="en")
    assert found(result) == []
    assert "photo" not in counts(result) and "gallery" not in counts(result)
    reader = make_user("bandicoot@example.com")
    accredit(reader)
    client.force_login(reader)
    result = search("bandicoot", locale="en")
    assert sorted(found(result)) == [
        ("gallery", "embargoed-bandicoot"),
        ("photo", "embargoed-bandicoot"),
    ]
