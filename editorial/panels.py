"""Dashboard panels: translations to bring up to date, videos being processed,
and the latest downloads. Each shows only what the signed-in user may act on."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Max, OuterRef, Subquery
from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationLog

from cms.download_report import recent_downloads
from videos.models import VideoAsset

# How many translations the panel looks at, most recently synced first.
TRANSLATION_CANDIDATES = 30
PANEL_ROWS = 10


@dataclass
class TranslationToUpdate:
    translation: Translation
    page: Page
    source_page: Page
    total: int
    translated: int
    source_changed: bool  # synced since the translation was last saved

    @property
    def missing(self) -> int:
        return self.total - self.translated


def translations_to_update(user, limit: int = PANEL_ROWS) -> list[TranslationToUpdate]:
    """Page translations that need a translator: the source was synced after the
    translation was last saved, or some strings are not translated yet. Only
    translations into pages ``user`` may edit (a translator's own language)."""
    last_saved = (
        TranslationLog.objects.filter(
            source_id=OuterRef("source_id"), locale_id=OuterRef("target_locale_id")
        )
        .order_by()
        .values("source_id")
        .annotate(last=Max("created_at"))
        .values("last")
    )
    candidates = (
        Translation.objects.filter(
            enabled=True, source__specific_content_type__isnull=False
        )
        .annotate(last_saved_at=Subquery(last_saved))
        .select_related("source", "target_locale")
        .order_by("-source__last_updated_at")[:TRANSLATION_CANDIDATES]
    )
    found: list[TranslationToUpdate] = []
    for translation in candidates:
        model = translation.source.specific_content_type.model_class()
        if model is None or not issubclass(model, Page):
            continue
        page = (
            Page.objects.filter(
                translation_key=translation.source.object_id,
                locale_id=translation.target_locale_id,
            )
            .specific()
            .first()
        )
        if page is None or not page.permissions_for_user(user).can_edit():
            continue
        source_page = Page.objects.filter(
            translation_key=translation.source.object_id,
            locale_id=translation.source.locale_id,
        ).first()
        total, translated = translation.get_progress()
        changed = (
            translation.last_saved_at is None
            or translation.source.last_updated_at > translation.last_saved_at
        )
        if changed or translated < total:
            found.append(
                TranslationToUpdate(
                    translation, page, source_page, total, translated, changed
                )
            )
        if len(found) >= limit:
            break
    return found


class TranslationsPanel(Component):
    name = "translations_to_update"
    template_name = "editorial/panels/translations.html"
    order = 90

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["items"] = translations_to_update(parent_context["request"].user)
        return context


class VideosProcessingPanel(Component):
    name = "videos_processing"
    template_name = "editorial/panels/videos_processing.html"
    order = 95

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["assets"] = list(
            VideoAsset.objects.filter(
                status__in=[
                    VideoAsset.Status.QUEUED,
                    VideoAsset.Status.PROCESSING,
                    VideoAsset.Status.FAILED,
                ]
            ).order_by("-created_at")[:PANEL_ROWS]
        )
        return context


class RecentDownloadsPanel(Component):
    name = "recent_downloads"
    template_name = "editorial/panels/recent_downloads.html"
    order = 96

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        # Video downloads, clips and photos, as the Downloads report lists them.
        context["downloads"] = recent_downloads(
            parent_context["request"].user, PANEL_ROWS
        )
        return context
