"""Documents, images and collections as the public may see them, on the URL rule.

grapple's stock ``document``, ``documents``, ``image``, ``images`` and
``collections`` hide what sits in a collection with a view restriction, but not in
the collections below it: Wagtail applies a collection's privacy to its whole
subtree (as its own ``/documents/<id>/<name>`` view does). Here the whole subtree
is hidden. grapple's URL resolvers put relative media URLs on
WAGTAILADMIN_BASE_URL: here they follow cms/public_urls.py like every other URL.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import Q
from grapple.utils import resolve_queryset
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from cms.public_urls import media_item_url


def public_collections():
    """Collections with no view restriction on themselves or above."""
    paths = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    private = [Q(path__startswith=path) for path in paths]
    collections = Collection.objects.all()
    return collections.exclude(reduce(or_, private)) if private else collections


def public_collection_ids() -> set[int]:
    # A handful of collections: one small query, usable in a search filter (only
    # ``collection`` is a search FilterField of documents and images).
    return set(public_collections().values_list("pk", flat=True))


def _public(model):
    return model.objects.filter(collection__in=public_collection_ids())


def _by_id(queryset, id):
    if not str(id).isdigit():
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
        return _by_id(_public(get_image_model()).prefetch_renditions(), id)

    @staticmethod
    def resolve_images(root, info, **kwargs):
        images = _public(get_image_model()).prefetch_renditions()
        return resolve_queryset(images, info, **kwargs)

    @staticmethod
    def resolve_collections(root, info, **kwargs):
        return resolve_queryset(public_collections(), info, **kwargs)


def _rendition_url(rendition, info, **kwargs) -> str:
    return media_item_url(rendition)


def install_url_resolvers() -> None:
    """Point grapple's image, rendition and document URLs at the URL rule. Called
    before the schema is built (cms.apps), which reads resolvers off the types."""
    from grapple.types import documents, images

    documents.get_media_item_url = media_item_url
    images.get_media_item_url = media_item_url  # url, src and srcSet
    images.ImageRenditionObjectType.resolve_url = _rendition_url
