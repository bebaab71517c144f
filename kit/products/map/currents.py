"""The dangerous currents: each drawn where it threatens the route, as a bundle of two or three
curved arrows setting onto it (kit.products.map.flow), named in small italics beside them.

A current whose deck entry says `near: <id>` sets onto the route beside that stage or beacon
(or where the route passes the landmark); the others are spread along the route, between
stops. The spot is the nearest one, going along the route both ways from there, where the
arrows stay at sea, clear of every sign and name placed so far, their tips a gap short of
the route (never across its dashes), and where the name finds room beside the arrows on the
same side of the route — never on the arrows, never in the shallows.

Most spots fail for want of room for the name, and finding that out bundle by bundle is
what costs. So a spot is first asked, from two likely arrows (the current's own flow, and
one turning the other way), whether the name, in its smallest form on one, two or three
lines, has room anywhere round them (current_names.name_hope): only then are the bundles
traced there. When these quick searches find no spot, the full ones run, spot by spot,
before the current is given up.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from kit.layout.curvetext import Glyph
from kit.layout.geometry import Rect
from kit.layout.island import seed_for
from kit.layout.labels import Placement
from kit.products.map.board import Board, Names
from kit.products.map.current_names import (
    NAME_APART,
    NAME_MARGIN,
    OWN_FIRST,
    Others,
    label_near,
    name_hope,
    rect_gap,
)
from kit.products.map.features import Feature, no_room, pinned_at
from kit.products.map.flow import STEP, Flow, Track, bundle, streamline
from kit.products.map.route import Route
from kit.products.map.sheet import MapContext

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
#: bundles tried at one spot whose name finds no room, before the next spot (three times as
#: many on a crowded chart)
NAME_TRIES = 2
#: along the route from the point threatened: steps, and how far a current set near an
#: element may go, mm
ALONG_STEP = 4.0
NEAR_ALONG = 110.0
#: a current set near an element has an arrow this close to it, mm (from a landmark, which
#: stands further off the route)
NEAR_REACH = 57.0
PILLAR_REACH = 100.0
#: the flows tried at each spot: how strongly the water turns round the land, and how deep
#: beyond the route its sink lies
SWIRLS = ((0.75, 7.0), (1.3, 6.0), (0.45, 10.0))


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


def _boxes(line: list[tuple[float, float]], half: float = 0.8) -> list[Rect]:
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


def _bundle_at(board: Board, apart: Others, track: Track, s: float, side: float,
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


def _spots(track: Track, s0: float, reach: float, step: float) -> list[float]:
    """Arc lengths along the route from s0 outwards, both ways, `step` apart, within reach."""
    out = [s0]
    k = 1
    while k * step <= reach:
        for s in (s0 + k * step, s0 - k * step):
            if 6.0 <= s <= track.length - 6.0:
                out.append(s)
        k += 1
    return out


def _sides(board: Board, track: Track, s: float) -> list[float]:
    """Which sides of the route at s to try: the open sea first (further from the land)."""
    x, y, tx, ty = track.at(s)
    land = board.land
    left = land.distance_out(x - ty * 9.0, y + tx * 9.0)
    right = land.distance_out(x + ty * 9.0, y - tx * 9.0)
    return [1.0, -1.0] if left >= right else [-1.0, 1.0]


def place_one(board: Board, track: Track, apart: Others, f: Feature, variants: tuple,
              targets: list[float], reach: float, flows: list[Flow], near: Feature | None = None,
              within: float = math.inf, predict: bool = True) -> Current | None:
    """The current f setting onto the route round the first of `targets` (arc lengths) that
    has room, within `reach` along it and its arrows `within` of `near`, its name beside
    them. predict: skip the spots where two likely arrows leave no room for the name."""
    seen: set[int] = set()
    name_tries = NAME_TRIES if not board.relaxed else 3 * NAME_TRIES
    # three arrows, long or short, else two; on a crowded chart, shorter still
    tries = [(fl, 3, LENGTHS) for fl in flows] + [(fl, 2, LENGTHS) for fl in flows[:3]]
    if board.relaxed:
        tries += [(fl, 2, (10.0,)) for fl in flows[:3]]
    # the likely arrows at a spot, turning either way: a spot (but the target itself) where
    # no form of the name finds room round them is not worth the bundles' search
    probes = [flows[0]] + [fl for fl in flows if fl.turn != flows[0].turn][:1]
    hopes: dict[tuple[int, float], bool] = {}

    def hopeful(s: float, side: float) -> bool:
        key = (round(s * 4), side)
        if key not in hopes:
            x, y, tx, ty = track.at(s)
            probe = [bundle(board.land, track, s, side, flow, ARROWS, 3, only=0)[0]
                     for flow in probes]
            hopes[key] = name_hope(board, f, variants, probe, (x, y), (-ty * side, tx * side))
        return hopes[key]

    for s0 in targets:
        # round the target closely; along the whole route, in longer steps
        step = ALONG_STEP if reach < 200 else 1.5 * ALONG_STEP
        for s in _spots(track, s0, reach, step):
            key = round(s * 4)
            if key in seen:
                continue
            seen.add(key)
            for side in _sides(board, track, s):
                x, y, tx, ty = track.at(s)
                nx, ny = -ty * side, tx * side
                # the tip's neighbourhood first: it fails most often, cheaply
                qx, qy = x + nx * 5.0, y + ny * 5.0
                if (board.taken.hits_box(qx - 3.0, qy - 3.0, qx + 3.0, qy + 3.0) is not None
                        or board.land.distance_out(qx, qy) < COAST_CLEAR + 2.0):
                    continue
                if predict and s != s0:
                    # every other spot is asked only beside a hopeful one: a stretch of
                    # the route with no room is crossed in double steps
                    k = round(abs(s - s0) / step)
                    d = step if s > s0 else -step
                    if k % 2 and not ((k > 1 and hopeful(s - d, side))
                                      or (6.0 <= s + d <= track.length - 6.0
                                          and k * step + step <= reach
                                          and hopeful(s + d, side))):
                        continue
                    if not hopeful(s, side):
                        continue
                misses = 0
                blocked: set[int] = set()
                for flow, count, lengths in tries:
                    if count in blocked:
                        continue
                    lines, room = _bundle_at(board, apart, track, s, side, flow, count, near,
                                             within, lengths)
                    if room < TIP_ROOM:
                        # blocked right at the tips, where every flow's arrows are alike
                        blocked.add(count)
                    if lines is None:
                        continue
                    label = label_near(board, apart, f, variants, lines, (x, y), (nx, ny))
                    if label is None:
                        misses += 1
                        if misses == name_tries:  # no room for the name here, whatever flow
                            break
                        continue
                    boxes = [b for line in lines for b in _boxes(line)]
                    f.x, f.y = lines[0][len(lines[0]) // 2]
                    return Current(f.key, lines, boxes=boxes, label=label)
    return None


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
    return Current(f.key, lines, boxes=[b for line in lines for b in _boxes(line)])


def _flows(rng: random.Random, index: int) -> list[Flow]:
    """The flows tried for the index-th current: its own turn and strength first, then the
    others."""
    turn = 1.0 if rng.random() < 0.5 else -1.0
    first = index % len(SWIRLS)
    order = [SWIRLS[(first + k) % len(SWIRLS)] for k in range(len(SWIRLS))]
    jitter = rng.uniform(-0.1, 0.1)
    flows = [Flow(turn, swirl + jitter, depth) for swirl, depth in order]
    return flows + [Flow(-turn, swirl + jitter, depth) for swirl, depth in order[:2]]


def _target(track: Track, route: Route, near: Feature | None, board: Board,
            slot: tuple[int, int, int] | None) -> float:
    """Where on the route the current threatens (arc length): beside its near element, or
    its slot between stops (gap g, k-th of n there)."""
    if near is not None:
        if near.kind in ("pillar", "site"):
            island = board.land.island_at(near.x, near.y)
            theta = math.atan2((near.y - island.cy) / island.ry, (near.x - island.cx) / island.rx)
            x, y = island.point(theta, 15.0)
            return track.nearest(x, y)[0]
        s, _ = track.nearest(near.x, near.y)
        if near.kind == "stage":
            # beside the stage's roundel, not onto it
            return s + near.radius + 7.0
        return s
    gap, k, n = slot
    s0, s1 = route.stops[gap], route.stops[gap + 1]
    x, y = route.at(s0 + (s1 - s0) * (k + 1) / (n + 1))
    return track.nearest(x, y)[0]


def place_currents(ctx: MapContext, board: Board, currents: list[Feature],
                   features: dict[str, Feature], route: Route, names: Names,
                   route_line: list[tuple[float, float]] | None = None,
                   apart: Others | None = None) -> dict[str, Current]:
    """Every current setting onto the route beside what it threatens, its name beside its
    arrows: {key: Current}; `apart`: the currents placed before (by an earlier call), kept
    apart from. Raises NoRoom naming the first that finds no spot."""
    apart = Others() if apart is None else apart
    out: dict[str, Current] = {}
    track = Track(route_line or route.guide)
    # their own draws: the same whichever attempt, whatever was drawn before
    rng = random.Random(seed_for(ctx.deck.id, ctx.deck.map.seed) + 0xC0)
    free = [f for f in currents if not pinned_at(f.entity)
            and (not f.entity.near or f.entity.near not in features)]
    gaps = max(1, len(route.stops) - 1)
    # without `near`, round the route: one per gap between stops, then a second…
    slots: dict[str, tuple[int, int, int]] = {}
    per_gap: dict[int, list[str]] = {}
    for i, f in enumerate(free):
        per_gap.setdefault(i % gaps, []).append(f.key)
    for gap, keys in per_gap.items():
        for k, key in enumerate(keys):
            slots[key] = (gap, k, len(keys))
    # each current's flows drawn once: the same whatever order they are tried in
    flows = {f.key: _flows(rng, index) for index, f in enumerate(currents)}
    order = list(currents)
    for attempt in range(REORDERS + 1):
        failed = None
        for f in order:
            shape = _place(ctx, board, track, apart, route, f, features, slots, gaps,
                           flows[f.key], names)
            if shape is None:
                failed = f
                break
            out[f.key] = shape
        if failed is None:
            return out
        if attempt == REORDERS:
            break
        # greedy, with a repair: the current that found no room goes first next time
        pinned = {f.key for f in currents if pinned_at(f.entity)}
        for key in out:
            for index in (apart.arrows, apart.names, apart.reach):
                index.remove(key)
            board.unreserve(arrow_key(key))
            if key not in pinned:  # a pinned current's name was kept by the planner
                board.unreserve(key)
                names.reserved.pop(key, None)
        out.clear()
        order.remove(failed)
        order.insert(0, failed)
    raise no_room(failed, ctx.deck, "le courant", grow=False)


#: how many times the currents are laid again, the one that found no room first
REORDERS = 3


def _place(ctx: MapContext, board: Board, track: Track, apart: Others, route: Route,
           f: Feature,
           features: dict[str, Feature], slots: dict, gaps: int, flows: list[Flow],
           names: Names) -> Current | None:
    """One current placed and its room kept, or None."""
    if pinned_at(f.entity):
        shape = pinned_current(board, f, flows[0])
        board.reserve_all(shape.boxes, arrow_key(f.key))
        for box in shape.boxes:
            apart.arrows.add(box, f.key)
        return shape
    variants = names.variants[f.key]
    near = features.get(f.entity.near) if f.entity.near else None
    targets = [_target(track, route, near, board, slots.get(f.key))]
    if near is None:
        # its own gap between stops first, then the nearest other gaps
        gap, _, _ = slots[f.key]
        others = sorted(range(gaps), key=lambda g, gap=gap: (abs(g - gap), g))[1:]
        targets += [_target(track, route, None, board, (g, 0, 1)) for g in others]
        reach, within = (route.stops[1] - route.stops[0]) / 2 + 8, math.inf
    else:
        reach = NEAR_ALONG
        within = NEAR_REACH if near.kind in ("stage", "beacon") else PILLAR_REACH
    # round the target, then anywhere along the route, nearest the target first (a current
    # the deck set near an element stays near it, unless the chart is crowded): the quick
    # searches, then the full ones
    searches = [(targets, reach, near, within)]
    if near is None or board.relaxed:
        searches.append((targets[:1], track.length, None, math.inf))
    for where, predict in [(w, True) for w in searches] + [(w, False) for w in searches]:
        shape = place_one(board, track, apart, f, variants, *where[:2], flows, *where[2:],
                          predict=predict)
        if shape is not None:
            break
    else:
        return None
    board.reserve_all(shape.boxes, arrow_key(f.key))
    for box in shape.boxes:
        apart.arrows.add(box, f.key)
    name = shape.label.rect
    apart.names.add(name, f.key)
    mine = min(rect_gap(name, x, y) for line in shape.lines for x, y in line)
    apart.reach.add(name.outset(mine + OWN_FIRST), f.key)
    names.keep(f, (0.0, variants.index(shape.label.variant), shape.label.position,
                   shape.label.rect))
    return shape
