"""The dangerous currents: each drawn where it threatens the route, as a bundle of three flow
arrows beside it following the water round the nearest island (the streamlines of a flow that
turns about each island), named in italics along the water.

A current whose deck entry says `near: <id>` goes beside that stage or beacon (or off the coast
facing that pillar); the others are spread along the route, between stages. The spot is the
nearest one, going outwards from there, where the arrows stay at sea, off the folds and clear
of everything placed, and where its name finds room along the water beside them — or, for a
name too long to follow the water, beside the arrows like any other name.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from kit.layout.curvetext import Curve, Glyph, reads_backwards, set_along, text_width
from kit.layout.geometry import Rect
from kit.layout.island import Island
from kit.layout.text import PT
from kit.products.map.board import Board, Names
from kit.products.map.creases import WORD_CLEAR, cuts
from kit.products.map.features import RING, Feature, no_room, pinned_at
from kit.products.map.route import Route
from kit.products.map.sheet import MapContext

#: the bundle: three arrows this far apart, mm; the middle one this long
LANE = 2.3
ARROWS = 21.0
#: the name, in points, and how far it keeps from the arrows, mm
NAME_PT = 9.5
NAME_GAP = 1.3
#: a name longer than this cannot follow the water round an island, mm
LONGEST = 78.0
LONGEST_CROWDED = 115.0  # on a crowded chart, a longer name follows the water rather than nothing
#: where the spots are tried round the current's target: distances, mm, and directions
DISTANCES = (9.0, 13.0, 17.0, 22.0, 28.0, 35.0, 43.0, 52.0, 62.0, 73.0)
DIRECTIONS = 16
TRIES = 120  # spots tried round one target
#: a current set near an element is drawn within this of where it threatens, mm
NEAR_REACH = 62.0


@dataclass
class Current:
    """A current as drawn: its arrows (polylines, tip last) and its name's glyphs (or none,
    when the name is an ordinary label)."""

    key: str
    lines: list[list[tuple[float, float]]]
    glyphs: list[Glyph] = field(default_factory=list)
    #: small boxes along the arrows: what nothing else may cover
    boxes: list[Rect] = field(default_factory=list)


def _ring(island: Island, theta: float, offset: float, length: float, centre_s: float = 0.0,
          step: float = 1.5) -> list[tuple[float, float]]:
    """Points of the line `offset` mm out from the island's coast, `length` mm long, centred
    on the angle theta (shifted by centre_s mm), clockwise."""
    x, y = island.point(theta, offset)
    radius = max(10.0, math.hypot(x - island.cx, y - island.cy))
    dtheta = step / radius
    n = max(2, int(length / step))
    start = theta + (centre_s - length / 2) / radius
    return [island.point(start + dtheta * k, offset) for k in range(n + 1)]


def _boxes(line: list[tuple[float, float]], half: float = 0.8) -> list[Rect]:
    return [Rect(x - half, y - half, 2 * half, 2 * half) for x, y in line[::2] + line[-1:]]


def shape_at(ctx: MapContext, board: Board, f: Feature, x: float, y: float,
             curved: bool, check: bool = True) -> Current | None:
    """The current f with its arrows through (x, y), or None if they or its name find no
    room there (`check` False: where the deck pinned it, the arrows whatever is there)."""
    land = board.land
    island = land.island_at(x, y)
    offset = island.distance_out(x, y)
    if check and offset < RING * 0.35 + LANE + 1.0:
        return None
    theta = math.atan2((y - island.cy) / island.ry, (x - island.cx) / island.rx)

    def clear(boxes: list[Rect]) -> bool:
        # flow lines, like the route, may cross a fold: only their names keep off it; they run
        # beside the route (running the same way, on it they would hide its dashes)
        for b in boxes:
            if (not board.safe.contains(b) or board.taken.hits(b.outset(1.0)) is not None
                    or not board.names_clear(b) or land.distance_out(b.cx, b.cy) < 2.0
                    or (not board.relaxed and board.route.crosses(b))):
                return False
        return True

    # boxes round the middle arrow, as wide as the three, first: most spots fail there,
    # cheaply (what the arrows cover is checked exactly after)
    middle = _ring(island, theta, offset, ARROWS, 0.0)
    if check and any(board.taken.hits(b.outset(1.0)) is not None
                     for b in _boxes(middle[2:-2:4], LANE)):
        return None
    lines = [_ring(island, theta, offset - LANE, ARROWS * 0.8, -2.0), middle,
             _ring(island, theta, offset + LANE, ARROWS * 0.72, 2.5)]
    boxes = [b for line in lines for b in _boxes(line)]
    if not check:
        return Current(f.key, lines, boxes=boxes)
    if not clear(boxes):
        return None
    current = Current(f.key, lines, boxes=boxes)
    if not curved:
        return current
    # the name along the water, on the outer side of the arrows
    spans = ctx.spans(f.title, "italic")
    width = text_width(spans, "display", NAME_PT, ctx.measure)
    path = _ring(island, theta, offset + LANE + NAME_GAP, width + 2.0, step=1.0)
    backwards = reads_backwards(path)
    if backwards:
        path.reverse()
    curve = Curve(path)
    # the letters stand outwards, away from the island: below a line read backwards
    ascent = 0.92 * NAME_PT * PT
    rise = -ascent if backwards else 0.0
    glyphs = set_along(curve, spans, "display", NAME_PT, ctx.measure, 1.0, rise)
    for g in glyphs:
        b = g.box
        if (not board.safe.contains(b) or cuts(b, board.creases, WORD_CLEAR)
                or board.taken.hits(b.outset(0.9)) is not None
                or (not board.relaxed and board.route.crosses(b.outset(0.3)))
                or land.distance_out(b.cx, b.cy) < 2.5):
            return None
    current.glyphs = glyphs
    return current


def _target(board: Board, f: Feature, near: Feature | None, route: Route,
            slot: tuple[int, int, int] | None) -> tuple[float, float]:
    """Where the current threatens: its near element (at sea: the coast's ring facing a
    landmark), or its slot along the route (gap g between stops, k-th of n there)."""
    if near is not None:
        if near.kind in ("pillar", "site"):
            island = board.land.island_at(near.x, near.y)
            theta = math.atan2((near.y - island.cy) / island.ry, (near.x - island.cx) / island.rx)
            return island.point(theta, RING)
        return near.x, near.y
    gap, k, n = slot
    s0, s1 = route.stops[gap], route.stops[gap + 1]
    return route.at(s0 + (s1 - s0) * (k + 1) / (n + 1))


#: the steepest slope, from the horizontal, at which a name follows the water, degrees
STEEPEST = 32.0


def _level(island: Island, x: float, y: float) -> bool:
    theta = math.atan2((y - island.cy) / island.ry, (x - island.cx) / island.rx)
    offset = island.distance_out(x, y)
    (x0, y0), (x1, y1) = island.point(theta - 0.05, offset), island.point(theta + 0.05, offset)
    slope = abs(math.degrees(math.atan2(y1 - y0, x1 - x0)))
    return min(slope, 180 - slope) <= STEEPEST


def _place_near(ctx: MapContext, board: Board, f: Feature, tx: float, ty: float, curved: bool,
                names: Names) -> tuple[float, float, Current] | None:
    """The current at the best spot round (tx, ty), its name along the water (or beside it
    when not curved), or None."""
    island = board.land.island_at(tx, ty)
    ox, oy = tx - island.cx, ty - island.cy
    norm = math.hypot(ox, oy) or 1.0
    ox, oy = ox / norm, oy / norm
    spots = []
    for d in DISTANCES:
        for k in range(DIRECTIONS):
            a = 2 * math.pi * k / DIRECTIONS
            ux, uy = math.cos(a), math.sin(a)
            # near its target, and rather seawards than between the route and the coast
            spots.append((d + 7.0 * (1 - (ux * ox + uy * oy)), tx + ux * d, ty + uy * d))
    spots.sort()
    for _, x, y in spots[:TRIES]:
        # the middle of the arrows must be free, or nothing else is worth trying
        if board.taken.hits(Rect(x - 2.5, y - 2.5, 5.0, 5.0)) is not None:
            continue
        if board.land.distance_out(x, y) < RING * 0.35 + LANE + 1.0:
            continue
        # a name follows the water where it runs level enough to be read; elsewhere it
        # stands beside the arrows like any name
        along = curved and _level(board.land.island_at(x, y), x, y)
        shape = shape_at(ctx, board, f, x, y, along)
        if shape is None:
            continue
        if not along:
            f.x, f.y = x, y
            room = names.find(f, "sea")
            if room is None:
                continue
            names.keep(f, room)
        return x, y, shape
    return None


def _place_anywhere(ctx: MapContext, board: Board, f: Feature, tx: float, ty: float,
                    curved: bool, names: Names, reach: float = math.inf
                    ) -> tuple[float, float, Current] | None:
    safe = board.safe
    spots = []
    y = safe.y + 6.0
    while y < safe.y2 - 6.0:
        x = safe.x + 6.0
        while x < safe.x2 - 6.0:
            d = math.hypot(x - tx, y - ty)
            if d <= reach and board.taken.hits(Rect(x - 3, y - 3, 6, 6)) is None:
                spots.append((d, x, y))
            x += 8.0
        y += 8.0
    spots.sort()
    for _, x, y in spots[:300]:
        if board.land.distance_out(x, y) < RING * 0.35 + LANE + 1.0:
            continue
        for along in ((True, False) if curved else (False,)):
            if along and not _level(board.land.island_at(x, y), x, y):
                continue
            shape = shape_at(ctx, board, f, x, y, along)
            if shape is None:
                continue
            if not along:
                f.x, f.y = x, y
                room = names.find(f, "sea")
                if room is None:
                    continue
                names.keep(f, room)
            return x, y, shape
    return None


def place_currents(ctx: MapContext, board: Board, currents: list[Feature],
                   features: dict[str, Feature], route: Route, names: Names
                   ) -> dict[str, Current]:
    """Every current beside what it threatens, its name along the water (or, too long for
    that, beside it like any name): {key: Current}. Raises NoRoom naming the first that finds
    no spot."""
    out: dict[str, Current] = {}
    free = [f for f in currents if not pinned_at(f.entity)
            and (not f.entity.near or f.entity.near not in features)]
    gaps = max(1, len(route.stops) - 1)
    # without `near`, round the route: one per gap between stops, then a second…
    slots = {}
    per_gap: dict[int, list[str]] = {}
    for i, f in enumerate(free):
        per_gap.setdefault(i % gaps, []).append(f.key)
    for gap, keys in per_gap.items():
        for k, key in enumerate(keys):
            slots[key] = (gap, k, len(keys))
    for f in currents:
        if pinned_at(f.entity):
            shape = shape_at(ctx, board, f, f.x, f.y, False, check=False)
            board.reserve_all(shape.boxes, f.key)
            out[f.key] = shape
            continue
        near = features.get(f.entity.near) if f.entity.near else None
        width = text_width(ctx.spans(f.title, "italic"), "display", NAME_PT, ctx.measure)
        curved = width <= (LONGEST_CROWDED if board.relaxed else LONGEST)
        targets = [_target(board, f, near, route, slots.get(f.key))]
        if near is None:
            # its own gap between stops first, then the nearest other gaps
            gap, _, _ = slots[f.key]
            others = sorted(range(gaps), key=lambda g, gap=gap: (abs(g - gap), g))[1:]
            targets += [_target(board, f, None, route, (g, 0, 1)) for g in others]
        placed = None
        for tx, ty in targets:
            placed = _place_near(ctx, board, f, tx, ty, curved, names)
            if placed is not None:
                break
        if placed is None:
            # wherever the sea is free, nearest its target first (a current the deck set
            # near an element within NEAR_REACH of it, unless the chart is crowded)
            reach = NEAR_REACH if near is not None and not board.relaxed else math.inf
            placed = _place_anywhere(ctx, board, f, *targets[0], curved, names, reach)
        if placed is None:
            raise no_room(f, ctx.deck, "le courant", grow=False)
        f.x, f.y, shape = placed
        board.reserve_all(shape.boxes, f.key)
        for g in shape.glyphs:
            board.reserve(g.box, f.key)
            board.labels.add(g.box, f.key)
        out[f.key] = shape
    return out
