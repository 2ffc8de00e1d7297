from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "webhooks"
    verbose_name = _("Publish webhooks")

    def ready(self) -> None:
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
