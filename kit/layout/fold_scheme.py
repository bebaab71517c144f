"""Fold schemes as data: a sheet, a grid of equal panels and an ordered list of folds.

This module only describes and checks a scheme (layouts/map/*.yaml); kit.layout.fold folds it,
kit.layout.fold_reading reads the folded packet, kit.layout.fold_steps writes the folding
instructions from it.

Coordinates
-----------
* Millimetres, y pointing down, origin at the top-left corner, as in kit.layout.geometry.
* The sheet starts flat on the table, **panel side (verso) up**. Every position in a scheme is
  in *verso page coordinates*: those of the verso as seen when you look at the verso. The verso
  is printed in short-edge duplex, so the recto (map) point (x, y) backs onto the verso point
  (W − x, y), and recto cell (c, r) backs onto verso cell (cols − 1 − c, r).
* Rows count from the top: on an A3 sheet with 2 rows, row 0 is the top strip, row 1 the bottom.

Folds
-----
A fold is a line of the packet as it lies on the table at that moment: "x = a" (vertical) or
"y = b" (horizontal), on a panel boundary. The part of the packet on the `moves` side turns over
the line and lands on the other side, `behind` the part that stays (under it: a mountain fold seen
from above) or in `front` of it (on top: a valley fold). The part that stays does not move, so the
packet keeps the sheet's frame: when each fold lands on a part that has never moved, positions
are those of the flat sheet. After the last fold the packet must be a single panel-sized stack,
lying the way the reader holds it: front cover on top, its top edge away from the reader (−y).

`reading` says whether the reader unfolds a fold to read the inner panels (`open`: a page that
turns, the map that opens) or keeps it folded (`closed`: the half fold that keeps the map inside
the booklet). `opens` says how the inner panels are read: `book` (pages turned one at a time,
each about its hinge) or `flat` (the sheet opened out, panel side up, like a road map).

Pure Python: no PDF or SVG library is imported here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from kit.errors import Collector, Diagnostic, KitError, Loc
from kit.layout.geometry import Rect

AXES = ("x", "y")
#: which side of a vertical (x) or horizontal (y) line may move
SIDES = {"x": ("left", "right"), "y": ("top", "bottom")}
GOES = ("behind", "front")
READING = ("closed", "open")
OPENS = ("book", "flat")
_TOLERANCE = 1e-6
_LINE = re.compile(r"^\s*([xy])\s*=\s*([+-]?\d+(?:[.,]\d+)?)\s*(?:mm)?\s*$")

# Where an error in the scheme's source is: a key path such as ("folds", 2, "line") → location.
Locator = Callable[[tuple], Loc]


# -- orientation ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Orientation:
    """Linear part of the map from a face's own page coordinates to the packet's: (x, y) →
    (sx·x, sy·y), plus a translation. Folds are axis-aligned, so these four are all there is:
    (1, 1) upright, (−1, −1) a half turn, mixed signs a mirror image (the face seen through the
    paper, from behind)."""

    sx: int = 1
    sy: int = 1

    def after(self, first: Orientation) -> Orientation:
        """`first`, then self."""
        return Orientation(self.sx * first.sx, self.sy * first.sy)

    @property
    def mirrored(self) -> bool:
        return self.sx != self.sy


IDENTITY = Orientation(1, 1)
HALF_TURN = Orientation(-1, -1)
#: reflection in a vertical line (x → −x): a vertical fold, or turning a page over sideways
FLIP_X = Orientation(-1, 1)
#: reflection in a horizontal line (y → −y): a horizontal fold
FLIP_Y = Orientation(1, -1)


def rotation(degrees: int) -> Orientation:
    """The print rotation 0 or 180 as an orientation."""
    if degrees % 360 == 0:
        return IDENTITY
    if degrees % 360 == 180:
        return HALF_TURN
    raise ValueError(f"rotation {degrees}°: panels only turn by 0 or 180°")


def reading_view(orientation: Orientation, up: bool) -> Orientation:
    """How a face placed with `orientation` looks to the reader: as it lies when facing up,
    turned over sideways (x → −x) when facing down."""
    return orientation if up else FLIP_X.after(orientation)


def upright_rotation(orientation: Orientation, up: bool) -> int:
    """The rotation (0 or 180) to print a face with so that the reader sees it upright.

    Content printed rotated by ρ looks like view ∘ R(ρ); that is the identity when R(ρ) is the
    view's inverse, i.e. the view itself (these orientations are their own inverses)."""
    seen = reading_view(orientation, up)
    if seen == IDENTITY:
        return 0
    if seen == HALF_TURN:
        return 180
    raise AssertionError(f"a face reads mirrored ({seen}): the simulation lost track of a flip")


