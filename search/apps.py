from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from django.conf import settings
        from wagtail.signals import page_published

        from . import documents
        from .config import check_settings

        # A wrong SEARCH_BACKEND or a missing SEARCH_URL stops the process now.
        check_settings(getattr(settings, "WAGTAILSEARCH_BACKENDS", {}))

        def fill(**kwargs: Any) -> None:
            documents.rebuild_if_empty()

        def page_saved(
            sender: type, instance: Any, raw: bool = False, **kwargs: Any
        ) -> None:
            from wagtail.models import Page

            if not raw and isinstance(instance, Page):
                documents.set_live(instance)

        def published(sender: type, instance: Any, **kwargs: Any) -> None:
            # Inline links (topics, people) are saved after the page itself:
            # write the document again once the revision is fully published.
            documents.refresh(instance)

        post_migrate.connect(fill, sender=self, weak=False)
        post_save.connect(page_saved, weak=False, dispatch_uid="search-page-live")
        page_published.connect(published, weak=False, dispatch_uid="search-published")
