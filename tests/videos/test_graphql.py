"""The video queries in both languages, and their constant query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import error_codes
from videos.demo.videos import VIDEOS as DEMO_VIDEOS
from videos.models import VideoIndexPage, VideoPage

pytestmark = pytest.mark.django_db

VIDEO = """query($slug: String!, $locale: LanguageCode) {
  video(slug: $slug, locale: $locale) {
    id title slug locale date duration durationTimecode status location summary
    usageTerms credit restrictions transcript
    poster { url width }
    translations { locale slug url }
    people { role person { name slug } }
    topics { name slug }
    related { title slug }
    renditions { id name label width height mimeType sizeBytes }
    shotlist { id start end startTimecode endTimecode description }
    soundbites { id start end language text speaker { name slug locale } }
    subtitles { locale url }
  }
}"""

LISTING = """query($locale: LanguageCode, $topic: String, $person: String,
                   $perPage: Int) {
  videos(locale: $locale, topic: $topic, person: $person, perPage: $perPage) {
    items {
      id title slug date duration poster { url }
      people { person { name } } topics { slug }
      renditions { id } shotlist { id } soundbites { speaker { name } }
      subtitles { locale } translations { locale }
      preview { hlsUrl thumbnailsVttUrl }
    }
    pagination { total currentPage perPage }
  }
}"""

SLUGS = {
    "en": "secretary-general-meets-vjosa-osmani-video",
    "fr": "le-secretaire-general-recoit-vjosa-osmani-video",
}


@pytest.mark.parametrize("code", ["en", "fr"])
def test_the_demo_video_in_each_language(gql, code):
    answer = gql(VIDEO, {"slug": SLUGS[code], "locale": code})
    assert "errors" not in answer, answer
    video = answer["data"]["video"]
    assert video["locale"] == code and video["status"] == "READY"
    assert (video["duration"], video["durationTimecode"]) == (12.0, "00:00:12.000")
    assert video["poster"]["width"] == 1280
    other = {"en": "fr", "fr": "en"}[code]
    assert [(t["locale"], t["slug"]) for t in video["translations"]] == [
        (other, SLUGS[other])
    ]
    assert [r["name"] for r in video["renditions"]] == ["180p", "144p"]
    assert video["renditions"][0]["height"] == 180
    assert video["renditions"][0]["mimeType"] == "video/mp4"
    assert [(s["start"], s["end"]) for s in video["shotlist"]] == [
        (0.0, 4.0),
        (4.0, 8.0),
        (8.0, 12.0),
    ]
    assert video["shotlist"][1]["startTimecode"] == "00:00:04.000"
    (soundbite,) = video["soundbites"]
    # A fictional spokesperson speaks: no words are put in a real person's mouth.
    assert soundbite["speaker"]["slug"] == "elise-marchetti"
    # The speaker in the query's language.
    assert soundbite["speaker"]["locale"] == code
    assert {p["person"]["slug"] for p in video["people"]} == {
        "jens-stoltenberg",
        "vjosa-osmani",
        "elise-marchetti",
    }
    assert {t["slug"] for t in video["topics"]} == {"kfor", "peacekeeping"}
    assert len(video["related"]) == 1
    assert sorted(s["locale"] for s in video["subtitles"]) == ["en", "fr"]
    assert all(s["url"].endswith(".vtt") for s in video["subtitles"])
    if code == "fr":
        assert "Plan large" in video["shotlist"][0]["description"]
        assert video["credit"] == "OTAN"


def test_listing_filters_by_topic_and_person(gql):
    def total(**variables):
        answer = gql(LISTING, {"locale": "fr", **variables})
        assert "errors" not in answer, answer
        return answer["data"]["videos"]["pagination"]["total"]

    assert total() == len(DEMO_VIDEOS) >= 3
    # The meeting (filed under kfor, a sub-topic of kosovo) and the KFOR patrol.
    assert total(topic="kosovo") == 2
    assert total(topic="partnerships") == 0
    assert total(person="jens-stoltenberg") == 1
    assert total(person="mark-rutte") == 0


def test_unknown_locale_fails_validation(gql):
    answer = gql(LISTING, {"locale": "de"}, status=None)
    assert error_codes(answer) == ["GRAPHQL_VALIDATION_FAILED"]


def test_drafts_are_not_listed(gql):
    before = gql(LISTING, {"locale": "en"})["data"]["videos"]["pagination"]["total"]
    VideoPage.objects.get(slug=SLUGS["en"]).unpublish()
    answer = gql(LISTING, {"locale": "en"})
    assert answer["data"]["videos"]["pagination"]["total"] == before - 1
    assert gql(VIDEO, {"slug": SLUGS["en"]})["data"]["video"] is None


def add_videos(count: int) -> None:
    """Copies of the demo video page (same asset, people, topics, shots)."""
    source = VideoPage.objects.get(slug=SLUGS["en"])
    library = VideoIndexPage.objects.get(locale__language_code="en")
    for number in range(count):
        copy = source.copy(
            to=library,
            update_attrs={"slug": f"copy-{number}", "title": f"Copy {number}"},
            keep_live=True,
            reset_translation_key=True,
        )
        assert copy.live


def count_queries(gql, per_page: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        answer = gql(LISTING, {"locale": "en", "perPage": per_page})
    assert "errors" not in answer, answer
    assert len(answer["data"]["videos"]["items"]) == per_page
    return len(queries)


def test_listing_costs_the_same_queries_for_3_and_12_videos(gql):
    add_videos(12)
    assert count_queries(gql, 3) == count_queries(gql, 12)
