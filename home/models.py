from django.db import models
from django.utils.translation import gettext_lazy as _
from grapple.models import GraphQLString
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from cms.graphql.pages import HeadlessPageMixin, translation_graphql_fields


class HomePage(HeadlessPageMixin, Page):
    """The portal's root page, one per locale (``/en/``, ``/fr/``)."""

    tagline = models.CharField(_("tagline"), max_length=255, blank=True)
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("tagline"),
        FieldPanel("introduction"),
    ]

    graphql_fields = [
        GraphQLString("tagline"),
        GraphQLString("introduction"),
        *translation_graphql_fields(),
    ]

    parent_page_types = ["wagtailcore.Page"]  # one per locale, under the tree root

    class Meta:
        verbose_name = _("home page")
