"""GraphQL for photos: the ``galleries`` and ``gallery`` queries and the
``requestPhotoDownload`` mutation.

Lists cost a constant number of SQL queries: the list resolvers announce their
galleries to the loaders (``expect_galleries`` in photos/models/graphql.py, which
passes them on to the linked-page kit's for people, topics and related releases),
which fetch the photos, files, web copies and renditions of the whole list at
once."""

from __future__ import annotations

from typing import Any

import graphene
from django.db.models import Case, QuerySet, When
from grapple.registry import registry
from wagtail.models import Locale

from cms.graphql import dependencies
from cms.graphql.locale import activate_locale, locale_argument, resolve_locale
from cms.graphql.pagination import (
    cursor_arguments,
    paginate,
    paginated,
    pagination_arguments,
)
from cms.graphql.request_state import mark_private
from newsroom.linked.lists import (
    check_list_arguments,
    dated_pages,
    filter_models,
    linked_filter_arguments,
)

from . import downloads
from .models import GalleryPage, GalleryPhoto, PhotoAsset
from .models.graphql import GalleryPhotoType, expect_galleries


def gallery_type() -> type[graphene.ObjectType]:
    return registry.pages[GalleryPage]


GalleryList = paginated("GalleryList", gallery_type)


def galleries_queryset(
    locale: Locale,
    topic_keys: set | None = None,
    person: str | None = None,
    date_from: Any = None,
    date_to: Any = None,
) -> QuerySet[GalleryPage]:
    return dated_pages(
        GalleryPage, locale, topic_keys, person, date_from, date_to
    ).select_related("locale")


class PhotosQuery:
    galleries = graphene.Field(
        GalleryList,
        locale=locale_argument(),
        **linked_filter_arguments(),
        **pagination_arguments(),
        **cursor_arguments(),
        description="Published photo galleries of one language, newest first.",
    )
    gallery = graphene.Field(
        gallery_type,
        slug=graphene.String(required=True),
        locale=locale_argument(),
        description="One published gallery by slug, or null.",
    )

    @staticmethod
    def resolve_galleries(
        root: Any,
        info: graphene.ResolveInfo,
        locale: str | None = None,
        topic: str | None = None,
        person: str | None = None,
        date_from: Any = None,
        date_to: Any = None,
        page: int = 1,
        per_page: int = 10,
        after: str | None = None,
        before: str | None = None,
    ) -> Any:
        topic_keys = check_list_arguments(
            topic, person, date_from, date_to, page, per_page
        )
        locale = activate_locale(locale)
        # A gallery's photos change with its page (published with it); their
        # files with the asset, their web copies by their image's own tag.
        dependencies.enumerates(
            info, GalleryPage, [locale], PhotoAsset, *filter_models(topic, person)
        )
        galleries = galleries_queryset(locale, topic_keys, person, date_from, date_to)
        result = paginate(galleries, page, per_page, after, before)
        expect_galleries(result["items"])
        return GalleryList(**result)

    @staticmethod
    def resolve_gallery(
        root: Any, info: graphene.ResolveInfo, slug: str, locale: str | None = None
    ) -> GalleryPage | None:
        locale = activate_locale(locale)
        gallery = (
            galleries_queryset(locale)
            .filter(slug=slug)
            .order_by(Case(When(locale=locale, then=0), default=1))
            .first()
        )
        if gallery is not None:
            expect_galleries([gallery])
            dependencies.enumerates(None, PhotoAsset)
        dependencies.looks_up(info, GalleryPage, [locale], gallery)
        return gallery


PhotoDownloadForm = graphene.Enum(
    "PhotoDownloadForm",
    [("ORIGINAL", "original"), ("JPEG", "jpeg")],
    description="ORIGINAL: the file as uploaded. JPEG: a full-size JPEG of it, "
    "for originals browsers cannot show (TIFF, HEIC).",
)


class PhotoDownloadType(graphene.ObjectType):
    """A link to a photo at full resolution (logged when issued)."""

    class Meta:
        name = "PhotoDownload"

    url = graphene.String(required=True, description="Downloads as an attachment.")
    expires_at = graphene.DateTime(required=True)
    filename = graphene.String(required=True)
    size_bytes = graphene.Float(description="Bytes (may pass 2^31).")
    form = graphene.Field(PhotoDownloadForm, required=True)
    content_type = graphene.String(required=True)
    photo = graphene.Field(GalleryPhotoType, required=True)

    @staticmethod
    def resolve_form(link: downloads.PhotoLink, info: Any) -> str:
        return str(link.form)  # the choice's value


class RequestPhotoDownload(graphene.Mutation):
    """A short-lived link to a photo's original (or full-size JPEG), for
    signed-in users (NOT_AUTHENTICATED), of a photo the reader may see
    (PHOTO_NOT_FOUND otherwise, embargoed ones included). Every link issued is
    logged."""

    class Arguments:
        photo_id = graphene.ID(
            required=True, description="A gallery photo's id (GalleryPhoto.id)."
        )
        locale = locale_argument(
            description="The language of the gallery it is taken from (default: "
            "the photo's own)."
        )

    Output = PhotoDownloadType

    @staticmethod
    def mutate(
        root: Any, info: graphene.ResolveInfo, photo_id: str, locale: str | None = None
    ) -> Any:
        request = info.context
        mark_private(request)
        language = resolve_locale(locale) if locale is not None else None
        return downloads.request_download(request, photo_id, language)


class PhotosMutation:
    request_photo_download = RequestPhotoDownload.Field()


__all__ = [
    "GalleryPhoto",
    "PhotosMutation",
    "PhotosQuery",
    "expect_galleries",
    "gallery_type",
]
