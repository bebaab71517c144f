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

from kit.layout.island import seed_for
from kit.products.map.board import Board, Names
from kit.products.map.current_arrows import (
    ARROWS,
    COAST_CLEAR,
    LENGTHS,
    TIP_ROOM,
    Current,
    arrow_boxes,
    arrow_key,
    bundle_at,
    pinned_current,
)
from kit.products.map.current_names import OWN_FIRST, Others, label_near, name_hope, rect_gap
from kit.products.map.features import Feature, no_room, pinned_at
from kit.products.map.flow import TIP_GAP, TIP_SPREAD, Flow, Track, bundle
from kit.products.map.route import Route
from kit.products.map.sheet import MapContext

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
#: no point of a bundle's arrows is further than this from the route's point they set onto,
#: mm: the longest arrow, its tip's gap from the route and the tips' spread along it (and a
#: millimetre more)
ARROW_REACH = ARROWS + TIP_GAP + TIP_SPREAD + 1.0
#: the flows tried at each spot: how strongly the water turns round the land, and how deep
#: beyond the route its sink lies
SWIRLS = ((0.75, 7.0), (1.3, 6.0), (0.45, 10.0))


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


def _sides(board: Board, x: float, y: float, tx: float, ty: float) -> list[float]:
    """Which sides of the route at (x, y), running along (tx, ty), to try: the open sea
    first (further from the land)."""
    land = board.land
    left = land.distance_out(x - ty * 9.0, y + tx * 9.0)
    right = land.distance_out(x + ty * 9.0, y - tx * 9.0)
    return [1.0, -1.0] if left >= right else [-1.0, 1.0]


def place_one(board: Board, track: Track, apart: Others, f: Feature, variants: tuple,
              targets: list[float], reach: float, flows: list[Flow], near: Feature | None = None,
              within: float = math.inf, predict: bool = True,
              hopes: dict | None = None) -> Current | None:
    """The current f setting onto the route round the first of `targets` (arc lengths) that
    has room, within `reach` along it and its arrows `within` of `near`, its name beside
    them. predict: skip the spots where two likely arrows leave no room for the name;
    hopes: those guesses already made for f on this board, (spot, side) → bool."""
    seen: set[int] = set()
    name_tries = NAME_TRIES if not board.relaxed else 3 * NAME_TRIES
    # three arrows, long or short, else two; on a crowded chart, shorter still
    tries = [(fl, 3, LENGTHS) for fl in flows] + [(fl, 2, LENGTHS) for fl in flows[:3]]
    if board.relaxed:
        tries += [(fl, 2, (10.0,)) for fl in flows[:3]]
    # the likely arrows at a spot, turning either way: a spot (but the target itself) where
    # no form of the name finds room round them is not worth the bundles' search
    probes = [flows[0]] + [fl for fl in flows if fl.turn != flows[0].turn][:1]
    hopes = {} if hopes is None else hopes

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
            x, y, tx, ty = track.at(s)
            # no arrow set onto the route here comes `within` of the element
            if near is not None and math.hypot(x - near.x, y - near.y) - ARROW_REACH > within:
                continue
            for side in _sides(board, x, y, tx, ty):
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
                    lines, room = bundle_at(board, apart, track, s, side, flow, count, near,
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
                    boxes = [b for line in lines for b in arrow_boxes(line)]
                    f.x, f.y = lines[0][len(lines[0]) // 2]
                    return Current(f.key, lines, boxes=boxes, label=label)
    return None


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
    # the guesses hold for every search of f: nothing is placed between them
    hopes: dict[tuple[int, float], bool] = {}
    for where, predict in [(w, True) for w in searches] + [(w, False) for w in searches]:
        shape = place_one(board, track, apart, f, variants, *where[:2], flows, *where[2:],
                          predict=predict, hopes=hopes)
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
