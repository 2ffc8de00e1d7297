"""A translator translates a video page in wagtail-localize: the words are
translated, the media (and the timecodes) are shared."""

import pytest
from wagtail.models import Locale

from newsroom.models import Person
from tests.newsroom.test_translation import translate_everything
from videos.models import VideoIndexPage, VideoPage, VideoShot, VideoSoundbite

pytestmark = pytest.mark.django_db


def test_a_translated_video_shares_its_media_and_timecodes(
    gql, django_capture_on_commit_callbacks
):
    demo = VideoPage.objects.get(slug="secretary-general-meets-vjosa-osmani-video")
    speaker = Person.objects.get(slug="jens-stoltenberg", locale__language_code="en")
    en = VideoPage(
        title="Press point in Brussels",
        slug="press-point-in-brussels",
        summary="The Secretary General speaks to the press.",
        asset=demo.asset,
        locale=Locale.objects.get(language_code="en"),
    )
    en.shots = [VideoShot(start=0, end=5, description="Wide shot of the podium.")]
    en.soundbites = [
        VideoSoundbite(
            start=5, end=9, language="en", text="We stand united.", speaker=speaker
        )
    ]
    library = VideoIndexPage.objects.get(locale__language_code="en")
    library.add_child(instance=en)
    en.save_revision().publish()

    fr = translate_everything(en, "fr", "[FR]", django_capture_on_commit_callbacks)
    fr = fr.specific
    assert fr.live and fr.asset_id == en.asset_id

    answer = gql(
        """query($slug: String!) { video(slug: $slug, locale: fr) {
          title summary renditions { id name }
          shotlist { start end description }
          soundbites { start end text speaker { locale slug } }
          translations { locale slug }
        } }""",
        {"slug": fr.slug},
    )
    video = answer["data"]["video"]
    assert video["title"] == "[FR] Press point in Brussels"
    assert video["summary"] == "[FR] The Secretary General speaks to the press."
    assert [r["name"] for r in video["renditions"]] == ["180p", "144p"]
    assert video["shotlist"] == [
        {"start": 0.0, "end": 5.0, "description": "[FR] Wide shot of the podium."}
    ]
    (soundbite,) = video["soundbites"]
    assert (soundbite["start"], soundbite["end"]) == (5.0, 9.0)
    assert soundbite["text"] == "[FR] We stand united."
    assert soundbite["speaker"] == {"locale": "fr", "slug": "jens-stoltenberg"}
    assert video["translations"] == [{"locale": "en", "slug": en.slug}]
