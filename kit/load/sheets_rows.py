"""The rows of a spreadsheet an entity list is read from: a CSV file (UTF-8, `;` or `,`
detected) or a sheet of an ODS or XLSX workbook (kit.load.workbooks), each row with its number
and the text of its cells, empty rows left out, never more than the deck's limit."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from kit.errors import Diagnostic, KitError, Loc
from kit.load.workbooks import _ChartSheet, open_workbook, text_of
from kit.load.yamlsrc import decode_utf8
from kit.model.schema import MAX_ENTITIES, key_names, written_name
from kit.validate import did_you_mean

_UTF8_HINT = "enregistrez-le en « CSV UTF-8 » (Excel : Enregistrer sous → CSV UTF-8)"

Rows = list[tuple[int, list[str | None]]]  # (1-based row number, cell texts) of non-empty rows


def read_csv(path: Path, name: str) -> Rows:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KitError(
            Diagnostic(Loc(name, 1, 1), f"lecture impossible : {exc.strerror}")
        ) from None
    if data.startswith(b"PK\x03\x04"):
        raise KitError(
            Diagnostic(
                Loc(name, 1, 1),
                "c'est un classeur (ODS ou XLSX), pas un texte CSV : renommez-le en .ods ou"
                " .xlsx selon le programme qui l'a écrit",
            )
        )
    if b"\x00" in data[:8192]:
        raise KitError(Diagnostic(Loc(name, 1, 1), "ce fichier est binaire, pas un texte CSV"))
    text = decode_utf8(data, name, _UTF8_HINT).removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: Rows = []
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            cells = [text_of(cell) for cell in record]
            if any(c is not None for c in cells):
                rows.append((number, cells))
                _check_count(rows, name, number)
    except csv.Error as exc:
        raise KitError(
            Diagnostic(Loc(name, number + 1, 1), f"CSV mal formé ({exc})")
        ) from None
    return rows


def _delimiter(text: str) -> str:
    """`;` (French Excel) or `,`: whichever splits the header row into more columns."""

    def width(delimiter: str) -> int:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            return len(next(reader, []))
        except csv.Error:
            return 0

    semicolon, comma = width(";"), width(",")
    if semicolon != comma:
        return ";" if semicolon > comma else ","
    try:  # one column in the header: let the data rows decide
        return csv.Sniffer().sniff(text[:65536], delimiters=";,").delimiter
    except csv.Error:
        return ","


def _check_count(rows: Rows, name: str, number: int) -> None:
    if len(rows) > MAX_ENTITIES + 1:
        raise KitError(
            Diagnostic(Loc(name, number, 1), f"trop de lignes : {MAX_ENTITIES} éléments au plus")
        )


class Workbooks:
    """Workbooks opened once per deck file, however many lists they hold."""

    def __init__(self, cwd: Path):
        self.cwd = cwd
        self.open: dict[Path, object] = {}

    def rows(self, path: Path, name: str, kind: str, wanted: str | None, loc: Loc) -> tuple[
        str, Rows
    ]:
        book = self.open.get(path) or self.open.setdefault(path, open_workbook(path, name))
        names = list(book.sheetnames)
        if wanted is None:
            # a sheet named like the list, in either language (stages, étapes, etapes)
            same = [n for n in names if n in key_names(kind)]
            if same:
                wanted = same[0]
            elif len(names) == 1:
                wanted = names[0]
            else:
                french = written_name(kind, "fr")
                raise KitError(
                    Diagnostic(
                        loc,
                        f"{kind} : aucune feuille « {french} » ni « {kind} » dans {name} ;"
                        f" précisez-la avec « sheet: » (feuilles : {', '.join(names)})"
                        + did_you_mean(french, names),
                    )
                )
        elif wanted not in names:
            raise KitError(
                Diagnostic(
                    loc,
                    f"{kind} → sheet : feuille « {wanted} » absente de {name}"
                    f" (feuilles : {', '.join(names)})" + did_you_mean(wanted, names),
                )
            )
        label = f"{name}[{wanted}]"
        rows: Rows = []
        try:
            for number, cells in enumerate(book.rows(wanted), start=1):
                if any(c is not None for c in cells):
                    rows.append((number, cells))
                    _check_count(rows, label, number)
        except KitError:
            raise
        except _ChartSheet:
            raise KitError(
                Diagnostic(Loc(label, 1, 1), "feuille de graphique : aucune cellule")
            ) from None
        except Exception:  # a damaged sheet: the readers raise many kinds
            raise KitError(
                Diagnostic(Loc(label, 1, 1), "feuille illisible (abîmée) : ouvrez le classeur"
                                             " dans votre tableur et enregistrez-le à nouveau")
            ) from None
        return label, rows

    def close(self) -> None:
        for book in self.open.values():
            book.close()
        self.open.clear()
