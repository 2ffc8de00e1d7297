"""Where the zips go: ``STORAGES["basket"]`` (outside MEDIA_ROOT on disk, a private
prefix on S3), served only through signed links."""

from django.core.files.storage import storages


def basket_storage():
    return storages["basket"]
