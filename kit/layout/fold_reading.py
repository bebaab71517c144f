"""Reading the folded packet: its leaves, their hinges, the spreads, and the order of the pages.

PRINT.md: "a leaf turns about the edge that joins it to the next leaf, and the page that turns
lands on that edge's side". The layers that `closed` folds join stay together while reading: a
leaf. Two consecutive leaves are joined by a crease of an `open` fold, the first one's hinge,
lying on one edge of the packet as the reader holds it. Turning the leaf over that edge lays its
under face on the hinge's side, next to the next leaf's top face: a hinge on the left gives the
spread [under face | next top face], one on the right [next top face | under face], one at the
top the under face above. Each spread reads left page, then right page (top, then bottom).

A scheme that `opens: flat` is read like a road map: the covers on the closed packet, then every
other panel on the sheet opened out, panel side up, row by row from the top, left to right.

The covers are read on the closed packet: the front cover as it lies, the back cover turned over
sideways (about a vertical axis) like the last page of a book.

Pure Python: no PDF or SVG library is imported here.
"""

from __future__ import annotations

from dataclasses import dataclass

from kit.errors import Diagnostic, KitError
from kit.layout.fold import Crease, Face, FoldResult, simulate
from kit.layout.fold_scheme import FLIP_X, FLIP_Y, FoldScheme, upright_rotation
from kit.layout.geometry import Rect

#: the packet edge a hinge lies on, as the reader holds the packet (top = away from the reader)
HINGE_SIDES = ("left", "right", "top", "bottom")


@dataclass(frozen=True)
class Hinge:
    """The crease joining a leaf to the next one: on which edge of the packet it lies, and the
    crease itself (which fold made it, where it is on the sheet)."""

    side: str
    crease: Crease


@dataclass(frozen=True)
class Leaf:
    """Consecutive layers of the packet that stay together while reading (joined by `closed`
    folds), the top one first; hinge: the crease joining it to the next leaf (None for the
    last, and where no crease joins them)."""

    layers: tuple[int, ...]
    top: Face
    under: Face
    hinge: Hinge | None


@dataclass(frozen=True)
class Seen:
    """A face as the reader meets it: `place` in the view (cover, back, left, right, top,
    bottom; flat: on the opened sheet) and the print rotation (0 or 180) that reads upright
    there."""

    face: Face
    place: str
    rotate: int


@dataclass(frozen=True)
class View:
    """What the reader has in front of them at one step: the closed packet's cover, a spread
    (two faces, about a hinge), the sheet opened flat, or the back cover; `seen` in reading
    order."""

    kind: str  # cover | spread | flat | back
    seen: tuple[Seen, ...]
    hinge: Hinge | None = None


@dataclass(frozen=True)
class Page:
    """A verso face in reading order, with the rotation to print it with and its role."""

    order: int  # 0 = front cover
    col: int
    row: int
    rotate: int  # 0 | 180
    role: str  # cover | back | inner
    face: Face
    view: int  # index of the view that shows it


@dataclass(frozen=True)
class Reading:
    """The folded packet, read: its leaves, the views in reading order, and the verso pages."""

    result: FoldResult
    leaves: tuple[Leaf, ...]
    views: tuple[View, ...]
    pages: tuple[Page, ...]

    @property
    def scheme(self) -> FoldScheme:
        return self.result.scheme

    @property
    def panels(self) -> list[tuple[int, int, int]]:
        """The verso reading order as (col, row, rotation) in verso page coordinates."""
        return [(p.col, p.row, p.rotate) for p in self.pages]


def read(scheme: FoldScheme | FoldResult) -> Reading:
    """Fold the sheet (unless given the folded result) and read it the way its scheme opens.
    Raises KitError when the scheme does not fold, when a `book` does not hold together as
    leaves joined by hinges, and when a `flat` scheme keeps a fold closed."""
    result = scheme if isinstance(scheme, FoldResult) else simulate(scheme)
    scheme = result.scheme
    leaves = _leaves(result)
    cover = View("cover", (Seen(result.front_cover, "cover", result.front_cover.rotate),))
    back = View("back", (Seen(result.back_cover, "back", result.back_cover.rotate),))
    if scheme.opens == "flat":
        closed = [f for f in scheme.folds if f.reading == "closed"]
        if closed:
            raise KitError(Diagnostic(closed[0].loc, f"le pli {closed[0].line} reste fermé "
                                      "(reading: closed) alors que le schéma se lit déplié à plat "
                                      "(opens: flat)"))
        covers = {(f.col, f.row) for f in (result.front_cover, result.back_cover)
                  if f.side == "verso"}
        inner = sorted((f for f in result.faces
                        if f.side == "verso" and (f.col, f.row) not in covers),
                       key=lambda f: (f.row, f.col))
        views = [cover, View("flat", tuple(Seen(f, "flat", 0) for f in inner)), back]
    else:
        views = [cover] + [_spread(result, leaf, after) for leaf, after in
                           zip(leaves, leaves[1:], strict=False)] + [back]
    pages: list[Page] = []
    for number, view in enumerate(views):
        for seen in view.seen:
            if seen.face.side != "verso":
                continue
            role = {"cover": "cover", "back": "back"}.get(view.kind, "inner")
            pages.append(Page(len(pages), seen.face.col, seen.face.row, seen.rotate, role,
                              seen.face, number))
    return Reading(result, tuple(leaves), tuple(views), tuple(pages))


