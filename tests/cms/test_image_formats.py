"""srcSet in AVIF where Pillow writes it (issue 19): the allow-list has each width
as the image's own format, WebP and AVIF, and an AVIF srcSet's files are AVIF."""

import pytest
from django.conf import settings
from PIL import features
from wagtail.images import get_image_model

from tests.conftest import error_codes

pytestmark = pytest.mark.django_db

QUERY = """query($format: String) { people(locale: en) {
  portrait { srcSet(sizes: [320, 640], format: $format) } } }"""


def test_the_allow_list_has_avif_where_pillow_writes_it():
    allowed = settings.GRAPPLE["ALLOWED_IMAGE_FILTERS"]
    assert ("width-320|format-avif" in allowed) == features.check("avif")
    assert "width-320|format-webp" in allowed and "width-320" in allowed


@pytest.mark.skipif(not features.check("avif"), reason="Pillow without AVIF")
def test_an_avif_src_set_is_made_of_avif_files(gql):
    answer = gql(QUERY, {"format": "avif"})
    assert "errors" not in answer, answer
    src_set = next(
        person["portrait"]["srcSet"]
        for person in answer["data"]["people"]
        if person["portrait"]
    )
    urls = [part.split()[0] for part in src_set.split(", ")]
    assert urls and all(url.endswith(".avif") for url in urls), src_set
    Rendition = get_image_model().get_rendition_model()  # noqa: N806
    rendition = Rendition.objects.filter(filter_spec="width-320|format-avif").first()
    with rendition.file.open("rb") as handle:
        assert handle.read(12)[4:12] == b"ftypavif"


def test_a_format_not_allowed_is_refused(gql):
    query = (
        '{ people(locale: en) { portrait { srcSet(sizes: [320], format: "bmp") } } }'
    )
    answer = gql(query)
    assert error_codes(answer) == ["INVALID_ARGUMENT"]
    assert answer["errors"][0]["extensions"]["reason"] == "RENDITION_NOT_ALLOWED"
