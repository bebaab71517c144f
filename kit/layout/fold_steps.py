"""Folding instructions as data, written from the scheme's folds: how to lay the sheet, then for
each fold which part moves, where it goes (mountain or valley), along which marks, and what it
achieves. The printed sentences (kit.products.fold_instructions) and the step diagram
(kit.layout.fold_diagram) are both made from these steps, and a test folds a sheet by following
them literally.

Pure Python: no PDF or SVG library is imported here.
"""

from __future__ import annotations

from dataclasses import dataclass

from kit.layout.fold import Crease, Fold, Packet, fold_packets
from kit.layout.fold_reading import Reading, check_reading, read
from kit.layout.fold_scheme import FoldScheme

#: the way a fold goes, as seen from above by the person folding
KIND = {"behind": "mountain", "front": "valley"}


@dataclass(frozen=True)
class Step:
    """One fold, as the person folding sees it.

    number: 1-based, the number printed beside this fold's marks; fold: the scheme's fold;
    kind: mountain (the part passes behind) or valley (it comes to the front, on top);
    shape: what moves — folded (a part folded before, thicker than what stays), half (as much
    as stays), panel (one panel), strip (a row or column of panels), strips (several); count:
    panels
    across the line for strips; before, after: the packet around this fold; creases: the
    creases it makes on the sheet (where its numbered marks are); map_inside: this fold is the
    one that leaves no map face outside."""

    number: int
    fold: Fold
    kind: str
    shape: str
    count: int
    before: Packet
    after: Packet
    creases: tuple[Crease, ...]
    map_inside: bool

    @property
    def moves(self) -> str:
        return self.fold.moves

    @property
    def goes(self) -> str:
        return self.fold.goes


@dataclass(frozen=True)
class Instructions:
    """The folding of one scheme: the sheet flat, panel side (verso) up, the cover at `cover`
    (its verso cell) in `cover_place` ("bottom", "right"), upright or upside down as printed;
    then the steps; the packet ends with the cover on top, upright (the reading checks it)."""

    scheme: FoldScheme
    reading: Reading
    cover: tuple[int, int]
    cover_place: tuple[str, str]
    cover_upright: bool
    steps: tuple[Step, ...]


def instructions(scheme: FoldScheme) -> Instructions:
    """The steps of a scheme; raises KitError when the scheme does not fold into a booklet with
    the cover on top (see kit.layout.fold_reading.check_reading)."""
    reading = read(scheme)
    check_reading(reading)
    packets, creases = fold_packets(scheme)
    steps = []
    for index, fold in enumerate(scheme.folds):
        before, after = packets[index], packets[index + 1]
        shape, count = _shape(before, fold)
        steps.append(Step(index + 1, fold, KIND[fold.goes], shape, count, before, after,
                          tuple(c for c in creases if c.step == index),
                          before.map_outside and not after.map_outside))
    cover = reading.pages[0]
    return Instructions(scheme, reading, (cover.col, cover.row),
                        (_place(cover.row, scheme.rows, ("top", "middle", "bottom")),
                         _place(cover.col, scheme.cols, ("left", "centre", "right"))),
                        cover.rotate == 0, tuple(steps))


def _shape(packet: Packet, fold: Fold) -> tuple[str, int]:
    """What moves, in the words of someone looking at the packet: (shape, panels across)."""
    axis = 0 if fold.axis == "x" else 1
    size = packet.scheme.panel_width if fold.axis == "x" else packet.scheme.panel_height
    k = round(fold.at / size)
    low = {cell for cell in packet.stacks if cell[axis] < k}
    moving = ({cell for cell in packet.stacks if cell not in low}
              if fold.moves in ("right", "bottom") else low)
    staying = set(packet.stacks) - moving
    across = len({cell[axis] for cell in moving})
    along = len({cell[1 - axis] for cell in moving})
    thickness = max(len(packet.stacks[cell]) for cell in moving)
    if thickness > max(len(packet.stacks[cell]) for cell in staying):
        return "folded", across  # thicker than what stays: a part folded before
    if across == len({cell[axis] for cell in staying}):
        return "half", across
    if across == 1:
        return ("panel" if along == 1 else "strip"), 1
    return "strips", across


def _place(index: int, count: int, words: tuple[str, str, str]) -> str:
    if count == 1:
        return ""
    if index == 0:
        return words[0]
    if index == count - 1:
        return words[2]
    return words[1]
