from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PhotosConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "photos"
    verbose_name = _("Photos")

    def load_demo_content(self, site) -> None:
        """The photo library and two galleries (``manage.py load_demo_content``),
        after the newsroom's people, topics and releases and the videos."""
        from .demo import load

        load(site)

    def ready(self):
        # The basket's kinds PHOTO and GALLERY (photos/basket.py).
        from basket.registry import register_basket_kind

        from . import signals  # noqa: F401  (the response cache: photo files)
        from .basket import GalleryKind, PhotoKind

        register_basket_kind(PhotoKind())
        register_basket_kind(GalleryKind())
