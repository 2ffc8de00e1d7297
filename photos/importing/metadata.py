"""What a photo file says about itself, from its XMP, IPTC and EXIF, merged by one
precedence table (README, "Photo library"): for each field the first source that
has a value wins.

field       XMP (1st)                     IPTC IIM (2nd)             EXIF (3rd)
----------  ----------------------------  -------------------------  ----------------
title       dc:title                      2:05 Object Name           (file name)
caption     dc:description (per language) 2:120 Caption/Abstract     ImageDescription
credit      photoshop:Credit, dc:creator  2:110 Credit, 2:80 By-line Artist
copyright   dc:rights                     2:116 Copyright Notice     Copyright
date taken  photoshop:DateCreated         2:55 + 2:60 Date/Time      DateTimeOriginal
place       Iptc4xmpCore:Location, City,  2:92 Sublocation, 2:90     -
            State, Country (photoshop:)   City, 2:95 State, 2:101
                                          Country

XMP first because it is Unicode and what current tools write last; IIM second
(agencies' workflows still fill it); EXIF is the camera's own and rarely edited."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import timezone
from PIL import Image, TiffImagePlugin

from . import iptc, xmp
from .text import Cleaned, clean

EXIF_IFD = 0x8769
GPS_IFD = 0x8825
ORIENTATION = 0x0112
IMAGE_DESCRIPTION = 0x010E
ARTIST = 0x013B
COPYRIGHT = 0x8298
DATE_TIME_ORIGINAL = 0x9003
OFFSET_TIME_ORIGINAL = 0x9011
TIFF_IPTC = 33723
TIFF_XMP = 700

SHORT = 255  # credit, copyright, place, title: one line each


@dataclass
class PhotoMetadata:
    title: str = ""
    caption: str = ""
    # Captions the XMP gives per language ({"fr": "…"}), beside the default one.
    captions: dict[str, str] = field(default_factory=dict)
    credit: str = ""
    copyright: str = ""
    date_taken: datetime.datetime | None = None
    place: str = ""
    orientation: int = 1
    gps: dict[str, float] | None = None
    # Everything read, by source, cleaned: stored on the asset (admin only).
    raw: dict[str, dict[str, Any]] = field(default_factory=dict)
    cleaned: Cleaned = field(default_factory=Cleaned)


def _first(*values: str) -> str:
    return next((value for value in values if value), "")


def _join_place(parts: list[str]) -> str:
    seen: list[str] = []
    for part in parts:
        if part and part.lower() not in (p.lower() for p in seen):
            seen.append(part)
    return ", ".join(seen)


def _aware(moment: datetime.datetime) -> datetime.datetime | None:
    if not 1800 <= moment.year <= 2200:
        return None
    if timezone.is_naive(moment):
        return timezone.make_aware(moment, timezone.get_default_timezone())
    return moment


def parse_iso(value: str) -> datetime.datetime | None:
    """XMP dates: 2023-09-07, 2023-09-07T10:15, 2023-09-07T10:15:00+02:00."""
    value = value.strip().replace("Z", "+00:00")
    if not value:
        return None
    try:
        if len(value) == 10:
            return _aware(
                datetime.datetime.combine(
                    datetime.date.fromisoformat(value), datetime.time()
                )
            )
        return _aware(datetime.datetime.fromisoformat(value))
    except ValueError:
        return None


def parse_iptc_date(date: str, time: str) -> datetime.datetime | None:
    """2:55 CCYYMMDD and 2:60 HHMMSS±HHMM."""
    try:
        day = datetime.datetime.strptime(date.strip()[:8], "%Y%m%d")
    except ValueError:
        return None
    time = time.strip()
    if len(time) >= 6 and time[:6].isdigit():
        day = day.replace(
            hour=int(time[:2]) % 24,
            minute=int(time[2:4]) % 60,
            second=int(time[4:6]) % 60,
        )
        offset = time[6:]
        if len(offset) == 5 and offset[0] in "+-" and offset[1:].isdigit():
            minutes = int(offset[1:3]) * 60 + int(offset[3:5])
            sign = -1 if offset[0] == "-" else 1
            day = day.replace(
                tzinfo=datetime.timezone(datetime.timedelta(minutes=sign * minutes))
            )
    return _aware(day)


def parse_exif_date(value: str, offset: str = "") -> datetime.datetime | None:
    """EXIF "2023:09:07 10:15:00" and OffsetTimeOriginal "+02:00"."""
    try:
        moment = datetime.datetime.strptime(value.strip()[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    offset = offset.strip()
    if len(offset) == 6 and offset[0] in "+-":
        try:
            hours, minutes = int(offset[1:3]), int(offset[4:6])
        except ValueError:
            hours = minutes = 0
        sign = -1 if offset[0] == "-" else 1
        moment = moment.replace(
            tzinfo=datetime.timezone(
                sign * datetime.timedelta(hours=hours, minutes=minutes)
            )
        )
    return _aware(moment)


def _rational(value: Any) -> float:
    if isinstance(value, tuple) and len(value) == 2:
        return value[0] / value[1] if value[1] else 0.0
    return float(value)


def gps_position(gps: dict[int, Any]) -> dict[str, float] | None:
    """Latitude and longitude in degrees, from the GPS IFD (tags 1–4)."""
    try:
        lat = sum(_rational(v) / 60**i for i, v in enumerate(gps[2]))
        lon = sum(_rational(v) / 60**i for i, v in enumerate(gps[4]))
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return None
    if str(gps.get(1, "N")).upper().startswith("S"):
        lat = -lat
    if str(gps.get(3, "E")).upper().startswith("W"):
        lon = -lon
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return {"latitude": round(lat, 7), "longitude": round(lon, 7)}


def _iptc_block(image: Image.Image) -> bytes | None:
    for marker, data in getattr(image, "applist", []):
        if marker == "APP13" and data.startswith(b"Photoshop 3.0\x00"):
            block = iptc.photoshop_iptc(data[14:])
            if block:
                return block
    tags = getattr(image, "tag_v2", None)
    if tags is not None and TIFF_IPTC in tags:
        value = tags[TIFF_IPTC]
        if isinstance(value, bytes):
            return value
        if isinstance(value, tuple | list) and all(
            isinstance(v, int) and 0 <= v < 256 for v in value
        ):
            return bytes(value)
    return None


def _xmp_packet(image: Image.Image) -> bytes | str | None:
    for key in ("xmp", "XML:com.adobe.xmp"):
        value = image.info.get(key)
        if value:
            return value
    tags = getattr(image, "tag_v2", None)
    if tags is not None and TIFF_XMP in tags:
        return tags[TIFF_XMP]
    return None


def read(image: Image.Image, filename: str = "") -> PhotoMetadata:
    """The merged metadata of an opened (not yet decoded) image."""
    meta = PhotoMetadata()
    cleaned = meta.cleaned

    # IPTC IIM
    iim: dict[str, str] = {}
    block = _iptc_block(image)
    if block:
        found, charset = iptc.read(block)

        def one(
            key: tuple[int, int], limit: int = SHORT, multiline: bool = False
        ) -> str:
            values = found.get(key)
            if not values:
                return ""
            text = clean(
                values[0],
                f"iptc {key[0]}:{key[1]}",
                cleaned,
                limit=limit,
                multiline=multiline,
                charset=charset,
            )
            if text:
                iim[f"{key[0]}:{key[1]:02d}"] = text
            return text

        iim_title = one(iptc.OBJECT_NAME)
        iim_caption = one(iptc.CAPTION, limit=2000, multiline=True)
        iim_credit = one(iptc.CREDIT)
        iim_byline = one(iptc.BYLINE)
        iim_copyright = one(iptc.COPYRIGHT)
        iim_date = parse_iptc_date(one(iptc.DATE_CREATED), one(iptc.TIME_CREATED))
        iim_place = _join_place(
            [
                one(iptc.SUBLOCATION),
                one(iptc.CITY),
                one(iptc.PROVINCE_STATE),
                one(iptc.COUNTRY),
            ]
        )
        one(iptc.SOURCE)
    else:
        iim_title = iim_caption = iim_credit = iim_byline = iim_copyright = (
            iim_place
        ) = ""
        iim_date = None

    # XMP
    props: dict[str, Any] = {}
    packet = _xmp_packet(image)
    if packet:
        try:
            props = xmp.read(packet)
        except xmp.XmpError:
            cleaned.fields.add("xmp")
    x: dict[str, Any] = {}
    for key, value in props.items():
        multiline = key == "dc:description"
        limit = 2000 if multiline else SHORT
        if isinstance(value, dict):
            x[key] = {
                clean(lang, key, cleaned, limit=20): clean(
                    text, key, cleaned, limit=limit, multiline=multiline
                )
                for lang, text in list(value.items())[:20]
            }
        elif isinstance(value, list):
            x[key] = [clean(text, key, cleaned, limit=limit) for text in value[:50]]
        else:
            x[key] = clean(value, key, cleaned, limit=limit, multiline=multiline)

    def xtext(key: str) -> str:
        value = x.get(key)
        if isinstance(value, dict):
            return _first(value.get("x-default", ""), *value.values())
        if isinstance(value, list):
            return ", ".join(v for v in value if v)[:SHORT]
        return value or ""

    description = x.get("dc:description")
    if isinstance(description, dict):
        languages = {code for code, _name in settings.LANGUAGES}
        for lang, text in description.items():
            code = lang.split("-")[0]
            if code in languages and text:
                meta.captions.setdefault(code, text)

    # EXIF
    e: dict[str, Any] = {}
    gps: dict[int, Any] = {}
    try:
        exif = image.getexif()
        meta.orientation = int(exif.get(ORIENTATION, 1) or 1)
        if not 1 <= meta.orientation <= 8:
            meta.orientation = 1
        sub = exif.get_ifd(EXIF_IFD)
        gps = dict(exif.get_ifd(GPS_IFD))
    except Exception:  # a malformed EXIF block: read what the rest says
        exif, sub = {}, {}
        cleaned.fields.add("exif")
    for tag, name in (
        (IMAGE_DESCRIPTION, "ImageDescription"),
        (ARTIST, "Artist"),
        (COPYRIGHT, "Copyright"),
    ):
        text = clean(
            exif.get(tag),
            f"exif {name}",
            cleaned,
            limit=2000 if tag == IMAGE_DESCRIPTION else SHORT,
        )
        if text:
            e[name] = text
    original = clean(
        sub.get(DATE_TIME_ORIGINAL), "exif DateTimeOriginal", cleaned, limit=40
    )
    offset = clean(
        sub.get(OFFSET_TIME_ORIGINAL), "exif OffsetTimeOriginal", cleaned, limit=10
    )
    if original:
        e["DateTimeOriginal"] = original + (f" {offset}" if offset else "")
    meta.gps = gps_position(gps) if gps else None

    # Merge by precedence.
    meta.title = _first(xtext("dc:title"), iim_title)
    meta.caption = _first(
        xtext("dc:description"), iim_caption, e.get("ImageDescription", "")
    )
    meta.credit = _first(
        xtext("photoshop:Credit"),
        iim_credit,
        xtext("dc:creator"),
        iim_byline,
        e.get("Artist", ""),
    )
    meta.copyright = _first(xtext("dc:rights"), iim_copyright, e.get("Copyright", ""))
    meta.date_taken = (
        parse_iso(xtext("photoshop:DateCreated"))
        or iim_date
        or (parse_exif_date(original, offset) if original else None)
    )
    meta.place = (
        _join_place(
            [
                xtext("Iptc4xmpCore:Location"),
                xtext("photoshop:City"),
                xtext("photoshop:State"),
                xtext("photoshop:Country"),
            ]
        )
        or iim_place
    )
    meta.place = meta.place[:SHORT]

    meta.raw = {
        key: value
        for key, value in (
            ("iptc", iim),
            ("xmp", x),
            ("exif", e),
            ("gps", meta.gps or {}),
        )
        if value
    }
    if filename:
        meta.raw["file"] = {
            "name": clean(filename, "file name", Cleaned(), limit=SHORT)
        }
    return meta


def gps_exif(image: Image.Image) -> Image.Exif | None:
    """An EXIF block holding only the image's GPS position (for a web copy whose
    editor kept it), or None."""
    try:
        gps = dict(image.getexif().get_ifd(GPS_IFD))
    except Exception:
        return None
    if not gps_position(gps):
        return None
    exif = Image.Exif()
    ifd = exif.get_ifd(GPS_IFD)
    for tag, value in gps.items():
        if isinstance(
            value, TiffImagePlugin.IFDRational | tuple | int | float | str | bytes
        ):
            ifd[tag] = value
    return exif
