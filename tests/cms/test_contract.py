"""The schema contract a normalised client cache (Apollo's InMemoryCache, urql's
graphcache) relies on: ``__typename:id`` names one thing, lists hold no nulls,
closed sets are enums, one failing root field leaves the others' data, and a
page's urlPath leads back to it."""

from __future__ import annotations

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLUnionType,
    get_named_type,
    validate_schema,
)
from grapple.schema import schema

from newsroom.models import Person, Topic
from tests.conftest import error_codes
from tests.factories import create_release
from tests.newsroom.test_translation import translate_everything
from videos.models import VideoAsset, VideoIndexPage, VideoPage, VideoRendition

pytestmark = pytest.mark.django_db

SEED_RELEASES = {
    "en": "secretary-general-meets-vjosa-osmani",
    "fr": "le-secretaire-general-recoit-vjosa-osmani",
}
SEED_VIDEOS = {code: f"{slug}-video" for code, slug in SEED_RELEASES.items()}

RELEASE = """
query ContractRelease($slug: String!, $locale: LanguageCode) {
  pressRelease(slug: $slug, locale: $locale) {
    __typename id title locale urlPath
    body {
      __typename id field rawValue
      ... on RichTextBlock { value }
      ... on HeadingBlock { text blocks { __typename id rawValue } }
      ... on KeyFigureBlock { figure description blocks { __typename id rawValue } }
      ... on QuoteBlock {
        text
        blocks { __typename id rawValue }
        speaker { __typename id name locale }
      }
    }
    people {
      __typename id role
      position { __typename id title organisation }
      person {
        __typename id name locale
        positions { __typename id title organisation }
      }
    }
    topics { __typename id name slug locale }
    related { __typename id title }
    translations { __typename id locale title slug }
  }
}"""

VIDEO = """
query ContractVideo($slug: String!, $locale: LanguageCode) {
  video(slug: $slug, locale: $locale) {
    __typename id title locale status duration
    renditions { __typename id name width height sizeBytes duration }
    shotlist { __typename id start end description }
    soundbites { __typename id text speaker { __typename id name locale } }
    subtitles { __typename id locale }
    people { __typename id role person { __typename id name locale } }
    topics { __typename id name locale }
    translations { __typename id locale title }
  }
}"""


def normalise(answer, store: dict, conflicts: list) -> None:
    """What a normalised cache does with an answer: every object with a
    ``__typename`` and an ``id`` is stored under ``Type:id``, field by field. A
    field stored twice under one key with two values is a conflict: a client
    would show one object's value for the other."""
    if isinstance(answer, list):
        for item in answer:
            normalise(item, store, conflicts)
        return
    if not isinstance(answer, dict):
        return
    if "__typename" in answer and "id" in answer:
        assert answer["id"] is not None, answer
        key = f"{answer['__typename']}:{answer['id']}"
        fields = store.setdefault(key, {})
        for name, value in answer.items():
            if isinstance(value, dict | list):
                continue
            if name in fields and fields[name] != value:
                conflicts.append((key, name, fields[name], value))
            fields[name] = value
    for value in answer.values():
        normalise(value, store, conflicts)


@pytest.fixture
def translated_release(django_capture_on_commit_callbacks):
    """A release with every kind of block, translated through wagtail-localize:
    the French variant keeps the English block ids."""
    person = Person.objects.get(slug="vjosa-osmani", locale__language_code="en")
    topic = Topic.objects.get(slug="kfor", locale__language_code="en")
    body = [
        {"type": "paragraph", "value": "<p>Talks in Brussels.</p>"},
        {"type": "heading", "value": {"text": "What was said"}},
        {"type": "quote", "value": {"text": "We talked.", "speaker": person.pk}},
        {"type": "quote", "value": {"text": "We agreed.", "speaker": person.pk}},
        {
            "type": "key_figure",
            "value": {"figure": "93", "description": "soldiers injured"},
        },
    ]
    en = create_release(
        title="Talks in Brussels", people=[person], topics=[topic], body=body
    )
    fr = translate_everything(
        en, "fr", "[FR]", django_capture_on_commit_callbacks
    ).specific
    assert [b.id for b in fr.body] == [b.id for b in en.body]  # the premise
    return en, fr


