"""A current's arrows (kit.products.map.currents chooses where): a bundle of two or three
curved arrows setting onto the route (kit.products.map.flow), and whether it is clear —
at sea, off every sign, name and other bundle, short of the route and of any kink.
Pure geometry."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from kit.layout.curvetext import Glyph
from kit.layout.geometry import Rect
from kit.layout.labels import Placement
from kit.products.map.board import Board
from kit.products.map.current_names import NAME_APART, NAME_MARGIN, Others
from kit.products.map.features import Feature
from kit.products.map.flow import STEP, Flow, Track, bundle, streamline

#: the middle arrow's length, mm (the others a little shorter): long, or short where the
#: sea is crowded
ARROWS = 16.0
LENGTHS = (ARROWS, 12.0)
#: two currents' arrows keep this far apart (and half a box more), mm: each bundle reads as one
BUNDLE_GAP = 2.5
#: the arrows set onto the route at more than this angle's cosine to it (25°)
APPROACH = math.cos(math.radians(25))
#: and this far from every sign and name (and half a box more), mm
ARROW_CLEAR = 1.1
#: the arrows keep this far from the route's middle line, but at their tips, mm
ROUTE_CLEAR = 1.8
#: and this far out from the coasts
COAST_CLEAR = 3.0
#: a middle arrow clear for fewer points than this from its tip: no flow will do there
TIP_ROOM = 2


@dataclass
class Current:
    """A current as drawn: its arrows (polylines, tail to tip) and its name (a point label
    fixed beside them, or glyphs along the water)."""

    key: str
    lines: list[list[tuple[float, float]]]
    glyphs: list[Glyph] = field(default_factory=list)
    #: small boxes along the arrows: what nothing else may cover
    boxes: list[Rect] = field(default_factory=list)
    label: Placement | None = None


def arrow_key(key: str) -> str:
    """The owner of a current's arrows on the board: not the current itself, so that its
    own name keeps off them too."""
    return key + "/arrows"


def arrow_boxes(line: list[tuple[float, float]], half: float = 0.8) -> list[Rect]:
    pts = line[::2] + line[-1:]
    return [Rect(x - half, y - half, 2 * half, 2 * half) for x, y in pts]


def _clear_points(board: Board, apart: Others, line: list[tuple[float, float]]) -> int:
    """How many of the arrow's points, from its tip back, are at sea, inside the chart,
    clear of everything placed and further from the other currents' arrows and names
    (`apart`), off the route (but at the tip) and short of any kink: the arrow may be that
    long."""
    land, taken, route = board.land, board.taken, board.route
    arrows, names, names_reach = apart.arrows, apart.names, apart.reach
    g = BUNDLE_GAP if not board.relaxed else 1.0
    a = NAME_APART if not board.relaxed else NAME_MARGIN
    c, r = ARROW_CLEAR, ROUTE_CLEAR
    safe = board.safe.inset(1.0)
    sx, sy, sx2, sy2 = safe.x, safe.y, safe.x2, safe.y2
    last = len(line) - 1
    kink = _kink(line)
    # from the tip (most spots fail near the route), at every box the arrow keeps
    distance_out = land.distance_out
    for k in (last, *range(last - 1 - (last - 1) % 2, -1, -2)):
        x, y = line[k]
        # the tests that fail most often first (the arrow's tail in the shallows)
        if (not (sx <= x <= sx2 and sy <= y <= sy2)
                or distance_out(x, y) < COAST_CLEAR
                or k <= kink
                or taken.hits_box(x - c, y - c, x + c, y + c) is not None
                or arrows.hits_box(x - g, y - g, x + g, y + g) is not None
                or names.hits_box(x - a, y - a, x + a, y + a) is not None
                or names_reach.hits_box(x, y, x, y) is not None
                or (k < last - 2 and route.crosses(Rect(x - r, y - r, 2 * r, 2 * r)))):
            return last - k - 1
    return last + 1


#: an arrow turning more than this (its cosine) from one step to the next has a kink there
#: (where the water's flow switches from one island to the next): it stops short of it
KINK = math.cos(math.radians(25))


def _kink(line: list[tuple[float, float]]) -> int:
    """The index of the first point, from the tip back, where the arrow turns sharply (more
    than KINK from one step to the next), or -1."""
    for k in range(len(line) - 2, 0, -1):
        (x0, y0), (x1, y1), (x2, y2) = line[k - 1], line[k], line[k + 1]
        ax, ay, bx, by = x1 - x0, y1 - y0, x2 - x1, y2 - y1
        norm = math.hypot(ax, ay) * math.hypot(bx, by)
        if norm > 1e-12 and ax * bx + ay * by < KINK * norm:
            return k
    return -1


def bundle_at(board: Board, apart: Others, track: Track, s: float, side: float,
               flow: Flow, count: int, near: Feature | None, within: float,
               lengths: tuple[float, ...]) -> tuple[list | None, int]:
    """The longest of `lengths` whose bundle at s is clear (the middle arrow first, since
    most bundles fail there) and comes `within` of `near`, else None; and how many points
    of the middle arrow were clear from its tip."""
    middle = bundle(board.land, track, s, side, flow, lengths[0], count, only=0)[0]
    # setting onto the route, not running along it
    (x0, y0), (x1, y1) = middle[-4], middle[-1]
    _, _, tx, ty = track.at(s)
    if abs((x1 - x0) * tx + (y1 - y0) * ty) > APPROACH * math.hypot(x1 - x0, y1 - y0):
        return None, len(middle)
    if near is not None:
        nx, ny = near.x, near.y
        if min(math.hypot(x - nx, y - ny) for x, y in middle[::3]) > within:
            return None, len(middle)
    room = _clear_points(board, apart, middle)
    for length in lengths:
        n = int(length / STEP) + 1
        if n > room:
            continue
        lines = [middle[-n:]]
        for k in range(1, count):
            line = bundle(board.land, track, s, side, flow, length, count, only=k)[0]
            if _clear_points(board, apart, line) < len(line):
                break
            lines.append(line)
        else:
            return lines, room
    return None, room


def pinned_current(board: Board, f: Feature, flow: Flow) -> Current:
    """A current the deck pinned: its arrows converge on the pin from the open sea, where
    ever that is (its name is placed like any pinned sign's)."""
    island = board.land.island_at(f.x, f.y)
    ux, uy = f.x - island.cx, f.y - island.cy
    norm = math.hypot(ux, uy) or 1.0
    ux, uy = ux / norm, uy / norm
    pull_to = (f.x - ux * flow.depth, f.y - uy * flow.depth)
    lines = []
    for ds, ln in ((0.0, ARROWS), (-3.2, ARROWS * 0.78), (3.2, ARROWS * 0.68)):
        tip = (f.x - uy * ds, f.y + ux * ds)
        lines.append(streamline(board.land, tip, pull_to, flow, ln))
    return Current(f.key, lines, boxes=[b for line in lines for b in arrow_boxes(line)])
