"""A translator's path through wagtail-localize, seen from the API."""

import pytest
from wagtail.models import Locale
from wagtail_localize.models import (
    String,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from newsroom.models import Person, PressReleasePage, Topic
from tests.factories import create_release

pytestmark = pytest.mark.django_db


def translate_everything(instance, code: str, prefix: str, on_commit):
    """What a translator does in wagtail-localize's editor: translate each string,
    then publish the translation."""
    locale = Locale.objects.get(language_code=code)
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation = Translation.objects.create(source=source, target_locale=locale)
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": f"{prefix} {segment.string.data}"},
        )
    with on_commit(execute=True):  # wagtail-localize publishes on commit
        translation.save_target(publish=True)
    return instance.get_translation(locale)


def test_a_release_translated_in_wagtail_localize_is_served_in_french(
    gql, django_capture_on_commit_callbacks
):
    person = Person.objects.get(slug="vjosa-osmani", locale__language_code="en")
    topic = Topic.objects.get(slug="kfor", locale__language_code="en")
    body = [
        {"type": "paragraph", "value": "<p>Talks in Brussels.</p>"},
        {"type": "quote", "value": {"text": "We talked.", "speaker": person.pk}},
    ]
    en = create_release(
        title="Talks in Brussels", people=[person], topics=[topic], body=body
    )
    fr = translate_everything(en, "fr", "[FR]", django_capture_on_commit_callbacks)
    fr.refresh_from_db()
    assert isinstance(fr.specific, PressReleasePage) and fr.live

    answer = gql(
        '{ pressRelease(slug: "%s", locale: fr) { title locale '
        "translations { locale title } people { role person { name locale } } "
        "topics { name slug } "
        "body { ... on QuoteBlock { text speaker { slug locale } } } } }" % fr.slug
    )
    release = answer["data"]["pressRelease"]
    assert release["title"] == "[FR] Talks in Brussels"
    assert release["translations"] == [{"locale": "en", "title": "Talks in Brussels"}]
    # People and topics follow to their French variants.
    assert release["people"] == [
        {
            "role": "Présidente du Kosovo",
            "person": {"name": "Vjosa Osmani", "locale": "fr"},
        }
    ]
    assert release["topics"] == [{"name": "KFOR", "slug": "kfor"}]
    quote = next(block for block in release["body"] if block)
    assert quote["text"] == "[FR] We talked."
    assert quote["speaker"] == {"slug": "vjosa-osmani", "locale": "fr"}
    assert String.objects.filter(data="Talks in Brussels").exists()


def test_a_topic_translated_keeps_its_slug(django_capture_on_commit_callbacks):
    topic = Topic.objects.create(
        name="Cyber defence",
        slug="cyber-defence",
        locale=Locale.objects.get(language_code="en"),
    )
    french = translate_everything(
        topic, "fr", "[FR]", django_capture_on_commit_callbacks
    )
    assert french.slug == "cyber-defence"
    assert french.name == "[FR] Cyber defence"
