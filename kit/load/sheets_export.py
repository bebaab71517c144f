"""The workbook `kit export-sheet` writes: the deck's entities, one sheet per kind, every cell as
text, in the deck's language (a French deck's sheets are `étapes`, `piliers`…, its columns
`titre`, `texte`…), as XLSX (openpyxl) or ODS (odfpy). A deck's lists read it back with
`{from: deck.ods, sheet: étapes}` (kit.load.sheets reads either language).

Same deck, same bytes: the workbooks' dates are fixed and so are the zip members' dates, so an
export, read back and exported again, is byte-identical.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from kit.errors import Diagnostic, KitError
from kit.load.sheets import PART_SEPARATOR, join_list
from kit.model.deck import ENTITY_KINDS, Deck
from kit.model.schema import ENTITY_FIELDS, Field, written_name

#: workbook dates, fixed so that two exports of one deck are byte-identical
EXPORT_DATE = dt.datetime(2000, 1, 1)
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_MAX_WIDTH = 60
FORMATS = (".xlsx", ".ods")


def _number(value: float) -> str:
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value)


def _columns(kind: str, entities, language: str) -> list[tuple[str, object]]:
    """(header, entity → cell text or None) for the fields this kind's entities use."""
    out: list[tuple[str, object]] = []
    for f in ENTITY_FIELDS[kind]:
        values = [getattr(e, f.name, None) for e in entities]
        if not f.required and all(v in (None, (), "") for v in values):
            continue
        if f.type == "object":
            for sub in f.fields:
                head = f"{written_name(f.name, language)}.{written_name(sub.name, language)}"
                out.append((head, _part_getter(f.name, sub.name)))
        else:
            out.append((written_name(f.name, language), _getter(f)))
    return out


def _getter(f: Field):
    def get(entity):
        value = getattr(entity, f.name, None)
        if value in (None, ()):
            return None
        if f.type in ("texts", "refs"):
            labels = getattr(entity, "trail_labels", ()) if f.name == "trails" else ()
            if any(labels):
                value = [f"{t} {PART_SEPARATOR} {label}" if label else t
                         for t, label in zip(value, labels, strict=False)]
            return join_list(value)
        if f.type == "objects":
            return join_list(
                f" {PART_SEPARATOR} ".join(str(getattr(item, sub.name)) for sub in f.fields)
                for item in value
            )
        if isinstance(value, float):
            return _number(value)
        return str(value)

    return get


def _part_getter(name: str, sub: str):
    def get(entity):
        value = getattr(entity, name, None)
        return None if value is None else _number(getattr(value, sub))

    return get


def tables(deck: Deck) -> list[tuple[str, list[list[str | None]], list[int]]]:
    """(sheet name, rows with the header first, column widths in characters) per kind."""
    out = []
    for kind in ENTITY_KINDS:
        entities = getattr(deck, kind)
        if not entities:
            continue
        columns = _columns(kind, entities, deck.language)
        rows = [[head for head, _ in columns]]
        rows += [[get(e) for _, get in columns] for e in entities]
        widths = [
            max(max((len(line) for line in (v or "").split("\n")), default=0) for v in column)
            for column in zip(*rows, strict=True)
        ]
        out.append((written_name(kind, deck.language), rows, widths))
    if not out:
        raise KitError(
            Diagnostic(deck.loc, "ce deck n'a aucun élément à exporter (étapes, questions…)")
        )
    return out


def workbook_bytes(deck: Deck, suffix: str = ".xlsx") -> bytes:
    """An XLSX or ODS workbook of the deck's entities, one sheet per kind, that `{from: …}`
    reads back."""
    sheets = tables(deck)
    return _ods(deck, sheets) if suffix == ".ods" else _xlsx(deck, sheets)


