"""What every page type exposes on top of grapple's page interface (``locale`` and
``translations``), and the root ``page`` query, exact and locale-aware."""

from __future__ import annotations

from functools import reduce
from importlib import import_module
from operator import or_

import graphene
from django.conf import settings
from django.core import signing
from django.db.models import Q
from django.utils.translation import gettext as _
from grapple.models import GraphQLBoolean, GraphQLField, GraphQLString
from grapple.types.interfaces import get_page_interface
from wagtail.models import Page, Site
from wagtail_headless_preview.models import HeadlessPreviewMixin, PagePreview

from cms.public_urls import page_url
from cms.visibility import visible_pages

from .errors import ApiError
from .loaders import ListLoader
from .locale import (
    LanguageCode,
    activate_locale,
    content_language_codes,
    locale_argument,
    locale_field,
    resolve_locale,
)


def published(queryset):
    """Only what the reader may see: live, not under a view restriction, and what
    other apps' hooks allow (cms/visibility.py: pages under embargo)."""
    return visible_pages(queryset.live().public())


def list_field(name: str, item_type, **kwargs) -> GraphQLField:
    """A grapple field holding a list that is never null and holds no nulls:
    ``[item_type!]!``. (grapple's ``is_list`` loses ``required``.)"""
    return GraphQLField(
        name, graphene.List(graphene.NonNull(item_type)), required=True, **kwargs
    )


def resolved_by(path: str):
    """A model method for grapple's ``source=``, answered by the function at
    ``path`` ("app.schema.function", called with the instance and ``info``). The
    schema module imports the models, so it is imported on first use."""
    module_name, function_name = path.rsplit(".", 1)

    def method(self, info, **kwargs):
        return getattr(import_module(module_name), function_name)(self, info)

    method.__name__ = function_name
    return method


class PageTranslationsLoader(ListLoader):
    """translation_key -> every published variant of the page, in any locale."""

    @classmethod
    def load_batch(cls, keys):
        found: dict = {}
        pages = published(Page.objects.filter(translation_key__in=keys))
        for page in pages.select_related("locale").order_by("locale__language_code"):
            found.setdefault(page.translation_key, []).append(page)
        return found


class PageTranslation(graphene.ObjectType):
    """Another language's published variant of a page."""

    id = graphene.ID(required=True)
    locale = locale_field()
    title = graphene.String(required=True)
    slug = graphene.String(required=True)
    url = graphene.String()

    @staticmethod
    def resolve_locale(page, info):
        return page.locale.language_code

    @staticmethod
    def resolve_url(page, info):
        return page_url(page, info.context)


class InvalidPreviewToken(ApiError):
    code = "INVALID_PREVIEW_TOKEN"


class HeadlessPageMixin(HeadlessPreviewMixin):
    """Mixed into every page model the API exposes. Preview in the admin opens the
    frontend of the page's language with a token the frontend passes to
    ``page(token:)``."""

    def get_client_root_url(self, request) -> str:
        urls = settings.FRONTEND_PREVIEW_URLS
        url = urls.get(self.locale.language_code) or urls[settings.LANGUAGE_CODE]
        return url.rstrip("/") + "/"

    @property
    def is_fallback(self) -> bool:
        """True when this page answers for a language it is not written in."""
        return getattr(self, "requested_locale_id", self.locale_id) != self.locale_id

    @property
    def locale_code(self) -> str:
        return self.locale.language_code

    def graphql_url(self, info, **kwargs) -> str | None:
        # With the request, Wagtail keeps the site root paths for the whole request
        # instead of asking the shared cache once per page (the host is not used).
        return page_url(self, info.context)

    def graphql_translations(self, info, **kwargs) -> list[Page]:
        variants = PageTranslationsLoader.load(self.translation_key)
        return [page for page in variants if page.pk != self.pk]


def translation_graphql_fields() -> list:
    return [
        # grapple exposes every Page column; draft_title would leak the draft's title.
        GraphQLString(
            "draft_title",
            source="title",
            required=True,
            description="The published title: drafts are never exposed.",
        ),
        GraphQLField("locale", LanguageCode, source="locale_code", required=True),
        GraphQLString("url", source="graphql_url"),
        GraphQLBoolean(
            "is_fallback",
            required=True,
            description="True when the page stands in for a missing translation.",
        ),
        list_field("translations", PageTranslation, source="graphql_translations"),
    ]


def expect_pages(pages) -> None:
    """Tell the page loaders which pages a list is about to resolve."""
    from .interfaces import expect_tree

    pages = list(pages)
    PageTranslationsLoader.expect(page.translation_key for page in pages)
    expect_tree(pages)


