"""Fold schemes (layouts/map/*.yaml) read with the located YAML reader: errors cite FILE:LINE:COL.

The file is checked field by field like the card formats, then built into a FoldScheme, folded
and read once (kit.layout.fold_reading.panel_slots), so a fold off a panel boundary, folds that do
not end in one panel-sized stack, a cover on the map side or a booklet that opens the wrong way
fail at load time, citing the file."""

from __future__ import annotations

from pathlib import Path

from kit.errors import Loc
from kit.layout.fold_reading import panel_slots
from kit.layout.fold_scheme import GOES, OPENS, READING, FoldScheme
from kit.load.layouts import read_layout
from kit.load.yamlsrc import YMap, YSeq
from kit.model.schema import Field

FOLD_FIELDS = (
    Field("line", "line", True, "La ligne de pli, « x = 105 » (verticale) ou « y = 148.5 », en mm"),
    Field("moves", "choice", True, "Le côté qui bouge", choices=("left", "right", "top", "bottom")),
    Field("goes", "choice", True, "Derrière (pli montagne vu de dessus) ou devant (vallée)",
          choices=GOES),
    Field("reading", "choice", True, "Reste plié pendant la lecture (closed) ou se déplie (open)",
          choices=READING),
)

FOLD_SCHEME_FIELDS = (
    Field("title", "line", True, "Le nom affiché par « kit list »"),
    Field(
        "sheet",
        "object",
        True,
        fields=(
            Field("width", "number", True, minimum=50, maximum=2000),
            Field("height", "number", True, minimum=50, maximum=2000),
        ),
    ),
    Field(
        "grid",
        "object",
        True,
        fields=(
            Field("columns", "int", True, minimum=1, maximum=16),
            Field("rows", "int", True, minimum=1, maximum=16),
        ),
    ),
    Field("opens", "choice", False, "Comment on lit les panneaux : en tournant les pages comme un"
          " livret (book, par défaut) ou la feuille dépliée à plat (flat)", choices=OPENS),
    Field("folds", "objects", True, "Les plis, dans l'ordre", fields=FOLD_FIELDS),
)


def load_fold_scheme(name: str, cwd: Path | None = None) -> FoldScheme:
    """Read layouts/map/<name>.yaml (./layouts first, then the built-in ones), check it and fold
    it once; raises KitError citing FILE:LINE:COL."""
    _, tree, values = read_layout("map", name, FOLD_SCHEME_FIELDS, cwd,
                                  what="schéma de pliage")
    data = {
        "title": values["title"],
        "sheet": values["sheet"],
        "grid": values["grid"],
        "folds": [fold for _, fold in values["folds"]],
        "opens": values.get("opens", "book"),
    }
    scheme = FoldScheme.from_dict(name, data, where=lambda keys: _locate(tree, keys))
    panel_slots(scheme)  # folds it: a scheme that does not fold fails now, not at build time
    return scheme


def _locate(tree: YMap, keys: tuple) -> Loc:
    """The location of the value at a key path such as ("folds", 2, "line"), or of the nearest
    node above it that exists."""
    node = tree
    for key in keys:
        if isinstance(key, int) and isinstance(node, YSeq) and key < len(node.items):
            node = node.items[key]
        elif isinstance(key, str) and isinstance(node, YMap) and node.get(key) is not None:
            node = node.get(key)
        else:
            break
    return node.loc