def _xlsx(deck, sheets) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    book.remove(book.active)
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for name, table, widths in sheets:
        sheet = book.create_sheet(name)
        for r, values in enumerate(table, start=1):
            for c, value in enumerate(values, start=1):
                cell = sheet.cell(row=r, column=c)
                if value is not None:
                    cell.value = value
                    cell.data_type = "s"  # text, even "=…", "0777" or "2025-07-02"
                cell.number_format = "@"
                if r == 1:
                    cell.font = bold
                else:
                    cell.alignment = wrap if widths[c - 1] > _MAX_WIDTH else top
        for c, width in enumerate(widths, start=1):
            dimension = sheet.column_dimensions[get_column_letter(c)]
            dimension.width = min(_MAX_WIDTH, max(8, width + 2))
            dimension.number_format = "@"  # cells typed later are text too
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    book.properties.creator = "kit"
    book.properties.title = deck.title
    book.properties.created = book.properties.modified = EXPORT_DATE
    raw = io.BytesIO()
    # ExcelWriter directly: save_workbook() would stamp the modification date with now
    ExcelWriter(book, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()
    return _fixed_dates(raw.getvalue())


def _ods(deck, sheets) -> bytes:
    """odfpy declares in each XML part every namespace any element has used in the process so
    far (a class attribute shared by all documents), in the order they were first used: the
    same deck would give other bytes after another ODF was read or written. The declarations
    are pinned to one list, in one order, for the time of the export."""
    from odf import namespaces as ns
    from odf.element import Element

    pinned = {uri: prefix for prefix, uri in (
        ("office", ns.OFFICENS), ("style", ns.STYLENS), ("text", ns.TEXTNS),
        ("table", ns.TABLENS), ("number", ns.NUMBERNS), ("fo", ns.FONS), ("meta", ns.METANS),
        ("dc", ns.DCNS), ("manifest", ns.MANIFESTNS), ("chart", ns.CHARTNS),
        ("draw", ns.DRAWNS), ("presentation", ns.PRESENTATIONNS), ("svg", ns.SVGNS),
        ("config", ns.CONFIGNS), ("xlink", ns.XLINKNS))}
    before = dict(Element.namespaces)
    Element.namespaces.clear()
    Element.namespaces.update(pinned)
    try:
        data = _ods_document(deck, sheets)
        if Element.namespaces != pinned:  # one more was used: pin it too, write again
            pinned = dict(Element.namespaces)
            data = _ods_document(deck, sheets)
    finally:
        Element.namespaces.clear()
        Element.namespaces.update(before)
    return data


def _ods_document(deck, sheets) -> bytes:
    from odf import teletype
    from odf.dc import Creator, Title
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import (
        ParagraphProperties,
        Style,
        TableCellProperties,
        TableColumnProperties,
        TextProperties,
    )
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    doc.meta.addElement(Title(text=deck.title))
    doc.meta.addElement(Creator(text="kit"))
    head = Style(name="entete", family="table-cell")
    head.addElement(TextProperties(fontweight="bold", fontweightasian="bold",
                                   fontweightcomplex="bold"))
    long_text = Style(name="long", family="table-cell")
    long_text.addElement(TableCellProperties(wrapoption="wrap", verticalalign="top"))
    short = Style(name="court", family="table-cell")
    short.addElement(TableCellProperties(verticalalign="top"))
    short.addElement(ParagraphProperties(textalign="start"))
    for style in (head, long_text, short):
        doc.automaticstyles.addElement(style)
    column_styles: dict[int, Style] = {}
    for name, table, widths in sheets:
        sheet = Table(name=name)
        for width in widths:
            chars = min(_MAX_WIDTH, max(8, width + 2))
            if chars not in column_styles:
                style = Style(name=f"colonne{chars}", family="table-column")
                # a character of the default 10 pt font is about 0.19 cm wide
                style.addElement(TableColumnProperties(columnwidth=f"{chars * 0.19:.2f}cm"))
                doc.automaticstyles.addElement(style)
                column_styles[chars] = style
            sheet.addElement(TableColumn(stylename=column_styles[chars]))
        for r, values in enumerate(table):
            row = TableRow()
            for c, value in enumerate(values):
                style = head if r == 0 else long_text if widths[c] > _MAX_WIDTH else short
                if value is None:
                    row.addElement(TableCell(stylename=style))
                    continue
                cell = TableCell(valuetype="string", stylename=style)
                for line in value.split("\n"):  # one paragraph per line, spaces kept
                    paragraph = P()
                    teletype.addTextToElement(paragraph, line)
                    cell.addElement(paragraph)
                row.addElement(cell)
            sheet.addElement(row)
        doc.spreadsheet.addElement(sheet)
    raw = io.BytesIO()
    doc.write(raw)
    return _fixed_dates(raw.getvalue())


def _fixed_dates(data: bytes) -> bytes:
    """The same zip with every member dated 1980-01-01: byte-identical exports. Each member
    keeps its compression (an ODS's `mimetype` comes first and stays stored, as ODF asks)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            member.compress_type = info.compress_type
            member.external_attr = info.external_attr
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()
