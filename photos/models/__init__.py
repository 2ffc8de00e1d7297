"""Photos: the uploaded file and its public web copy (``assets``), and the
translatable gallery pages that show them in order with their words in each
language (``pages``). The names are re-exported here (migrations refer to the
upload paths and ``photos.models.photo_storage``)."""

from ..storage import photo_storage
from .assets import (
    PHOTO_EXTENSIONS,
    PhotoAsset,
    full_size_upload_to,
    original_upload_to,
)
from .downloads import PhotoDownload, PhotoDownloadServed
from .pages import (
    GalleryIndexPage,
    GalleryPage,
    GalleryPerson,
    GalleryPhoto,
    GalleryRelatedRelease,
    GalleryRelatedVideo,
    GalleryTopic,
)

__all__ = [
    "PHOTO_EXTENSIONS",
    "GalleryIndexPage",
    "GalleryPage",
    "GalleryPerson",
    "GalleryPhoto",
    "GalleryRelatedRelease",
    "GalleryRelatedVideo",
    "GalleryTopic",
    "PhotoAsset",
    "PhotoDownload",
    "PhotoDownloadServed",
    "full_size_upload_to",
    "original_upload_to",
    "photo_storage",
]
