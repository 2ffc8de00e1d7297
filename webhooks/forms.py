from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import WebhookEvent, validate_webhook_url


class WebhookEndpointForm(WagtailAdminModelForm):
    # The model stores the events as a JSON list; editors tick boxes.
    events = forms.MultipleChoiceField(
        label=_("events"),
        choices=WebhookEvent.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one event.")},
        help_text=_("The events sent to this endpoint."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Django's URL check allows ftp:// and calls file:// merely "not valid":
        # the endpoint's own check says which addresses are accepted.
        self.fields["url"].validators = [validate_webhook_url]

    def clean_events(self) -> list[str]:
        chosen = set(self.cleaned_data["events"])
        return [event for event in WebhookEvent.values if event in chosen]
