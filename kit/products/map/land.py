"""Placing on land: each landmark in its own share of its island (the centres of equal shares,
Lloyd's algorithm), with its name under it or beside it, well apart from the others; then the
sites, each where the land is emptiest."""

from __future__ import annotations

import math

from kit.layout.geometry import Rect
from kit.layout.island import Island
from kit.products.map.board import Board, Names
from kit.products.map.features import (
    EIGHT,
    LAND_GRID,
    PILLAR_CLEAR,
    SITE_R,
    Feature,
    keep_out,
    no_room,
    preferred,
)
from kit.products.map.meaning import COAST, HIGH, standing
from kit.products.map.sheet import MapContext
from kit.products.map.trails import way_out


def pillar_targets(island: Island, fixed: list[tuple[float, float]], n: int,
                    ) -> list[tuple[float, float]]:
    """Where n landmarks sit best: the centres of n equal shares of the land (a centroidal
    Voronoi partition by Lloyd's algorithm), the pinned ones held in place."""
    xs = [x for x, _ in island.polygon(0, 90)]
    ys = [y for _, y in island.polygon(0, 90)]
    step = 7.0
    land = []
    y = min(ys) + step / 2
    while y < max(ys):
        x = min(xs) + step / 2
        while x < max(xs):
            inland = -island.distance_out(x, y)
            if inland > 4.0:
                land.append((x, y, inland))
            x += step
        y += step
    if not land:
        return []
    centres = list(fixed)
    # farthest-point start: the heart of the island, then the spots farthest from the others
    while len(centres) < len(fixed) + n:
        best = max(land, key=lambda p: min([1.6 * p[2]] + [math.hypot(p[0] - c[0], p[1] - c[1])
                                                           for c in centres]))
        centres.append((best[0], best[1]))
    for _ in range(12):
        sums = [[0.0, 0.0, 0] for _ in centres]
        for x, y, _ in land:
            k, nearest = 0, math.inf  # the first nearest centre
            for i, (cx, cy) in enumerate(centres):
                d = (x - cx) * (x - cx) + (y - cy) * (y - cy)
                if d < nearest:
                    k, nearest = i, d
            sums[k][0] += x
            sums[k][1] += y
            sums[k][2] += 1
        moved = list(fixed)
        for k in range(len(fixed), len(centres)):
            sx, sy, count = sums[k]
            moved.append((sx / count, sy / count) if count else centres[k])
        if all(math.dist(a, b) < 0.2 for a, b in zip(moved, centres, strict=True)):
            break
        centres = moved
    return centres[len(fixed):]


def place_pillars(ctx: MapContext, board: Board, island: Island, pillars: list[Feature],
                  variants: dict, reserve_label: Names, fixed: list[tuple[float, float]]) -> None:
    """Landmarks on land, each in its own share of the island, with its name under it (or
    beside it), well apart from the other landmarks' names."""
    if not pillars:
        return
    radius = pillars[0].radius
    space = pillars[0].space
    xs = [x for x, _ in island.polygon(0, 90)]
    ys = [y for _, y in island.polygon(0, 90)]
    points: list[tuple[float, float]] = []
    ring = [(math.cos(a) * (radius + 1.5), math.sin(a) * (radius + 1.5)) for a in EIGHT]
    y = min(ys) + LAND_GRID / 2
    while y < max(ys):
        x = min(xs) + LAND_GRID / 2
        while x < max(xs):
            inland = -island.distance_out(x, y)
            if inland >= radius + 2.5 and all(island.contains(x + dx, y + dy)
                                              for dx, dy in ring):
                points.append((x, y))
            x += LAND_GRID
        y += LAND_GRID
    targets = pillar_targets(island, fixed, len(pillars))
    # the landmarks that stand by their meaning first (on the coast, then on high ground),
    # then the widest names, each to the roomiest share left
    where = {f.key: standing(f.title, f.landmark) for f in pillars}
    rank = {COAST: 0, HIGH: 1}
    queue = sorted(pillars, key=lambda f: (rank.get(where[f.key], 2),
                                           -preferred(variants[f.key]).w))
    done: list[Feature] = []
    for f in queue:
        v = preferred(variants[f.key])
        # the landmark and its name, as a block, centred on the target
        lift = (v.h + 1.2) / 2
        if targets:
            k = max(range(len(targets)), key=lambda i: share_rank(island, targets[i],
                                                                  where[f.key]))
            tx, ty = targets.pop(k)
            if where[f.key] == COAST:
                tx, ty = towards_coast(island, tx, ty, radius + 3.0)
            elif where[f.key] == HIGH:
                tx, ty = highest_near(island, tx, ty, 22.0)
        else:
            tx, ty = island.cx, island.cy
        if where[f.key] != COAST:
            ty -= lift
        order = sorted(points, key=lambda p: (p[0] - tx) ** 2 + (p[1] - ty) ** 2)[:500]
        if where[f.key] == COAST:
            # by the sea first, wherever along it; inland only if the coast has no room
            order.sort(key=lambda p: island.distance_out(*p) < -(radius + BY_THE_SEA))
        placed = False
        for x, y in order:
            fp = Rect(x - radius, y - radius, 2 * radius, 2 * radius)
            if (not board.sign_ok(fp) or board.taken.hits(fp.outset(space)) is not None
                    or not board.names_clear(fp.outset(PILLAR_CLEAR))):
                continue
            f.x, f.y = x, y
            if (reserve_label(f, "land", margin=space)
                    or (board.relaxed and reserve_label(f, "any"))):
                if f.entity.trails and not way_out(board, island, f, done + [f]):
                    # boxed in by its name and the coast: its trails would find no way
                    reserve_label.release(f)
                    continue
                board.reserve(keep_out(f), f.key)
                done.append(f)
                placed = True
                break
        if not placed:
            raise no_room(f, ctx.deck, "le pilier", grow=True)


