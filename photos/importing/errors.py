"""Why a file was not imported: a stable code (shown in the admin and used by the
tests) and a sentence for the editor."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

FILE_TOO_LARGE = "FILE_TOO_LARGE"
EMPTY_FILE = "EMPTY_FILE"
NOT_AN_IMAGE = "NOT_AN_IMAGE"
UNSUPPORTED_FORMAT = "UNSUPPORTED_FORMAT"
IMAGE_TOO_LARGE = "IMAGE_TOO_LARGE"
TRUNCATED_IMAGE = "TRUNCATED_IMAGE"
DAMAGED_IMAGE = "DAMAGED_IMAGE"

# A warning, not a failure: the photo is imported with its metadata cleaned.
METADATA_CLEANED = "METADATA_CLEANED"

MESSAGES = {
    FILE_TOO_LARGE: _("This file is larger than the %(limit)s MB a photo may have."),
    EMPTY_FILE: _("This file is empty."),
    NOT_AN_IMAGE: _(
        "This file is not an image (JPEG, PNG, WebP, TIFF or HEIC are accepted)."
    ),
    UNSUPPORTED_FORMAT: _(
        "Images in %(format)s are not accepted: upload JPEG, PNG, WebP, TIFF or HEIC."
    ),
    IMAGE_TOO_LARGE: _(
        "This image has %(megapixels)s megapixels; a photo may have at most %(limit)s."
    ),
    TRUNCATED_IMAGE: _(
        "This image is incomplete: the file was cut short (upload it again)."
    ),
    DAMAGED_IMAGE: _("This image is damaged and cannot be read."),
    METADATA_CLEANED: _(
        "Some of the file's metadata was unreadable, too long or held control "
        "characters: it was cleaned or left out."
    ),
}


class PhotoImportError(Exception):
    """A file that cannot become a photo; nothing of it is stored."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(code)

    @property
    def message(self) -> str:
        return str(MESSAGES[self.code]) % self.params

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"
