"""A photo file's metadata (place, date taken, size…) is shown by every gallery
that holds it; the galleries' answers declare that they depend on the photo files
(``list:photos.photoasset``, photos/schema.py), and a file saved or deleted bumps
that tag once its transaction commits, so no cached answer keeps the old words.

A gallery's photos are found by its people and topics (their names in the
photos' index entries, their ids in the photos' search documents): published,
the gallery indexes its photos again."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.search.backends import get_search_backends
from wagtail.signals import page_published

from cms.graphql.cache import invalidate_on_commit
from cms.graphql.dependencies import list_tag

from .models import GalleryPage, GalleryPhoto, PhotoAsset


@receiver(post_save, sender=PhotoAsset)
def photo_file_saved(sender, instance: PhotoAsset, **kwargs) -> None:
    invalidate_on_commit([list_tag(PhotoAsset)], immediate=False)


@receiver(post_delete, sender=PhotoAsset)
def photo_file_deleted(sender, instance: PhotoAsset, **kwargs) -> None:
    invalidate_on_commit([list_tag(PhotoAsset)], immediate=True)


@receiver(page_published, sender=GalleryPage)
def gallery_published(sender, instance: GalleryPage, **kwargs) -> None:
    # The inline links (people, topics) are saved with the page, maybe after
    # its photos were indexed: index the photos once the revision is published.
    photos = list(GalleryPhoto.get_indexed_objects().filter(page=instance))
    if photos:
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(GalleryPhoto, photos)
