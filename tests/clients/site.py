"""Prepare the CMS the Node client tests read: the end-to-end site (demo content,
tests/e2e/site.py), plus what a normalised client cache must keep apart:

- a press release written in English and translated into French through
  wagtail-localize (the French page keeps the English page's StreamField block ids);
- a second video, on its own file (so two videos each have a "180p" rendition).

Run as ``python -m tests.clients.site`` with DJANGO_SETTINGS_MODULE set to
tests.clients.settings."""

import contextlib
import tempfile
from pathlib import Path

import django

RELEASE_TITLE = "Allies agree on cyber defence"
RELEASE_SLUG = "allies-agree-on-cyber-defence"
VIDEO_SLUG = "press-point-on-cyber-defence"


def no_capture(**_options):
    """Outside a transaction on_commit callbacks run at once: nothing to capture."""
    return contextlib.nullcontext()


def prepare() -> None:
    from tests.e2e.site import prepare as prepare_site

    prepare_site()
    translated_release()
    second_video()


def translated_release() -> None:
    from newsroom.models import Person, PressReleasePage, Topic
    from tests.factories import create_release
    from tests.newsroom.test_translation import translate_everything

    if PressReleasePage.objects.filter(slug=RELEASE_SLUG).exists():
        return
    speaker = Person.objects.get(slug="jens-stoltenberg", locale__language_code="en")
    topic = Topic.objects.get(slug="kfor", locale__language_code="en")
    body = [
        {"type": "paragraph", "value": "<p>Allies met in Brussels.</p>"},
        {
            "type": "quote",
            "value": {"text": "We stand together.", "speaker": speaker.pk},
        },
        {"type": "key_figure", "value": {"figure": "32", "description": "Allies"}},
    ]
    english = create_release(
        title=RELEASE_TITLE, people=[speaker], topics=[topic], body=body
    )
    english.slug = RELEASE_SLUG
    english.save_revision().publish()
    translate_everything(english, "fr", "[FR]", no_capture)


def second_video() -> None:
    from wagtail.models import Locale

    from tests.videos.conftest import upload
    from videos import ffmpeg
    from videos.models import VideoIndexPage, VideoPage, VideoShot

    if VideoPage.objects.filter(slug=VIDEO_SLUG).exists():
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "press-point.mp4"
        ffmpeg.generate_test_video(path, 4, width=480, height=270)
        asset = upload("Press point on cyber defence", path, no_capture)
    page = VideoPage(
        title="Press point on cyber defence",
        slug=VIDEO_SLUG,
        summary="The Secretary General speaks to the press.",
        asset=asset,
        locale=Locale.objects.get(language_code="en"),
    )
    page.shots = [VideoShot(start=0, end=4, description="Wide shot of the podium.")]
    VideoIndexPage.objects.get(locale__language_code="en").add_child(instance=page)
    page.save_revision().publish()


if __name__ == "__main__":
    django.setup()
    prepare()
