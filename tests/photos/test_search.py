"""Search finds galleries and photos (issue 19): galleries by their words and
their photos' captions and credits, photos by caption and credit, in both
languages, and both by the gallery's people and topics (their names, and the
``topics``/``people`` filters); never a photo of a gallery the reader may not see
(unpublished, embargoed, private), not even in a count."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from photos.models import GalleryPerson
from tests.factories import PersonFactory, TopicFactory, locale

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
    def run(query: str | None = None, **arguments) -> dict:
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
    both = [("gallery", "echidna-tagged"), ("photo", "echidna-tagged")]
    by_topic = search("echidna", locale="en", topics=[topic.slug])
    assert sorted(found(by_topic)) == both
    by_person = search("echidna", locale="en", people=[person.slug])
    assert sorted(found(by_person)) == both


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


def test_photos_are_found_by_their_gallerys_people_and_topics(search):
    """A photo's own words say little ("Arrival"): its gallery's people and
    topics find it, by their names, in each language."""
    topic = TopicFactory(name="Quolltopia")
    person = PersonFactory(name="Wilhelmina Numbat")
    make_gallery(
        "Arrival of the delegation",
        [make_asset()],
        topics=[topic],
        people=[person],
        captions=["Arrival"],
    )
    for words in ("quolltopia", "numbat"):
        result = search(words, locale="en", types=["photo"])
        assert found(result) == [("photo", "arrival-of-the-delegation")], words
    sujet = TopicFactory(name="Bilbyologie", slug="bilbyologie", locale=locale("fr"))
    personne = PersonFactory(
        name="Anatole Wallaby", slug="anatole-wallaby", locale=locale("fr")
    )
    make_gallery(
        "Arrivée de la délégation",
        [make_asset()],
        language="fr",
        topics=[sujet],
        people=[personne],
        captions=["Arrivée"],
    )
    for words in ("bilbyologie", "wallaby"):
        result = search(words, locale="fr", types=["photo"])
        assert found(result) == [("photo", "arrivee-de-la-delegation")], words
        assert all(item["locale"] == "fr" for item in result["items"])
    assert found(search("wallaby", locale="en", types=["photo"])) == []


def test_photos_are_narrowed_by_their_gallerys_people_and_topics(search):
    topic, person = TopicFactory(), PersonFactory()
    make_gallery("Echidna tagged", [make_asset()], topics=[topic], people=[person])
    make_gallery("Echidna untagged", [make_asset()])
    for arguments in ({"topics": [topic.slug]}, {"people": [person.slug]}):
        result = search("echidna", locale="en", types=["photo"], **arguments)
        assert found(result) == [("photo", "echidna-tagged")], arguments
        assert counts(result) == {"gallery": 1, "photo": 1}


def test_a_person_added_to_a_published_gallery_finds_its_photos(search):
    gallery = make_gallery("Later tagged", [make_asset()], captions=["Arrival"])
    person = PersonFactory(name="Ottoline Potoroo")
    assert found(search("potoroo", locale="en", types=["photo"])) == []
    gallery.gallery_people.add(GalleryPerson(person=person))
    gallery.save_revision().publish()
    assert found(search("potoroo", locale="en", types=["photo"])) == [
        ("photo", "later-tagged")
    ]
    result = search("arrival", locale="en", types=["photo"], people=[person.slug])
    assert found(result) == [("photo", "later-tagged")]


def test_nothing_of_a_hidden_gallery_is_found_by_its_people_or_topics(client, search):
    """Unpublished, embargoed and private galleries: their photos are not found
    by the people's or topics' names, nor by the filters, nor counted."""
    from tests.embargo.conftest import accredit, make_user

    topic = TopicFactory(name="Dunnartology")
    person = PersonFactory(name="Cuthbert Dunnart")
    tags = {"topics": [topic], "people": [person]}
    lift = timezone.now() + datetime.timedelta(hours=2)
    embargoed = make_gallery(
        "Embargoed dunnart", [make_asset()], embargoed_until=lift, **tags
    )
    make_gallery("Unpublished dunnart", [make_asset()], **tags).unpublish()
    private = make_gallery("Private dunnart", [make_asset()], **tags)
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    for arguments in (
        {"query": "dunnartology"},
        {"query": "cuthbert"},
        {"query": "dunnart", "topics": [topic.slug]},
        {"query": "dunnart", "people": [person.slug]},
    ):
        result = search(locale="en", types=["photo", "gallery"], **arguments)
        assert found(result) == [], arguments
        assert not {"photo", "gallery"} & set(counts(result)), arguments
    # An accredited journalist reads the embargoed one, and only that one.
    reader = make_user("dunnart@example.com")
    accredit(reader)
    client.force_login(reader)
    result = search("dunnart", locale="en", types=["photo"], topics=[topic.slug])
    assert found(result) == [("photo", embargoed.slug)]


def test_wagtails_backend_narrows_and_facets_photos_as_the_documents_do(
    gql, monkeypatch
):
    """The other strategy (Wagtail's backend, for Elasticsearch or a database
    without the documents) follows the photo's path to its gallery's topics."""
    from wagtail.search.backends import get_search_backend

    backend_class = type(get_search_backend())
    topic, person = TopicFactory(name="Kowaritology"), PersonFactory()
    make_gallery("Kowari tagged", [make_asset()], topics=[topic], people=[person])
    make_gallery("Kowari untagged", [make_asset()])
    query = """query($topics: [String!], $people: [String!]) {
      search(query: "kowari", locale: en, types: [photo], topics: $topics,
             people: $people) {
        items { type url } facets { types { value count } topics { value count } }
      } }"""
    for variables in ({"topics": [topic.slug]}, {"people": [person.slug]}, {}):
        from_documents = gql(query, variables)
        monkeypatch.setattr(backend_class, "uses_documents", False, raising=False)
        through_wagtail = gql(query, variables)
        monkeypatch.undo()
        assert from_documents == through_wagtail, variables
        assert len(from_documents["data"]["search"]["items"]) == (
            2 if not variables else 1
        )
    assert {"value": topic.slug, "count": 1} in (
        from_documents["data"]["search"]["facets"]["topics"]
    )
