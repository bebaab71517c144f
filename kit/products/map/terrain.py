"""The island for a deck: its shape from the seed, and the scale and position at which it
balances the land (landmarks and their names) and the sea (the other signs and theirs)."""

from __future__ import annotations

import math

from kit.layout.geometry import Rect
from kit.layout.island import Island, make_island, seed_for
from kit.model.deck import Deck
from kit.products.map.features import (
    LAND_FULL,
    RING,
    SEA_FULL,
    feature_radius,
    preferred,
)


def unit_island(deck: Deck, chart: Rect, dx: float = 0.0, dy: float = 0.0) -> Island:
    """The deck's island at scale 1 (its ellipse as large as the chart), its centre a little
    right of and below the chart's (the cartouche is top left), moved by (dx, dy) × chart."""
    cx = chart.x + chart.w * (0.52 + dx)
    cy = chart.y + chart.h * (0.53 + dy)
    return make_island(seed_for(deck.id, deck.map.seed), cx, cy, chart.w, chart.h * 0.98)


def _fits(island: Island, chart: Rect, keep_clear: list[Rect]) -> bool:
    """The route's ring, with room for the stages, inside the chart and clear of the
    cartouche and compass rose."""
    room = chart.inset(6)
    for x, y in island.polygon(RING + 8, samples=120):
        if not room.contains_point(x, y) or any(r.contains_point(x, y) for r in keep_clear):
            return False
    return True


def _max_scale(unit: Island, chart: Rect, keep_clear: list[Rect]) -> float:
    """The largest scale at which the island fits (bisection, to 0.1 %)."""
    lo, hi = 0.12, 0.36
    if _fits(unit.scaled(hi), chart, keep_clear):
        return hi
    while hi - lo > 0.0005:
        mid = (lo + hi) / 2
        if _fits(unit.scaled(mid), chart, keep_clear):
            lo = mid
        else:
            hi = mid
    return lo



#: where the island's centre may move, per cent of the chart, nearest first: away from the
#: cartouche, so a crowded island can grow
CENTRE_SHIFTS = ((0.0, 0.0), (0.03, 0.0), (0.0, 0.03), (0.03, 0.03), (0.06, 0.03),
                 (0.03, 0.06), (0.06, 0.0), (0.06, 0.06))


def choose_island(deck: Deck, chart: Rect, keep_clear: list[Rect], kinds: dict[str, str],
                   variants: dict) -> tuple[Island, float, float, float]:
    """(island at scale 1, first scale to try, smallest, largest).

    The land must hold the landmarks and their names, the sea the stages, beacons and
    currents with theirs: the scale balances how full each would be (by area, against a
    comfortable share), leaning towards a quarter of the chart when both are roomy."""
    unit = unit_island(deck, chart)
    unit_area = unit.area()
    land = sea = 0.0
    for key, kind in kinds.items():
        v = preferred(variants[key])
        r = feature_radius(kind, len(deck.pillars))
        if kind == "pillar":
            land += (max(2 * r, v.w) + 4) * (2 * r + v.h + 4)
        elif kind in ("stage", "beacon", "current"):
            sea += (v.w + 2 * r + 4) * (max(v.h, 2 * r) + 4)
    ring = unit.polygon(0, 90)
    perimeter = sum(math.dist(a, b) for a, b in zip(ring, ring[1:] + ring[:1], strict=True))
    free = chart.w * chart.h - sum(r.w * r.h for r in keep_clear)

    def fullness(s: float) -> float:
        # the coastal rim holds no landmark; the route's ring holds no current
        land_area = max(1.0, unit_area * s * s - perimeter * s * 6.0)
        sea_area = max(1.0, free - unit_area * s * s - perimeter * s * (RING + 4.0))
        return max(land / land_area / LAND_FULL, sea / sea_area / SEA_FULL)

    def wanted(s_max: float) -> float:
        grid = [0.15 + 0.005 * k for k in range(int((s_max - 0.15) / 0.005) + 1)] or [s_max]
        return min(grid, key=lambda s: (max(fullness(s), 1.0) + 0.8 * abs(s - 0.25), s))

    best = None
    for dx, dy in CENTRE_SHIFTS:
        moved = unit if (dx, dy) == (0.0, 0.0) else unit_island(deck, chart, dx, dy)
        s_max = _max_scale(moved, chart, keep_clear)
        want = wanted(max(0.36, s_max))
        if best is None or s_max > best[1] + 1e-9:
            best = (moved, s_max, want)
        if s_max >= want:
            break
    moved, s_max, want = best
    s = min(want, s_max)
    return moved, s, min(s, max(0.15, s * 0.85)), s_max