def find_by_url_path(url_path: str, request=None) -> Page | None:
    """The published page at exactly ``url_path`` (``/fr/…``), or None.

    The first path component names the locale (as in the site's URLs); without one,
    the default language is meant. The rest is matched whole against the localized
    site root's descendants, never as a suffix."""
    parts = [part for part in url_path.strip().split("/") if part]
    if parts and parts[0].lower() in content_language_codes():
        locale = resolve_locale(parts.pop(0).lower())
    else:
        locale = resolve_locale(settings.LANGUAGE_CODE)
    site = (Site.find_for_request(request) if request else None) or Site.objects.get(
        is_default_site=True
    )
    root = site.root_page.get_translation_or_none(locale)
    if root is None:
        return None
    target = root.url_path + "".join(f"{part}/" for part in parts)
    return (
        published(Page.objects.filter(locale=locale, url_path=target))
        .specific()
        .first()
    )


def preview_page(token: str, request) -> Page:
    """The unsaved state an editor is previewing, if the token is genuine and
    recent; anything else is an INVALID_PREVIEW_TOKEN error."""
    from .views import mark_private

    mark_private(request)
    try:
        signing.TimestampSigner(salt="headlesspreview.token").unsign(
            token, max_age=settings.GRAPHQL_PREVIEW_MAX_AGE
        )
        preview = PagePreview.objects.get(token=token)
    except (signing.BadSignature, PagePreview.DoesNotExist):
        raise InvalidPreviewToken(
            _("The preview token is invalid or has expired: preview again.")
        ) from None
    page = preview.as_page()
    page.is_preview = True
    return page


class PageQuery:
    page = graphene.Field(
        get_page_interface,
        id=graphene.ID(),
        slug=graphene.String(),
        url_path=graphene.String(
            description="Exact URL path, with its locale prefix, as a page's "
            "urlPath gives it: /fr/…/…/"
        ),
        locale=locale_argument(
            description="Locale of the page to find by slug (default: English)."
        ),
        content_type=graphene.String(description="e.g. newsroom.PressReleasePage"),
        token=graphene.String(
            description="Preview token from the admin: returns the draft previewed."
        ),
        description="One published page by id, by URL path or by slug in a locale; "
        "or, with a preview token, the draft an editor is previewing.",
    )

    @staticmethod
    def resolve_pages(root, info, **kwargs):
        """grapple's stock ``pages``, except that ``inSite``/``site`` keep every
        locale's tree: a site's root page has one translation per language, and
        Wagtail's ``in_site`` only follows the default one."""
        from grapple.types.pages import get_site_filter
        from grapple.utils import resolve_queryset

        in_site, hostname = kwargs.pop("in_site", False), kwargs.pop("site", None)
        parent, ancestor = kwargs.pop("parent", None), kwargs.pop("ancestor", None)
        content_types = kwargs.pop("content_type", None)
        pages = published(Page.objects.filter(depth__gt=1))
        if parent or ancestor:
            above = Page.objects.filter(pk=parent or ancestor).first()
            if above is None:
                return Page.objects.none()
            pages = pages.child_of(above) if parent else pages.descendant_of(above)
        if in_site or hostname:
            site = get_site_filter(info, in_site=in_site, site=hostname)
            if site is None:
                return Page.objects.none()
            roots = site.root_page.get_translations(inclusive=True)
            pages = pages.filter(
                reduce(or_, (Q(path__startswith=page.path) for page in roots))
            )
        if content_types:
            wanted = Q()
            for label in content_types.split(","):
                app_label, _dot, model = label.strip().lower().partition(".")
                wanted |= Q(
                    content_type__app_label=app_label, content_type__model=model
                )
            pages = pages.filter(wanted)
        return resolve_queryset(pages.specific(), info, **kwargs)

    @staticmethod
    def resolve_page(root, info, id=None, slug=None, url_path=None, locale=None, **kw):
        if kw.get("token"):
            page = preview_page(kw["token"], info.context)
            activate_locale(page.locale.language_code)
            return page
        if url_path is not None:
            page = find_by_url_path(url_path, info.context)
        else:
            pages = published(Page.objects.filter(depth__gt=1))
            if id is not None:
                pages = pages.filter(pk=id) if str(id).isdigit() else pages.none()
            elif slug is not None:
                # A translation may share the slug: the locale picks exactly one.
                pages = pages.filter(slug=slug, locale=resolve_locale(locale))
            else:
                return None
            page = pages.order_by("path").specific().first()
        content_type = kw.get("content_type")
        if page is not None and content_type:
            if page._meta.label_lower != content_type.strip().lower():
                return None
        if page is not None:
            activate_locale(page.locale.language_code)
            expect_pages([page])
        return page