# -- the scheme as data --------------------------------------------------------------------------


@dataclass(frozen=True)
class Fold:
    """One fold: the line `axis = at` (mm, packet coordinates at that moment), the side that
    moves, where it goes, and whether the reader unfolds it to read the inner panels."""

    axis: str  # "x": vertical line x = at; "y": horizontal line y = at
    at: float
    moves: str  # left | right (axis x); top | bottom (axis y)
    goes: str  # behind | front
    reading: str = "open"  # closed: stays folded while reading; open: the reader unfolds it
    loc: Loc = field(default=Loc(""), compare=False)

    @property
    def line(self) -> str:
        return f"{self.axis} = {self.at:g}"

    @property
    def reflection(self) -> Orientation:
        return FLIP_X if self.axis == "x" else FLIP_Y


@dataclass(frozen=True)
class FoldScheme:
    """A sheet (mm), its grid of equal panels and the folds, in order; `loc` is where the folds
    are written (errors about the folds as a whole cite it)."""

    name: str
    title: str
    width: float
    height: float
    cols: int
    rows: int
    folds: tuple[Fold, ...]
    opens: str = "book"  # book | flat: how the inner panels are read
    loc: Loc = field(default=Loc(""), compare=False)

    @property
    def panel_width(self) -> float:
        return self.width / self.cols

    @property
    def panel_height(self) -> float:
        return self.height / self.rows

    def cell_rect(self, col: int, row: int) -> Rect:
        """Panel (col, row) in verso page coordinates (mm, y down)."""
        return Rect(col * self.panel_width, row * self.panel_height, self.panel_width,
                    self.panel_height)

    @classmethod
    def from_dict(cls, name: str, data: Mapping, where: Locator | None = None) -> FoldScheme:
        """Build a scheme from plain data shaped like layouts/map/*.yaml:

            {"title": "…", "sheet": {"width": 420, "height": 297},
             "grid": {"columns": 4, "rows": 2}, "opens": "book",
             "folds": [{"line": "y = 148.5", "moves": "top", "goes": "behind",
                        "reading": "closed"}, …]}

        `where` maps a key path such as ("folds", 0, "line") to its location in the source, so
        that errors cite FILE:LINE:COL; without it they cite the scheme's name. Raises KitError
        with every problem found. Whether the folds work is checked by `simulate`."""
        locate = where or (lambda path: Loc(name))
        errors = Collector()

        def get(mapping: object, key: str, kind: type | tuple, path: tuple):
            if not isinstance(mapping, Mapping) or key not in mapping:
                errors.error(locate(path[:-1]), f"champ obligatoire « {key} » manquant")
                return None
            value = mapping[key]
            if isinstance(value, bool) or not isinstance(value, kind):
                errors.error(locate(path), f"« {key} » : valeur « {value} » invalide")
                return None
            return value

        def positive(mapping: object, key: str, path: tuple, integer: bool = False):
            value = get(mapping, key, int if integer else (int, float), path)
            if value is not None and value <= 0:
                errors.error(locate(path), f"« {key} » : un nombre positif est attendu")
                return None
            return value

        title = get(data, "title", str, ("title",))
        sheet = get(data, "sheet", Mapping, ("sheet",))
        grid = get(data, "grid", Mapping, ("grid",))
        width = positive(sheet, "width", ("sheet", "width")) if sheet is not None else None
        height = positive(sheet, "height", ("sheet", "height")) if sheet is not None else None
        cols = positive(grid, "columns", ("grid", "columns"), True) if grid is not None else None
        rows = positive(grid, "rows", ("grid", "rows"), True) if grid is not None else None
        opens = data.get("opens", "book") if isinstance(data, Mapping) else "book"
        if opens not in OPENS:
            errors.error(locate(("opens",)), f"« opens: {opens} » inconnu ; choix possibles : "
                         f"{', '.join(OPENS)}")
        items = get(data, "folds", (list, tuple), ("folds",))
        folds: list[Fold] = []
        for i, item in enumerate(items or ()):
            fold = _fold_from_dict(item, ("folds", i), locate, errors)
            if fold is not None:
                folds.append(fold)
        errors.raise_if_any()
        scheme = cls(name=name, title=title, width=float(width), height=float(height),
                     cols=cols, rows=rows, folds=tuple(folds), opens=opens,
                     loc=locate(("folds",)))
        for fold in scheme.folds:
            try:
                boundary_index(scheme, fold)
            except KitError as exc:
                errors.extend(exc)
        errors.raise_if_any()
        return scheme


