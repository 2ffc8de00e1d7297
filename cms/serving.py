"""Serving a private file from local disk as a download: byte ranges (resume),
HEAD, and, through the caller's ``record``, a log row per response with the bytes
really handed to the server. Used by the videos' download links and the download
basket's zips; each app logs in its own table (``Recorder`` below).

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
from collections.abc import Callable
from typing import Protocol

from django.db import DatabaseError
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header, http_date

logger = logging.getLogger(__name__)

CHUNK_BYTES = 256 * 1024
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
UNSATISFIABLE = "unsatisfiable"


class ServedLog(Protocol):
    """The log row of one response, told how it ended."""

    def finish(self, sent: int, completed: bool) -> None: ...


# record(request, status, asked, first, expected, completed) -> ServedLog | None:
# called once per response before any byte goes out. ``completed`` is known at
# once (True or False) for a HEAD or a 416; None while the body is still to be
# sent, whose ``finish`` then tells the bytes sent when the response closes.
Recorder = Callable[..., ServedLog | None]


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
    attachment: bool = True,
    cache_control: str = "private, no-store",
    record: Recorder | None = None,
):
    """Serve the file at ``path`` (whole, or the range asked); ``record`` logs
    each response (none for the streaming preview, whose player fetches a range
    per segment: those are views, not downloads)."""
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
    record = record or _no_record
    if wanted == UNSATISFIABLE:
        response = HttpResponse(status=416, headers=headers)
        response["Content-Range"] = f"bytes */{size}"
        record(request, 416, asked, 0, 0, completed=False)
        return response
    first, last = wanted if wanted else (0, size - 1)
    length = last - first + 1 if size else 0
    status = 206 if wanted else 200
    headers["Content-Type"] = content_type
    headers["Content-Length"] = str(length)
    if wanted:
        headers["Content-Range"] = f"bytes {first}-{last}/{size}"
    if request.method == "HEAD":
        record(request, status, asked, first, 0, completed=True)
        return HttpResponse(status=status, headers=headers)
    log = record(request, status, asked, first, length, completed=None)
    body = ServedBytes(path, first, length, log)
    return StreamingHttpResponse(body, status=status, headers=headers)


class ServedBytes:
    """The bytes [first, first + length) of a file, counted as they are handed
    to the server; the count is written to the log when the response closes
    (at the end, or when the client goes away)."""

    def __init__(self, path: str, first: int, length: int, log: ServedLog | None):
        self.path, self.first, self.length = path, first, length
        self.log = log
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
        if self.log is None:
            return
        try:
            self.log.finish(self.sent, self.sent == self.length)
        except DatabaseError:  # the file went out; a lost log line must not fail it
            logger.exception("Could not log the bytes served of %s", self.path)


def _no_record(*args, **kwargs) -> None:
    return None
