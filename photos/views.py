"""Admin views of the photos app: the bulk upload into a gallery (a result per
file) and a photo's usage report (which galleries, in which languages)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.permission_policies import ModelPermissionPolicy

from .forms import PhotoUploadForm
from .importing import add_to_gallery, import_photos
from .models import GalleryPage, GalleryPhoto, PhotoAsset

photo_permission_policy = ModelPermissionPolicy(PhotoAsset)


def upload_photos(request):
    """Upload several photos (or a folder) into the library only."""
    return upload_to_gallery(request, None)


def upload_to_gallery(request, page_id: int | None):
    """Upload several photos (or a folder) into a gallery's latest draft."""
    gallery = None
    if page_id is not None:
        gallery = get_object_or_404(GalleryPage, pk=page_id)
        if not gallery.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
    if not photo_permission_policy.user_has_permission(request.user, "add"):
        raise PermissionDenied
    results = None
    if request.method == "POST":
        form = PhotoUploadForm(request.POST, request.FILES)
        if form.is_valid():
            if gallery is not None:
                results = add_to_gallery(
                    gallery,
                    form.cleaned_data["uploads"],
                    user=request.user,
                    keep_gps=form.cleaned_data["keep_gps"],
                )
            else:
                results = import_photos(
                    form.cleaned_data["uploads"],
                    user=request.user,
                    keep_gps=form.cleaned_data["keep_gps"],
                )
            form = PhotoUploadForm()
    else:
        form = PhotoUploadForm()
    rows = []
    for result in results or []:
        if not result.ok:
            status, reason = _("Failed"), result.error.message
        elif result.already_in_gallery:
            status, reason = _("Already in this gallery"), ""
        else:
            status = _("Imported")
            reason = (
                _("Same file as an existing photo: reused.") if result.duplicate else ""
            )
        if result.ok and result.warnings:
            from .importing.errors import MESSAGES

            reason = " ".join(str(MESSAGES[code]) for code in result.warnings)
        rows.append(
            {
                "filename": result.filename,
                "ok": result.ok,
                "code": result.code or "",
                "status": status,
                "reason": reason,
                "asset": result.asset,
            }
        )
    counts = {
        "imported": sum(1 for r in results or [] if r.ok and not r.already_in_gallery),
        "failed": sum(1 for r in results or [] if not r.ok),
    }
    return TemplateResponse(
        request,
        "photos/upload.html",
        {
            "gallery": gallery,
            "form": form,
            "results": rows,
            "done": results is not None,
            "counts": counts,
        },
        status=200,
    )


def photo_usage(request, pk: int):
    """Every gallery, in every language, that shows this photo (as saved: the
    live or last published page), with the words it says about it."""
    if not photo_permission_policy.user_has_any_permission(
        request.user, ["view", "change", "add"]
    ):
        raise PermissionDenied
    asset = get_object_or_404(PhotoAsset, pk=pk)
    rows = (
        GalleryPhoto.objects.filter(asset=asset)
        .select_related("page", "page__locale", "locale")
        .order_by("page__translation_key", "page__locale__language_code")
    )
    uses = [
        {
            "gallery": row.page,
            "language": row.page.locale.get_display_name(),
            "language_code": row.page.locale.language_code,
            "live": row.page.live,
            "has_unpublished_changes": row.page.has_unpublished_changes,
            "caption": row.caption,
            "credit": row.credit,
            "position": row.sort_order + 1 if row.sort_order is not None else None,
        }
        for row in rows
    ]
    # Drafts: galleries whose newer draft (not yet published) adds this photo.
    shown = {use["gallery"].pk for use in uses}
    for gallery in GalleryPage.objects.filter(has_unpublished_changes=True).exclude(
        pk__in=shown
    ):
        draft = gallery.get_latest_revision_as_object()
        for position, row in enumerate(draft.photos.all(), start=1):
            if row.asset_id == asset.pk:
                uses.append(
                    {
                        "gallery": gallery,
                        "language": gallery.locale.get_display_name(),
                        "language_code": gallery.locale.language_code,
                        "live": False,
                        "draft_only": True,
                        "caption": row.caption,
                        "credit": row.credit,
                        "position": position,
                    }
                )
    galleries = len({use["gallery"].translation_key for use in uses})
    return TemplateResponse(
        request,
        "photos/usage.html",
        {"asset": asset, "uses": uses, "galleries": galleries},
    )
