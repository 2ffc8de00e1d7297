"""GraphQL for the download basket: ``myBasket``, ``addToBasket``,
``removeFromBasket``, ``clearBasket``, ``requestBasketDownload`` and
``basketDownloadJob``. Signed-in users only; every answer is the user's own
(never cached for others)."""

from __future__ import annotations

from typing import Any

import graphene
from django.conf import settings
from django.utils.translation import gettext as _

from cms.graphql.request_state import mark_private

from . import contents, downloads
from .building import error_message
from .links import job_link
from .models import BasketDownloadJob


def _user(info: graphene.ResolveInfo, message: str):
    request = info.context
    mark_private(request)
    return contents.signed_in_user(request, message)


class BasketItemType(graphene.ObjectType):
    """An item of the basket and what it is now: an item unpublished, put under
    embargo or deleted since it was added stays, ``available: false`` with its
    ``errorCode``, until removed."""

    class Meta:
        name = "BasketItem"

    id = graphene.ID(required=True)
    kind = graphene.String(required=True)
    item_id = graphene.ID(required=True, description="The id it was added with.")
    variant = graphene.String(description="E.g. a video's rendition name.")
    title = graphene.String()
    file_count = graphene.Int(required=True)
    size_bytes = graphene.Float(required=True)
    added_at = graphene.DateTime(required=True)
    available = graphene.Boolean(required=True)
    error_code = graphene.String()
    error_message = graphene.String()

    @staticmethod
    def resolve_id(entry: contents.Entry, info: Any) -> str:
        return str(entry.item.pk)

    @staticmethod
    def resolve_kind(entry: contents.Entry, info: Any) -> str:
        return entry.item.kind

    @staticmethod
    def resolve_item_id(entry: contents.Entry, info: Any) -> str:
        return entry.item.ref

    @staticmethod
    def resolve_variant(entry: contents.Entry, info: Any) -> str | None:
        return entry.item.variant or None

    @staticmethod
    def resolve_title(entry: contents.Entry, info: Any) -> str | None:
        return entry.resolved.title if entry.resolved else None

    @staticmethod
    def resolve_file_count(entry: contents.Entry, info: Any) -> int:
        return len(entry.resolved.files) if entry.resolved else 0

    @staticmethod
    def resolve_size_bytes(entry: contents.Entry, info: Any) -> int:
        return entry.resolved.size_bytes if entry.resolved else 0

    @staticmethod
    def resolve_added_at(entry: contents.Entry, info: Any):
        return entry.item.added_at

    @staticmethod
    def resolve_available(entry: contents.Entry, info: Any) -> bool:
        return entry.resolved is not None

    @staticmethod
    def resolve_error_code(entry: contents.Entry, info: Any) -> str | None:
        return entry.refused.code if entry.refused else None

    @staticmethod
    def resolve_error_message(entry: contents.Entry, info: Any) -> str | None:
        return entry.refused.message if entry.refused else None


class BasketType(graphene.ObjectType):
    class Meta:
        name = "Basket"

    items = graphene.List(graphene.NonNull(BasketItemType), required=True)
    file_count = graphene.Int(
        required=True, description="Files of the available items (the zip's)."
    )
    size_bytes = graphene.Float(required=True)
    max_files = graphene.Int(required=True)
    max_bytes = graphene.Float(required=True)

    @staticmethod
    def resolve_items(basket: contents.Basket, info: Any) -> list:
        return basket.entries

    @staticmethod
    def resolve_max_files(basket: contents.Basket, info: Any) -> int:
        return settings.BASKET_MAX_FILES

    @staticmethod
    def resolve_max_bytes(basket: contents.Basket, info: Any) -> int:
        return settings.BASKET_MAX_BYTES


BasketDownloadJobStatus = graphene.Enum(
    "BasketDownloadJobStatus",
    [(status.value, status.value) for status in BasketDownloadJob.Status],
    description="QUEUED (waiting for a worker), RUNNING, READY (url is set), "
    "FAILED (errorCode and errorMessage say why), EXPIRED (the zip was deleted "
    "after BASKET_ZIP_RETENTION_SECONDS).",
)


class BasketLeftOutItemType(graphene.ObjectType):
    """An item of the basket the worker could not put in the zip: unpublished,
    put under embargo or deleted since the zip was asked for."""

    class Meta:
        name = "BasketLeftOutItem"

    kind = graphene.String(required=True)
    item_id = graphene.ID(required=True)
    variant = graphene.String()
    title = graphene.String(required=True, description="Its title when asked for.")
    error_code = graphene.String(required=True, description="E.g. ITEM_NOT_FOUND.")
    error_message = graphene.String(
        required=True, description="Why, in the language of the zip."
    )

    @staticmethod
    def resolve_item_id(item: dict, info: Any) -> str:
        return item["ref"]

    @staticmethod
    def resolve_variant(item: dict, info: Any) -> str | None:
        return item["variant"] or None

    @staticmethod
    def resolve_error_code(item: dict, info: Any) -> str:
        return item["code"]

    @staticmethod
    def resolve_error_message(item: dict, info: Any) -> str:
        return item["message"]


