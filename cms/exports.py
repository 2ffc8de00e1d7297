"""Spreadsheet exports of the admin, safe to open in a spreadsheet program.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return,
which some programs skip before looking) is read as a formula by Excel, LibreOffice
and Google Sheets: a subscriber who signs up as ``=HYPERLINK(…)`` would run it on
the editor's machine. Such text cells are written with a leading apostrophe, which
the programs show as plain text (OWASP's advice on CSV injection). Numbers and
dates are left alone; Excel files are safe already (Wagtail writes every cell that
looks like a formula as text).

CSV is written as UTF-8 with a byte-order mark and says so in its Content-Type:
without the mark, Excel reads the file in the machine's legacy code page and shows
"Le secrÃ©taire"; LibreOffice and Google Sheets skip the mark."""

from __future__ import annotations

import codecs
from collections.abc import Iterator

from django.http import StreamingHttpResponse
from wagtail.admin.views.generic.models import IndexView
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """``value`` with a leading apostrophe if it is text a spreadsheet would read
    as a formula; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class FormulaSafeExportMixin:
    """For views with Wagtail's SpreadsheetExportMixin: CSV cells neutralised, and
    the file marked as UTF-8 for Excel."""

    def stream_csv(self, queryset) -> Iterator[bytes]:
        yield codecs.BOM_UTF8
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset) -> StreamingHttpResponse:
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: neutralise_formula(
                    self.preprocess_field_value(field, value, self.FORMAT_CSV)
                )
                for field, value in row_dict.items()
            }
        )


class SafeExportIndexView(FormulaSafeExportMixin, IndexView):
    """A ModelViewSet's listing, exported safely."""


class SafeExportSnippetIndexView(FormulaSafeExportMixin, SnippetIndexView):
    """A SnippetViewSet's listing, exported safely."""
