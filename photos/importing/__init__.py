"""Photos from files: metadata (``iptc``, ``xmp``, ``metadata``: the precedence
table), the copies (``copies``), and the import itself (``service``)."""

from .errors import PhotoImportError
from .service import (
    ImportResult,
    add_to_gallery,
    gallery_photo_for,
    import_photo,
    import_photos,
    refresh_web_copy,
)

__all__ = [
    "ImportResult",
    "PhotoImportError",
    "add_to_gallery",
    "gallery_photo_for",
    "import_photo",
    "import_photos",
    "refresh_web_copy",
]
