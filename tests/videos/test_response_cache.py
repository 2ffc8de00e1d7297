"""A video file's changes reach the cached answers that show it: its processing
(status, renditions, poster), its renditions and subtitles. What must go: the
answers showing that video, in every language and list; what must stay: other
videos' answers and answers that show no video."""

import json

import pytest
from django.test import override_settings

from videos.models import VideoPage, VideoRendition
from videos.processing import Run

pytestmark = [pytest.mark.django_db]


def detail(slug: str, locale: str = "en") -> str:
    return (
        f'{{ video(slug: "{slug}", locale: {locale}) '
        "{ title status renditions { name } subtitles { id } } }"
    )


LIST = "{ videos(locale: en, perPage: 20) { items { slug status } } }"
RELEASES = "{ pressReleases(locale: en, perPage: 5) { items { title } } }"


@pytest.fixture(autouse=True)
def cache_on():
    with override_settings(GRAPHQL_CACHE_ENABLED=True):
        yield


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def ask(client, query):
    response = client.post(
        "/graphql/", json.dumps({"query": query}), content_type="application/json"
    )
    assert response.status_code == 200, response.content[:500]
    assert "errors" not in response.json(), response.json()
    return response


def states(client, queries) -> list[str]:
    return [ask(client, query)["X-Cache"] for query in queries]


@pytest.fixture
def videos():
    """Two demo videos on different files, the first with its French variant."""
    english = list(
        VideoPage.objects.filter(locale__language_code="en", asset__isnull=False)
        .select_related("asset")
        .order_by("pk")
    )
    first = next(v for v in english if v.get_translations().exists())
    other = next(v for v in english if v.asset_id != first.asset_id)
    french = first.get_translations().get()
    return first, french, other


def warm(client, queries) -> None:
    assert set(states(client, queries)) <= {"MISS", "HIT"}
    assert states(client, queries) == ["HIT"] * len(queries)


def test_processing_a_video_file_invalidates_the_answers_that_show_it(
    client, committed, videos
):
    first, french, other = videos
    goes = [detail(first.slug), detail(french.slug, "fr"), LIST]
    stays = [detail(other.slug), RELEASES]
    warm(client, goes + stays)
    asset = first.asset
    # The processing writes its steps and status with QuerySet.update().
    with committed():
        Run(asset).save(status=asset.Status.PROCESSING)
    assert states(client, goes) == ["MISS"] * len(goes)
    answer = ask(client, detail(first.slug)).json()["data"]["video"]
    assert answer["status"] == "PROCESSING" and answer["renditions"] == []
    assert states(client, stays) == ["HIT"] * len(stays)
    # Saved in the admin (or by the processing's end): the same.
    warm(client, goes)
    asset.status = asset.Status.READY
    with committed():
        asset.save()
    assert states(client, goes) == ["MISS"] * len(goes)
    assert ask(client, detail(first.slug)).json()["data"]["video"]["renditions"]
    assert states(client, stays) == ["HIT"] * len(stays)


def test_a_rendition_saved_or_deleted_reaches_the_answers_that_list_it(
    client, committed, videos
):
    first, french, other = videos
    goes = [detail(first.slug), detail(french.slug, "fr")]
    stays = [detail(other.slug), RELEASES]
    warm(client, goes + stays)

    def names():
        video = ask(client, detail(first.slug)).json()["data"]["video"]
        return [rendition["name"] for rendition in video["renditions"]]

    before = names()
    # A rendition of its own (a file name that is nobody's: deleting the row
    # deletes its file).
    rendition = VideoRendition.objects.filter(asset=first.asset).first()
    rendition.pk, rendition.name = None, "99p"
    rendition.file.name = "videos/renditions/test-cache-99p.mp4"
    with committed():
        rendition.save()
    assert states(client, goes) == ["MISS"] * len(goes)
    assert "99p" in names()
    assert states(client, stays) == ["HIT"] * len(stays)
    warm(client, goes)
    with committed():
        rendition.delete()
    # A deletion is never answered stale (its file is gone).
    with override_settings(GRAPHQL_CACHE_STALE_SECONDS=3600):
        assert states(client, goes) == ["MISS"] * len(goes)
    assert names() == before
    assert states(client, stays) == ["HIT"] * len(stays)


def test_subtitles_reach_the_answers_of_their_video(client, committed, videos):
    first, _french, other = videos
    warm(client, [detail(first.slug), detail(other.slug)])
    subtitle = first.asset.subtitles.first()
    if subtitle is None:
        pytest.skip("the demo video has no subtitles")
    with committed():
        subtitle.save()
    assert states(client, [detail(first.slug), detail(other.slug)]) == [
        "MISS",
        "HIT",
    ]
