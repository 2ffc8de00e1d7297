"""grapple's stock fields, made to follow privacy and the URL rule.

- ``document``, ``documents``, ``image``, ``images`` and ``collections`` hide what
  sits in a collection with a view restriction, but grapple misses the collections
  below it: Wagtail applies a collection's privacy to its whole subtree (as its own
  ``/documents/<id>/<name>`` view does). Here the whole subtree is hidden; and
  ``image``/``images`` ask the apps what else the reader may not list
  (cms/visibility.py's ``filter_visible_images``).
- Image, rendition and document URLs: grapple puts relative ones on
  WAGTAILADMIN_BASE_URL; here they follow cms/public_urls.py like every other URL.
- ``redirects``: ``oldUrl`` was on the host of the Site row (set when the demo was
  loaded), and ``newUrl`` and ``page`` pointed at drafts and private pages too.
  A redirect to a page the reader may not see is left out whole: its old path
  names that page as much as its title would.
- ``site``, ``sites`` (and the sites ``redirects`` repeats a redirect for): only
  sites whose root page the reader may see. ``rootPage`` is grapple's foreign
  key, which handed out a site's root as it stood, a draft's title included.
- ``tag``, ``tags``: only the tags of an image or document the reader may see;
  grapple listed every tag, those of documents in a private collection too.
- An image's ``collection``: null when the collection is private. A page may show
  an image of a private collection (the editor chose to publish it); the name of
  the collection stays private. A collection's ``numchild`` (it counted the
  private ones) is not in the schema.
"""

from __future__ import annotations

import copy

import graphene
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from grapple.utils import (
    resolve_queryset,
    resolve_site_by_hostname,
    resolve_site_by_id,
)
from taggit.models import Tag, TaggedItem
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site

from cms.public_urls import media_item_url, on_public_base, page_url
from cms.visibility import (
    public_collection_ids,
    public_collections,
    published,
    visible_images,
)

from .loaders import BatchLoader


def _public(model):
    return model.objects.filter(collection__in=public_collection_ids())


def _images():
    """Images in public collections, but not the web copies of photos no
    gallery the reader may see shows (unpublished, under embargo)."""
    return visible_images(_public(get_image_model()))


def _sites() -> QuerySet[Site]:
    """Sites whose root page the reader may see: a site in the making (its root a
    draft, or behind a view restriction) is not announced."""
    roots = Page.objects.filter(pk__in=Site.objects.values("root_page_id"))
    return Site.objects.filter(root_page__in=published(roots).values("pk"))


def _tags() -> QuerySet[Tag]:
    """Tags of at least one image or document the reader may see."""
    Image, Document = get_image_model(), get_document_model()
    types = ContentType.objects.get_for_models(Image, Document)
    tagged = TaggedItem.objects.filter(
        Q(content_type=types[Image], object_id__in=_images().values("pk"))
        | Q(content_type=types[Document], object_id__in=_public(Document).values("pk"))
    )
    return Tag.objects.filter(pk__in=tagged.values("tag_id"))


class PublicCollectionIds(BatchLoader):
    """The ids of the public collections, read once per request (a list's images
    each ask)."""

    @classmethod
    def load_batch(cls, keys: list) -> dict:
        ids = public_collection_ids()
        return dict.fromkeys(keys, ids)


def _image_collection(image, info, **kwargs) -> Collection | None:
    if image.collection_id not in PublicCollectionIds.load("public"):
        return None
    return image.collection


def _by_id(queryset, id):
    # Not a database id ("abc", 10^23): nothing found, as for an unknown one.
    if not (str(id).isdigit() and len(str(id)) <= 18):
        return None
    return queryset.filter(pk=id).first()


