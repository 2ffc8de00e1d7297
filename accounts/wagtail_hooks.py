from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from cms.exports import SafeExportIndexView

from .models import User
from .schema import AccountsMutation, AccountsQuery

PROFILE_FIELDS = [
    "email",
    "first_name",
    "last_name",
    "organisation",
    "media_type",
    "country",
    "preferred_language",
]


class AccountViewSet(ModelViewSet):
    """Registered media professionals: listed, searched, filtered and exported.
    Accounts are made by registering (or by an administrator under Users); here
    their profile can be corrected or the account switched off."""

    model = User
    index_view_class = SafeExportIndexView
    icon = "user"
    menu_label = _("Accounts")
    menu_order = 650
    add_to_admin_menu = True
    url_prefix = "accounts"
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "email",
        "first_name",
        "last_name",
        "organisation",
        "media_type",
        "country",
        "email_verified_at",
        "date_joined",
    ]
    list_filter = ["media_type", "preferred_language", "is_staff", "is_active"]
    search_fields = ["email", "first_name", "last_name", "organisation"]
    list_export = [
        *PROFILE_FIELDS,
        "email_verified_at",
        "terms_accepted_at",
        "date_joined",
        "last_login",
        "is_active",
    ]
    export_filename = "accounts"
    form_fields = [*PROFILE_FIELDS[1:], "is_active"]
    inspect_view_fields = [*list_export]


@hooks.register("register_admin_viewset")
def register_account_viewset() -> AccountViewSet:
    return AccountViewSet("accounts")


@hooks.register("register_schema_query")
def register_accounts_query(query_mixins: list) -> None:
    query_mixins.insert(0, AccountsQuery)


@hooks.register("register_schema_mutation")
def register_accounts_mutation(mutation_mixins: list) -> None:
    mutation_mixins.insert(0, AccountsMutation)
