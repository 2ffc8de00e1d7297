"""Download requests as jobs: what one user asked for and follows until its link
is ready. The work itself (cutting a clip) belongs to the ``VideoClip``, shared by
every job that asked for the same range."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .assets import VideoRendition
from .downloads import VideoClip, VideoDownload, video_page_link


class VideoDownloadJob(models.Model):
    """One user's request for a download: a whole rendition (ready at once) or a
    clip (ready when a worker has cut it). Only its owner can read it."""

    class Status(models.TextChoices):
        QUEUED = "QUEUED", _("Waiting for a worker")
        RUNNING = "RUNNING", _("Being made")
        READY = "READY", _("Ready")
        FAILED = "FAILED", _("Failed")

    # Not a counter: ids are not guessable, and someone else's is NOT_FOUND anyway.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="video_download_jobs",
    )
    video = video_page_link()
    # Null when the broadcast master itself is asked for (``master``).
    rendition = models.ForeignKey(
        VideoRendition, null=True, on_delete=models.CASCADE, related_name="+"
    )
    master = models.BooleanField(default=False)
    # Null for a whole rendition; for a clip, null once retention deleted it.
    clip = models.ForeignKey(
        VideoClip,
        null=True,
        on_delete=models.SET_NULL,
        related_name="jobs",
    )
    precision = models.CharField(max_length=5, blank=True)
    segment = models.CharField(max_length=255, blank=True)
    # Seconds of new EXACT work this request set going (the hourly limit counts
    # them); 0 when it joined a clip already made or being made.
    work_seconds = models.FloatField(default=0)
    # The link issued (one log row per job), by a query or by the e-mail.
    download = models.ForeignKey(
        VideoDownload, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    notified_at = models.DateTimeField(null=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("video download job")
        verbose_name_plural = _("video download jobs")
        indexes = [models.Index(fields=["user", "created_at"])]

    def __str__(self) -> str:
        return f"{self.rendition} {self.precision or _('whole')} ({self.status})"

    @property
    def is_whole(self) -> bool:
        return not self.precision

    @property
    def status(self) -> str:
        if self.is_whole:
            return self.Status.READY
        clip = self.clip
        if clip is None:  # deleted by retention: it was made, then not used
            return self.Status.FAILED
        return {
            VideoClip.Status.QUEUED: self.Status.QUEUED,
            VideoClip.Status.MAKING: self.Status.RUNNING,
            VideoClip.Status.READY: self.Status.READY,
        }.get(clip.status, self.Status.FAILED)
