"""Photo files written by the tests, with real metadata: IPTC IIM datasets in a
Photoshop APP13 segment and an XMP packet in an APP1 segment (written here byte by
byte, as Photo Mechanic or Photoshop would), EXIF through Pillow."""

from __future__ import annotations

import io
import random
import struct
import zlib

from PIL import Image, ImageDraw

XMP_SIGNATURE = b"http://ns.adobe.com/xap/1.0/\x00"
UTF8 = b"\x1b%G"


def picture(size=(96, 64), seed=1) -> Image.Image:
    """A small picture with a gradient, shapes and noise (not one flat colour,
    so re-encoding and turning it can be checked)."""
    rng = random.Random(seed)
    width, height = size
    image = Image.new("RGB", size)
    pixels = image.load()
    for y in range(height):
        for x in range(width):
            pixels[x, y] = (
                min(255, 40 + x * 200 // width + rng.randint(0, 10)),
                min(255, 60 + y * 150 // height + rng.randint(0, 10)),
                120,
            )
    draw = ImageDraw.Draw(image)
    draw.ellipse(
        (width // 3, height // 4, width // 2, height // 2), fill=(230, 230, 40)
    )
    # A red corner at the top left shows which way is up.
    draw.rectangle((0, 0, width // 6, height // 6), fill=(255, 0, 0))
    return image


def dataset(record: int, number: int, data: bytes) -> bytes:
    if len(data) < 0x8000:
        return struct.pack(">BBBH", 0x1C, record, number, len(data)) + data
    # Extended dataset: the length's top bit set, then 4 bytes of length.
    return struct.pack(">BBBHI", 0x1C, record, number, 0x8004, len(data)) + data


def iptc_block(fields: dict[tuple[int, int], bytes | str], charset=UTF8) -> bytes:
    """IIM datasets; str values are written as UTF-8, bytes as they are."""
    block = dataset(1, 90, charset) if charset else b""
    for (record, number), value in fields.items():
        values = value if isinstance(value, list) else [value]
        for one in values:
            data = one.encode("utf-8") if isinstance(one, str) else one
            block += dataset(record, number, data)
    return block


def photoshop_resources(iptc: bytes) -> bytes:
    """An APP13 body: the signature, then one 8BIM resource 0x0404 (IPTC)."""
    padded = iptc + (b"\x00" if len(iptc) % 2 else b"")
    return (
        b"Photoshop 3.0\x00"
        + b"8BIM"
        + struct.pack(">H", 0x0404)
        + b"\x00\x00"  # empty Pascal name, padded to even
        + struct.pack(">I", len(iptc))
        + padded
    )


def segment(marker: int, payload: bytes) -> bytes:
    assert len(payload) + 2 <= 0xFFFF
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def xmp_packet(
    *,
    description: dict[str, str] | None = None,
    credit: str | None = None,
    rights: str | None = None,
    date_created: str | None = None,
    city: str | None = None,
    country: str | None = None,
    title: str | None = None,
    creator: str | None = None,
    doctype: str = "",
) -> bytes:
    def alt(name: str, values: dict[str, str]) -> str:
        items = "".join(
            f'<rdf:li xml:lang="{lang}">{text}</rdf:li>'
            for lang, text in values.items()
        )
        return f"<{name}><rdf:Alt>{items}</rdf:Alt></{name}>"

    body = ""
    if title:
        body += alt("dc:title", {"x-default": title})
    if description:
        body += alt("dc:description", description)
    if rights:
        body += alt("dc:rights", {"x-default": rights})
    if creator:
        body += (
            f"<dc:creator><rdf:Seq><rdf:li>{creator}</rdf:li></rdf:Seq></dc:creator>"
        )
    attributes = ""
    for name, value in (
        ("photoshop:Credit", credit),
        ("photoshop:DateCreated", date_created),
        ("photoshop:City", city),
        ("photoshop:Country", country),
    ):
        if value is not None:
            attributes += f' {name}="{value}"'
    xml = (
        f'<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>{doctype}'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about=""'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"'
        f"{attributes}>{body}</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    )
    return xml.encode("utf-8")


def exif_block(
    *,
    description: str | None = None,
    artist: str | None = None,
    copyright: str | None = None,
    taken: str | None = None,
    offset: str | None = None,
    orientation: int | None = None,
    gps: tuple[float, float] | None = None,
) -> Image.Exif:
    exif = Image.Exif()
    if description is not None:
        exif[0x010E] = description
    if artist is not None:
        exif[0x013B] = artist
    if copyright is not None:
        exif[0x8298] = copyright
    if orientation is not None:
        exif[0x0112] = orientation
    if taken is not None:
        sub = exif.get_ifd(0x8769)
        sub[0x9003] = taken
        if offset:
            sub[0x9011] = offset
    if gps is not None:
        lat, lon = gps
        ifd = exif.get_ifd(0x8825)
        ifd[1] = "N" if lat >= 0 else "S"
        ifd[2] = _dms(abs(lat))
        ifd[3] = "E" if lon >= 0 else "W"
        ifd[4] = _dms(abs(lon))
    return exif


def _dms(value: float) -> tuple[float, float, float]:
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round(((value - degrees) * 60 - minutes) * 60, 4)
    return (float(degrees), float(minutes), seconds)


def jpeg(
    image: Image.Image | None = None,
    *,
    iptc: bytes | None = None,
    xmp: bytes | None = None,
    exif: Image.Exif | None = None,
    quality: int = 85,
) -> bytes:
    """A JPEG with the given IPTC (APP13), XMP (APP1) and EXIF (APP1) blocks."""
    image = image or picture()
    out = io.BytesIO()
    options = {"exif": exif.tobytes()} if exif is not None else {}
    image.save(out, "JPEG", quality=quality, **options)
    data = out.getvalue()
    assert data[:2] == b"\xff\xd8"
    extra = b""
    if xmp is not None:
        extra += segment(0xE1, XMP_SIGNATURE + xmp)
    if iptc is not None:
        extra += segment(0xED, photoshop_resources(iptc))
    # After SOI and the JFIF/EXIF segments Pillow wrote.
    position = 2
    while data[position] == 0xFF and 0xE0 <= data[position + 1] <= 0xEF:
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        position += 2 + length
    return data[:position] + extra + data[position:]


def tiff(image: Image.Image | None = None, *, iptc: bytes | None = None) -> bytes:
    """An uncompressed TIFF carrying IPTC in its IPTC-NAA tag (33723)."""
    from PIL.TiffImagePlugin import ImageFileDirectory_v2

    image = image or picture()
    out = io.BytesIO()
    info = ImageFileDirectory_v2()
    if iptc is not None:
        info[33723] = iptc
        info.tagtype[33723] = 7  # UNDEFINED: bytes
    image.save(out, "TIFF", tiffinfo=info)
    return out.getvalue()


def heic(image: Image.Image | None = None, *, exif: Image.Exif | None = None) -> bytes:
    from pillow_heif import register_heif_opener

    register_heif_opener()
    image = image or picture()
    out = io.BytesIO()
    options = {"exif": exif.tobytes()} if exif is not None else {}
    image.save(out, "HEIF", quality=80, **options)
    return out.getvalue()


def huge_tiff_header(width=20_000, height=10_000) -> bytes:
    """A TIFF that says it is 200 megapixels (8-bit grey, one strip): only the
    header is written, a reader must refuse it before decoding."""
    entries = [
        (256, 4, 1, width),  # ImageWidth LONG
        (257, 4, 1, height),  # ImageLength
        (258, 3, 1, 8),  # BitsPerSample SHORT
        (259, 3, 1, 1),  # Compression: none
        (262, 3, 1, 1),  # Photometric: black is zero
        (273, 4, 1, 0),  # StripOffsets (patched below)
        (277, 3, 1, 1),  # SamplesPerPixel
        (278, 4, 1, height),  # RowsPerStrip
        (279, 4, 1, width * height),  # StripByteCounts
    ]
    ifd_size = 2 + len(entries) * 12 + 4
    data_offset = 8 + ifd_size
    out = b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", len(entries))
    for tag, kind, count, value in entries:
        if tag == 273:
            value = data_offset
        if kind == 3:
            out += struct.pack("<HHIHH", tag, kind, count, value, 0)
        else:
            out += struct.pack("<HHII", tag, kind, count, value)
    return out + struct.pack("<I", 0) + b"\x00" * 1024


def png_bomb(width=12_000, height=12_000) -> bytes:
    """A decompression bomb's shape: a PNG of a few kilobytes whose header says
    ``width × height`` pixels (grey). Its data holds the first rows only (making
    the whole 144 MB stream costs seconds): a reader must refuse it from the
    header, before decoding anything."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    compressor = zlib.compressobj(9)
    row = b"\x00" * (width + 1)  # filter byte 0, then the row
    idat = b"".join(compressor.compress(row) for _ in range(64)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", idat)
        + chunk(b"IEND", b"")
    )