#: a landmark on the coast stands within this of it (beyond its own radius), mm
BY_THE_SEA = 9.0


def share_rank(island: Island, target: tuple[float, float], where: str) -> float:
    """How well a share's centre suits a landmark (higher is better): the nearest the coast
    for one on the coast, the highest for one on high ground, else the roomiest."""
    if where == COAST:
        return island.distance_out(*target)
    if where == HIGH:
        return island.height(*target)
    return -island.distance_out(*target)


def towards_coast(island: Island, x: float, y: float, inland: float) -> tuple[float, float]:
    """The point `inland` mm from the coast on the way from the island's centre out through
    (x, y)."""
    theta = math.atan2((y - island.cy) / island.ry, (x - island.cx) / island.rx)
    return island.point(theta, -inland)


def highest_near(island: Island, x: float, y: float, reach: float) -> tuple[float, float]:
    """The highest point of the land within `reach` mm of (x, y) (sampled every 3 mm)."""
    best = (island.height(x, y), x, y)
    steps = int(reach / 3.0)
    for i in range(-steps, steps + 1):
        for j in range(-steps, steps + 1):
            px, py = x + 3.0 * i, y + 3.0 * j
            if i * i + j * j <= steps * steps and island.distance_out(px, py) < -6.0:
                best = max(best, (island.height(px, py), px, py))
    return best[1], best[2]


def land_spots(board: Board, clearance: float, step: float = LAND_GRID
               ) -> list[tuple[float, float]]:
    """Points on a grid over every island, at least `clearance` mm inland."""
    out = []
    for island in board.land.islands:
        reach = island.reach
        y = island.cy - reach + step / 2
        while y < island.cy + reach:
            x = island.cx - reach + step / 2
            while x < island.cx + reach:
                if island.distance_out(x, y) <= -clearance:
                    out.append((x, y))
                x += step
            y += step
    return out


def place_sites(ctx: MapContext, board: Board, sites: list[Feature], names: Names,
                landmarks: list[Feature]) -> None:
    """Each site ashore, as far as it can be from the landmarks and the other sites, with its
    name beside it on land."""
    if not sites:
        return
    land = board.land
    # well inland: the distance is radial, and a pin's ring must be on land all round
    ring = [(math.cos(a) * (SITE_R + 1.0), math.sin(a) * (SITE_R + 1.0)) for a in EIGHT]
    spots = [(x, y) for x, y in land_spots(board, SITE_R + 3.0, 5.0)
             if all(land.contains(x + dx, y + dy) for dx, dy in ring)]
    placed = [(f.x, f.y, f.radius + PILLAR_CLEAR) for f in landmarks]
    where = {f.key: standing(f.title) for f in sites}
    inland = [-land.distance_out(x, y) for x, y in spots]
    heights = ([land.height(x, y) for x, y in spots] if HIGH in where.values()
               else [0.0] * len(spots))
    # each spot's room: how far it is from the nearest thing placed (at most 40 mm), kept up
    # to date as the sites are placed
    rooms = [40.0] * len(spots)

    def away_from(px: float, py: float, pr: float) -> None:
        hypot = math.hypot
        for k, (x, y) in enumerate(spots):
            d = hypot(x - px, y - py) - pr
            if d < rooms[k]:
                rooms[k] = d

    for px, py, pr in placed:
        away_from(px, py, pr)
    uniform = board.rng.uniform
    for f in sites:
        scored = []
        for (x, y), depth, h, room in zip(spots, inland, heights, rooms, strict=True):
            # a little seeded jitter keeps a row of equal spots from reading as a ruled line
            score = room + uniform(0.0, 1.5)
            # a port or a cape by the sea, a belvédère up high: apart from the others still
            if where[f.key] == COAST:
                score = 0.3 * score - 5.0 * max(0.0, depth - 7.5)
            elif where[f.key] == HIGH:
                score = 0.3 * score + 45.0 * h
            scored.append((-score, x, y))
        scored.sort()
        found = None
        for k, (score, x, y) in enumerate(scored[:400]):
            fp = Rect(x - f.radius, y - f.radius, 2 * f.radius, 2 * f.radius)
            if (not board.sign_ok(fp) or board.taken.hits(fp.outset(2.0)) is not None
                    or not board.names_clear(fp) or board.paths.hits(fp.outset(1.2)) is not None):
                continue
            f.x, f.y = x, y
            room = names.find(f, "land")
            if room is None and board.relaxed:
                room = names.find(f, "any")
            if room is not None:
                found = (score + 2.0 * room[0], k, x, y, room)
                break
        if found is None:
            raise no_room(f, ctx.deck, "le site", grow=True)
        _, _, f.x, f.y, room = found
        board.reserve(f.footprint, f.key)
        names.keep(f, room)
        away_from(f.x, f.y, f.radius)