@pytest.fixture
def second_video(db) -> VideoPage:
    """Another video with a rendition of the same name (180p) as the demo's."""
    asset = VideoAsset.objects.create(title="Second video", master="second.mp4")
    VideoAsset.objects.filter(pk=asset.pk).update(
        status=VideoAsset.Status.READY, duration=3.0
    )
    VideoRendition.objects.create(
        asset=asset,
        name="180p",
        width=320,
        height=180,
        size_bytes=12345,
        duration=3.0,
        file="second-180p.mp4",
    )
    library = VideoIndexPage.objects.get(locale__language_code="en")
    video = VideoPage(title="Second video", slug="second-video", asset=asset)
    library.add_child(instance=video)
    video.save_revision().publish()
    return video


def test_one_cache_key_names_one_thing(gql, translated_release, second_video):
    en, fr = translated_release
    answers = [
        gql(RELEASE, {"slug": en.slug, "locale": "en"}),
        gql(RELEASE, {"slug": fr.slug, "locale": "fr"}),
        gql(VIDEO, {"slug": second_video.slug}),
    ]
    for code in ("en", "fr"):
        answers.append(gql(RELEASE, {"slug": SEED_RELEASES[code], "locale": code}))
        answers.append(gql(VIDEO, {"slug": SEED_VIDEOS[code], "locale": code}))
    store: dict = {}
    conflicts: list = []
    for answer in answers:
        assert "errors" not in answer, answer["errors"]
        normalise(answer["data"], store, conflicts)
    assert conflicts == []
    # The blocks were really loaded in both languages, under different keys.
    paragraphs = [k for k in store if k.startswith("RichTextBlock:")]
    assert len(paragraphs) >= 4
    renditions = [k for k in store if k.startswith("RenditionType:")]
    assert len(renditions) == 3  # 180p and 144p of the demo, 180p of the second
    nested = [k for k in store if k.startswith(("TextBlock:", "CharBlock:"))]
    assert len(nested) == len(set(nested)) >= 8


def test_ids_are_stable_across_requests(gql, translated_release):
    en, _fr = translated_release
    first = gql(RELEASE, {"slug": en.slug})["data"]
    assert gql(RELEASE, {"slug": en.slug})["data"] == first
    block = first["pressRelease"]["body"][0]
    assert block["id"] == f"{en.pk}:{en.body[0].id}"
    quote = first["pressRelease"]["body"][2]
    assert [child["id"] for child in quote["blocks"]] == [
        f"{en.pk}:{en.body[2].id}/text",
        f"{en.pk}:{en.body[2].id}/speaker",
    ]


def test_a_preview_does_not_share_keys_with_the_live_page(gql, translated_release):
    en, _fr = translated_release
    live = gql(RELEASE, {"slug": en.slug})["data"]["pressRelease"]
    en.body[0].value.source = "<p>Draft words.</p>"
    preview = en.save_revision().as_object().create_page_preview()
    previewed = gql(
        """query Preview($t: String) { page(token: $t) {
          ... on PressReleasePage {
            body { __typename id ... on RichTextBlock { value } }
            people { __typename id role }
          }
        } }""",
        {"t": preview.token},
    )["data"]["page"]
    store: dict = {}
    conflicts: list = []
    normalise([live, previewed], store, conflicts)
    assert conflicts == []
    assert previewed["body"][0]["id"] == f"{en.pk}-preview:{en.body[0].id}"


# --- Types ------------------------------------------------------------------------

# grapple's stock types we do not reshape (images, collections, documents, sites).
STOCK = {"CollectionObjectType", "ImageObjectType", "DocumentObjectType", "Query"}


