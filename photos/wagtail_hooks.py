"""The photos' admin: the library of photo files (its chooser is what a gallery's
photo panel opens), the bulk upload, a photo's usage report."""

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from .importing import refresh_web_copy
from .models import PhotoAsset
from .views import photo_usage, upload_photos, upload_to_gallery


class PhotoCreateView(CreateView):
    """A photo is made from a file by the importer: "Add" is the upload."""

    def dispatch(self, request, *args, **kwargs):
        return redirect("photos_upload")


class PhotoEditView(EditView):
    def save_instance(self):
        kept = (
            PhotoAsset.objects.filter(pk=self.object.pk)
            .values_list("keep_gps", flat=True)
            .first()
        )
        instance = super().save_instance()
        if kept is not None and kept != instance.keep_gps:
            # The public copy is made again, with or without the position.
            refresh_web_copy(instance)
        return instance


class PhotoAssetViewSet(SnippetViewSet):
    model = PhotoAsset
    icon = "image"
    menu_label = _("Photo files")
    menu_order = 260
    add_to_admin_menu = True
    add_view_class = PhotoCreateView
    edit_view_class = PhotoEditView
    list_display = ["title", "format", "credit", "date_taken", "created_at"]
    list_filter = ["format", "keep_gps"]
    search_fields = ["title", "caption", "credit", "original_filename"]
    ordering = ["-created_at"]


register_snippet(PhotoAssetViewSet)


@hooks.register("register_admin_urls")
def register_photo_urls():
    return [
        path("photos/upload/", upload_photos, name="photos_upload"),
        path(
            "photos/galleries/<int:page_id>/upload/",
            upload_to_gallery,
            name="photos_gallery_upload",
        ),
        path("photos/files/<int:pk>/usage/", photo_usage, name="photos_usage"),
    ]


@hooks.register("register_snippet_listing_buttons")
def photo_usage_button(snippet, user, next_url=None):
    if isinstance(snippet, PhotoAsset):
        yield ListingButton(
            _("Usage in galleries"),
            reverse("photos_usage", args=[snippet.pk]),
            icon_name="list-ul",
            priority=15,
        )
