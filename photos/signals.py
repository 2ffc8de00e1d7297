"""A photo file's metadata (place, date taken, size…) is shown by every gallery
that holds it; the galleries' answers declare that they depend on the photo files
(``list:photos.photoasset``, photos/schema.py), and a file saved or deleted bumps
that tag once its transaction commits, so no cached answer keeps the old words."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cms.graphql.cache import invalidate_on_commit
from cms.graphql.dependencies import list_tag

from .models import PhotoAsset


@receiver(post_save, sender=PhotoAsset)
def photo_file_saved(sender, instance: PhotoAsset, **kwargs) -> None:
    invalidate_on_commit([list_tag(PhotoAsset)], immediate=False)


@receiver(post_delete, sender=PhotoAsset)
def photo_file_deleted(sender, instance: PhotoAsset, **kwargs) -> None:
    invalidate_on_commit([list_tag(PhotoAsset)], immediate=True)
