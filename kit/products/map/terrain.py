"""The land for a deck: one island or an archipelago of two to four, their shapes from the seed,
and the scale at which they balance the land (landmarks, sites, trails and their names) and the
sea (the other signs and theirs).

One island per sheet reads best up to three pillars; more are shared over islands in deck
order (`map.islands` chooses). The islands' centres sit along a zigzag from lower left to upper
right, away from the cartouche and the compass rose, so the route can thread between them;
their sizes follow how many landmarks each holds; the scale grows them all together, about
their own centres, until the channels between them get too narrow for the route.
"""

from __future__ import annotations

import math

from kit.layout.geometry import Rect
from kit.layout.island import Archipelago, Island, make_island, seed_for
from kit.model.deck import Deck
from kit.products.map.features import (
    LAND_FULL,
    RING,
    SEA_FULL,
    feature_radius,
    preferred,
)
from kit.products.map.route import legs

#: the islands' centres, fractions of the chart, in the order the route visits them: found by
#: a search that made the land as large as the chart lets it be, over many seeds' coasts
TEMPLATES = {
    1: ((0.52, 0.53),),
    2: ((0.271, 0.661), (0.729, 0.358)),
    3: ((0.292, 0.721), (0.536, 0.259), (0.698, 0.71)),
    4: ((0.21, 0.703), (0.48, 0.32), (0.707, 0.70), (0.80, 0.22)),
}
#: the route keeps this far from both coasts of a channel, mm
CHANNEL = RING + 3.0
#: and any coast this far from the chart's edge, the cartouche, the compass and other coasts
COAST_ROOM = 8.0


def island_count(deck: Deck) -> int:
    """map.islands, or one island up to three pillars, two up to six, then three: an
    archipelago holds less land than one island (the route needs its channels), so four
    islands are for decks that ask for them."""
    if deck.map.islands:
        return deck.map.islands
    n = len(deck.pillars)
    return 1 if n <= 3 else (2 if n <= 6 else 3)


