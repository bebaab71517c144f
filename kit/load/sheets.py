"""Entity lists kept in a spreadsheet beside the deck (the workbook `kit export-sheet` writes is
kit.load.sheets_export).

In deck.yaml, any entity list may name a CSV file or a sheet of an ODS (LibreOffice) or XLSX
workbook of the deck's folder instead of listing its entities:

    questions: {from: questions.csv}
    stages: {from: deck.ods, sheet: étapes}

One row per entity; row 1 names the columns like the YAML fields, in English or in French
(`id`, `title` or `titre`, `text` or `texte`…); without `sheet:`, the sheet named like the list
in either language is read (`stages`, `étapes`, `etapes`).
Lists (`beacons`, `trails`, `questions`, `tracks`) are `;`-separated in one cell (`;;` is a
literal semicolon), `resources` is `title | url ; title | url`, and a pin is two columns
`map.x` and `map.y`. Every cell is read as the text it shows (3 → "3", a date → "2025-07-02");
an empty cell means "not given".

`expand_sheets` turns each such reference into the located nodes the YAML reader would have
built, with `Loc(file, row, column)` (`file[sheet]` for a workbook), so that merging
(`extends`) and validation work unchanged and cite the spreadsheet cell.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from kit.errors import Collector, Diagnostic, KitError, Loc
from kit.load.workbooks import _ChartSheet, cell_text, open_workbook, text_of
from kit.load.yamlsrc import MAX_BYTES, YMap, YScalar, YSeq, decode_utf8
from kit.model.deck import ENTITY_KINDS
from kit.model.schema import (
    ENTITY_FIELDS,
    ENTITY_KIND_NAMES,
    MAX_ENTITIES,
    Field,
    key_names,
    written_name,
)
from kit.resources import display_path
from kit.validate import did_you_mean

__all__ = ["cell_text", "expand_sheets", "join_list", "split_list"]

SUFFIXES = (".csv", ".xlsx", ".ods")
REFERENCE_KEYS = ("from", "sheet")
LIST_SEPARATOR = ";"
PART_SEPARATOR = "|"
_OTHER_FORMATS = {
    ".xls": "l'ancien format Excel .xls n'est pas lu : enregistrez le classeur en .xlsx",
    ".xlsm": "enregistrez le classeur sans macros, en .xlsx",
    ".fods": "enregistrez le classeur LibreOffice au format .ods (classeur ODF)",
    ".ots": "enregistrez le modèle LibreOffice comme classeur .ods",
    ".tsv": "enregistrez le tableau en CSV (séparateur « ; » ou « , »)",
    ".txt": "enregistrez le tableau en CSV (séparateur « ; » ou « , »)",
}
_UTF8_HINT = "enregistrez-le en « CSV UTF-8 » (Excel : Enregistrer sous → CSV UTF-8)"


# -- lists in one cell -----------------------------------------------------------------------


def split_list(text: str) -> list[str]:
    """"a ; b ;; c" → ["a", "b ; c"]: `;` separates, `;;` is a literal semicolon."""
    items: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(text):
        if text[i] == LIST_SEPARATOR:
            if text.startswith(LIST_SEPARATOR * 2, i):
                current.append(LIST_SEPARATOR)
                i += 2
                continue
            items.append("".join(current))
            current = []
        else:
            current.append(text[i])
        i += 1
    items.append("".join(current))
    return [item.strip() for item in items if item.strip()]


def join_list(items) -> str:
    """The inverse of split_list: ["a", "b ; c"] → "a ; b ;; c"."""
    return " ; ".join(item.replace(LIST_SEPARATOR, LIST_SEPARATOR * 2) for item in items)


# -- reading ---------------------------------------------------------------------------------


def expand_sheets(tree: YMap, deck_path: Path, cwd: Path) -> YMap:
    """Replace every `kind: {from: FILE[, sheet: NAME]}` of a deck file by the entities read.

    Problems with the reference or the file itself (missing, outside the deck folder, not
    CSV/XLSX, unreadable, no such sheet, no header row) raise KitError, all of them at once;
    problems in the cells are left to the validator, which cites FILE[SHEET]:ROW:COLUMN.
    """
    folder = deck_path.parent
    errors = Collector()
    out = YMap(dict(tree.entries), tree.loc)
    books = _Workbooks(cwd)
    try:
        for kind in ENTITY_KINDS:
            node = tree.get(kind)
            if not _is_reference(node):
                continue  # a list as usual; anything else is the validator's to report
            try:
                label, rows = _read_reference(kind, node, folder, cwd, books)
                seq = _entities(kind, label, rows)
            except KitError as exc:
                errors.extend(exc)
                continue
            out.entries[kind] = (tree.key_loc(kind), seq)
    finally:
        books.close()
    errors.raise_if_any()
    return out


def _is_reference(node) -> bool:
    """A mapping where a list is expected: `{from: …}`, or a misspelt one (`{form: …}`).

    One with an `id` is an entity whose "- " was forgotten: the validator says so better.
    """
    if not isinstance(node, YMap) or not node.entries:
        return False
    return bool(set(REFERENCE_KEYS) & node.entries.keys()) or "id" not in node.entries


Rows = list[tuple[int, list[str | None]]]  # (1-based row number, cell texts) of non-empty rows


def _read_reference(kind: str, node: YMap, folder: Path, cwd: Path, books) -> tuple[str, Rows]:
    errors = Collector()
    noun = ENTITY_KIND_NAMES[kind]
    for key in node.entries:
        if key not in REFERENCE_KEYS:
            errors.error(
                node.key_loc(key),
                f"{kind} : clé « {key} » inattendue ; pour lire les éléments dans un fichier,"
                " écrivez « {from: fichier.ods, sheet: feuille} » (en français « fichier » et"
                " « feuille ») ; pour les écrire ici, chacun commence par « - id: … »"
                + did_you_mean(key, [n for k in REFERENCE_KEYS for n in key_names(k)]),
            )
    source = node.get("from")
    sheet = node.get("sheet")
    if source is None:
        errors.error(
            node.loc,
            f"{kind} : « from » manquant, le fichier CSV, ODS ou XLSX où lire les {noun}s",
        )
    elif not isinstance(source, YScalar) or not (source.value or "").strip():
        errors.error(
            source.loc,
            f"{kind} → from : attendu le nom d'un fichier CSV, ODS ou XLSX du dossier du deck",
        )
    if sheet is not None and (not isinstance(sheet, YScalar) or not (sheet.value or "").strip()):
        errors.error(sheet.loc, f"{kind} → sheet : attendu le nom d'une feuille du classeur")
    errors.raise_if_any()
    path = _locate(source.value.strip(), source.loc, folder, f"{kind} → from")
    name = display_path(path, cwd)
    if path.suffix.lower() == ".csv":
        if sheet is not None:
            raise KitError(
                Diagnostic(
                    sheet.loc,
                    f"{kind} → sheet : un fichier CSV n'a qu'une feuille ; retirez « sheet »",
                )
            )
        return name, _read_csv(path, name)
    wanted = sheet.value.strip() if sheet is not None else None
    return books.rows(path, name, kind, wanted, sheet.loc if sheet is not None else source.loc)


def _locate(value: str, loc: Loc, folder: Path, what: str) -> Path:
    """The same rules as the deck's assets: a file inside the deck folder, symlinks resolved."""
    if os.path.isabs(value):
        raise KitError(
            Diagnostic(
                loc, f"{what} : chemin absolu interdit, donnez un chemin dans le dossier du deck"
            )
        )
    root = folder.resolve()
    try:
        path = (folder / value).resolve()
        is_file = path.is_file()
    except (OSError, ValueError, RuntimeError):  # too long a name, a NUL, a symlink loop
        path, is_file = Path(os.path.normpath(root / value)), False
    if root not in path.parents:
        raise KitError(Diagnostic(loc, f"{what} : « {value} » sort du dossier du deck"))
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        hint = _OTHER_FORMATS.get(suffix, "attendu un fichier .csv, .ods ou .xlsx")
        raise KitError(
            Diagnostic(
                loc, f"{what} : format « {path.suffix or value} » non pris en charge ; {hint}"
            )
        )
    if not is_file:
        nearby = sorted(
            p.relative_to(root).as_posix()
            for p in [*root.glob("*"), *root.glob("*/*")]
            if p.suffix.lower() in SUFFIXES and p.is_file()
        )
        raise KitError(
            Diagnostic(
                loc,
                f"{what} : fichier « {value} » introuvable dans le dossier du deck"
                + did_you_mean(value, nearby),
            )
        )
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise KitError(Diagnostic(loc, f"{what} : lecture impossible ({exc.strerror})")) from None
    if size > MAX_BYTES:
        raise KitError(
            Diagnostic(loc, f"{what} : fichier trop gros ({size / 1e6:.1f} Mo) : 5 Mo au plus")
        )
    return path


