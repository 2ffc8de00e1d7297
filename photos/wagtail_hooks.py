"""The photos' admin: the photo library of files (with its chooser, used by a
gallery's photo panel)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PhotoAsset


class PhotoAssetViewSet(SnippetViewSet):
    model = PhotoAsset
    icon = "image"
    menu_label = _("Photo files")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["title", "format", "date_taken", "created_at"]
    search_fields = ["title", "caption", "credit", "original_filename"]


register_snippet(PhotoAssetViewSet)
