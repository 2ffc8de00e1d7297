"""wagtail-localize's "Translate" and "Sync translated pages" with the page
permissions it does not check itself.

wagtail-localize only asks for the global ``submit_translation`` permission: anyone
holding it could start a translation of any page, or sync one and tick "Publish
immediately" to publish every language's variant. These views, mounted on the same
admin URLs ahead of wagtail-localize's, first require that the user may edit the
source, and may publish each translation they ask to publish."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.shortcuts import get_object_or_404
from wagtail.admin.auth import permission_denied
from wagtail.models import Page
from wagtail.snippets.permissions import get_permission_name
from wagtail_localize.models import TranslationSource
from wagtail_localize.views.submit_translations import SubmitPageTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsView

submit_page_translation = SubmitPageTranslationView.as_view()
update_translations = UpdateTranslationsView.as_view()


def _can_edit(user, instance) -> bool:
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    return user.has_perm(get_permission_name("change", type(instance)))


def guarded_submit_page_translation(request, page_id: int):
    page = get_object_or_404(Page, id=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        return permission_denied(request)
    return submit_page_translation(request, page_id=page_id)


def guarded_update_translations(request, translation_source_id: int):
    source = get_object_or_404(TranslationSource, id=translation_source_id)
    try:
        instance = source.get_source_instance()
    except ObjectDoesNotExist:  # the source is gone: wagtail-localize answers
        return update_translations(request, translation_source_id=translation_source_id)
    if not _can_edit(request.user, instance):
        return permission_denied(request)
    publishing = request.method == "POST" and request.POST.get("publish_translations")
    if publishing and isinstance(instance, Page):
        for translation in source.translations.filter(enabled=True):
            try:
                target = translation.get_target_instance()
            except ObjectDoesNotExist:  # publishing would create it: refuse
                return permission_denied(request)
            if not target.permissions_for_user(request.user).can_publish():
                return permission_denied(request)
    return update_translations(request, translation_source_id=translation_source_id)
