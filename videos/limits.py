"""Per-account limits on EXACT clips, the work that costs minutes of CPU.

Counted from the jobs themselves (``VideoDownloadJob`` rows, in the database), so
nothing a client does (new sessions, a flushed cache) gives a spent limit back:

- at most ``VIDEO_EXACT_CONCURRENT_JOBS`` EXACT jobs waiting or running at once;
- at most ``VIDEO_EXACT_SECONDS_PER_HOUR`` seconds of new EXACT clips in any hour
  (a request that joins a clip already made or being made costs nothing).

Past either, the request is ``RATE_LIMITED`` with ``retryAfter`` (seconds)."""

from __future__ import annotations

import datetime
import math

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.graphql.errors import ApiError

from .models import VideoClip, VideoDownloadJob

HOUR = 3600


class RateLimited(ApiError):
    """extensions: ``retryAfter`` (seconds)."""

    code = "RATE_LIMITED"


def check(user, seconds: float) -> None:
    """Refuse an EXACT request of ``seconds`` of new work (0: it joins a clip
    being made) past the account's limits."""
    now = timezone.now()
    running = VideoDownloadJob.objects.filter(
        user=user,
        precision=VideoClip.Precision.EXACT,
        clip__status__in=(VideoClip.Status.QUEUED, VideoClip.Status.MAKING),
        # A claim past the ffmpeg timeout is dead work: it holds nothing.
        clip__claimed_at__gt=now
        - datetime.timedelta(seconds=settings.VIDEO_FFMPEG_TIMEOUT + 60),
    ).select_related("clip")
    running = list(running)
    if len(running) >= settings.VIDEO_EXACT_CONCURRENT_JOBS:
        soonest = min(_remaining(job.clip, now) for job in running)
        raise RateLimited(
            _(
                "You have %(count)d exact clips being made. Ask for another when "
                "one is ready, in about %(seconds)d seconds."
            )
            % {"count": len(running), "seconds": soonest},
            retryAfter=soonest,
        )
    if not seconds:
        return
    budget = settings.VIDEO_EXACT_SECONDS_PER_HOUR
    since = now - datetime.timedelta(seconds=HOUR)
    spent = list(
        VideoDownloadJob.objects.filter(
            user=user, created_at__gt=since, work_seconds__gt=0
        )
        .order_by("created_at")
        .values_list("created_at", "work_seconds")
    )
    total = sum(work for _at, work in spent)
    if total + seconds <= budget:
        return
    # The time the oldest jobs leave the hour and free enough of the budget.
    retry_after = HOUR
    for created_at, work in spent:
        total -= work
        if total + seconds <= budget:
            freed = created_at + datetime.timedelta(seconds=HOUR)
            retry_after = max(1, math.ceil((freed - now).total_seconds()))
            break
    raise RateLimited(
        _(
            "You have asked for %(spent)d seconds of exact clips in the last hour; "
            "the limit is %(budget)d. Try again in %(seconds)d seconds."
        )
        % {
            "spent": round(sum(work for _at, work in spent)),
            "budget": budget,
            "seconds": retry_after,
        },
        retryAfter=retry_after,
    )


def _remaining(clip: VideoClip, now) -> int:
    """About how long until a clip in the works is done (seconds, at least 1)."""
    estimate = clip.estimated_seconds or 10
    if clip.started_at and clip.progress:
        spent = (now - clip.started_at).total_seconds()
        estimate = spent * (100 - clip.progress) / clip.progress
    elif clip.started_at:
        estimate -= (now - clip.started_at).total_seconds()
    return max(1, math.ceil(estimate))
