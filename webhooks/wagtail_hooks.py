from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy

from .forms import WebhookEndpointForm
from .models import WebhookDelivery, WebhookEndpoint


class WebhookEndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    icon = "link"
    menu_label = _("Endpoints")
    url_prefix = "webhooks/endpoints"
    list_display = ["name", "url", "locale", "active"]
    list_filter = ["active", "locale"]
    copy_view_enabled = False  # a copy would share the secret
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("url"),
            FieldPanel("events"),
            FieldPanel("locale"),
            FieldPanel("active"),
            FieldPanel("secret"),
        ],
        base_form_class=WebhookEndpointForm,
    )


class DeliveryLogPermissionPolicy(ModelPermissionPolicy):
    """The delivery log is written by the sender alone: it can be viewed (by
    superusers and holders of the "view" permission) but nobody adds, edits or
    deletes entries in the admin."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user: Any, actions: Any) -> bool:
        return "view" in actions and self.user_has_permission(user, "view")

    def users_with_any_permission(self, actions: Any) -> Any:
        actions = [action for action in actions if action == "view"]
        return super().users_with_any_permission(actions)


class WebhookDeliveryViewSet(ModelViewSet):
    model = WebhookDelivery
    icon = "history"
    menu_label = _("Deliveries")
    url_prefix = "webhooks/deliveries"
    list_display = [
        "endpoint",
        "event",
        "status",
        "attempts",
        "last_status_code",
        "updated_at",
    ]
    list_filter = ["status", "event", "endpoint"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = []  # never edited; the views refuse to open anyway

    @property
    def permission_policy(self) -> DeliveryLogPermissionPolicy:
        return DeliveryLogPermissionPolicy(self.model)

    def get_permissions_to_register(self) -> Any:
        return super().get_permissions_to_register().filter(codename__startswith="view")


class WebhooksViewSetGroup(ModelViewSetGroup):
    items = (WebhookEndpointViewSet, WebhookDeliveryViewSet)
    menu_icon = "link"
    menu_label = _("Webhooks")
    menu_name = "webhooks"


@hooks.register("register_admin_viewset")
def register_webhooks_viewsets() -> WebhooksViewSetGroup:
    return WebhooksViewSetGroup()
