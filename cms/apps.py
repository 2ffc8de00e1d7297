from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    """The project package doubles as an app: it owns the shared GraphQL machinery,
    its hooks, templates and the project-wide translations."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "cms"
    verbose_name = _("Media portal")

    def ready(self) -> None:
        from . import checks  # noqa: F401 (registers them)
        from .graphql.cache import connect_signals
        from .graphql.stock import install_url_resolvers

        connect_signals()
        install_url_resolvers()
