"""Where video files live: masters, renditions and clips go to ``STORAGES["videos"]``
(outside MEDIA_ROOT on disk, a private prefix on S3), and the helpers that move files
in and out of it, shared by background processing and request-time downloads."""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.files import File
from django.core.files.storage import Storage, storages

logger = logging.getLogger(__name__)


def video_storage():
    """Masters, renditions and clips: not public. On local disk they sit outside
    MEDIA_ROOT; on S3 under a private prefix, read through presigned URLs."""
    return storages["videos"]


@contextmanager
def local_file(storage: Storage, name: str) -> Iterator[str]:
    """A local path to read ``name`` from: the file itself on local disk, a
    temporary copy when the storage is remote."""
    try:
        path = storage.path(name)
    except NotImplementedError:
        path = None
    if path is not None:
        yield path
        return
    suffix = Path(name).suffix
    with tempfile.NamedTemporaryFile(suffix=suffix, prefix="portal-src-") as copy:
        with storage.open(name, "rb") as source:
            shutil.copyfileobj(source, copy, length=1024 * 1024)
        copy.flush()
        yield copy.name


def readable_location(storage: Storage, name: str) -> str:
    """Where ffmpeg can read ``name`` with seeks: a local path, or a (presigned)
    URL it reads with HTTP range requests, so a clip never downloads a whole
    rendition."""
    try:
        return storage.path(name)
    except NotImplementedError:
        return storage.url(name)


def store(local: Path, name: str, storage: Storage | None = None) -> str:
    """Save a finished local file to storage; returns the stored name."""
    storage = storage or video_storage()
    with local.open("rb") as handle:
        return storage.save(name, File(handle, name=Path(name).name))


def delete_stored(names: list[str], storage: Storage | None = None) -> None:
    storage = storage or video_storage()
    for name in names:
        if not name:
            continue
        try:
            storage.delete(name)
        except Exception:  # a file already gone must not stop the rest
            logger.warning("Could not delete %s from storage", name, exc_info=True)
