from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "newsroom"
    verbose_name = _("Newsroom")

    def load_demo_content(self, site) -> None:
        """Topics, people and press releases (``manage.py load_demo_content``)."""
        from .demo import load

        load(site)
