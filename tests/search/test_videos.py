"""Videos in the search: what is said in their soundbites, their shotlists and
their transcripts (the demo video of the 7 September 2023 meeting)."""

import pytest
from django.apps import apps

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not apps.is_installed("videos"), reason="no videos app"),
]

VIDEO_EN = "secretary-general-meets-vjosa-osmani-video"
VIDEO_FR = "le-secretaire-general-recoit-vjosa-osmani-video"

VIDEO_SEARCH = """query($query: String, $locale: LanguageCode, $types: [SearchType!]) {
  search(query: $query, locale: $locale, types: $types) {
    items { type snippet url object { __typename ... on VideoPage { slug } } }
    facets { types { value count } }
  }
}"""


def video_hits(gql, query, **arguments):
    answer = gql(VIDEO_SEARCH, {"query": query, **arguments})
    assert "errors" not in answer, answer
    return [i for i in answer["data"]["search"]["items"] if i["type"] == "video"]


@pytest.mark.parametrize(
    "query, code, slug, marked",
    [
        ("impartially", "en", VIDEO_EN, "impartially"),  # soundbite
        ("handshake", "en", VIDEO_EN, "handshake"),  # shotlist
        ("poignee de main", "fr", VIDEO_FR, "poignée"),  # shotlist, accents folded
        ("safe secure environment", "en", VIDEO_EN, "environment"),  # transcript
        ("impartialite", "fr", VIDEO_FR, "impartialité"),  # French transcript
    ],
)
def test_videos_are_found_by_what_is_said_and_shown(gql, query, code, slug, marked):
    found = video_hits(gql, query, locale=code)
    assert [hit["object"]["slug"] for hit in found] == [slug]
    assert f"<mark>{marked}</mark>" in found[0]["snippet"]
    assert found[0]["object"]["__typename"] == "VideoPage"
    assert found[0]["url"].endswith(f"/{slug}/")


def test_the_video_type_filters_and_counts(gql):
    answer = gql(VIDEO_SEARCH, {"query": "Osmani", "types": ["video"]})
    result = answer["data"]["search"]
    assert [hit["type"] for hit in result["items"]] == ["video"]
    counts = {f["value"]: f["count"] for f in result["facets"]["types"]}
    assert counts["video"] == 1 and counts["pressRelease"] >= 1
    assert result["items"][0]["object"]["slug"] == VIDEO_EN
