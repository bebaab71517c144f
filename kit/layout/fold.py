"""Fold schemes simulated: the sheet folded as the scheme says, and what the folding did.

A fold reflects part of the packet over a line and stacks it behind or in front of the part that
stays (kit.layout.fold_scheme describes schemes and their coordinates). `simulate` does that on
a grid of panels and records, for every panel of paper, where it ends up in the packet and which
way up, and for every crease it makes on the sheet, where it is, which fold made it and whether
it is a mountain or a valley seen from the panel side. Reading the packet (leaves, hinges,
spreads, page order) is kit.layout.fold_reading's job; the folding instructions are
kit.layout.fold_steps'.

Pure Python: no PDF or SVG library is imported here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kit.errors import Diagnostic, KitError
from kit.layout.fold_scheme import (
    AXES,
    FLIP_X,
    FLIP_Y,
    GOES,
    HALF_TURN,
    IDENTITY,
    OPENS,
    READING,
    SIDES,
    Fold,
    FoldScheme,
    Orientation,
    boundary_index,
    reading_view,
    rotation,
    upright_rotation,
)
from kit.layout.geometry import Rect

__all__ = [
    "AXES", "FLIP_X", "FLIP_Y", "GOES", "HALF_TURN", "IDENTITY", "OPENS", "READING", "SIDES",
    "Crease", "Face", "Fold", "FoldResult", "FoldScheme", "Layer", "Orientation", "Packet",
    "boundary_index", "crease_lines", "fold_packets", "panel_slots", "reading_view", "rotation",
    "simulate", "upright_rotation",
]


@dataclass(frozen=True)
class Layer:
    """One panel of paper in the packet, known by its verso cell: the orientation of its verso
    face (page → packet), whether that face is up, and the folds that turned it over."""

    col: int
    row: int
    orientation: Orientation = IDENTITY  # of the verso face
    verso_up: bool = True
    moved_by: tuple[int, ...] = ()

    def turned(self, index: int, fold: Fold) -> Layer:
        return Layer(self.col, self.row, fold.reflection.after(self.orientation),
                      not self.verso_up, self.moved_by + (index,))


@dataclass(frozen=True)
class Crease:
    """A crease of the flat sheet, in verso page coordinates (the sheet open, panel side up):
    the segment of the line `axis = at` from `start` to `end` (mm along the line), between two
    panels. `step` is the index of the fold that made it (scheme.folds[step]); `mountain` says
    whether its ridge points at someone looking at the panel side (a valley otherwise)."""

    axis: str
    at: float
    start: float
    end: float
    step: int
    mountain: bool

    def on_recto(self, sheet_width: float) -> Crease:
        """The same crease in recto page coordinates (short-edge duplex: x → W − x), seen from
        the map side, where a mountain is a valley."""
        at = sheet_width - self.at if self.axis == "x" else self.at
        start, end = ((self.start, self.end) if self.axis == "x"
                      else (sheet_width - self.end, sheet_width - self.start))
        return Crease(self.axis, at, start, end, self.step, not self.mountain)


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
class FoldResult:
    """The folded packet.

    faces: both faces of every layer, from the top face of the top layer down to the under face
    of the bottom layer; front_cover, back_cover: the first and the last of them (either side:
    a scheme that leaves the map outside has recto covers; panel_slots refuses it); cell: the
    packet grid cell (col, row) where the stack lies, in verso page coordinates; creases: every
    crease the folds made, in the order they were made."""

    scheme: FoldScheme
    faces: tuple[Face, ...]
    front_cover: Face
    back_cover: Face
    cell: tuple[int, int]
    creases: tuple[Crease, ...]

    @property
    def recto(self) -> tuple[Face, ...]:
        """Where the map cells end up, in stack order (recto page coordinates)."""
        return tuple(f for f in self.faces if f.side == "recto")

    def layer_faces(self, layer: int) -> tuple[Face, Face]:
        """(top face, under face) of a layer of the packet."""
        return self.faces[2 * layer], self.faces[2 * layer + 1]

    def verso_face(self, layer: int) -> Face:
        top, under = self.layer_faces(layer)
        return top if top.side == "verso" else under


@dataclass(frozen=True)
class Packet:
    """The paper between two folds: for every packet grid cell it covers (col, row, in verso
    page coordinates), its stack of layers from the top down."""

    scheme: FoldScheme
    stacks: Mapping[tuple[int, int], tuple[Layer, ...]]

    @property
    def cells(self) -> Rect:
        """The packet's extent, in panel units: Rect(first col, first row, cols, rows)."""
        cols = [c for c, _ in self.stacks]
        rows = [r for _, r in self.stacks]
        return Rect(min(cols), min(rows), max(cols) - min(cols) + 1, max(rows) - min(rows) + 1)

    def face(self, cell: tuple[int, int], which: str = "top") -> Face:
        """The face showing on top of a stack (which="top"), or under it ("under")."""
        stack = self.stacks[cell]
        layer = stack[0] if which == "top" else stack[-1]
        number = 0 if which == "top" else len(stack) - 1
        verso = layer.verso_up == (which == "top")
        return _face(self.scheme, layer, number, "verso" if verso else "recto")

    @property
    def map_outside(self) -> bool:
        """Whether a map face (recto) shows on either side of the packet."""
        return any(self.face(cell, which).side == "recto"
                   for cell in self.stacks for which in ("top", "under"))


