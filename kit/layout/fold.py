"""Fold schemes simulated: which cell of the panel side becomes which page, and which way up.

A fold scheme is data (layouts/map/*.yaml): a sheet, a grid of panels and an ordered list of
folds. Nothing here knows which panel ends up where: `simulate` folds the sheet — a reflection of
part of the packet over a line, plus the order of the layers — and reads the result.

Coordinates
-----------
* Millimetres, y pointing down, origin at the top-left corner, as in kit.layout.geometry.
* The sheet starts flat on the table, **panel side (verso) up**. Every position in a scheme and
  every rectangle returned here is in *verso page coordinates*: those of the verso as seen when
  you look at the verso. The verso is printed in short-edge duplex, so the recto (map) point
  (x, y) backs onto the verso point (W − x, y), and recto cell (c, r) backs onto verso cell
  (cols − 1 − c, r). Recto cells are reported in recto page coordinates.
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

Reading
-------
* Pages come in stack order: the top face of the top layer (the front cover), then the under face
  of layer 0 and the top face of layer 1 (a spread), and so on down to the under face of the
  bottom layer (the back cover). The panel order keeps the verso faces of that sequence.
* A face facing up is read as it lies. A face facing down is read by turning it over sideways,
  about a vertical axis, like the page of a book — the back cover too (PRINT.md: "if turned
  sideways"). That turn undoes the mirror of a vertical fold, so only horizontal folds can leave
  a face upside down.
* The covers are read on the closed packet. The inner panels are read with the scheme's
  `reading: open` folds unfolded (pages turned, map opened) and its `reading: closed` folds kept
  (the half fold that keeps the map inside the booklet, say).

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
    note: str = ""
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
             "grid": {"columns": 4, "rows": 2},
             "folds": [{"line": "y = 148.5", "moves": "top", "goes": "behind",
                        "reading": "closed", "note": "…"}, …]}

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
        items = get(data, "folds", (list, tuple), ("folds",))
        folds: list[Fold] = []
        for i, item in enumerate(items or ()):
            fold = _fold_from_dict(item, ("folds", i), locate, errors)
            if fold is not None:
                folds.append(fold)
        errors.raise_if_any()
        scheme = cls(name=name, title=title, width=float(width), height=float(height),
                     cols=cols, rows=rows, folds=tuple(folds), loc=locate(("folds",)))
        for fold in scheme.folds:
            try:
                _boundary(scheme, fold)
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
    note = item.get("note") or ""
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
    return Fold(axis, at, values["moves"], values["goes"], values["reading"], str(note),
                locate(path + ("line",)))


def _boundary(scheme: FoldScheme, fold: Fold) -> int:
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


# -- simulation ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Layer:
    """One panel of paper in the packet, known by its verso cell."""

    col: int
    row: int
    orientation: Orientation = IDENTITY  # of the verso face
    verso_up: bool = True
    moved_by: tuple[int, ...] = ()

    def turned(self, index: int, fold: Fold) -> _Layer:
        return _Layer(self.col, self.row, fold.reflection.after(self.orientation),
                      not self.verso_up, self.moved_by + (index,))


@dataclass(frozen=True)
class Face:
    """One side of one panel of paper, where the folding leaves it.

    side: "verso" (panels) or "recto" (map); col, row: the cell in that side's own page
    coordinates; layer: 0 is the top of the packet; up: facing up in the packet; orientation:
    page → packet in the folded packet; moved_by: indices of the folds that turned this panel
    over, in order; rotate: the print rotation that makes it read upright on the closed packet
    (facing down: turned over sideways)."""

    side: str
    col: int
    row: int
    layer: int
    up: bool
    orientation: Orientation
    moved_by: tuple[int, ...]
    rotate: int


@dataclass(frozen=True)
class Page:
    """A verso face in reading order, with the rotation to print it with and its role."""

    order: int  # 0 = front cover
    col: int
    row: int
    rotate: int  # 0 | 180
    role: str  # cover | back | inner
    face: Face


@dataclass(frozen=True)
class FoldResult:
    """The folded packet, read.

    faces: every face in the order a reader meets it (front cover first, back cover last);
    pages: the verso (panel side) faces in that order, with their print rotation;
    front_cover, back_cover: the packet's top face facing up and its bottom face (either side:
    a scheme that leaves the map outside has recto covers; panel_slots refuses it);
    cell: the packet grid cell (col, row) where the stack lies, in verso page coordinates."""

    scheme: FoldScheme
    faces: tuple[Face, ...]
    pages: tuple[Page, ...]
    front_cover: Face
    back_cover: Face
    cell: tuple[int, int]

    @property
    def panels(self) -> list[tuple[int, int, int]]:
        """The verso reading order as (col, row, rotation) in verso page coordinates."""
        return [(p.col, p.row, p.rotate) for p in self.pages]

    @property
    def recto(self) -> tuple[Face, ...]:
        """Where the map cells end up, in stack order (recto page coordinates)."""
        return tuple(f for f in self.faces if f.side == "recto")


def simulate(scheme: FoldScheme) -> FoldResult:
    """Fold the sheet as the scheme says and read the packet. Raises KitError (citing the fold)
    when a fold is off a panel boundary or misses the packet, and when the folds do not end in a
    single panel-sized stack."""
    # In panel units every layer covers exactly one cell of the packet grid, since every line is
    # a panel boundary; a stack lists its layers from the top down.
    stacks: dict[tuple[int, int], list[_Layer]] = {
        (c, r): [_Layer(c, r)] for c in range(scheme.cols) for r in range(scheme.rows)
    }
    for index, fold in enumerate(scheme.folds):
        k = _boundary(scheme, fold)
        axis = AXES.index(fold.axis)
        before = [cell for cell in stacks if cell[axis] < k]
        after = [cell for cell in stacks if cell[axis] >= k]
        if not before or not after:
            raise KitError(Diagnostic(fold.loc, f"le pli {fold.line} ne traverse pas le paquet "
                                      f"(qui occupe alors {_extent(scheme, stacks)})"))
        moving = after if fold.moves in ("right", "bottom") else before
        folded = {cell: stacks[cell] for cell in stacks if cell not in moving}
        for cell in moving:
            image = list(cell)
            image[axis] = 2 * k - 1 - cell[axis]
            # turning a stack over reverses it: its bottom layer comes out on top
            flipped = [layer.turned(index, fold) for layer in reversed(stacks[cell])]
            staying = folded.get(tuple(image), [])
            folded[tuple(image)] = staying + flipped if fold.goes == "behind" else flipped + staying
        stacks = folded
    if len(stacks) != 1:
        raise KitError(Diagnostic(
            scheme.loc,
            f"après les {len(scheme.folds)} plis, le paquet couvre encore {len(stacks)} panneaux "
            f"({_extent(scheme, stacks)}) : un schéma doit finir en une seule pile de la taille "
            "d'un panneau",
        ))
    (cell, stack), = stacks.items()
    faces: list[Face] = []
    for number, layer in enumerate(stack):
        verso = _face(scheme, layer, number, "verso")
        recto = _face(scheme, layer, number, "recto")
        faces += [verso, recto] if verso.up else [recto, verso]
    front, back = faces[0], faces[-1]
    pages = []
    for order, face in enumerate(f for f in faces if f.side == "verso"):
        role = "cover" if face is front else "back" if face is back else "inner"
        rotate = face.rotate if role != "inner" else _inner_rotation(scheme, face)
        pages.append(Page(order, face.col, face.row, rotate, role, face))
    return FoldResult(scheme, tuple(faces), tuple(pages), front, back, cell)


def _face(scheme: FoldScheme, layer: _Layer, number: int, side: str) -> Face:
    if side == "verso":
        col, orientation, up = layer.col, layer.orientation, layer.verso_up
    else:
        # recto (x, y) backs onto verso (W − x, y): a mirror in x, then the verso's placement
        col = scheme.cols - 1 - layer.col
        orientation, up = layer.orientation.after(FLIP_X), not layer.verso_up
    return Face(side, col, layer.row, number, up, orientation, layer.moved_by,
                upright_rotation(orientation, up))


def reading_orientation(scheme: FoldScheme, face: Face) -> tuple[Orientation, bool]:
    """(orientation, up) of a face with the scheme's `open` folds unfolded: the mirrors of the
    `closed` folds that turned it over, and nothing else."""
    orientation = IDENTITY if face.side == "verso" else FLIP_X
    up = face.side == "verso"
    for index in face.moved_by:
        fold = scheme.folds[index]
        if fold.reading == "closed":
            orientation, up = fold.reflection.after(orientation), not up
    return orientation, up


def _inner_rotation(scheme: FoldScheme, face: Face) -> int:
    return upright_rotation(*reading_orientation(scheme, face))


def _extent(scheme: FoldScheme, stacks: Mapping[tuple[int, int], list]) -> str:
    cols = [c for c, _ in stacks]
    rows = [r for _, r in stacks]
    pw, ph = scheme.panel_width, scheme.panel_height
    return (f"x de {min(cols) * pw:g} à {(max(cols) + 1) * pw:g}, "
            f"y de {min(rows) * ph:g} à {(max(rows) + 1) * ph:g} mm")


# -- panel slots for the planner -----------------------------------------------------------------


@dataclass(frozen=True)
class PanelSlot:
    """Where the page of reading order `order` is printed: `rect` in verso page coordinates (the
    verso as seen when you look at the verso; mm, y down), its content rotated by `rotate`
    degrees (0 or 180) about the rectangle's centre; role: cover, back or inner."""

    order: int
    rect: Rect
    rotate: int
    role: str
    col: int
    row: int


def panel_slots(scheme: FoldScheme) -> list[PanelSlot]:
    """The verso's panels in reading order (0 = front cover, last = back cover).

    Raises KitError when the folds fail (see `simulate`) or leave a map cell (recto) outside,
    as a cover."""
    result = simulate(scheme)
    for face, what in ((result.front_cover, "la couverture"),
                       (result.back_cover, "la quatrième de couverture")):
        if face.side != "verso":
            raise KitError(Diagnostic(
                scheme.loc,
                f"une fois plié, {what} est une case de la carte (recto, colonne {face.col + 1},"
                f" rangée {face.row + 1}) : les couvertures doivent être sur la face des "
                "panneaux ; inversez « goes » (behind / front) du pli concerné",
            ))
    return [PanelSlot(p.order, scheme.cell_rect(p.col, p.row), p.rotate, p.role, p.col, p.row)
            for p in result.pages]