def _object_types():
    for name, graphql_type in schema.graphql_schema.type_map.items():
        if not name.startswith("__") and isinstance(
            graphql_type, GraphQLObjectType | GraphQLInterfaceType
        ):
            yield name, graphql_type


def test_the_schema_is_valid():
    # Object types agree with their interfaces (e.g. every page's id is ID!).
    assert validate_schema(schema.graphql_schema) == []


def test_every_id_is_non_null():
    nullable = [
        f"{name}.id"
        for name, graphql_type in _object_types()
        if "id" in graphql_type.fields and str(graphql_type.fields["id"].type) != "ID!"
    ]
    assert nullable == []


def test_lists_hold_no_nulls():
    def nullable_items(graphql_type) -> bool:
        if isinstance(graphql_type, GraphQLNonNull):
            graphql_type = graphql_type.of_type
        return isinstance(graphql_type, GraphQLList) and not isinstance(
            graphql_type.of_type, GraphQLNonNull
        )

    found = [
        f"{name}.{field_name}"
        for name, graphql_type in _object_types()
        if name not in STOCK
        for field_name, field in graphql_type.fields.items()
        if nullable_items(field.type)
    ]
    assert found == []


def test_closed_sets_are_enums_and_dates_are_dates():
    languages = {"locale", "language", "preferredLanguage"}
    wrong = []
    for name, graphql_type in _object_types():
        for field_name, field in graphql_type.fields.items():
            for argument_name, argument in field.args.items():
                kind = get_named_type(argument.type).name
                if argument_name in languages and kind != "LanguageCode":
                    wrong.append(f"{name}.{field_name}({argument_name}: {kind})")
                if argument_name in ("dateFrom", "dateTo") and kind != "Date":
                    wrong.append(f"{name}.{field_name}({argument_name}: {kind})")
            if field_name in ("locale", "status", "type"):
                if not isinstance(get_named_type(field.type), GraphQLEnumType):
                    wrong.append(f"{name}.{field_name}")
    assert wrong == []
    types = schema.graphql_schema.type_map
    assert list(types["LanguageCode"].values) == ["en", "fr"]
    assert set(types["SearchType"].values) == {
        "pressRelease",
        "video",
        "gallery",
        "photo",
        "person",
        "topic",
    }
    # One name per concept: a block's type is its __typename.
    assert "blockType" not in types["StreamFieldInterface"].fields


def test_no_orphan_types():
    """Every named type can be reached from Query or Mutation."""
    graphql_schema = schema.graphql_schema
    seen: set = set()
    todo = [graphql_schema.query_type, graphql_schema.mutation_type]
    while todo:
        graphql_type = get_named_type(todo.pop())
        if graphql_type is None or graphql_type.name in seen:
            continue
        seen.add(graphql_type.name)
        if isinstance(graphql_type, GraphQLObjectType | GraphQLInterfaceType):
            for field in graphql_type.fields.values():
                todo.append(field.type)
                todo.extend(argument.type for argument in field.args.values())
            todo.extend(getattr(graphql_type, "interfaces", ()))
        if isinstance(graphql_type, GraphQLInterfaceType | GraphQLUnionType):
            todo.extend(graphql_schema.get_possible_types(graphql_type))
        if isinstance(graphql_type, GraphQLInputObjectType):
            todo.extend(field.type for field in graphql_type.fields.values())
    named = {n for n in graphql_schema.type_map if not n.startswith("__")}
    builtin = {"String", "Boolean"}
    assert named - seen - builtin == set()
    assert "VideoShot" not in named and "PersonPosition" not in named


# --- Errors and partial data -------------------------------------------------------


def test_one_failing_root_field_leaves_the_others(gql):
    answer = gql(
        """query TopicsAndReleases {
          topics(locale: en) { slug }
          pressReleases(perPage: 1000) { items { id } }
          videos(topic: "no-such-topic") { items { id } }
        }"""
    )
    assert answer["data"]["topics"]
    assert answer["data"]["pressReleases"] is None
    assert answer["data"]["videos"] is None
    assert sorted(error_codes(answer)) == ["INVALID_ARGUMENT", "UNKNOWN_TOPIC"]
    assert {tuple(e["path"]) for e in answer["errors"]} == {
        ("pressReleases",),
        ("videos",),
    }