def fold_packets(scheme: FoldScheme) -> tuple[list[Packet], list[Crease]]:
    """The packet before each fold, then after the last one, and every crease the folds make.
    Raises KitError (citing the fold) when a fold is off a panel boundary or misses the packet;
    the last packet may still cover several cells (see `simulate`)."""
    # In panel units every layer covers exactly one cell of the packet grid, since every line is
    # a panel boundary; a stack lists its layers from the top down.
    stacks: dict[tuple[int, int], list[Layer]] = {
        (c, r): [Layer(c, r)] for c in range(scheme.cols) for r in range(scheme.rows)
    }
    packets = [Packet(scheme, {cell: tuple(s) for cell, s in stacks.items()})]
    creases: list[Crease] = []
    for index, fold in enumerate(scheme.folds):
        k = boundary_index(scheme, fold)
        axis = AXES.index(fold.axis)
        before = [cell for cell in stacks if cell[axis] < k]
        after = [cell for cell in stacks if cell[axis] >= k]
        if not before or not after:
            raise KitError(Diagnostic(fold.loc, f"le pli {fold.line} ne traverse pas le paquet "
                                      f"(qui occupe alors {_extent(scheme, stacks)})"))
        creases += _creases(scheme, stacks, index, fold, k)
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
        packets.append(Packet(scheme, {cell: tuple(s) for cell, s in sorted(stacks.items())}))
    return packets, creases


def simulate(scheme: FoldScheme) -> FoldResult:
    """Fold the sheet as the scheme says and describe the packet. Raises KitError (citing the
    fold) when a fold is off a panel boundary or misses the packet, and when the folds do not end
    in a single panel-sized stack."""
    packets, creases = fold_packets(scheme)
    stacks = packets[-1].stacks
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
    return FoldResult(scheme, tuple(faces), faces[0], faces[-1], cell, tuple(creases))


def _creases(scheme: FoldScheme, stacks: Mapping[tuple[int, int], list[Layer]], index: int,
             fold: Fold, k: int) -> list[Crease]:
    """The creases fold `index` makes: wherever two panels joined on the sheet lie on either side
    of the line k (panel units) when it is folded."""
    axis = AXES.index(fold.axis)
    size = (scheme.panel_width, scheme.panel_height)
    where = {(layer.col, layer.row): cell for cell, layers in stacks.items() for layer in layers}
    found = []
    for cell, layers in sorted(stacks.items()):
        if cell[axis] != k - 1:
            continue
        for layer in layers:
            sign = layer.orientation.sx if axis == 0 else layer.orientation.sy
            # the layer's own edge lying on the line: its right/bottom one unless it is mirrored
            step = 1 if sign == 1 else -1
            own = (layer.col, layer.row)
            neighbour = list(own)
            neighbour[axis] += step
            across = where.get(tuple(neighbour))
            if across is None or across[axis] != k:
                continue  # the sheet's edge, or paper already folded onto this side
            at = (own[axis] + (1 if step == 1 else 0)) * size[axis]
            other = 1 - axis
            start = own[other] * size[other]
            found.append(Crease(fold.axis, at, start, start + size[other], index,
                                (fold.goes == "behind") == layer.verso_up))
    return found


def _face(scheme: FoldScheme, layer: Layer, number: int, side: str) -> Face:
    if side == "verso":
        col, orientation, up = layer.col, layer.orientation, layer.verso_up
    else:
        # recto (x, y) backs onto verso (W − x, y): a mirror in x, then the verso's placement
        col = scheme.cols - 1 - layer.col
        orientation, up = layer.orientation.after(FLIP_X), not layer.verso_up
    return Face(side, col, layer.row, number, up, orientation, layer.moved_by,
                upright_rotation(orientation, up))


def _extent(scheme: FoldScheme, stacks: Mapping[tuple[int, int], list]) -> str:
    cols = [c for c, _ in stacks]
    rows = [r for _, r in stacks]
    pw, ph = scheme.panel_width, scheme.panel_height
    return (f"x de {min(cols) * pw:g} à {(max(cols) + 1) * pw:g}, "
            f"y de {min(rows) * ph:g} à {(max(rows) + 1) * ph:g} mm")


# -- what the chart and the fold marks need ------------------------------------------------------


def crease_lines(scheme: FoldScheme, side: str = "recto") -> list[tuple[str, float]]:
    """Every line the scheme creases, as ("x", position) for a vertical line and ("y",
    position) for a horizontal one, in millimetres in the page coordinates of `side` ("recto":
    the map, the verso mirrored in x for short-edge duplex; "verso": the panels), sorted.

    The creases come from folding the sheet (`simulate`), so a fold that creases several
    layers at once yields every line it makes. Raises KitError when the scheme does not fold."""
    if side not in ("recto", "verso"):
        raise ValueError(f"side {side!r}: recto or verso")
    lines = set()
    for crease in simulate(scheme).creases:
        if side == "recto":
            crease = crease.on_recto(scheme.width)
        lines.add((crease.axis, round(crease.at, 6)))
    return sorted(lines)


def panel_slots(scheme: FoldScheme):
    """The verso's panels in reading order: see kit.layout.fold_reading.panel_slots."""
    from kit.layout.fold_reading import panel_slots as slots

    return slots(scheme)