class MediaQuery:
    """Replaces the resolvers of grapple's root fields (inserted before grapple's
    mixins, as PageQuery is); the fields and their arguments stay grapple's."""

    @staticmethod
    def resolve_document(root, info, id=None, **kwargs):
        return _by_id(_public(get_document_model()), id)

    @staticmethod
    def resolve_documents(root, info, **kwargs):
        return resolve_queryset(_public(get_document_model()), info, **kwargs)

    @staticmethod
    def resolve_image(root, info, id=None, **kwargs):
        return _by_id(_images().prefetch_renditions(), id)

    @staticmethod
    def resolve_images(root, info, **kwargs):
        images = _images().prefetch_renditions()
        return resolve_queryset(images, info, **kwargs)

    @staticmethod
    def resolve_collections(root, info, **kwargs):
        return resolve_queryset(public_collections(), info, **kwargs)

    @staticmethod
    def resolve_tag(root, info, id=None, **kwargs):
        return _by_id(_tags(), id)

    @staticmethod
    def resolve_tags(root, info, **kwargs):
        return resolve_queryset(_tags(), info, **kwargs)

    @staticmethod
    def resolve_sites(root, info, is_default_site=None, **kwargs):
        sites = _sites()
        if is_default_site is not None:
            sites = sites.filter(is_default_site=is_default_site)
        return resolve_queryset(sites, info, **kwargs)

    @staticmethod
    def resolve_site(root, info, id=None, hostname=None, **kwargs):
        if id:
            site = resolve_site_by_id(id=id)
        elif hostname:
            site = resolve_site_by_hostname(hostname=hostname, filter_name="hostname")
        else:
            return None
        return site if site and _sites().filter(pk=site.pk).exists() else None

    @staticmethod
    def resolve_redirects(root, info, **kwargs) -> list[Redirect]:
        """grapple's ``redirects`` (one per site for a redirect of every site),
        without those to a page the reader may not see or on a site it may not."""
        # Filtered in SQL: a page left out is never loaded, so the answer's
        # dependencies (Surrogate-Key) do not name it either.
        shown = published(Page.objects.all()).values("pk")
        redirects = Redirect.objects.filter(
            Q(redirect_page__isnull=True) | Q(redirect_page__in=shown)
        ).select_related("redirect_page", "site")
        sites = list(_sites())
        found = []
        for redirect in redirects:
            for site in sites:
                if redirect.site_id in (None, site.pk):
                    found.append(copy.copy(redirect))
                    found[-1].site = site
        return found


def _rendition_url(rendition, info, **kwargs) -> str:
    return media_item_url(rendition)


def _redirect_page(redirect, info, **kwargs):
    page = redirect.redirect_page
    if page is None or not published(type(page).objects.filter(pk=page.pk)).exists():
        return None
    return page.specific


def _redirect_old_url(redirect, info, **kwargs) -> str:
    return on_public_base(redirect.old_path)


def _redirect_new_url(redirect, info, **kwargs) -> str | None:
    if redirect.redirect_page_id is None:
        return redirect.redirect_link or None
    page = _redirect_page(redirect, info)
    if page is None:
        return None
    url = page_url(page, info.context)
    route = redirect.redirect_page_route_path
    return url.rstrip("/") + route if url and route else url


def _site_page(site, info, **kwargs):
    """grapple's ``site { page }``: a preview token goes through the same checks
    as the root ``page`` (signature, age, an answer never shared); without one,
    grapple's own lookup of live, public pages in that site."""
    from grapple.types.pages import get_specific_page

    from .pages import preview_page

    if kwargs.get("token"):
        return preview_page(kwargs["token"], info.context)
    page = get_specific_page(
        id=kwargs.get("id"),
        slug=kwargs.get("slug"),
        url_path=kwargs.get("url_path"),
        token=None,
        content_type=kwargs.get("content_type"),
        site=site,
    )
    # grapple looks at live and public only; the reader's rules (cms/visibility.py).
    if page is None or not published(Page.objects.filter(pk=page.pk)).exists():
        return None
    return page


def _site_pages(site, info, **kwargs):
    """grapple's ``site { pages }``, through ``published``."""
    pages = published(Page.objects.in_site(site)).specific()
    content_type = kwargs.pop("content_type", None)
    if content_type:
        app_label, _dot, model = content_type.strip().lower().partition(".")
        pages = pages.filter(
            content_type__app_label=app_label, content_type__model=model
        )
    return resolve_queryset(pages, info, **kwargs)


def _public_descendants(collection, info, **kwargs):
    # grapple's own filter only leaves out collections with a restriction of
    # their own, not those below a private one.
    return public_collections().filter(
        path__startswith=collection.path, depth__gt=collection.depth
    )


def _public_ancestors(collection, info, **kwargs):
    return public_collections().filter(pk__in=collection.get_ancestors().values("pk"))


def install_url_resolvers() -> None:
    """Point grapple's stock resolvers at the URL rule and at what the public may
    see. Called before the schema is built (cms.apps), which reads resolvers off
    the types."""
    from grapple.types import collections, documents, images, redirects, sites

    from . import images as image_fields

    image_fields.install()  # srcSet: one get_renditions per field
    documents.get_media_item_url = media_item_url
    images.get_media_item_url = media_item_url  # url, src and srcSet
    images.ImageRenditionObjectType.resolve_url = _rendition_url
    redirects.RedirectObjectType.resolve_old_url = _redirect_old_url
    redirects.RedirectObjectType.resolve_new_url = _redirect_new_url
    redirects.RedirectObjectType.resolve_page = _redirect_page
    sites.SiteObjectType.resolve_page = _site_page
    sites.SiteObjectType.resolve_pages = _site_pages
    collections.CollectionObjectType.resolve_descendants = _public_descendants
    collections.CollectionObjectType.resolve_ancestors = _public_ancestors
    collections.CollectionObjectType._meta.fields.pop("numchild", None)
    images.ImageObjectType._meta.fields["collection"] = graphene.Field(
        collections.CollectionObjectType,
        description="Null when the collection is private.",
    )
    images.ImageObjectType.resolve_collection = _image_collection
