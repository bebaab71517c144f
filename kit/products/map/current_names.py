"""A current's name beside its own arrows (kit.products.map.currents places the arrows):
round the middle arrow's tail, beside its middle or round the other arrows' tails, on the
arrows' side of the route, off every arrow, name, sign and fold, out of the shallows, and
nearer its own arrows than any other current's."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from kit.layout.geometry import Rect
from kit.layout.labels import DIRECTIONS, Placement, RectIndex, outward_positions, rect_at
from kit.products.map.board import Board
from kit.products.map.creases import WORD_CLEAR, cuts
from kit.products.map.features import SHALLOWS, Feature

#: the name, in points (the size it is set at, or half a point smaller), and how far its box
#: may be from the middle arrow, mm
NAME_PT = 9.0
NAME_REACH = 5.5
#: and how far it keeps from the other currents' arrows and names, mm
NAME_APART = 3.5
#: the positions tried round each point a name may stand by, the most outward first
POSITIONS = 5
#: another current's arrows keep this much further from a name than its own arrows, mm: a
#: name reads as its own bundle's at a glance
OWN_FIRST = 2.5
#: and how much white it keeps round it, mm (other names keep LABEL_GAP from it)
NAME_MARGIN = 1.9


@dataclass
class Others:
    """The currents placed so far: their arrows (small boxes) and their names."""

    arrows: RectIndex = field(default_factory=RectIndex)
    names: RectIndex = field(default_factory=RectIndex)
    #: each name grown by how far its own arrows are, and a millimetre more: no other
    #: current's arrow comes as near it as its own
    reach: RectIndex = field(default_factory=RectIndex)


def label_near(board: Board, apart: Others, f: Feature, variants: tuple, lines,
               side_point, normal) -> Placement | None:
    """The current's name beside its arrows: round the middle arrow's tail (continuing
    it), beside its middle, or round the others' tails — on the arrows' side of the route,
    off every arrow, name, sign and fold, out of the shallows; None if nowhere."""
    middle = lines[0]
    nx, ny = normal
    px, py = side_point
    anchors = _anchors(lines, normal)
    own = [p for line in lines for p in line[::2]]
    middle_pts = middle[::2]
    creases = board.creases
    margin = min(board.margin, NAME_MARGIN)
    away = NAME_APART if not board.relaxed else NAME_MARGIN
    cores = _cores(variants)

    def fails(rect: Rect) -> bool:
        """The tests a larger box can only fail too: outside the chart, on a sign, a name or
        a path, on its own arrows, across the route."""
        return (not _free(board, rect, f.key, margin) or nearest(rect, own) <= 0.9
                or board.route.crosses(rect.outset(0.6)))

    best = None
    for (ax, ay), (dx, dy), extra in anchors:
        if best is not None and extra >= best[0]:
            break
        positions = outward_positions(dx, dy)[:POSITIONS]
        # at each position, the box inside every variant's: when it fails, so does each
        # variant's box, unless a fold moves it; when no variant comes near a fold either,
        # the position is given up at once
        blocked, dead = {}, {}
        for position in positions:
            core, hull = cores[position]
            blocked[position] = core is not None and fails(
                Rect(ax + core[0], ay + core[1], core[2] - core[0], core[3] - core[1]))
            dead[position] = blocked[position] and not cuts(hull.moved(ax, ay), creases,
                                                             WORD_CLEAR)
        for v in variants:
            for rank, position in enumerate(positions):
                if dead[position]:
                    continue
                cost = extra + v.penalty + 0.4 * rank
                if best is not None and cost >= best[0]:
                    continue
                rect = rect_at(ax, ay, 1.4, v, position)
                if cuts(rect, creases, WORD_CLEAR):
                    # slid off the fold it straddles, if it stays beside the arrows
                    rect = off_folds(rect, creases)
                    if rect is None:
                        continue
                    cost += 0.3
                elif blocked[position]:
                    continue
                # on the arrows' side of the route, off everything, near the middle arrow
                if ((rect.cx - px) * nx + (rect.cy - py) * ny < 0
                        or not _free(board, rect, f.key, margin)
                        or nearest(rect, middle_pts) > NAME_REACH):
                    continue
                # off its own arrows (0.9 mm), and further from the other currents than
                # from its own: no name reads as theirs
                mine = nearest(rect, own)
                if mine <= 0.9:
                    continue
                k = max(away, mine + OWN_FIRST)
                if apart.arrows.hits_box(rect.x - k, rect.y - k, rect.x2 + k, rect.y2 + k,
                                         f.key) is not None:
                    continue
                if not _at_sea(board, rect):
                    continue
                best = (cost, Placement(f.key, rect, v, position, None))
    return None if best is None else best[1]


def _anchors(lines, normal) -> list[tuple[tuple[float, float], tuple[float, float], float]]:
    """Where a name may stand by the arrows: (point, the direction the name goes from it,
    extra cost), cheapest first — the middle arrow's tail (continuing it), the others'
    tails, then beside the middle arrow's middle."""
    middle = lines[0]
    (x0, y0), (x1, y1) = middle[0], middle[min(4, len(middle) - 1)]
    n = len(middle)
    out = [(middle[0], (x0 - x1, y0 - y1), 0.0)]
    out += [(line[0], normal, 0.6) for line in lines[1:]]
    out += [(middle[n // 3], normal, 0.9), (middle[n // 2], normal, 1.1)]
    return out


def name_hope(board: Board, f: Feature, variants: tuple, lines, side_point, normal) -> bool:
    """Might the name find room by arrows like these (likely ones, before any is traced
    for good)? False when, at every place label_near would try round them, each of the
    name's smallest forms on one, two or three lines is off the chart, on a fold it cannot
    slide off, a sign, a name, a path or the route, in the shallows or across on the
    route's other side: a spot not worth the search. A guess (the arrows drawn will not be
    these), which the caller backs with the full search."""
    taken, creases = board.taken, board.creases
    margin = min(board.margin, NAME_MARGIN)
    forms = _shapes(variants)
    cores = _cores(tuple(forms))
    nx, ny = normal
    px, py = side_point
    shallows = SHALLOWS if not board.relaxed else 2.5
    distance_out = board.land.distance_out
    for (ax, ay), (dx, dy), _ in _anchors(lines, normal):
        for position in outward_positions(dx, dy)[:POSITIONS]:
            core, hull = cores[position]
            if core is not None:
                # the box all the forms cover in the shallows (between the route and the
                # coast, mostly), or taken with none of them near a fold: none of them fits
                if distance_out(ax + (core[0] + core[2]) / 2,
                                ay + (core[1] + core[3]) / 2) < shallows:
                    continue
                if (taken.hits_box(ax + core[0] - margin, ay + core[1] - margin,
                                   ax + core[2] + margin, ay + core[3] + margin,
                                   f.key) is not None
                        and not cuts(hull.moved(ax, ay), creases, WORD_CLEAR)):
                    continue
            if _form_fits(board, f, forms, ax, ay, position, px, py, nx, ny, margin):
                return True
    return False


def _form_fits(board: Board, f: Feature, forms: list, ax: float, ay: float, position: str,
               px: float, py: float, nx: float, ny: float, margin: float) -> bool:
    """Does one of the forms, at this position round (ax, ay), keep clear of everything the
    chart holds (name_hope)?"""
    creases = board.creases
    for small in forms:
        rect = rect_at(ax, ay, 1.4, small, position)
        if cuts(rect, creases, WORD_CLEAR):
            rect = off_folds(rect, creases)
            if rect is None:
                continue
        if ((rect.cx - px) * nx + (rect.cy - py) * ny >= 0
                and _free(board, rect, f.key, margin) and _at_sea(board, rect)):
            return True
    return False


def _free(board: Board, rect: Rect, key: str, margin: float) -> bool:
    """Is a name's box inside the chart, `margin` mm off every sign and name (but `key`'s
    own) and 0.8 mm off every path?"""
    if not board.safe.contains(rect):
        return False
    x, y, x2, y2 = rect.x, rect.y, rect.x + rect.w, rect.y + rect.h
    return (board.taken.hits_box(x - margin, y - margin, x2 + margin, y2 + margin, key) is None
            and board.paths.hits_box(x - 0.8, y - 0.8, x2 + 0.8, y2 + 0.8) is None)


def _at_sea(board: Board, rect: Rect) -> bool:
    """Is a name's box at sea beyond the shallows and clear of the route (0.6 mm)?"""
    return board.on_side(rect, "sea") and not board.route.crosses(rect.outset(0.6))


def _shapes(variants: tuple) -> list:
    """The name's smallest form on each number of lines (one long line, two shorter…):
    the shapes a spot may have room for."""
    out: dict[int, object] = {}
    for v in variants:
        lines = len(v.payload[0]) if v.payload else 1
        if lines not in out or v.w * v.h < out[lines].w * out[lines].h:
            out[lines] = v
    return [out[k] for k in sorted(out)]


_CORES: dict[tuple, dict[str, tuple]] = {}


def _cores(variants: tuple) -> dict[str, tuple]:
    """For each position round an anchor at (0, 0): the box (x, y, x2, y2) inside every
    variant's rectangle there (None when they share none), and the rectangle round them
    all."""
    key = tuple((v.w, v.h, v.distance) for v in variants)
    found = _CORES.get(key)
    if found is None:
        found = {}
        for position in DIRECTIONS:
            rects = [rect_at(0.0, 0.0, 1.4, v, position) for v in variants]
            box = (max(r.x for r in rects), max(r.y for r in rects),
                   min(r.x2 for r in rects), min(r.y2 for r in rects))
            hull = rects[0]
            for r in rects[1:]:
                hull = hull.union(r)
            found[position] = (box if box[0] < box[2] and box[1] < box[3] else None, hull)
        if len(_CORES) > 1000:
            _CORES.clear()
        _CORES[key] = found
    return found


def off_folds(rect: Rect, creases) -> Rect | None:
    """rect moved the least (at most a third of its size) so that no fold comes within
    WORD_CLEAR of it; None if it cannot be."""
    best = None
    x, y, w, h = rect.x, rect.y, rect.w, rect.h
    for axis, at in creases:
        lo, hi, size = (x, x + w, w) if axis == "x" else (y, y + h, h)
        if not lo - WORD_CLEAR < at < hi + WORD_CLEAR:
            continue
        for shift in (at + WORD_CLEAR + 0.1 - lo, at - WORD_CLEAR - 0.1 - hi):
            if abs(shift) > size / 3 or (best is not None and abs(shift) >= best[0]):
                continue  # too far, or no nearer than the best so far
            moved = rect.moved(shift, 0.0) if axis == "x" else rect.moved(0.0, shift)
            if not cuts(moved, creases, WORD_CLEAR):
                best = (abs(shift), moved)
    return None if best is None else best[1]


def nearest(r: Rect, points) -> float:
    """The distance from rect r to the nearest of `points` (0 for one inside it)."""
    x1, y1 = r.x, r.y
    x2, y2 = x1 + r.w, y1 + r.h
    best = math.inf
    for x, y in points:
        dx = x1 - x if x < x1 else (x - x2 if x > x2 else 0.0)
        dy = y1 - y if y < y1 else (y - y2 if y > y2 else 0.0)
        d = dx * dx + dy * dy
        if d < best:
            best = d
    return math.sqrt(best)


def rect_gap(r: Rect, x: float, y: float) -> float:
    return math.hypot(max(r.x - x, 0.0, x - r.x2), max(r.y - y, 0.0, y - r.y2))
