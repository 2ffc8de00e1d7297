from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccreditationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accreditation"
    verbose_name = _("Accreditation")

    def ready(self) -> None:
        from embargo.readers import allow_readers

        from . import upkeep  # noqa: F401  (the worker tick's receiver)
        from .access import is_accredited
        from .alerts import connect_signals

        allow_readers(is_accredited)
        connect_signals()
