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
from kit.products.map.sheet import MapContext


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
            k = min(range(len(centres)), key=lambda i: (x - centres[i][0]) ** 2
                    + (y - centres[i][1]) ** 2)
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
    y = min(ys) + LAND_GRID / 2
    while y < max(ys):
        x = min(xs) + LAND_GRID / 2
        while x < max(xs):
            inland = -island.distance_out(x, y)
            if inland >= radius + 2.5 and all(
                    island.contains(x + math.cos(a) * (radius + 1.5),
                                    y + math.sin(a) * (radius + 1.5)) for a in EIGHT):
                points.append((x, y))
            x += LAND_GRID
        y += LAND_GRID
    targets = pillar_targets(island, fixed, len(pillars))
    # the widest names first, each to the roomiest share left
    queue = sorted(pillars, key=lambda f: -preferred(variants[f.key]).w)
    for f in queue:
        v = preferred(variants[f.key])
        # the landmark and its name, as a block, centred on the target
        lift = (v.h + 1.2) / 2
        if targets:
            k = max(range(len(targets)), key=lambda i: -island.distance_out(*targets[i]))
            tx, ty = targets.pop(k)
        else:
            tx, ty = island.cx, island.cy
        ty -= lift
        order = sorted(points, key=lambda p: (p[0] - tx) ** 2 + (p[1] - ty) ** 2)
        placed = False
        for x, y in order[:500]:
            fp = Rect(x - radius, y - radius, 2 * radius, 2 * radius)
            if (not board.sign_ok(fp) or board.taken.hits(fp.outset(space)) is not None
                    or not board.names_clear(fp.outset(PILLAR_CLEAR))):
                continue
            f.x, f.y = x, y
            if (reserve_label(f, "land", margin=space)
                    or (board.relaxed and reserve_label(f, "any"))):
                board.reserve(keep_out(f), f.key)
                placed = True
                break
        if not placed:
            raise no_room(f, ctx.deck, "le pilier", grow=True)


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
    spots = [(x, y) for x, y in land_spots(board, SITE_R + 3.0, 5.0)
             if all(land.contains(x + math.cos(a) * (SITE_R + 1.0),
                                  y + math.sin(a) * (SITE_R + 1.0)) for a in EIGHT)]
    placed = [(f.x, f.y, f.radius + PILLAR_CLEAR) for f in landmarks]
    for f in sites:
        scored = []
        for x, y in spots:
            room = min([40.0] + [math.hypot(x - px, y - py) - pr for px, py, pr in placed])
            # a little seeded jitter keeps a row of equal spots from reading as a ruled line
            scored.append((-(room + board.rng.uniform(0.0, 1.5)), x, y))
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
        placed.append((f.x, f.y, f.radius))