def pillar_islands(deck: Deck, n_islands: int) -> list[int]:
    """Which island each pillar stands on: the deck's order, in equal shares."""
    n = len(deck.pillars)
    return [min(n_islands - 1, k * n_islands // max(n, 1)) for k in range(n)]


def unit_land(deck: Deck, chart: Rect, dx: float = 0.0, dy: float = 0.0,
              n: int | None = None) -> Archipelago:
    """The deck's land of n islands (by default island_count) at scale 1 (an island alone is
    as large as the chart), moved by (dx, dy) × chart."""
    seed = seed_for(deck.id, deck.map.seed)
    n = n or island_count(deck)
    centres = TEMPLATES[n]
    on = pillar_islands(deck, n)
    share = [on.count(k) + 0.6 for k in range(n)]
    islands: list[Island] = []
    for k, (fx, fy) in enumerate(centres):
        w = math.sqrt(share[k] / sum(share))  # the areas add up to one island's
        cx = chart.x + chart.w * (fx + dx)
        cy = chart.y + chart.h * (fy + dy)
        islands.append(make_island(seed if k == 0 else seed * 31 + 7919 * k, cx, cy,
                                   chart.w * w, chart.h * 0.98 * w))
    return Archipelago(islands)


def _fits(land: Archipelago, chart: Rect, keep_clear: list[Rect]) -> bool:
    """The coasts inside the chart and clear of the cartouche and the compass rose; the route
    (with room for its stages) too; between two islands the route threads through, a channel
    wide enough for it, and some sea between any two."""
    room = chart.inset(6)
    for x, y in land.polygon(COAST_ROOM, samples=90):
        if not room.contains_point(x, y) or any(r.contains_point(x, y) for r in keep_clear):
            return False
    for island, a0, a1 in legs(land):
        n = max(2, int(abs(a1 - a0) / 0.15))
        for i in range(n + 1):
            x, y = island.point(a0 + (a1 - a0) * i / n, RING + 8)
            if not room.contains_point(x, y) or any(r.contains_point(x, y) for r in keep_clear):
                return False
    islands = land.islands
    for i, a in enumerate(islands):
        for j in range(i + 1, len(islands)):
            b = islands[j]
            gap = CHANNEL if j == i + 1 else COAST_ROOM
            if math.hypot(a.cx - b.cx, a.cy - b.cy) - a.reach - b.reach > 2 * gap:
                continue
            if any(b.distance_out(x, y) < gap for x, y in a.polygon(gap, samples=90)):
                return False
    return True


def _max_scale(unit: Archipelago, chart: Rect, keep_clear: list[Rect]) -> float:
    """The largest scale at which the land fits (bisection, to 0.1 %)."""
    lo, hi = 0.08, 0.36
    if _fits(unit.scaled(hi), chart, keep_clear):
        return hi
    while hi - lo > 0.0005:
        mid = (lo + hi) / 2
        if _fits(unit.scaled(mid), chart, keep_clear):
            lo = mid
        else:
            hi = mid
    return lo


#: where the land's centre may move, per cent of the chart, nearest first: away from the
#: cartouche, so a crowded island can grow
CENTRE_SHIFTS = ((0.0, 0.0), (0.03, 0.0), (0.0, 0.03), (0.03, 0.03), (0.06, 0.03),
                 (0.03, 0.06), (0.06, 0.0), (0.06, 0.06))
LAND_KINDS = ("pillar", "site", "trail")
#: an automatic archipelago this full (against the comfortable share) gives way to fewer
#: islands
CROWDED = 2.7
#: the comfortable share of the route's length taken by the stages' names
ROUTE_FULL = 0.85
SEA_KINDS = ("stage", "beacon", "current")


def choose_land(deck: Deck, chart: Rect, keep_clear: list[Rect], kinds: dict[str, str],
                variants: dict, most: int | None = None
                ) -> tuple[Archipelago, float, float, float]:
    """(land at scale 1, first scale to try, smallest, largest).

    The land must hold the landmarks, sites and trails and their names, the sea the stages,
    beacons and currents with theirs: the scale balances how full each would be (by area,
    against a comfortable share), leaning towards a quarter of the chart when both are roomy.
    Without `map.islands`, an archipelago far too crowded for its land gives way to fewer,
    larger islands (and `most` caps how many)."""
    land = sea = along = optional = 0.0
    for key, kind in kinds.items():
        v = preferred(variants[key])
        r = feature_radius(kind, len(deck.pillars))
        if kind == "pillar":
            land += (max(2 * r, v.w) + 4) * (2 * r + v.h + 4)
        elif kind == "trail":
            # a path about as long as its name, and the name beside it; a trail without room
            # is left out: it weighs less when the islands are counted
            land += (v.w + 16.0) * 12.0
            optional += (v.w + 16.0) * 12.0 - (v.w + 10.0) * 7.0
        elif kind in LAND_KINDS:
            land += (v.w + 2 * r + 3) * (max(v.h, 2 * r) + 3)
        elif kind == "current":
            # three arrows, with the name along or beside them
            sea += (v.w + 14.0) * 16.0
        elif kind in SEA_KINDS:
            sea += (v.w + 2 * r + 4) * (max(v.h, 2 * r) + 4)
        if kind == "stage":
            # the stages' names stand side by side along the route
            along += v.w + 2 * r + 10
    free = chart.w * chart.h - sum(r.w * r.h for r in keep_clear)
    # an archipelago holds one to three landmarks an island: the kit's count, else one
    # island (two islands of four landmarks would be crowded too)
    first = island_count(deck) if most is None else 1
    counts = [first] if deck.map.islands else sorted({first, 1}, reverse=True)
    fallback = None
    for n in counts:
        unit = unit_land(deck, chart, n=n)
        unit_area = unit.area()
        perimeters = []
        for ring in unit.polygons(0, 90):
            perimeters.append(sum(math.dist(a, b)
                                  for a, b in zip(ring, ring[1:] + ring[:1], strict=True)))
        perimeter = sum(perimeters)
        # the share of each island's ring the route follows
        shares = [abs(a1 - a0) / (2 * math.pi) for _, a0, a1 in legs(unit)]

        def land_fullness(s: float, unit_area=unit_area, perimeter=perimeter) -> float:
            # the coastal rim holds no landmark
            return land / max(1.0, unit_area * s * s - perimeter * s * 6.0) / LAND_FULL

        def fullness(s: float, unit_area=unit_area, perimeter=perimeter, shares=shares,
                     perimeters=perimeters, land_fullness=land_fullness) -> float:
            # the route's ring holds no current
            sea_area = max(1.0, free - unit_area * s * s - perimeter * s * (RING + 4.0))
            route = sum(share * (p * s + 2 * math.pi * RING)
                        for share, p in zip(shares, perimeters, strict=True))
            return max(land_fullness(s), sea / sea_area / SEA_FULL,
                       along / max(route, 1.0) / ROUTE_FULL)

        def wanted(s_max: float, fullness=fullness) -> float:
            grid = [0.15 + 0.005 * k for k in range(int((s_max - 0.15) / 0.005) + 1)]
            return min(grid or [s_max],
                       key=lambda x: (max(fullness(x), 1.0) + 0.3 * abs(x - 0.25), x))

        best = None
        # one island may move away from the cartouche; an archipelago may start its route
        # either way round its first island
        if len(unit) == 1:
            tries = [unit if (dx, dy) == (0.0, 0.0) else unit.moved(chart.w * dx, chart.h * dy)
                     for dx, dy in CENTRE_SHIFTS]
        else:
            tries = [unit, unit.turned(-1.0)]
        for moved in tries:
            s_max = _max_scale(moved, chart, keep_clear)
            want = wanted(max(0.36, s_max))
            if best is None or s_max > best[1] + 1e-9:
                best = (moved, s_max, want)
            if s_max >= want:
                break
        moved, s_max, want = best
        scale = min(want, s_max)
        choice = (moved, scale, min(scale, max(0.12, scale * 0.85)), s_max)
        crowded = land_fullness(s_max) * (land - optional) / max(land, 1.0)
        if crowded <= CROWDED or n == counts[-1]:
            if fallback is not None and crowded > fallback[0]:
                return fallback[1]
            return choice
        if fallback is None or crowded < fallback[0]:
            fallback = (crowded, choice)
    raise AssertionError("unreachable")
