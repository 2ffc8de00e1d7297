from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "newsroom"
    verbose_name = _("Newsroom")

    def ready(self) -> None:
        from search.dependents import follow

        from .models import Person, Topic

        # Galleries and their photos are found by their people's and topics'
        # names (photos/models/pages.py): a rename or a deletion writes them
        # again.
        follow(Person)
        follow(Topic)

    def load_demo_content(self, site) -> None:
        """Topics, people and press releases (``manage.py load_demo_content``)."""
        from .demo import load

        load(site)
