"""The real places a trail may lead to, island by island: the landmarks, the sites, the harbour
and the arrival where they touch the coast, and the coves — the coast's deepest bays, where a
path comes down to a beach. Never a bare point in empty land."""

from __future__ import annotations

import math
from dataclasses import dataclass

from kit.layout.island import Archipelago, Island
from kit.products.map.features import Feature

#: where a path ends short of a place's sign (its disc, its pin), mm from its centre
SITE_END = 2.3
#: a cove is this far inland of the coast (the beach line), mm
BEACH = 1.3
#: coves kept per island, and the least angle between two, radians
COVES = 3
COVE_APART = 0.7


@dataclass(frozen=True)
class Place:
    key: str
    kind: str  # pillar | site | harbour | arrival | cove
    x: float  # the place itself (a sign's centre, a cove's beach)
    y: float
    radius: float  # a path stops this far from (x, y)
    gx: float  # the walker's goal: cells within `reach` of (gx, gy)
    gy: float
    reach: float


def _sign(f: Feature, cell: float = 2.8) -> Place:
    end = f.radius if f.kind in ("pillar", "harbour", "arrival") else SITE_END
    return Place(f.key, f.kind, f.x, f.y, end, f.x, f.y, f.radius + 0.8 + cell * 1.1)


def coves(island: Island, avoid: list[tuple[float, float, float]]) -> list[tuple[float, float]]:
    """The beach points of the island's deepest bays (local minima of its coast's radius,
    deepest first), away from the signs in `avoid` (x, y, room)."""
    n = 120
    radii = [island.unit_radius(2 * math.pi * i / n) for i in range(n)]
    found = []
    for i in range(n):
        r = radii[i]
        around = [radii[(i + d) % n] for d in range(-6, 7) if d]
        if r < min(around):
            depth = sum(around) / len(around) - r
            found.append((depth, 2 * math.pi * i / n))
    out: list[tuple[float, float]] = []
    taken: list[float] = []
    for depth, a in sorted(found, reverse=True):
        if depth < 0.01 or any(abs(math.remainder(a - b, 2 * math.pi)) < COVE_APART
                               for b in taken):
            continue
        x, y = island.point(a, -BEACH)
        if any(math.hypot(x - ax, y - ay) < room for ax, ay, room in avoid):
            continue
        taken.append(a)
        out.append((x, y))
        if len(out) == COVES:
            break
    return out


def island_places(land: Archipelago, pillars: list[Feature], sites: list[Feature],
                  stops: list[Feature]) -> dict[int, list[Place]]:
    """{island index: the places on it}, landmarks, sites, harbour and arrival and coves."""
    out: dict[int, list[Place]] = {k: [] for k in range(len(land))}
    for f in pillars + sites + stops:
        out[land.nearest(f.x, f.y)].append(_sign(f))
    avoid = [(f.x, f.y, f.radius + 9.0) for f in pillars + sites + stops]
    for k, island in enumerate(land.islands):
        for i, (x, y) in enumerate(coves(island, avoid)):
            out[k].append(Place(f"_cove{k}.{i}", "cove", x, y, 0.0, x, y, 4.2))
    return out
