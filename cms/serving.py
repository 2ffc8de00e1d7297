"""Serving a private file from local disk as a download: byte ranges (resume),
HEAD, and a log row per response with the bytes really handed to the server.
Video downloads, photo originals and basket zips are served through here; each
app gives the log its responses go to (``ServedLog``: its own model of served
rows). On S3 the same files are given as presigned attachment links
(``presigned_attachment``), which S3 serves itself.

Ranges follow RFC 9110: one range (``bytes=0-99``, ``bytes=100-``,
``bytes=-500``) answers 206 with ``Content-Range``; a range that starts past the
end answers 416; several ranges in one request, or a malformed header, are
ignored and the whole file is served (200), as the RFC allows. ``If-Range``
with the current ``ETag`` or ``Last-Modified`` keeps the range; any other
value serves the whole file.
"""

from __future__ import annotations

import logging
import os
import re
from typing import Any

from django.core.files.storage import Storage
from django.db import DatabaseError, models
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header, http_date
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

CHUNK_BYTES = 256 * 1024
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
UNSATISFIABLE = "unsatisfiable"


# S3 signs a presigned link for a week at most.
MAX_PRESIGNED_SECONDS = 7 * 24 * 3600


def is_s3(storage: Storage) -> bool:
    """Whether ``storage`` is django-storages' S3 (its links are presigned)."""
    try:
        from storages.backends.s3 import S3Storage
    except ImportError:  # pragma: no cover - django-storages is a requirement
        return False
    return isinstance(storage, S3Storage)


def presigned_attachment(
    storage: Storage, name: str, filename: str, content_type: str, seconds: int
) -> str:
    """A presigned GET of ``name`` on S3 that downloads as ``filename`` (an
    attachment of ``content_type``), for ``seconds`` (a week at most)."""
    return storage.url(
        name,
        parameters={
            "ResponseContentDisposition": content_disposition_header(True, filename),
            "ResponseContentType": content_type,
        },
        expire=min(seconds, MAX_PRESIGNED_SECONDS),
    )


def serve_stored(
    request: Any,
    storage: Storage,
    name: str,
    *,
    filename: str,
    content_type: str,
    log: ServedLog,
) -> HttpResponse:
    """``serve_file`` for a file of a local ``storage``; 404 once it is gone."""
    if not name or not storage.exists(name):
        raise Http404(_("This file is no longer available."))
    return serve_file(
        request,
        storage.path(name),
        filename=filename,
        content_type=content_type,
        log=log,
    )


class ServedLog:
    """Where the responses to one download link are logged: a row of ``model``
    per response, naming the link's issue row (``download_id``). The model has
    the fields of ``videos.VideoDownloadServed``: download, user, method, status,
    byte_range, first_byte, bytes_expected, bytes_served, completed,
    finished_at. A lost log line never fails the download."""

    def __init__(self, model: type[models.Model], download_id: int | None = None):
        self.model = model
        self.download_id = download_id

    def opened(
        self,
        request: Any,
        status: int,
        asked: str,
        first: int,
        expected: int,
        completed: bool | None = None,
    ) -> models.Model | None:
        """The row of a response as it starts (``completed`` given when nothing
        more is to be sent: a HEAD, a 416)."""
        user = getattr(request, "user", None)
        issued = self.model._meta.get_field("download").related_model
        try:
            return self.model.objects.create(
                # The link may outlive its issue row: then the row names none.
                download=issued.objects.filter(pk=self.download_id).first()
                if self.download_id
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
            logger.exception("Could not log a file served (%s)", self.model.__name__)
            return None

    def closed(self, record: models.Model, sent: int, completed: bool) -> None:
        """The response closed, at its end or when the client went away."""
        try:
            self.model.objects.filter(pk=record.pk).update(
                bytes_served=sent, completed=completed, finished_at=timezone.now()
            )
        except DatabaseError:  # the file went out; a lost log line must not fail it
            logger.exception("Could not log the bytes served for %s", record.pk)


def parse_range(header: str | None, size: int):
    """(first, last) inclusive, UNSATISFIABLE, or None to serve the whole file."""
    if not header:
        return None
    match = _RANGE.match(header.strip().replace(" ", ""))
    if match is None or not any(match.groups()):
        return None  # malformed, or several ranges: the whole file
    first, last = match.groups()
    if not first:  # the last N bytes
        length = int(last)
        if length == 0 or size == 0:
            return UNSATISFIABLE
        return max(0, size - length), size - 1
    first = int(first)
    if last and int(last) < first:
        return None  # not a range
    if first >= size:
        return UNSATISFIABLE
    return first, min(int(last), size - 1) if last else size - 1


def serve_file(
    request,
    path: str,
    filename: str,
    content_type: str,
    *,
    log: ServedLog | None = None,
    attachment: bool = True,
    cache_control: str = "private, no-store",
):
    """Serve the file at ``path`` (whole, or the range asked), each response
    logged to ``log``. No log for the streaming preview, whose player fetches a
    range per segment: those are views, not downloads."""
    stat = os.stat(path)
    size = stat.st_size
    etag = f'"{stat.st_mtime_ns:x}-{size:x}"'
    last_modified = http_date(stat.st_mtime)
    asked = request.headers.get("Range", "")
    wanted = parse_range(asked, size)
    if_range = request.headers.get("If-Range")
    if (
        wanted is not None
        and if_range
        and if_range.strip()
        not in (
            etag,
            last_modified,
        )
    ):
        wanted = None  # the file changed since the first part: send it whole
    headers = {
        "Accept-Ranges": "bytes",
        "ETag": etag,
        "Last-Modified": last_modified,
        "Content-Disposition": content_disposition_header(attachment, filename),
        "Cache-Control": cache_control,
    }

    def record(*args: Any, **kwargs: Any) -> models.Model | None:
        return log.opened(request, *args, **kwargs) if log is not None else None

    if wanted == UNSATISFIABLE:
        response = HttpResponse(status=416, headers=headers)
        response["Content-Range"] = f"bytes */{size}"
        record(416, asked, 0, 0, completed=False)
        return response
    first, last = wanted if wanted else (0, size - 1)
    length = last - first + 1 if size else 0
    status = 206 if wanted else 200
    headers["Content-Type"] = content_type
    headers["Content-Length"] = str(length)
    if wanted:
        headers["Content-Range"] = f"bytes {first}-{last}/{size}"
    if request.method == "HEAD":
        record(status, asked, first, 0, completed=True)
        return HttpResponse(status=status, headers=headers)
    body = ServedBytes(path, first, length, log, record(status, asked, first, length))
    return StreamingHttpResponse(body, status=status, headers=headers)


class ServedBytes:
    """The bytes [first, first + length) of a file, counted as they are handed
    to the server; the count is written to the log when the response closes
    (at the end, or when the client goes away)."""

    def __init__(
        self,
        path: str,
        first: int,
        length: int,
        log: ServedLog | None,
        record: models.Model | None,
    ):
        self.path, self.first, self.length = path, first, length
        self.log, self.record = log, record
        self.sent = 0
        self.closed = False
        self.chunks = self._read()

    def __iter__(self):
        return self.chunks

    def _read(self):
        with open(self.path, "rb") as handle:
            handle.seek(self.first)
            while self.sent < self.length:
                chunk = handle.read(min(CHUNK_BYTES, self.length - self.sent))
                if not chunk:
                    break
                self.sent += len(chunk)
                yield chunk

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        self.chunks.close()  # the file too, when the client left halfway
        if self.log is not None and self.record is not None:
            self.log.closed(self.record, self.sent, self.sent == self.length)
