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

Here: the reference (`from`, `sheet`) and the file it names. The rows are read in
kit.load.sheets_rows and turned into entities in kit.load.sheets_columns; cell_text,
split_list, join_list and PART_SEPARATOR are re-exported for the export and the tests.
"""

from __future__ import annotations

from pathlib import Path

from kit.errors import Collector, Diagnostic, KitError, Loc
from kit.load.sheets_columns import PART_SEPARATOR, entity_nodes, join_list, split_list
from kit.load.sheets_rows import Rows, Workbooks, read_csv
from kit.load.workbooks import cell_text
from kit.load.yamlsrc import MAX_BYTES, YMap, YScalar
from kit.model.deck import ENTITY_KINDS
from kit.model.schema import ENTITY_KIND_NAMES, key_names
from kit.resources import deck_file, display_path
from kit.validate import did_you_mean

__all__ = ["PART_SEPARATOR", "cell_text", "expand_sheets", "join_list", "split_list"]

SUFFIXES = (".csv", ".xlsx", ".ods")
REFERENCE_KEYS = ("from", "sheet")
_OTHER_FORMATS = {
    ".xls": "l'ancien format Excel .xls n'est pas lu : enregistrez le classeur en .xlsx",
    ".xlsm": "enregistrez le classeur sans macros, en .xlsx",
    ".fods": "enregistrez le classeur LibreOffice au format .ods (classeur ODF)",
    ".ots": "enregistrez le modèle LibreOffice comme classeur .ods",
    ".tsv": "enregistrez le tableau en CSV (séparateur « ; » ou « , »)",
    ".txt": "enregistrez le tableau en CSV (séparateur « ; » ou « , »)",
}


def expand_sheets(tree: YMap, deck_path: Path, cwd: Path) -> YMap:
    """Replace every `kind: {from: FILE[, sheet: NAME]}` of a deck file by the entities read.

    Problems with the reference or the file itself (missing, outside the deck folder, not
    CSV/XLSX, unreadable, no such sheet, no header row) raise KitError, all of them at once;
    problems in the cells are left to the validator, which cites FILE[SHEET]:ROW:COLUMN.
    """
    folder = deck_path.parent
    errors = Collector()
    out = YMap(dict(tree.entries), tree.loc, dict(tree.names))
    books = Workbooks(cwd)
    try:
        for kind in ENTITY_KINDS:
            node = tree.get(kind)
            if not _is_reference(node):
                continue  # a list as usual; anything else is the validator's to report
            try:
                label, rows = _read_reference(kind, node, folder, cwd, books)
                seq = entity_nodes(kind, label, rows)
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
        return name, read_csv(path, name)
    wanted = sheet.value.strip() if sheet is not None else None
    return books.rows(path, name, kind, wanted, sheet.loc if sheet is not None else source.loc)


def _locate(value: str, loc: Loc, folder: Path, what: str) -> Path:
    """The same rules as the deck's assets: a file inside the deck folder, symlinks resolved."""
    path, is_file, wrong = deck_file(folder, value, what)
    if wrong:
        raise KitError(Diagnostic(loc, wrong))
    root = folder.resolve()
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
