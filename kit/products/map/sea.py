"""Placing at sea: each beacon beside the stage (or off the coast facing the pillar) that
refers to it, or beside the route."""

from __future__ import annotations

import math

from kit.products.map.board import Board, Names
from kit.products.map.features import RING, Feature


def place_near(board: Board, f: Feature, owner: Feature, names: Names) -> bool:
    """A beacon beside the stage (or off the coast facing the pillar) that refers to it."""
    island = board.land.island_at(owner.x, owner.y)
    if owner.kind == "stage":
        ax, ay = owner.x, owner.y
        start = owner.radius + f.radius + 3.0
    else:
        theta = math.atan2((owner.y - island.cy) / island.ry, (owner.x - island.cx) / island.rx)
        ax, ay = island.point(theta, RING)
        start = f.radius + 2.0
    ox, oy = (ax - island.cx) / island.rx, (ay - island.cy) / island.ry
    norm = math.hypot(ox, oy) or 1.0
    ox, oy = ox / norm, oy / norm
    spots = []
    for ring_k in range(10):
        d = start + 3.0 * ring_k
        for k in range(24):
            a = 2 * math.pi * k / 24
            ux, uy = math.cos(a), math.sin(a)
            # close to its stage, and rather outwards than between the route and the coast
            score = d + 6.0 * (1 - (ux * ox + uy * oy))
            spots.append((score, k, ring_k, ax + ux * d, ay + uy * d))
    spots.sort()
    return best_of(board, f, ((score, x, y) for score, _, _, x, y in spots), names,
                    weight=3.0, feasible=16)


def best_of(board: Board, f: Feature, spots, names: Names, weight: float,
             feasible: int = 8, tries: int = 600) -> bool:
    """Put f at the best of the first few spots (score, x, y: lower is better) where it and
    its name fit, counting the name's form too (a smaller or wrapped name costs `weight` per
    point of penalty), and keep room for both."""
    found = []
    best = math.inf
    for k, (score, x, y) in enumerate(spots):
        # a name's form never costs less than nothing: a spot scored no better than the
        # best found cannot beat it
        if k >= tries or len(found) >= feasible or score >= best:
            break
        if not board.sea_spot_ok(x, y, f.radius):
            continue
        f.x, f.y = x, y
        room = names.find(f, "sea")
        if room is not None:
            found.append((score + weight * room[0], k, x, y, room))
            best = min(best, found[-1][0])
    if not found:
        return False
    _, _, f.x, f.y, room = min(found, key=lambda c: (c[0], c[1]))
    board.reserve(f.footprint, f.key)
    names.keep(f, room)
    return True
