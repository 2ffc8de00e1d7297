"""The copies made from an original: the public web copy (upright, bounded, no
metadata but the GPS position when the editor keeps it) and, for originals
browsers cannot show, a full-size JPEG (private)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageOps

from . import metadata

# Originals a browser shows as they are; others get a full-size JPEG to download.
BROWSER_FORMATS = {"JPEG", "MPO", "PNG", "WEBP"}
JPEG_QUALITY = 88
FULL_SIZE_QUALITY = 92


@dataclass
class Copy:
    data: bytes
    extension: str  # ".jpg" or ".png"
    width: int
    height: int


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )


def _displayable(image: Image.Image) -> Image.Image:
    """8-bit RGB(A) or L: 16-bit TIFF, CMYK, palette images converted."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.point(lambda value: value / 256).convert("L")
    if _has_alpha(image):
        return image.convert("RGBA")
    if image.mode not in ("RGB", "L"):
        return image.convert("RGB")
    return image


def upright(image: Image.Image) -> Image.Image:
    """The picture the way the camera was held (EXIF orientation applied)."""
    turned = ImageOps.exif_transpose(image)
    return turned if turned is not None else image


def encode(
    image: Image.Image, *, quality: int, exif: Image.Exif | None, icc: bytes | None
) -> Copy:
    image = _displayable(image)
    out = io.BytesIO()
    options: dict = {}
    if icc:
        options["icc_profile"] = icc
    if _has_alpha(image):
        if exif is not None:
            options["exif"] = exif.tobytes()
        image.save(out, "PNG", optimize=True, **options)
        extension = ".png"
    else:
        if exif is not None:
            options["exif"] = exif.tobytes()
        image.save(
            out, "JPEG", quality=quality, optimize=True, progressive=True, **options
        )
        extension = ".jpg"
    return Copy(out.getvalue(), extension, image.width, image.height)


def web_copy(image: Image.Image, *, max_edge: int, keep_gps: bool) -> Copy:
    """From an opened and loaded original."""
    gps = metadata.gps_exif(image) if keep_gps else None
    icc = image.info.get("icc_profile")
    picture = upright(image)
    if max(picture.size) > max_edge:
        picture = picture.copy()
        picture.thumbnail((max_edge, max_edge), Image.Resampling.LANCZOS)
    return encode(picture, quality=JPEG_QUALITY, exif=gps, icc=icc)


def full_size(image: Image.Image, *, keep_gps: bool) -> Copy:
    """A JPEG of the whole picture at full resolution (TIFF, HEIC originals)."""
    gps = metadata.gps_exif(image) if keep_gps else None
    icc = image.info.get("icc_profile")
    picture = upright(image)
    if _has_alpha(picture):
        picture = picture.convert("RGB")
    return encode(picture, quality=FULL_SIZE_QUALITY, exif=gps, icc=icc)
