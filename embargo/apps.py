from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmbargoConfig(AppConfig):
    """Pages published ahead of their lift time to the readers allowed to see them
    (accredited journalists: the accreditation app says who), withheld from every
    other path until the worker lifts them."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "embargo"
    verbose_name = _("Embargo")

    def ready(self) -> None:
        from .lifting import connect_signals

        connect_signals()