def _fold_from_dict(item: object, path: tuple, locate: Locator,
                    errors: Collector) -> Fold | None:
    n = path[-1] + 1
    if not isinstance(item, Mapping):
        errors.error(locate(path), f"pli n° {n} : un dictionnaire est attendu (line, moves, goes…)")
        return None
    problems = len(errors.diagnostics)
    values: dict[str, str] = {}
    for key in ("line", "moves", "goes", "reading"):
        value = item.get(key)
        if not isinstance(value, str):
            where = locate(path + (key,)) if key in item else locate(path)
            errors.error(where, f"pli n° {n} : « {key} » manquant ou invalide")
        else:
            values[key] = value.strip()
    if len(errors.diagnostics) > problems:
        return None
    match = _LINE.match(values["line"])
    if not match:
        errors.error(locate(path + ("line",)), f"pli n° {n} : ligne « {values['line']} » "
                     "illisible ; attendu par exemple « x = 105 » ou « y = 148.5 » (en mm)")
        return None
    axis, at = match.group(1), float(match.group(2).replace(",", "."))
    if values["moves"] not in SIDES[axis]:
        errors.error(locate(path + ("moves",)),
                     f"pli n° {n} : « moves: {values['moves']} » impossible pour la ligne "
                     f"{axis} = {at:g} ; choix possibles : {', '.join(SIDES[axis])}")
    if values["goes"] not in GOES:
        errors.error(locate(path + ("goes",)), f"pli n° {n} : « goes: {values['goes']} » "
                     f"inconnu ; choix possibles : {', '.join(GOES)}")
    if values["reading"] not in READING:
        errors.error(locate(path + ("reading",)), f"pli n° {n} : « reading: "
                     f"{values['reading']} » inconnu ; choix possibles : {', '.join(READING)}")
    if len(errors.diagnostics) > problems:
        return None
    return Fold(axis, at, values["moves"], values["goes"], values["reading"],
                locate(path + ("line",)))


def boundary_index(scheme: FoldScheme, fold: Fold) -> int:
    """The fold line as a panel-boundary index (in panel units), or KitError citing the fold."""
    size = scheme.panel_width if fold.axis == "x" else scheme.panel_height
    index = round(fold.at / size)
    if abs(index * size - fold.at) > _TOLERANCE:
        count = scheme.cols if fold.axis == "x" else scheme.rows
        lines = ", ".join(f"{k * size:g}" for k in range(1, count))
        raise KitError(Diagnostic(
            fold.loc,
            f"le pli {fold.line} ne tombe pas sur une limite de panneaux ({fold.axis} = "
            f"{lines} sur la feuille : un multiple de {size:g} mm)",
        ))
    return index


