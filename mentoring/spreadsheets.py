"""CSV and XLSX written the same way for every export (session histories, funder report).

Two CSV layouts, offered side by side (docs/dashboard.md):
- `plain`: UTF-8, commas, numbers with a dot: for other programs and scripts.
- `spreadsheet` ("CSV for Excel/LibreOffice"): a byte-order mark, so Excel and LibreOffice
  read the accents as UTF-8 without asking, and the separators a spreadsheet expects in the
  reader's language: in French `;` between cells and a decimal comma (with `,` between cells
  a French Excel puts a whole row into one cell and reads 1.5 as text).

Text that a spreadsheet would run as a formula is written with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.utils import translation
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LAYOUTS = ("plain", "spreadsheet")
# Languages whose spreadsheets use a decimal comma, hence `;` between cells.
DECIMAL_COMMA_LANGUAGES = {"fr"}


def defuse(value):
    """Text that a spreadsheet would run as a formula is written as plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def layout_from(request) -> str:
    layout = request.GET.get("layout", "plain")
    return layout if layout in LAYOUTS else "plain"


class CsvWriter:
    """Rows in, text out, in the layout asked for (see the module docstring)."""

    def __init__(self, layout: str = "plain") -> None:
        decimal_comma = (
            layout == "spreadsheet"
            and (translation.get_language() or "en").split("-")[0] in DECIMAL_COMMA_LANGUAGES
        )
        self.decimal = "," if decimal_comma else "."
        self.buffer = io.StringIO()
        if layout == "spreadsheet":
            self.buffer.write("\ufeff")
        self.writer = csv.writer(self.buffer, delimiter=";" if decimal_comma else ",")

    def _value(self, value):
        if value is None:
            return ""
        if isinstance(value, float):
            return repr(value).replace(".", self.decimal)
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, int):
            return str(value)
        return defuse(str(value))

    def row(self, values: Iterable) -> None:
        self.writer.writerow([self._value(v) for v in values])

    def text(self) -> str:
        return self.buffer.getvalue()


def print_ready(sheet: Worksheet, *, heading_row: int = 1) -> None:
    """Landscape, as wide as one page, the heading row repeated on every printed page and
    frozen on screen, A4."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as needed
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{heading_row}:{heading_row}"
    sheet.freeze_panes = sheet.cell(row=heading_row + 1, column=1)
    sheet.print_options.gridLines = True
