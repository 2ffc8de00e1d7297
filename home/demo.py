"""The site's part of the demo content: locales, a home page per language, the
default site and the demo administrator (whose credentials ``make run`` prints)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page, Site

from cms.demo import LANGUAGES, DemoSite

from .demo_admin import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD
from .models import HomePage

HOME = {
    "en": (
        "home",
        "Media portal",
        "Official media resources for media professionals: press releases, "
        "videos to download in full or in part, and the newsletter.",
    ),
    "fr": (
        "accueil",
        "Portail médias",
        "Accédez aux ressources médiatiques officielles de l'OTAN. Un contenu de "
        "qualité professionnelle, diffusé sur les dernières actualités. La référence "
        "pour les professionnels des médias.",
    ),
}


def load_site() -> DemoSite:
    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES
    }
    _administrator()
    return DemoSite(locales=locales, homes=_homes(locales))


def _administrator() -> None:
    User = get_user_model()
    if not User.objects.filter(email=DEMO_ADMIN_EMAIL).exists():
        User.objects.create_superuser(
            DEMO_ADMIN_EMAIL,
            DEMO_ADMIN_PASSWORD,
            first_name="Demo",
            last_name="Editor",
        )


def _homes(locales: dict[str, Locale]) -> dict[str, Page]:
    root = Page.get_first_root_node()
    site = DemoSite(locales=locales, homes={})
    en = HomePage.objects.filter(locale=locales["en"], depth=2).first()
    if en is None:
        slug, title, intro = HOME["en"]
        # Wagtail's first migration leaves a "Welcome" page at /home/: replace it.
        for page in root.get_children().filter(slug=slug):
            Site.objects.filter(root_page=page).delete()
            page.delete()
        en = root.add_child(
            instance=HomePage(
                title=title, slug=slug, introduction=intro, locale=locales["en"]
            )
        )
        site.publish(en)
    default = Site.objects.filter(is_default_site=True).first()
    if default is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=en,
            is_default_site=True,
            site_name="Media portal",
        )
    elif default.root_page_id != en.pk:
        default.root_page = en
        default.save()
    fr = en.get_translation_or_none(locales["fr"])
    if fr is None:
        slug, title, intro = HOME["fr"]
        fr = root.add_child(
            instance=HomePage(
                title=title,
                slug=slug,
                introduction=intro,
                locale=locales["fr"],
                translation_key=en.translation_key,
            )
        )
        site.publish(fr)
    return {"en": en, "fr": fr.specific}
