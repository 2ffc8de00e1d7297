"""The videos' side of serving a file from local disk (cms/serving.py): a
``VideoDownloadServed`` row per response of a download link, with the bytes
really handed to the server."""

from __future__ import annotations

import logging
from functools import partial

from django.db import DatabaseError
from django.utils import timezone

from cms import serving

from .models import VideoDownload, VideoDownloadServed

logger = logging.getLogger(__name__)


def serve_file(
    request,
    path: str,
    filename: str,
    content_type: str,
    download_id: int | None = None,
    *,
    attachment: bool = True,
    cache_control: str = "private, no-store",
    log: bool = True,
):
    """cms.serving.serve_file, each response logged against the link issued
    (``download_id``) unless ``log`` is False (the streaming preview)."""
    return serving.serve_file(
        request,
        path,
        filename,
        content_type,
        attachment=attachment,
        cache_control=cache_control,
        record=partial(_record, download_id=download_id) if log else None,
    )


class _Served:
    def __init__(self, row: VideoDownloadServed):
        self.row = row

    def finish(self, sent: int, completed: bool) -> None:
        VideoDownloadServed.objects.filter(pk=self.row.pk).update(
            bytes_served=sent, completed=completed, finished_at=timezone.now()
        )


def _record(
    request, status, asked, first, expected, completed=None, *, download_id=None
) -> _Served | None:
    user = getattr(request, "user", None)
    try:
        row = VideoDownloadServed.objects.create(
            download=VideoDownload.objects.filter(pk=download_id).first()
            if download_id
            else None,
            user=user if user is not None and user.is_authenticated else None,
            method=request.method[:8],
            status=status,
            byte_range=asked[:100],
            first_byte=first,
            bytes_expected=expected,
            completed=bool(completed),
            finished_at=timezone.now() if completed is not None else None,
        )
    except DatabaseError:
        logger.exception("Could not log a video file served")
        return None
    return _Served(row)
