from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VideosConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "videos"
    verbose_name = _("Videos")

    def ready(self):
        from . import signals  # noqa: F401

    def load_demo_content(self, site) -> None:
        """The video library and its videos (``manage.py load_demo_content``),
        after the newsroom's people, topics and releases."""
        from .demo import load

        load(site)
