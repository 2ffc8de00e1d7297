"""One rule for the URLs in API answers (README, "URLs").

Every URL is absolute and built from settings, never from the request: an answer
may be cached and served to every client, so the Host header of whoever asked first
must not end up in it.

- Pages: ``PUBLIC_BASE_URL`` + the page's path (``/fr/salle-de-presse/…/``).
- What this CMS serves: documents (``/documents/<id>/<name>``, through Wagtail's
  view, which checks collection privacy), video download links, and media on local
  disk (``/media/…``): ``CMS_BASE_URL`` + the path.
- Media whose storage gives absolute URLs (``MEDIA_URL`` on a CDN, S3 with
  ``AWS_S3_CUSTOM_DOMAIN`` or presigned links): those URLs, unchanged.

Rich text follows the same rule: links to pages and documents are absolute, and a
link to a page or document the public may not see loses its ``href``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.utils.html import escape
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.rich_text.pages import PageLinkHandler

from cms.visibility import public_collection_ids, published


def _on(base: str, path: str) -> str:
    if urlsplit(path).scheme:  # already absolute (a CDN, the object store)
        return path
    return base.rstrip("/") + "/" + path.lstrip("/")


def on_public_base(path: str) -> str:
    """A path of the public site made absolute on PUBLIC_BASE_URL."""
    return _on(settings.PUBLIC_BASE_URL, path)


def cms_url(path: str) -> str:
    """A path this CMS serves, or a media URL, made absolute on CMS_BASE_URL."""
    return _on(settings.CMS_BASE_URL, path)


def page_url(page, request=None) -> str | None:
    """The page's public URL on PUBLIC_BASE_URL; None if it is not routable."""
    parts = page.get_url_parts(request=request)
    if parts is None:
        return None
    return on_public_base(parts[2])


def media_item_url(item) -> str:
    """An image, rendition or document (grapple's ``get_media_item_url``)."""
    url = item.url if hasattr(item, "url") else item.file.url
    return cms_url(url)


class PublicPageLinkHandler(PageLinkHandler):
    """Rich text links to pages: absolute; none to a page the public may not see
    (a draft, a page under a view restriction)."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        pages = cls.get_many(attrs_list)
        public = set(
            published(
                cls.get_model().objects.filter(pk__in=[p.pk for p in pages if p])
            ).values_list("pk", flat=True)
        )
        links = []
        for page in pages:
            url = page_url(page.localized) if page and page.pk in public else None
            links.append(f'<a href="{escape(url)}">' if url else "<a>")
        return links


class PublicDocumentLinkHandler(DocumentLinkHandler):
    """Rich text links to documents: absolute; none to a document of a private
    collection."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        public = public_collection_ids()
        return [
            f'<a href="{escape(media_item_url(doc))}">'
            if doc and doc.collection_id in public
            else "<a>"
            for doc in cls.get_many(attrs_list)
        ]
