"""Read-only admin panels: a video file's processing, a video page's previews."""

from __future__ import annotations

from wagtail.admin.panels import Panel


class ProcessingPanel(Panel):
    """The processing status of a video file and each of its steps; the page
    refreshes itself while the work goes on."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "videos/processing_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["asset"] = self.instance
            return context

        def is_shown(self):
            return bool(self.instance and self.instance.pk)


class SegmentPreviewPanel(Panel):
    """On a video page: a link per saved shot and soundbite that plays it as a
    clip, so the producer checks the timecodes against the picture."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "videos/segment_preview_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context["shots"] = list(page.shots.all()) if page.pk else []
            context["soundbites"] = list(page.soundbites.all()) if page.pk else []
            return context

        def is_shown(self):
            return bool(self.instance and self.instance.pk)
