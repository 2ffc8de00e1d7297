"""Writing a basket's zip: each file copied in chunks (never read whole) into a
zip written to a file, ZIP64 where a member or the archive needs it, then
``credits.txt`` and ``captions.csv`` (UTF-8 with a BOM, so spreadsheet programs
read its accents) in the user's language, and ``left-out.txt`` when items of
the basket could not be put in (what, and why)."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import IO

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .registry import BasketFile, FileCredits

CREDITS = "credits.txt"
CAPTIONS = "captions.csv"
LEFT_OUT = "left-out.txt"


def member_names(files: list[BasketFile]) -> list[str]:
    """Each file's name in the zip: its own, made unique ("name-2.ext") and kept
    clear of the files the zip adds."""
    taken = {CREDITS, CAPTIONS, LEFT_OUT}
    names = []
    for file in files:
        name = _safe(file.name)
        stem, suffix = PurePosixPath(name).stem, PurePosixPath(name).suffix
        candidate, number = name, 1
        while candidate.lower() in taken:
            number += 1
            candidate = f"{stem}-{number}{suffix}"
        taken.add(candidate.lower())
        names.append(candidate)
    return names


def _safe(name: str) -> str:
    """A plain file name: no folders, no way out of the folder it is unpacked in."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1].strip().lstrip(".")
    return name or "file"


def write_zip(
    target: IO[bytes],
    files: list[BasketFile],
    language: str,
    chunk_bytes: int,
    progress: Callable[[int], None] | None = None,
    left_out: list[tuple[str, str]] = (),
) -> list[str]:
    """Write the zip of ``files`` to ``target`` (a seekable binary file); returns
    the members' names. ``progress(bytes)`` is told the bytes copied so far;
    ``left_out`` is ``[(title, reason)]`` of the items not in it."""
    names = member_names(files)
    now = timezone.localtime()
    stamp = (now.year, now.month, now.day, now.hour, now.minute, now.second)
    copied = 0
    with zipfile.ZipFile(target, "w", allowZip64=True) as archive:
        for file, name in zip(files, names, strict=True):
            info = zipfile.ZipInfo(name, date_time=stamp)
            # Photos and videos are compressed already: stored as they are.
            info.compress_type = zipfile.ZIP_STORED
            info.file_size = file.size_bytes
            big = file.size_bytes * 1.05 > zipfile.ZIP64_LIMIT
            with (
                file.open() as source,
                archive.open(info, "w", force_zip64=big) as member,
            ):
                while chunk := source.read(chunk_bytes):
                    member.write(chunk)
                    copied += len(chunk)
                    if progress is not None:
                        progress(copied)
        with translation.override(language):
            credits = [file.credits(language) for file in files]
            _write_text(archive, CREDITS, credits_text(names, credits, now), stamp)
            _write_text(archive, CAPTIONS, captions_csv(names, credits), stamp)
            if left_out:
                _write_text(archive, LEFT_OUT, left_out_text(left_out), stamp)
    return names


def _write_text(archive: zipfile.ZipFile, name: str, data: bytes, stamp) -> None:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)


def credits_text(
    names: list[str], credits: list[FileCredits], made: datetime.datetime
) -> bytes:
    """credits.txt: who to credit for each file, with its usage terms and
    restrictions, in the active language."""
    lines = [
        _("Credits and usage terms"),
        _("Download basket made on %(date)s.")
        % {"date": date_format(made, "DATETIME_FORMAT")},
        _(
            "Credit each file as shown below, and respect its usage terms and "
            "restrictions."
        ),  # fmt: skip
        "",
    ]
    labels = (
        ("credit", pgettext("basket file", "Credit")),
        ("caption", pgettext("basket file", "Caption")),
        ("date", pgettext("basket file", "Date")),
        ("place", pgettext("basket file", "Place")),
        ("usage_terms", pgettext("basket file", "Usage terms")),
        ("restrictions", pgettext("basket file", "Restrictions")),
        ("url", pgettext("basket file", "Source")),
    )
    for name, credit in zip(names, credits, strict=True):
        lines.append(_("%(label)s: %(value)s") % {"label": name, "value": credit.title})
        for attribute, label in labels:
            value = " ".join(str(getattr(credit, attribute) or "").split())
            if value:
                line = _("%(label)s: %(value)s") % {"label": label, "value": value}
                lines.append(f"  {line}")
        lines.append("")
    return "\r\n".join(lines).encode("utf-8")


def left_out_text(left_out: list[tuple[str, str]]) -> bytes:
    """left-out.txt: the basket's items not in the zip, and why, in the active
    language."""
    lines = [
        _("Left out of this zip"),
        _(
            "These items of your basket could not be put in the zip; each is "
            "followed by the reason."
        ),
        "",
    ]
    for title, reason in left_out:
        lines.append(_("%(label)s: %(value)s") % {"label": title, "value": reason})
    return "\r\n".join([*lines, ""]).encode("utf-8")


def captions_csv(names: list[str], credits: list[FileCredits]) -> bytes:
    """captions.csv: one row per file, headed in the active language, as UTF-8
    with a byte-order mark."""
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(
        [
            pgettext("basket file", "File"),
            pgettext("basket file", "Title"),
            pgettext("basket file", "Caption"),
            pgettext("basket file", "Credit"),
            pgettext("basket file", "Date"),
            pgettext("basket file", "Place"),
            pgettext("basket file", "Usage terms"),
            pgettext("basket file", "Restrictions"),
            pgettext("basket file", "Source"),
        ]
    )
    for name, credit in zip(names, credits, strict=True):
        row = [
            name,
            credit.title,
            credit.caption,
            credit.credit,
            credit.date,
            credit.place,
            credit.usage_terms,
            credit.restrictions,
            credit.url,
        ]
        writer.writerow([_cell(value) for value in row])
    return text.getvalue().encode("utf-8-sig")


def _cell(value) -> str:
    """A cell a spreadsheet shows as text: a caption starting with = + - @ (from
    an editor, or from a photo's embedded metadata) is not run as a formula."""
    text = str(value or "")
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