class BasketDownloadJobType(graphene.ObjectType):
    """A zip of the basket asked for, built by a worker. Follow it with
    basketDownloadJob(id) until READY or FAILED; its link is also e-mailed."""

    class Meta:
        name = "BasketDownloadJob"

    id = graphene.ID(required=True)
    status = graphene.Field(BasketDownloadJobStatus, required=True)
    progress = graphene.Int(required=True, description="0-100.")
    item_count = graphene.Int(required=True, description="Files in the zip.")
    bytes = graphene.Float(required=True, description="Bytes of those files.")
    zip_bytes = graphene.Float(description="Bytes of the zip, once READY.")
    error_code = graphene.String(
        description="Why it FAILED: an item's code (ITEM_NOT_FOUND…), a limit's, "
        "STORAGE_UNAVAILABLE or INTERNAL_SERVER_ERROR."
    )
    error_message = graphene.String()
    url = graphene.String(description="The zip's link, once READY.")
    filename = graphene.String(required=True)
    left_out = graphene.List(
        graphene.NonNull(BasketLeftOutItemType),
        required=True,
        description="Items of the basket not in the zip, and why (the zip's "
        "left-out.txt says the same).",
    )
    expires_at = graphene.DateTime(description="When the zip and its link go.")
    created_at = graphene.DateTime(required=True)

    @staticmethod
    def resolve_status(job: BasketDownloadJob, info: Any) -> str:
        return str(job.status)

    @staticmethod
    def resolve_progress(job: BasketDownloadJob, info: Any) -> int:
        return 100 if job.status == BasketDownloadJob.Status.READY else job.progress

    @staticmethod
    def resolve_item_count(job: BasketDownloadJob, info: Any) -> int:
        return job.file_count

    @staticmethod
    def resolve_bytes(job: BasketDownloadJob, info: Any) -> int:
        return job.size_bytes

    @staticmethod
    def resolve_error_code(job: BasketDownloadJob, info: Any) -> str | None:
        return job.error_code or None

    @staticmethod
    def resolve_error_message(job: BasketDownloadJob, info: Any) -> str | None:
        if not job.error_code:
            return None
        return error_message(job.error_code) or job.message or None

    @staticmethod
    def resolve_url(job: BasketDownloadJob, info: Any) -> str | None:
        if job.status != BasketDownloadJob.Status.READY:
            return None
        return job_link(job)[0]


class BasketQuery:
    my_basket = graphene.Field(BasketType, description="The signed-in user's basket.")
    basket_download_job = graphene.Field(
        BasketDownloadJobType,
        id=graphene.ID(required=True),
        description="A basket download of the signed-in user (another's: NOT_FOUND).",
    )

    @staticmethod
    def resolve_my_basket(root: Any, info: graphene.ResolveInfo) -> Any:
        user = _user(info, _sign_in())
        return contents.my_basket(user)

    @staticmethod
    def resolve_basket_download_job(
        root: Any, info: graphene.ResolveInfo, id: str
    ) -> BasketDownloadJob:
        mark_private(info.context)
        return downloads.find_job(info.context, id)


def _sign_in() -> str:
    return _("Sign in to use the download basket.")


class AddToBasket(graphene.Mutation):
    """Add an item the user may take; adding one already there changes nothing.
    Refused with the item's code (ITEM_NOT_FOUND for what does not exist or may
    not be seen, ITEM_NOT_READY, UNKNOWN_VARIANT), or a limit's
    (BASKET_TOO_MANY_ITEMS, BASKET_TOO_LARGE)."""

    Output = BasketType

    class Arguments:
        kind = graphene.String(
            required=True,
            description="VIDEO_RENDITION (id: a video page's id, variant: a "
            "rendition's name), VIDEO_CLIP (id: a clip's videoDownloadJob id), "
            "or another kind an app registers (an unknown one: "
            "UNKNOWN_BASKET_KIND).",
        )
        id = graphene.ID(required=True)
        variant = graphene.String()

    @staticmethod
    def mutate(root, info, kind: str, id: str, variant: str | None = None):
        user = _user(info, _sign_in())
        return contents.add(user, kind, id, variant or "")


class RemoveFromBasket(graphene.Mutation):
    """Take an item out (one not there: nothing changes)."""

    Output = BasketType

    class Arguments:
        kind = graphene.String(required=True)
        id = graphene.ID(required=True)
        variant = graphene.String()

    @staticmethod
    def mutate(root, info, kind: str, id: str, variant: str | None = None):
        user = _user(info, _sign_in())
        return contents.remove(user, kind, id, variant or "")


class ClearBasket(graphene.Mutation):
    Output = BasketType

    @staticmethod
    def mutate(root, info):
        user = _user(info, _sign_in())
        return contents.clear(user)


class RequestBasketDownload(graphene.Mutation):
    """One zip of the basket, built by a worker, with credits.txt and
    captions.csv in the user's language; its link is e-mailed when ready.
    BASKET_EMPTY, a refused item's code, BASKET_TOO_MANY_ITEMS,
    BASKET_TOO_LARGE, or RATE_LIMITED (with retryAfter) past
    BASKET_ZIPS_PER_HOUR new zips."""

    Output = BasketDownloadJobType

    @staticmethod
    def mutate(root, info):
        mark_private(info.context)
        return downloads.request_download(info.context)


class BasketMutation:
    add_to_basket = AddToBasket.Field()
    remove_from_basket = RemoveFromBasket.Field()
    clear_basket = ClearBasket.Field()
    request_basket_download = RequestBasketDownload.Field()
