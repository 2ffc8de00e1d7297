"""Pages that roles work under get the role's permissions when they are created:
demo content loaded after the migrations, or a new language's tree."""

from django.apps import apps as django_apps
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Page

from .roles import ROLES, grant_page_permissions

PAGE_MODELS = {label for role in ROLES for label in role.page_models}


@receiver(post_save)
def grant_on_new_page(sender, instance, created, raw=False, **kwargs) -> None:
    if not created or raw or not isinstance(instance, Page):
        return
    if sender._meta.label not in PAGE_MODELS:
        return
    grant_page_permissions(django_apps, pages=[instance])