def test_root_fields_with_arguments_are_nullable():
    query = schema.graphql_schema.query_type
    required = [
        name
        for name, field in query.fields.items()
        if field.args and isinstance(field.type, GraphQLNonNull)
    ]
    assert required == []


def test_a_failing_stock_list_leaves_the_others(gql):
    answer = gql(
        """query TopicsAndPages($order: String) {
          topics(locale: en) { slug }
          pages(order: $order) { id }
        }""",
        {"order": "no_such_field"},
    )
    assert answer["data"]["topics"]
    assert answer["data"]["pages"] is None
    assert [e["path"] for e in answer["errors"]] == [["pages"]]


def test_an_unknown_language_is_the_same_mistake_everywhere(gql):
    bad = [
        ("query($l: LanguageCode) { topics(locale: $l) { slug } }", {"l": "de"}),
        (
            "mutation($l: LanguageCode!) "
            '{ subscribeNewsletter(email: "a@example.org", language: $l) { ok } }',
            {"l": "de"},
        ),
        ('{ pressReleases(locale: "fr") { items { id } } }', {}),
    ]
    for query, variables in bad:
        answer = gql(query, variables, status=None)
        assert error_codes(answer) == ["GRAPHQL_VALIDATION_FAILED"], answer


def test_an_unknown_topic_is_the_same_mistake_everywhere(gql):
    queries = [
        '{ pressReleases(topic: "nope") { items { id } } }',
        '{ videos(topic: "nope") { items { id } } }',
        '{ search(query: "kfor", topics: ["nope"]) { items { title } } }',
        'mutation { subscribeNewsletter(email: "a@example.org", language: en, '
        'topics: ["nope"]) { ok } }',
    ]
    for query in queries:
        assert error_codes(gql(query)) == ["UNKNOWN_TOPIC"], query


# --- URLs ---------------------------------------------------------------------------


def test_url_path_leads_back_to_the_page(gql):
    pages = gql("""query Pages { pages(limit: 100) { __typename id urlPath } }""")[
        "data"
    ]["pages"]
    assert pages
    for page in pages:
        assert page["urlPath"].startswith(("/en/", "/fr/")), page
        found = gql(
            "query ByPath($p: String) { page(urlPath: $p) { __typename id } }",
            {"p": page["urlPath"]},
        )["data"]["page"]
        assert found == {"__typename": page["__typename"], "id": page["id"]}


# --- The language of messages --------------------------------------------------------

PAGE_ZERO = "query PageZero { pressReleases(page: 0) { items { id } } }"


def _message(client, **headers) -> str:
    response = client.post(
        "/graphql/",
        {"query": PAGE_ZERO},
        content_type="application/json",
        **headers,
    )
    return response.json()["errors"][0]["message"]


def test_messages_follow_accept_language_when_signed_out(client):
    assert (
        _message(client, HTTP_ACCEPT_LANGUAGE="fr")
        == "page doit être supérieur ou égal à 1."
    )
    assert _message(client, HTTP_ACCEPT_LANGUAGE="en") == "page must be 1 or more."


def test_messages_follow_the_account_language_when_signed_in(client):
    from accounts.models import User

    user = User.objects.create_user("reader@example.org", "Long-Enough-Pass-2026!")
    user.preferred_language = "fr"
    user.save()
    client.force_login(user)
    assert (
        _message(client, HTTP_ACCEPT_LANGUAGE="en")
        == "page doit être supérieur ou égal à 1."
    )
    user.preferred_language = "en"
    user.save()
    assert _message(client, HTTP_ACCEPT_LANGUAGE="fr") == "page must be 1 or more."
