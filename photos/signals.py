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
from wagtail.signals import page_published

from cms.graphql.cache import invalidate_on_commit
from cms.graphql.dependencies import list_tag
from search.dependents import index_dependents

from .models import GalleryPage, PhotoAsset


@receiver(post_save, sender=PhotoAsset)
def photo_file_saved(sender, instance: PhotoAsset, **kwargs) -> None:
    invalidate_on_commit([list_tag(PhotoAsset)], immediate=False)


@receiver(post_delete, sender=PhotoAsset)
def photo_file_deleted(sender, instance: PhotoAsset, **kwargs) -> None:
    invalidate_on_commit([list_tag(PhotoAsset)], immediate=True)


@receiver(page_published, sender=GalleryPage)
def gallery_published(sender, instance: GalleryPage, **kwargs) -> None:
    # The inline links (people, topics) are saved with the page, maybe after
    # its photos were indexed: index the photos once the revision is published
    # (through the worker for a gallery of many photos).
    index_dependents(instance)
