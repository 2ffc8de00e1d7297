"""srcSet (cms/graphql/images.py): grapple's text, at one get_renditions per field.

grapple asked get_rendition once per width, which wrote every rendition to
Wagtail's rendition cache even when the list had prefetched it: a pickle per
rendition per request. Now a list whose renditions are prefetched writes none,
and the text is grapple's to the byte."""

import datetime

import pytest
from django.utils import timezone
from grapple.types.images import ImageObjectType
from wagtail.images import get_image_model

from cms.graphql import images
from tests.factories import create_release

pytestmark = pytest.mark.django_db

LIST = """{ pressReleases(locale: en, perPage: 3) { items {
  slug heroImage { srcSet(sizes: [320, 640], format: "webp") } } } }"""


def rendition_cache():
    return get_image_model().get_rendition_model().cache_backend


@pytest.fixture
def releases():
    image = get_image_model().objects.first()
    now = timezone.now() + datetime.timedelta(days=3650)
    return [
        create_release(hero_image=image, date=now - datetime.timedelta(hours=n))
        for n in range(3)
    ], image


def test_a_listed_src_set_writes_nothing_to_the_rendition_cache(gql, releases):
    _made, image = releases
    first = gql(LIST)  # makes the renditions (those are cached, as Wagtail does)
    rendition_cache().clear()
    answer = gql(LIST)
    assert answer == first
    src_sets = [
        i["heroImage"]["srcSet"] for i in answer["data"]["pressReleases"]["items"]
    ]
    assert len(src_sets) == 3 and all(s.count("w, ") == 1 for s in src_sets)
    # Prefetched with the list: found there, never written back (grapple's
    # get_rendition wrote both widths of each item).
    assert rendition_cache()._cache == {}


@pytest.mark.parametrize(
    ("sizes", "format"),
    [([320, 640], "webp"), ([640, 320, 640], None), ([320, 777], "webp"), ([], None)],
)
def test_the_text_is_grapples(releases, sizes, format):
    """Widths in the order asked, repeats kept, those not allowed left out (the
    validation refuses them before; grapple skipped them), as grapple wrote it."""
    _made, image = releases
    ours = images.resolve_src_set(image, None, sizes, format)
    theirs = images._grapple_src_set(image, None, sizes, format)
    assert ours == theirs
    assert ImageObjectType.resolve_src_set is images.resolve_src_set