def _read_csv(path: Path, name: str) -> Rows:
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


class _Workbooks:
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
        except Exception as exc:  # a damaged sheet: the readers raise many kinds
            raise KitError(
                Diagnostic(Loc(label, 1, 1), f"feuille illisible ({type(exc).__name__}: {exc})")
            ) from None
        return label, rows

    def close(self) -> None:
        for book in self.open.values():
            book.close()
        self.open.clear()


def _entities(kind: str, label: str, rows: Rows) -> YSeq:
    """Rows → a YSeq of entity YMaps: header cell = key location, cell = value location."""
    fields = {f.name: f for f in ENTITY_FIELDS[kind]}
    names = f"{', '.join(_headers(kind))} ; en français : {', '.join(_headers(kind, 'fr'))}"
    if not rows:
        raise KitError(
            Diagnostic(
                Loc(label, 1, 1),
                f"la feuille est vide : la ligne 1 doit nommer les colonnes ({names})",
            )
        )
    number, header = rows[0]
    written = [text_of(h) for h in header]
    # a column may be named in French (titre, texte, carte.x…): the kit's name is kept here
    columns = [_canonical(fields, h) if h else None for h in written]
    if number != 1 or not any(_column(kind, fields, h) for h in columns if h):
        raise KitError(
            Diagnostic(
                Loc(label, 1, 1),
                "pas de ligne d'en-tête : la ligne 1 doit nommer les colonnes comme les champs"
                f" YAML ({names})",
            )
        )
    errors = Collector()
    seen: dict[str, int] = {}
    for col, head in enumerate(columns, start=1):
        if head is None:
            continue
        shown = written[col - 1]
        if head in fields and fields[head].type == "object":
            parts = " et ".join(f"{shown}.{sub.name}" for sub in fields[head].fields)
            errors.error(
                Loc(label, 1, col), f"colonne « {shown} » : donnez-la en colonnes {parts}"
            )
        if head in seen:
            first = written[seen[head] - 1]
            same = "" if first == shown else f", « {first} », le même champ"
            errors.error(
                Loc(label, 1, col),
                f"colonne « {shown} » en double (déjà colonne {seen[head]}{same})",
            )
        else:
            seen[head] = col
    for col in range(1, max(len(cells) for _, cells in rows) + 1):
        if col <= len(columns) and columns[col - 1] is not None:
            continue
        filled = next((n for n, cells in rows[1:] if col <= len(cells) and cells[col - 1]), None)
        if filled is not None:
            errors.error(
                Loc(label, filled, col),
                f"valeur dans une colonne sans nom : nommez la colonne en ligne 1 ({names})"
                " ou videz-la",
            )
    errors.raise_if_any()
    items = []
    for index, (number, cells) in enumerate(rows[1:]):
        node = _entity(kind, fields, label, columns, number, cells, first=index == 0)
        node.names.update({c: w for c, w in zip(columns, written, strict=True)
                           if c in node.entries and c != w})
        items.append(node)
    return YSeq(items, Loc(label, 1, 1))


