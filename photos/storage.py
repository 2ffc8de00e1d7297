"""Where photo originals live: ``STORAGES["photos"]``, outside MEDIA_ROOT on disk
and under a private prefix on S3, like video masters. The public web copy is an
ordinary Wagtail image in the default (public) storage."""

from __future__ import annotations

from django.core.files.storage import Storage, storages


def photo_storage() -> Storage:
    """Originals and full-size JPEGs: never public."""
    return storages["photos"]
