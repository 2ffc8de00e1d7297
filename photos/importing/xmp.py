"""XMP (the metadata packet Lightroom, Photo Mechanic and agencies write): RDF/XML
in a JPEG's APP1 segment, a TIFF's tag 700, a PNG's iTXt or a WebP chunk.

Parsed with defusedxml: no entities, no DTD, no network. Language alternatives
(``rdf:Alt`` with ``xml:lang``) are kept per language, so a caption written in
French fills the French caption."""

from __future__ import annotations

from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "Iptc4xmpCore": "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/",
    "exif": "http://ns.adobe.com/exif/1.0/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RDF = "{%s}" % NS["rdf"]

# A packet larger than this is not a photo's metadata (extended XMP, thumbnails).
MAX_PACKET = 256 * 1024

# (prefix, name) of the properties we read.
PROPERTIES = [
    ("dc", "title"),
    ("dc", "description"),
    ("dc", "rights"),
    ("dc", "creator"),
    ("photoshop", "Credit"),
    ("photoshop", "Source"),
    ("photoshop", "DateCreated"),
    ("photoshop", "City"),
    ("photoshop", "State"),
    ("photoshop", "Country"),
    ("Iptc4xmpCore", "Location"),
    ("exif", "DateTimeOriginal"),
    ("xmp", "CreateDate"),
]


class XmpError(ValueError):
    pass


def _text(element: Element) -> str:
    return "".join(element.itertext())


def _value(element: Element) -> str | dict[str, str] | list[str]:
    """A property's value: text, {language: text} for rdf:Alt, or a list for
    rdf:Seq / rdf:Bag."""
    alt = element.find("rdf:Alt", NS)
    if alt is not None:
        by_language: dict[str, str] = {}
        for item in alt.findall("rdf:li", NS):
            language = (item.get(XML_LANG) or "x-default").lower()
            by_language.setdefault(language, _text(item))
        return by_language
    for container in ("rdf:Seq", "rdf:Bag"):
        found = element.find(container, NS)
        if found is not None:
            return [_text(item) for item in found.findall("rdf:li", NS)]
    return _text(element)


def read(packet: bytes | str) -> dict[str, str | dict[str, str] | list[str]]:
    """The properties above found in a packet, keyed ``prefix:Name``."""
    if isinstance(packet, str):
        packet = packet.encode("utf-8", "replace")
    if len(packet) > MAX_PACKET:
        raise XmpError("packet too large")
    start = packet.find(b"<")
    if start < 0:
        raise XmpError("no XML")
    try:
        root = ElementTree.fromstring(packet[start:].rstrip(b"\x00 \r\n\t"))
    except (DefusedXmlException, ElementTree.ParseError, ValueError) as error:
        raise XmpError(str(error)) from error
    found: dict[str, str | dict[str, str] | list[str]] = {}
    for description in root.iter(RDF + "Description"):
        for prefix, name in PROPERTIES:
            key = f"{prefix}:{name}"
            if key in found:
                continue
            qualified = "{%s}%s" % (NS[prefix], name)
            attribute = description.get(qualified)
            if attribute is not None:
                found[key] = attribute
                continue
            element = description.find(f"{prefix}:{name}", NS)
            if element is not None:
                found[key] = _value(element)
    return found