def _canonical(fields: dict[str, Field], head: str) -> str:
    """A column's name as the kit names the field: `titre` → `title`, `carte.x` → `map.x`;
    an unknown name stays as written."""
    def name(word: str, among) -> str:
        return next((f.name for f in among if word in key_names(f.name)), word)

    if "." in head:
        first, _, sub = head.partition(".")
        parent = fields.get(name(first, fields.values()))
        if parent is not None and parent.type == "object":
            return f"{parent.name}.{name(sub, parent.fields)}"
        return head
    return name(head, fields.values())


def _column(kind: str, fields: dict[str, Field], head: str):
    """What a header names: ("field", Field), ("part", Field, sub-Field), or None."""
    if head in fields:
        return ("field", fields[head])
    if "." in head:
        name, _, sub = head.partition(".")
        parent = fields.get(name)
        if parent is not None and parent.type == "object":
            for f in parent.fields:
                if f.name == sub:
                    return ("part", parent, f)
    return None


def _entity(kind, fields, label, columns, number, cells, first: bool) -> YMap:
    node = YMap({}, Loc(label, number, 1))
    for col, head in enumerate(columns, start=1):
        if head is None:
            continue
        text = cells[col - 1] if col <= len(cells) else None
        head_loc, cell_loc = Loc(label, 1, col), Loc(label, number, col)
        what = _column(kind, fields, head)
        if what is None:
            # an unknown column, reported once by the validator at its header cell
            if first:
                node.entries[head] = (head_loc, YScalar(text, cell_loc))
            continue
        if text is None:
            continue  # empty cell: not given (a territory deck keeps the base's value)
        if what[0] == "part":
            _, parent, sub = what
            if parent.name not in node.entries:
                node.entries[parent.name] = (head_loc, YMap({}, cell_loc))
            node.entries[parent.name][1].entries[sub.name] = (head_loc, YScalar(text, cell_loc))
            continue
        value = _value(what[1], text, cell_loc)
        if value is not None:
            node.entries[head] = (head_loc, value)
    return node


def _value(f: Field, text: str, loc: Loc):
    if f.type in ("texts", "refs"):
        items = split_list(text)
        return YSeq([YScalar(i, loc) for i in items], loc) if items else None
    if f.type == "objects":  # resources: "title | url ; title | url"
        out = []
        for item in split_list(text):
            parts = [p.strip() for p in item.rsplit(PART_SEPARATOR, len(f.fields) - 1)]
            entry = YMap({}, loc)
            for sub, part in zip(f.fields, parts, strict=False):
                if part:
                    entry.entries[sub.name] = (loc, YScalar(part, loc))
            out.append(entry)
        return YSeq(out, loc) if out else None
    return YScalar(text, loc)


def _headers(kind: str, language: str = "en") -> list[str]:
    out = []
    for f in ENTITY_FIELDS[kind]:
        name = written_name(f.name, language)
        if f.type == "object":
            out += [f"{name}.{written_name(sub.name, language)}" for sub in f.fields]
        else:
            out.append(name)
    return out
