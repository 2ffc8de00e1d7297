"""Admin views of the videos app: clip previews of a video page's shots and
soundbites, processing a file again. (Downloads are in the one report of
cms/download_report.py.)"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .models import (
    VideoAsset,
    VideoClip,
    VideoPage,
    VideoRendition,
    VideoShot,
    VideoSoundbite,
)

SEGMENT_MODELS = {"shot": VideoShot, "soundbite": VideoSoundbite}


def preview_segment(request, kind: str, pk: int):
    """Make (or reuse) a FAST clip of the smallest rendition for one segment and
    show it in a player. For anyone who may edit the video page."""
    from . import downloads

    model = SEGMENT_MODELS.get(kind)
    if model is None:
        raise PermissionDenied
    segment = get_object_or_404(model.objects.select_related("page"), pk=pk)
    page = VideoPage.objects.select_related("asset").get(pk=segment.page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    context = {"page": page, "segment": segment, "kind": kind}
    asset = page.asset
    renditions = (
        list(asset.renditions.filter(kind=VideoRendition.Kind.VIDEO).order_by("height"))
        if asset
        else []
    )
    if not asset or not asset.is_ready or not renditions:
        context["error"] = _("The video file is not ready yet.")
    else:
        try:
            start, end = segment.seconds
            downloads.check_range(page, start, end)
            job = downloads.clip_job(
                request.user, page, renditions[0], start, end, "FAST", ""
            )
            clip = job.clip
            clip.refresh_from_db()  # a worker may have finished it meanwhile
            context["clip"] = clip
            if clip.status == VideoClip.Status.READY:
                context["url"], _expires = downloads.signed_url(
                    request, clip.file.name, f"{page.slug}-{kind}-{segment.pk}.mp4"
                )
            elif clip.status == VideoClip.Status.FAILED:
                context["error"] = downloads.clip_error_message(clip.error_code)
            else:
                context["making"] = True
        except downloads.DownloadError as error:
            context["error"] = error.message
    return TemplateResponse(request, "videos/segment_preview.html", context)


def process_again(request, pk: int):
    """POST: process a video file again (the button shows when it failed)."""
    asset = get_object_or_404(VideoAsset, pk=pk)
    if request.method != "POST" or not request.user.has_perm(
        "videos.change_videoasset"
    ):
        raise PermissionDenied
    asset.process_again()
    messages.success(request, _("The video file is queued for processing again."))
    return redirect("wagtailsnippets_videos_videoasset:edit", asset.pk)
