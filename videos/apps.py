from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VideosConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "videos"
    verbose_name = _("Videos")

    def ready(self):
        from basket.registry import register_basket_kind

        from . import signals  # noqa: F401
        from .basket import VideoClipKind, VideoRenditionKind

        register_basket_kind(VideoRenditionKind())
        register_basket_kind(VideoClipKind())

    def load_demo_content(self, site) -> None:
        """The video library and its videos (``manage.py load_demo_content``),
        after the newsroom's people, topics and releases."""
        from .demo import load

        load(site)
