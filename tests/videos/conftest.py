import pytest
from django.contrib.auth import get_user_model

from videos.models import VideoPage


@pytest.fixture
def journalist(db):
    return get_user_model().objects.create_user(
        "journalist@example.com", "Long-Enough-Pass-2026!"
    )


@pytest.fixture
def signed_in(client, journalist):
    client.force_login(journalist)
    return journalist


@pytest.fixture
def demo_video(db) -> VideoPage:
    return VideoPage.objects.get(
        slug="secretary-general-meets-vjosa-osmani-video", locale__language_code="en"
    )


def download(gql, video_id, rendition="180p", **fields) -> dict:
    """Run requestVideoDownload with these input fields; return the answer."""
    values = {"videoId": str(video_id), "rendition": rendition, **fields}
    return gql(
        """mutation($input: VideoDownloadInput!) {
          requestVideoDownload(input: $input) {
            url expiresAt filename rendition start end sizeBytes precision
          }
        }""",
        {"input": values},
    )
