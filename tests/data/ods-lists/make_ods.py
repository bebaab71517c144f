"""Writes the two workbooks of tests/data/ods-lists and tests/data/ods-errors with odfpy, the way
LibreOffice stores what people type: numbers, a date, a percentage, repeated empty cells, a
header row group. Run it again only to change them: python tests/data/ods-lists/make_ods.py"""

from __future__ import annotations

from pathlib import Path

from odf.number import Number, PercentageStyle
from odf.number import Text as NumberText
from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import Style
from odf.table import Table, TableCell, TableHeaderRows, TableRow
from odf.text import P

HERE = Path(__file__).resolve().parent


def cell(value, percent=None) -> TableCell:
    if value is None:
        return TableCell()
    if isinstance(value, tuple):  # ("date", "2025-07-02", "02/07/2025")
        c = TableCell(valuetype="date", datevalue=value[1])
        c.addElement(P(text=value[2]))
        return c
    if isinstance(value, float):
        if percent is not None:
            c = TableCell(valuetype="percentage", value=value, stylename=percent)
            c.addElement(P(text=f"{value * 100:g} %"))
        else:
            c = TableCell(valuetype="float", value=value)
            c.addElement(P(text=f"{value:g}"))
        return c
    c = TableCell(valuetype="string")
    c.addElement(P(text=value))
    return c


def book(path: Path, sheets: dict[str, list[list]]) -> None:
    doc = OpenDocumentSpreadsheet()
    number = PercentageStyle(name="pourcent")
    number.addElement(Number(decimalplaces=0, minintegerdigits=1))
    number.addElement(NumberText(text=" %"))
    doc.automaticstyles.addElement(number)
    percent = Style(name="pct", family="table-cell", datastylename="pourcent")
    doc.automaticstyles.addElement(percent)
    for name, rows in sheets.items():
        table = Table(name=name)
        header = TableHeaderRows()  # LibreOffice's "rows to repeat": the header in a group
        for k, values in enumerate(rows):
            row = TableRow()
            for value in values:
                row.addElement(cell(value, percent if name.endswith("%") else None))
            # LibreOffice writes the empty cells after the last one as one repeated cell
            row.addElement(TableCell(numbercolumnsrepeated=1020))
            (header if k == 0 else table).addElement(row)
            if k == 0:
                table.addElement(header)
        doc.spreadsheet.addElement(table)
    doc.save(str(path))


if __name__ == "__main__":
    book(HERE / "deck.ods", {
        "étapes": [
            ["id", "titre", "texte", "balises"],
            ["depart", "Le départ", None, "carnet"],
            [None, None, None, None],  # an empty row, skipped; the rows keep their numbers
            ["arrivee", "L’arrivée", ("date", "2025-07-02", "02/07/2025"), None],
        ],
        "balises": [
            ["id", "titre", "pistes"],
            ["carnet", "Le carnet de bord", "Écrire ; Relire"],
        ],
        "sites %": [
            ["id", "titre", "carte.x", "carte.y"],
            ["halles", "Les halles", 0.2, 0.7],
        ],
        "questions": [
            ["id", "texte", "étape"],
            ["q1", 3.0, "depart"],
        ],
    })
    book(HERE.parent / "ods-errors" / "listes.ods", {
        "étapes": [
            ["id", "titre", "balises", "couleur"],
            ["depart", "Le départ", "carnett", "rouge"],
            ["Mauvais Id", "Un titre", None, None],
        ],
    })
