"""What can go in the download basket: kinds of items, each registered by the app
that owns them (videos: VIDEO_RENDITION and VIDEO_CLIP from videos/basket.py), so
this app imports none of them.

A kind answers one question, for many items at once (so a basket of fifty costs
the same SQL as a basket of five): for this user, what are these items? Each is
either refused with a code (it does not exist, the user may not see it, it is
under embargo, it is not ready) or resolved into the files it puts in the zip,
each with its size, a way to read its bytes as a stream, and its credit and
caption in a given language."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import IO, NamedTuple

# Codes a kind refuses an item with (``Refused.code``).
ITEM_NOT_FOUND = "ITEM_NOT_FOUND"  # none, unpublished, under embargo, private
ITEM_NOT_READY = "ITEM_NOT_READY"  # not processed yet, a clip still being cut
UNKNOWN_VARIANT = "UNKNOWN_VARIANT"  # e.g. a rendition the video does not have
FORBIDDEN = "FORBIDDEN"  # the user lacks a permission it needs


class ItemRef(NamedTuple):
    """An item as the client names it: its id and, for kinds that have them, a
    variant (a video's rendition name)."""

    id: str
    variant: str = ""


@dataclass(frozen=True)
class FileCredits:
    """What credits.txt and captions.csv say of one file, in one language."""

    title: str
    caption: str = ""
    credit: str = ""
    date: str = ""
    place: str = ""
    usage_terms: str = ""
    restrictions: str = ""
    url: str = ""


@dataclass(frozen=True)
class BasketFile:
    """One file of the zip. ``open()`` gives a binary stream read in chunks (never
    whole); ``credits(language)`` its texts in that language."""

    name: str
    size_bytes: int
    open: Callable[[], AbstractContextManager[IO[bytes]]]
    credits: Callable[[str], FileCredits]


@dataclass(frozen=True)
class Resolved:
    """An item the user may take: its title (in the active language) and files
    (a gallery holds many)."""

    title: str
    files: list[BasketFile] = field(default_factory=list)

    @property
    def size_bytes(self) -> int:
        return sum(file.size_bytes for file in self.files)


@dataclass(frozen=True)
class Refused:
    code: str
    message: str


class BasketKind(ABC):
    """A kind of item. ``name`` is what clients pass as ``kind``
    (VIDEO_RENDITION); ``description`` documents it."""

    name: str
    description: str = ""

    @abstractmethod
    def resolve(
        self, user, refs: Sequence[ItemRef]
    ) -> dict[ItemRef, Resolved | Refused]:
        """Each of ``refs`` resolved for ``user`` (exists, visible to them, not
        under embargo unless they may read it, allowed, ready), or refused. Runs
        in requests and in the worker: decide visibility for ``user``, not for
        whoever the current request is."""

    def packed(self, user, refs: Sequence[ItemRef]) -> None:  # noqa: B027
        """Told once the zip holding ``refs`` is built for ``user`` (a kind may
        log the downloads in its own report). Nothing by default."""


_kinds: dict[str, BasketKind] = {}


def register_basket_kind(kind: BasketKind) -> None:
    """Called by the owning app (``AppConfig.ready``). Registering a name again
    replaces the kind (reloads in development)."""
    _kinds[kind.name] = kind


def basket_kind(name: str) -> BasketKind | None:
    return _kinds.get(name)


def basket_kinds() -> list[BasketKind]:
    return sorted(_kinds.values(), key=lambda kind: kind.name)
