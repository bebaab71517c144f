"""Rows → the located nodes the YAML reader would have built: row 1's headers name the fields
(in English or in French, `map.x` for a part of a field), each cell becomes a value at its own
FILE[SHEET]:ROW:COLUMN, lists are `;`-separated in one cell (split_list, join_list) and a
resource is `title | url`. Headers that name nothing, or a field twice, are errors at their
cell."""

from __future__ import annotations

from kit.errors import Collector, Diagnostic, KitError, Loc
from kit.load.sheets_rows import Rows
from kit.load.workbooks import text_of
from kit.load.yamlsrc import YMap, YScalar, YSeq
from kit.model.schema import ENTITY_FIELDS, Field, key_names, written_name

LIST_SEPARATOR = ";"
PART_SEPARATOR = "|"


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


def entity_nodes(kind: str, label: str, rows: Rows) -> YSeq:
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


def _headers(kind: str, language: str = "en") -> list[str]:
    out = []
    for f in ENTITY_FIELDS[kind]:
        name = written_name(f.name, language)
        if f.type == "object":
            out += [f"{name}.{written_name(sub.name, language)}" for sub in f.fields]
        else:
            out.append(name)
    return out
