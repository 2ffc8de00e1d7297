"""IPTC IIM (the "IPTC" of press photos): datasets in a Photoshop image resource
(8BIM 0x0404) of a JPEG's APP13 segment, or a TIFF's IPTC-NAA tag.

Each dataset is ``0x1C, record, dataset, length`` then the data; a length with the
top bit set is an extended length. The charset is declared by dataset 1:90
(``ESC % G`` is UTF-8); without it the text is read as UTF-8, else Windows-1252."""

from __future__ import annotations

import struct
from collections.abc import Iterator

# The datasets we read (record 2, the application record).
OBJECT_NAME = (2, 5)
KEYWORDS = (2, 25)
DATE_CREATED = (2, 55)
TIME_CREATED = (2, 60)
BYLINE = (2, 80)
CITY = (2, 90)
SUBLOCATION = (2, 92)
PROVINCE_STATE = (2, 95)
COUNTRY = (2, 101)
CREDIT = (2, 110)
SOURCE = (2, 115)
COPYRIGHT = (2, 116)
CAPTION = (2, 120)
CODED_CHARACTER_SET = (1, 90)

UTF8_MARKERS = (b"\x1b%G", b"\x1b%/G", b"\x1b%/I")
# No photo carries more: the rest of a hostile block is not read.
MAX_DATASETS = 500


def datasets(block: bytes) -> Iterator[tuple[tuple[int, int], bytes]]:
    """(record, dataset), data — stops at the first byte that is not a tag."""
    position, count = 0, 0
    while position + 5 <= len(block) and count < MAX_DATASETS:
        if block[position] != 0x1C:
            return
        record, number = block[position + 1], block[position + 2]
        (length,) = struct.unpack(">H", block[position + 3 : position + 5])
        position += 5
        if length & 0x8000:  # extended: the next (length & 0x7FFF) bytes say it
            size = length & 0x7FFF
            if size == 0 or size > 4 or position + size > len(block):
                return
            length = int.from_bytes(block[position : position + size], "big")
            position += size
        if position + length > len(block):
            return
        yield (record, number), block[position : position + length]
        position += length
        count += 1


def photoshop_iptc(resources: bytes) -> bytes | None:
    """The IPTC block out of a Photoshop "8BIM" resource list (an APP13 body
    after its "Photoshop 3.0\\0" signature)."""
    position = 0
    while position + 12 <= len(resources):
        if resources[position : position + 4] != b"8BIM":
            return None
        (resource_id,) = struct.unpack(">H", resources[position + 4 : position + 6])
        name_length = resources[position + 6]
        position += 7 + name_length
        if (name_length + 1) % 2:  # the Pascal name is padded to even
            position += 1
        if position + 4 > len(resources):
            return None
        (size,) = struct.unpack(">I", resources[position : position + 4])
        position += 4
        data = resources[position : position + size]
        if resource_id == 0x0404:
            return data
        position += size + (size % 2)
    return None


def read(block: bytes) -> tuple[dict[tuple[int, int], list[bytes]], str | None]:
    """The datasets of an IPTC block (repeatable ones as lists) and its charset."""
    found: dict[tuple[int, int], list[bytes]] = {}
    for key, data in datasets(block):
        found.setdefault(key, []).append(data)
    charset = None
    marker = found.get(CODED_CHARACTER_SET, [b""])[0]
    if marker in UTF8_MARKERS:
        charset = "utf-8"
    return found, charset
