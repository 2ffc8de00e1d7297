"""Read-only admin panels of a gallery."""

from __future__ import annotations

from wagtail.admin.panels import Panel


class GalleryUploadPanel(Panel):
    """On a saved gallery: the link to the bulk upload of photos into it."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "photos/upload_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["page"] = self.instance
            return context

        def is_shown(self):
            return bool(self.instance and self.instance.pk)
