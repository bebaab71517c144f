"""Entity lists kept in a spreadsheet beside the deck, and the workbook `kit export-sheet` writes.

In deck.yaml, any entity list may name a CSV file or a sheet of an XLSX workbook of the deck's
folder instead of listing its entities:

    questions: {from: questions.csv}
    stages: {from: deck.xlsx, sheet: stages}

One row per entity; row 1 names the columns like the YAML fields (`id`, `title`, `text`…).
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
import datetime as dt
import io
import os
import warnings
import zipfile
from pathlib import Path

from kit.errors import Collector, Diagnostic, KitError, Loc
from kit.load.yamlsrc import MAX_BYTES, YMap, YScalar, YSeq, decode_utf8
from kit.model.deck import ENTITY_KINDS
from kit.model.schema import ENTITY_FIELDS, ENTITY_KIND_NAMES, MAX_ENTITIES, Field
from kit.resources import display_path
from kit.validate import did_you_mean

SUFFIXES = (".csv", ".xlsx")
REFERENCE_KEYS = ("from", "sheet")
LIST_SEPARATOR = ";"
PART_SEPARATOR = "|"
#: an XLSX is a zip of XML: refuse one that unpacks to more than this (zip bombs)
MAX_UNPACKED = 200 * 1024 * 1024
_OTHER_FORMATS = {
    ".xls": "l'ancien format Excel .xls n'est pas lu : enregistrez le classeur en .xlsx",
    ".xlsm": "enregistrez le classeur sans macros, en .xlsx",
    ".ods": "enregistrez le classeur LibreOffice au format .xlsx (ou chaque feuille en CSV)",
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
                f"{kind} : clé « {key} » inattendue ; une liste lue dans un fichier ne prend que"
                " « from » (et « sheet » pour un classeur XLSX) : mettez les éléments dans le"
                " fichier" + did_you_mean(key, REFERENCE_KEYS),
            )
    source = node.get("from")
    sheet = node.get("sheet")
    if source is None:
        errors.error(
            node.loc,
            f"{kind} : « from » manquant, le fichier CSV ou XLSX où lire les {noun}s",
        )
    elif not isinstance(source, YScalar) or not (source.value or "").strip():
        errors.error(
            source.loc,
            f"{kind} → from : attendu le nom d'un fichier CSV ou XLSX du dossier du deck",
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
        hint = _OTHER_FORMATS.get(suffix, "attendu un fichier .csv ou .xlsx")
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
                "c'est un classeur XLSX, pas un texte CSV : renommez-le en .xlsx",
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
            cells = [_text(cell) for cell in record]
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


def _text(value) -> str | None:
    """A CSV cell or an XLSX string as text; blank means "not given"."""
    if value is None:
        return None
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    return text or None


def cell_text(value, number_format: str | None = "General") -> str | None:
    """An XLSX cell value as the text it shows: 3 → "3", 2.50 → "2.5", 20 % → "20%",
    a date → "2025-07-02", 12:30 → "12:30", TRUE → "VRAI"; empty → None."""
    if value is None or isinstance(value, str):
        return _text(value)
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
    return _text(value)


class _Workbooks:
    """Workbooks opened once per deck file, however many lists they hold."""

    def __init__(self, cwd: Path):
        self.cwd = cwd
        self.open: dict[Path, object] = {}

    def rows(self, path: Path, name: str, kind: str, wanted: str | None, loc: Loc) -> tuple[
        str, Rows
    ]:
        book = self._load(path, name)
        names = list(book.sheetnames)
        if wanted is None:
            if kind in names:
                wanted = kind
            elif len(names) == 1:
                wanted = names[0]
            else:
                raise KitError(
                    Diagnostic(
                        loc,
                        f"{kind} : aucune feuille « {kind} » dans {name} ; précisez-la avec"
                        f" « sheet: » (feuilles : {', '.join(names)})" + did_you_mean(kind, names),
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
        sheet = book[wanted]
        if not hasattr(sheet, "iter_rows"):
            raise KitError(Diagnostic(Loc(label, 1, 1), "feuille de graphique : aucune cellule"))
        rows: Rows = []
        try:
            sheet.reset_dimensions()  # some writers record a wrong size: read every row
            for number, row in enumerate(sheet.iter_rows(min_row=1, min_col=1), start=1):
                cells = [cell_text(c.value, getattr(c, "number_format", None)) for c in row]
                if any(c is not None for c in cells):
                    rows.append((number, cells))
                    _check_count(rows, label, number)
        except KitError:
            raise
        except Exception as exc:  # a damaged sheet: openpyxl raises many kinds
            raise KitError(
                Diagnostic(Loc(label, 1, 1), f"feuille illisible ({type(exc).__name__}: {exc})")
            ) from None
        return label, rows

    def _load(self, path: Path, name: str):
        if path in self.open:
            return self.open[path]
        problem = _not_a_workbook(path)
        if problem:
            raise KitError(Diagnostic(Loc(name, 1, 1), problem))
        import openpyxl

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # "no default style", unsupported extensions…
                book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise KitError(
                Diagnostic(
                    Loc(name, 1, 1),
                    f"classeur XLSX illisible ({type(exc).__name__}) : ouvrez-le et"
                    " enregistrez-le à nouveau au format .xlsx",
                )
            ) from None
        self.open[path] = book
        return book

    def close(self) -> None:
        for book in self.open.values():
            book.close()
        self.open.clear()


def _not_a_workbook(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        return (
            "ce n'est pas un classeur XLSX (ce n'est pas une archive zip) :"
            " enregistrez-le en .xlsx"
        )
    except OSError as exc:
        return f"lecture impossible : {exc.strerror}"
    if unpacked > MAX_UNPACKED:
        return f"classeur trop gros une fois décompressé ({unpacked / 1e6:.0f} Mo)"
    return None


def _entities(kind: str, label: str, rows: Rows) -> YSeq:
    """Rows → a YSeq of entity YMaps: header cell = key location, cell = value location."""
    fields = {f.name: f for f in ENTITY_FIELDS[kind]}
    names = ", ".join(_headers(kind))
    if not rows:
        raise KitError(
            Diagnostic(
                Loc(label, 1, 1),
                f"la feuille est vide : la ligne 1 doit nommer les colonnes ({names})",
            )
        )
    number, header = rows[0]
    columns = [_text(h) for h in header]
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
        if head in fields and fields[head].type == "object":
            parts = " et ".join(f"{head}.{sub.name}" for sub in fields[head].fields)
            errors.error(
                Loc(label, 1, col), f"colonne « {head} » : donnez-la en colonnes {parts}"
            )
        if head in seen:
            errors.error(
                Loc(label, 1, col), f"colonne « {head} » en double (déjà colonne {seen[head]})"
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
        items.append(_entity(kind, fields, label, columns, number, cells, first=index == 0))
    return YSeq(items, Loc(label, 1, 1))


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
        if f.fields:  # a trail written "text | label": the map's short name after the bar
            out = []
            for item in items:
                text_, bar, label = item.rpartition(PART_SEPARATOR)
                if bar and text_.strip() and label.strip():
                    entry = YMap({}, loc)
                    entry.entries["text"] = (loc, YScalar(text_.strip(), loc))
                    entry.entries["label"] = (loc, YScalar(label.strip(), loc))
                    out.append(entry)
                else:
                    out.append(YScalar(item, loc))
            return YSeq(out, loc) if out else None
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


def _headers(kind: str) -> list[str]:
    out = []
    for f in ENTITY_FIELDS[kind]:
        if f.type == "object":
            out += [f"{f.name}.{sub.name}" for sub in f.fields]
        else:
            out.append(f.name)
    return out


# -- writing ---------------------------------------------------------------------------------

#: workbook dates, fixed so that two exports of one deck are byte-identical
EXPORT_DATE = dt.datetime(2000, 1, 1)
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_MAX_WIDTH = 60


def _number(value: float) -> str:
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value)


def _columns(kind: str, entities) -> list[tuple[str, object]]:
    """(header, entity → cell text or None) for the fields this kind's entities use."""
    out: list[tuple[str, object]] = []
    for f in ENTITY_FIELDS[kind]:
        values = [getattr(e, f.name, None) for e in entities]
        if not f.required and all(v in (None, (), "") for v in values):
            continue
        if f.type == "object":
            for sub in f.fields:
                out.append((f"{f.name}.{sub.name}", _part_getter(f.name, sub.name)))
        else:
            out.append((f.name, _getter(f)))
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


def workbook_bytes(deck) -> bytes:
    """An XLSX of the deck's entities, one sheet per kind, that `{from: …}` reads back."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    book.remove(book.active)
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for kind in ENTITY_KINDS:
        entities = getattr(deck, kind)
        if not entities:
            continue
        sheet = book.create_sheet(kind)
        columns = _columns(kind, entities)
        table = [[head for head, _ in columns]]
        table += [[get(e) for _, get in columns] for e in entities]
        widths = [
            max(max((len(line) for line in (v or "").split("\n")), default=0) for v in column)
            for column in zip(*table, strict=True)
        ]
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
    if not book.sheetnames:
        raise KitError(
            Diagnostic(deck.loc, "ce deck n'a aucun élément à exporter (étapes, questions…)")
        )
    book.properties.creator = "kit"
    book.properties.title = deck.title
    book.properties.created = book.properties.modified = EXPORT_DATE
    raw = io.BytesIO()
    # ExcelWriter directly: save_workbook() would stamp the modification date with now
    ExcelWriter(book, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()
    return _fixed_dates(raw.getvalue())


def _fixed_dates(data: bytes) -> bytes:
    """The same zip with every member dated 1980-01-01: byte-identical exports."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = info.external_attr
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()
