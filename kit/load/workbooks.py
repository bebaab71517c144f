"""Workbooks beside a deck, read as the texts their cells show: XLSX and ODS (LibreOffice).

- XLSX is read with openpyxl (read-only, cached values): it gives each cell's number format,
  so a cell showing "20 %" is read "20%", not 0.2.
- ODS is read with python-calamine (Rust, fast; cached values, never a formula evaluated). It
  does not give number formats, so a percentage cell would come back as its fraction: when the
  file holds any (`office:value-type="percentage"` in its content), odfpy finds which cells
  they are and those are read as "20%" too.

Every cell becomes the text it shows (3 → "3", a date → "2025-07-02"), an empty cell None.
"""

from __future__ import annotations

import datetime as dt
import warnings
import zipfile
from pathlib import Path

from kit.errors import Diagnostic, KitError, Loc

#: an XLSX or ODS is a zip of XML: refuse one that unpacks to more than this (zip bombs)
MAX_UNPACKED = 200 * 1024 * 1024
_PERCENT = b'office:value-type="percentage"'


def text_of(value) -> str | None:
    """A CSV cell or a workbook string as text; blank means "not given"."""
    if value is None:
        return None
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    return text or None


def cell_text(value, number_format: str | None = "General") -> str | None:
    """A workbook cell value as the text it shows: 3 → "3", 2.50 → "2.5", 20 % → "20%",
    a date → "2025-07-02", 12:30 → "12:30", TRUE → "VRAI"; empty → None."""
    if value is None or isinstance(value, str):
        return text_of(value)
    if isinstance(value, bool):
        return "VRAI" if value else "FAUX"
    if isinstance(value, int | float):
        if "%" in (number_format or ""):
            return f"{value * 100:.15g}%"
        if isinstance(value, float):
            return f"{value:.15g}"
        return str(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        spec = "seconds" if value.second or value.microsecond else "minutes"
        return value.isoformat(sep=" ", timespec=spec)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat(timespec="seconds" if value.second else "minutes")
    if isinstance(value, dt.timedelta):
        minutes, seconds = divmod(int(value.total_seconds()), 60)
        hours, minutes = divmod(minutes, 60)
        return f"{hours}:{minutes:02d}" + (f":{seconds:02d}" if seconds else "")
    return text_of(value)


def open_workbook(path: Path, name: str) -> _Xlsx | _Ods:
    """An opened workbook (XLSX or ODS by its suffix), or KitError at the file."""
    kind = "ODS" if path.suffix.lower() == ".ods" else "XLSX"
    problem = _not_a_workbook(path, kind)
    if problem:
        raise KitError(Diagnostic(Loc(name, 1, 1), problem))
    try:
        return _Ods(path) if kind == "ODS" else _Xlsx(path)
    except Exception:  # either library raises many kinds for a damaged file
        raise KitError(
            Diagnostic(
                Loc(name, 1, 1),
                f"classeur {kind} illisible (fichier abîmé ou d'un autre format) : ouvrez-le"
                f" dans votre tableur et enregistrez-le à nouveau au format .{kind.lower()}",
            )
        ) from None


class _Xlsx:
    def __init__(self, path: Path):
        import openpyxl

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "no default style", unsupported extensions…
            self.book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        self.sheetnames = list(self.book.sheetnames)

    def rows(self, sheet_name: str):
        """The texts of each row from row 1; KitError-free problems raise (caller reports)."""
        sheet = self.book[sheet_name]
        if not hasattr(sheet, "iter_rows"):
            raise _ChartSheet
        sheet.reset_dimensions()  # some writers record a wrong size: read every row
        for row in sheet.iter_rows(min_row=1, min_col=1):
            yield [cell_text(c.value, getattr(c, "number_format", None)) for c in row]

    def close(self) -> None:
        self.book.close()


class _Ods:
    def __init__(self, path: Path):
        from python_calamine import CalamineWorkbook

        self.path = path
        self.book = CalamineWorkbook.from_path(str(path))
        self.sheetnames = list(self.book.sheet_names)
        with zipfile.ZipFile(path) as archive:
            self._percent = None if _PERCENT not in archive.read("content.xml") else {}

    def rows(self, sheet_name: str):
        percent = self._percent_cells(sheet_name)
        sheet = self.book.get_sheet_by_name(sheet_name)
        for r, row in enumerate(sheet.iter_rows()):  # from A1, empty rows included
            yield [cell_text(value, "0%" if (r, c) in percent else None)
                   for c, value in enumerate(row)]

    def _percent_cells(self, sheet_name: str) -> set[tuple[int, int]]:
        """(row, column), 0-based, of the sheet's percentage cells (read with odfpy, only when
        the file holds some)."""
        if self._percent is None:
            return set()
        if not self._percent:
            self._percent.update(_odf_percent_cells(self.path))
        return self._percent.get(sheet_name, set())

    def close(self) -> None:
        self.book.close()


def _odf_percent_cells(path: Path) -> dict[str, set[tuple[int, int]]]:
    from odf.namespaces import OFFICENS, TABLENS
    from odf.opendocument import load
    from odf.table import Table

    repeated = (TABLENS, "number-rows-repeated")
    columns_repeated = (TABLENS, "number-columns-repeated")
    out: dict[str, set[tuple[int, int]]] = {}
    for table in load(str(path)).spreadsheet.getElementsByType(Table):
        cells: set[tuple[int, int]] = set()
        r = 0
        for row in _rows(table):
            rows = int(row.attributes.get(repeated, 1))
            c = 0
            for cell in row.childNodes:
                span = int(cell.attributes.get(columns_repeated, 1))
                if cell.attributes.get((OFFICENS, "value-type")) == "percentage":
                    cells |= {(r + i, c + j) for i in range(rows) for j in range(span)}
                c += span
            r += rows
        out[table.getAttribute("name")] = cells
    return out


def _rows(node):
    """A table's rows in order, inside row groups and header rows too."""
    for child in node.childNodes:
        if child.qname[1] == "table-row":
            yield child
        elif child.qname[1] in ("table-row-group", "table-header-rows", "table-rows"):
            yield from _rows(child)


class _ChartSheet(Exception):
    """A workbook sheet that holds a chart, no cells."""


def _not_a_workbook(path: Path, kind: str) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        return (
            f"ce n'est pas un classeur {kind} (ce n'est pas une archive zip) :"
            f" enregistrez-le en .{kind.lower()}"
        )
    except OSError as exc:
        return f"lecture impossible : {exc.strerror}"
    if unpacked > MAX_UNPACKED:
        return f"classeur trop gros une fois décompressé ({unpacked / 1e6:.0f} Mo)"
    return None