def _joint(result: FoldResult, layer: int) -> Hinge | None:
    """The crease joining layer `layer` to the layer under it, and the packet edge it lies on;
    None when the two panels are not neighbours on the sheet."""
    scheme = result.scheme
    upper, lower = result.verso_face(layer), result.verso_face(layer + 1)
    dc, dr = lower.col - upper.col, lower.row - upper.row
    if abs(dc) + abs(dr) != 1:
        return None
    axis = "x" if dc else "y"
    at = (max(upper.col, lower.col) * scheme.panel_width if axis == "x"
          else max(upper.row, lower.row) * scheme.panel_height)
    start = (upper.row * scheme.panel_height if axis == "x" else upper.col * scheme.panel_width)
    crease = next((c for c in result.creases if (c.axis, c.at, c.start) == (axis, at, start)),
                  None)
    if crease is None:
        return None
    # the shared edge is the upper layer's right (bottom) edge when the lower one is to its
    # right (below it) on the sheet; the layer's orientation says where that edge lies now
    sign = upper.orientation.sx if axis == "x" else upper.orientation.sy
    high = (dc + dr > 0) == (sign == 1)
    side = ("right" if high else "left") if axis == "x" else ("bottom" if high else "top")
    return Hinge(side, crease)


def _leaves(result: FoldResult) -> list[Leaf]:
    scheme = result.scheme
    layers = len(result.faces) // 2
    groups: list[list[int]] = [[0]]
    hinges: list[Hinge | None] = []
    for layer in range(layers - 1):
        joint = _joint(result, layer)
        if joint is not None and scheme.folds[joint.crease.step].reading == "closed":
            groups[-1].append(layer + 1)
        else:
            hinges.append(joint)
            groups.append([layer + 1])
    hinges.append(None)
    return [Leaf(tuple(g), result.layer_faces(g[0])[0], result.layer_faces(g[-1])[1], hinge)
            for g, hinge in zip(groups, hinges, strict=True)]


def _spread(result: FoldResult, leaf: Leaf, after: Leaf) -> View:
    if leaf.hinge is None:
        raise KitError(Diagnostic(result.scheme.loc, (
            "une fois plié, le paquet ne se feuillette pas comme un livret : deux feuillets "
            f"voisins (couches {leaf.layers[-1] + 1} et {after.layers[0] + 1}) ne sont pas "
            "reliés par un pli ; lisez-le déplié (opens: flat) ou changez l'ordre des plis")))
    hinge = leaf.hinge
    # the leaf turns over its hinge: a mirror across that edge, and its under face now faces up
    turn = FLIP_X if hinge.side in ("left", "right") else FLIP_Y
    under = leaf.under
    turned = Seen(under, hinge.side, upright_rotation(turn.after(under.orientation), True))
    other = {"left": "right", "right": "left", "top": "bottom", "bottom": "top"}[hinge.side]
    top = Seen(after.top, other, upright_rotation(after.top.orientation, True))
    pair = (turned, top) if hinge.side in ("left", "top") else (top, turned)
    return View("spread", pair, hinge)


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


def check_reading(reading: Reading) -> None:
    """The rules every shipped scheme keeps, as KitError citing the scheme: panels on both
    covers, and a booklet that opens like a French book (the cover hinged on its left)."""
    result, scheme = reading.result, reading.scheme
    for face, what in ((result.front_cover, "la couverture"),
                       (result.back_cover, "la quatrième de couverture")):
        if face.side != "verso":
            raise KitError(Diagnostic(
                scheme.loc,
                f"une fois plié, {what} est une case de la carte (recto, colonne {face.col + 1},"
                f" rangée {face.row + 1}) : les couvertures doivent être sur la face des "
                "panneaux ; inversez « goes » (behind / front) du pli concerné",
            ))
    if scheme.opens == "book" and len(reading.leaves) > 1:
        hinge = reading.leaves[0].hinge
        if hinge is not None and hinge.side != "left":
            where = {"right": "à droite", "top": "en haut", "bottom": "en bas"}[hinge.side]
            raise KitError(Diagnostic(
                scheme.loc,
                f"une fois plié, la couverture tient au reste par son bord {where} : le livret "
                "s'ouvrirait à l'envers d'un livre ; faites l'accordéon depuis l'autre côté pour "
                "que la couverture s'ouvre vers la gauche",
            ))


def panel_slots(scheme: FoldScheme) -> list[PanelSlot]:
    """The verso's panels in reading order (0 = front cover, last = back cover).

    Raises KitError when the folds fail (see `simulate` and `read`), leave a map cell (recto)
    outside as a cover, or open the booklet the wrong way (see `check_reading`)."""
    reading = read(scheme)
    check_reading(reading)
    return [PanelSlot(p.order, scheme.cell_rect(p.col, p.row), p.rotate, p.role, p.col, p.row)
            for p in reading.pages]
