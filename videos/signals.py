"""What follows a change of the video rows: a master to process is queued for the
task worker; when a video file, a rendition or a clip is deleted (directly or by
cascade), its file leaves storage once the deletion commits. On the worker's tick,
clips whose worker died are queued again and clips nobody downloads any more are
deleted."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from cms.models import Lease
from cms.scheduled_publishing import worker_tick

from .claims import recover_lost
from .clipping import make_clip, purge_unused_clips
from .models import (
    VideoAsset,
    VideoClip,
    VideoRendition,
    clip_requested,
    processing_requested,
)
from .processing import queue_processing


@receiver(processing_requested, sender=VideoAsset)
def queue_master(sender, asset: VideoAsset, **kwargs):
    queue_processing(asset)


@receiver(clip_requested, sender=VideoClip)
def queue_clip(sender, clip: VideoClip, **kwargs):
    make_clip.enqueue(clip.pk)


def _delete_file(field_file) -> None:
    if field_file and field_file.name:
        transaction.on_commit(
            partial(field_file.storage.delete, field_file.name), robust=True
        )


@receiver(post_delete, sender=VideoAsset)
def delete_master(sender, instance: VideoAsset, **kwargs):
    _delete_file(instance.master)
    _delete_file(instance.thumbnail_sprite)
    _delete_file(instance.thumbnail_track)


@receiver(post_delete, sender=VideoRendition)
def delete_rendition_file(sender, instance: VideoRendition, **kwargs):
    _delete_file(instance.file)


@receiver(post_delete, sender=VideoClip)
def delete_clip_file(sender, instance: VideoClip, **kwargs):
    _delete_file(instance.file)


@receiver(worker_tick)
def clip_retention(sender, holder: str, **kwargs):
    """One worker at a time queues again the clips whose worker died (or fails
    them, videos/claims.py) and deletes the clips past their retention."""
    if not Lease.acquire("videos.clip_retention", holder, 600):
        return
    try:
        recover_lost()
        purge_unused_clips()
    finally:
        Lease.release("videos.clip_retention", holder)
