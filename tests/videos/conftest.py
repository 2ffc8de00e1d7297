from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files import File

from videos.models import VideoAsset, VideoPage


def upload(title: str, path: Path, capture) -> VideoAsset:
    """A video file uploaded as in the admin, processed once its save commits
    (``capture`` is pytest-django's django_capture_on_commit_callbacks)."""
    asset = VideoAsset(title=title)
    with path.open("rb") as handle:
        asset.master.save(path.name, File(handle), save=False)
    with capture(execute=True):
        asset.save()
    asset.refresh_from_db()
    return asset


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
