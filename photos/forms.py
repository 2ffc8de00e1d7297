"""The bulk upload form: several files, or a whole folder, at once."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PHOTO_EXTENSIONS

ACCEPT = ",".join(f".{extension}" for extension in PHOTO_EXTENSIONS) + ",image/*"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A list of files; each is checked by the importer, not here (a bad file
    is a failed line of the result, not a form error for all of them)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [file for file in files if file]


class PhotoUploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Photos"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ACCEPT}),
        help_text=_("JPEG, PNG, WebP, TIFF or HEIC; several at once."),
    )
    folder = MultipleFileField(
        label=_("Or a whole folder"),
        required=False,
        widget=MultipleFileInput(attrs={"webkitdirectory": True, "directory": True}),
    )
    keep_gps = forms.BooleanField(
        label=_("Keep the GPS position in the public copies"),
        required=False,
        help_text=_(
            "Off: where the photos were taken is removed from what the public "
            "sees. The originals keep it."
        ),
    )

    def clean(self):
        data = super().clean()
        chosen = [*data.get("files", []), *data.get("folder", [])]
        # A folder brings its other files too (.DS_Store, sidecars): only the
        # ones that look like photos are tried; a chosen file is always tried.
        folder = [
            file
            for file in data.get("folder", [])
            if not file.name.rsplit("/", 1)[-1].startswith(".")
        ]
        data["uploads"] = [*data.get("files", []), *folder]
        if not chosen:
            raise forms.ValidationError(_("Choose at least one photo or a folder."))
        return data
