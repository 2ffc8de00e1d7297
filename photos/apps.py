from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PhotosConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "photos"
    verbose_name = _("Photos")

    def load_demo_content(self, site) -> None:
        """The photo library and two galleries (``manage.py load_demo_content``),
        after the newsroom's people, topics and releases and the videos."""
        from .demo import load

        load(site)
