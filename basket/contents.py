"""What is in a user's basket: adding and removing items, what each is now (asked
of its kind, for all the items of a kind at once), and the limits of one zip."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .errors import (
    BASKET_EMPTY,
    BASKET_TOO_LARGE,
    BASKET_TOO_MANY_ITEMS,
    NOT_AUTHENTICATED,
    UNKNOWN_BASKET_KIND,
    BasketError,
)
from .models import BasketItem
from .registry import ItemRef, Refused, Resolved, basket_kind, basket_kinds


@dataclass
class Entry:
    """An item of the basket and what its kind says of it now."""

    item: BasketItem
    state: Resolved | Refused

    @property
    def resolved(self) -> Resolved | None:
        return self.state if isinstance(self.state, Resolved) else None

    @property
    def refused(self) -> Refused | None:
        return self.state if isinstance(self.state, Refused) else None


@dataclass
class Basket:
    user: object
    entries: list[Entry]

    @property
    def available(self) -> list[Entry]:
        return [entry for entry in self.entries if entry.resolved]

    @property
    def file_count(self) -> int:
        return sum(len(entry.resolved.files) for entry in self.available)

    @property
    def size_bytes(self) -> int:
        return sum(entry.resolved.size_bytes for entry in self.available)


def signed_in_user(request, message: str):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        raise BasketError(NOT_AUTHENTICATED, message, status=401)
    return user


def kind_named(name: str):
    kind = basket_kind(name)
    if kind is None:
        names = ", ".join(k.name for k in basket_kinds())
        raise BasketError(
            UNKNOWN_BASKET_KIND,
            _("There is no kind of item %(kind)s. Kinds: %(kinds)s.")
            % {"kind": name, "kinds": names},
            kinds=[k.name for k in basket_kinds()],
        )
    return kind


def resolve(user, items: list[BasketItem]) -> list[Entry]:
    """Each item as its kind sees it now: one call per kind, whatever the count."""
    by_kind: dict[str, list[ItemRef]] = defaultdict(list)
    for item in items:
        by_kind[item.kind].append(ItemRef(item.ref, item.variant))
    states: dict[tuple[str, ItemRef], Resolved | Refused] = {}
    for name, refs in by_kind.items():
        kind = basket_kind(name)
        if kind is None:  # its app was removed: the item stays, refused
            continue
        for ref, state in kind.resolve(user, refs).items():
            states[name, ref] = state
    gone = Refused("ITEM_NOT_FOUND", _("This item is no longer available."))
    return [
        Entry(item, states.get((item.kind, ItemRef(item.ref, item.variant)), gone))
        for item in items
    ]


def my_basket(user) -> Basket:
    return Basket(user, resolve(user, list(BasketItem.objects.filter(user=user))))


def lock_account(user) -> None:
    """One change of this account's basket at a time (the limits count)."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()


def add(user, kind_name: str, ref: str, variant: str = "") -> Basket:
    """Add an item the user may take (refused items raise their kind's code);
    adding one already there changes nothing. The limits hold as it is added."""
    kind = kind_named(kind_name)
    key = ItemRef(str(ref).strip()[:100], (variant or "").strip()[:40])
    state = kind.resolve(user, [key]).get(key)
    if state is None or isinstance(state, Refused):
        state = state or Refused("ITEM_NOT_FOUND", _("There is no such item."))
        raise BasketError(state.code, state.message)
    with transaction.atomic():
        lock_account(user)
        if not BasketItem.objects.filter(
            user=user, kind=kind.name, ref=key.id, variant=key.variant
        ).exists():
            basket = my_basket(user)
            check_limits(
                basket.file_count + len(state.files),
                basket.size_bytes + state.size_bytes,
            )
            try:
                with transaction.atomic():
                    BasketItem.objects.create(
                        user=user, kind=kind.name, ref=key.id, variant=key.variant
                    )
            except IntegrityError:  # the same item, added by a concurrent request
                pass
    return my_basket(user)


def remove(user, kind_name: str, ref: str, variant: str = "") -> Basket:
    BasketItem.objects.filter(
        user=user, kind=kind_name, ref=str(ref).strip(), variant=(variant or "").strip()
    ).delete()
    return my_basket(user)


def clear(user) -> Basket:
    BasketItem.objects.filter(user=user).delete()
    return Basket(user, [])


def check_not_empty(file_count: int) -> None:
    if file_count == 0:
        raise BasketError(BASKET_EMPTY, _("Your basket is empty."))


def check_limits(file_count: int, size_bytes: int) -> None:
    maximum = settings.BASKET_MAX_FILES
    if file_count > maximum:
        raise BasketError(
            BASKET_TOO_MANY_ITEMS,
            _("A basket holds at most %(max)d files; this one would hold %(count)d.")
            % {"max": maximum, "count": file_count},
            maxFiles=maximum,
            fileCount=file_count,
        )
    maximum = settings.BASKET_MAX_BYTES
    if size_bytes > maximum:
        raise BasketError(
            BASKET_TOO_LARGE,
            _(
                "A basket's files weigh at most %(max)s MB together; these would "
                "weigh %(size)s MB."
            )
            % {"max": _megabytes(maximum), "size": _megabytes(size_bytes)},
            maxBytes=maximum,
            sizeBytes=size_bytes,
        )


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f}"
