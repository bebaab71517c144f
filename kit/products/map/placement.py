"""Placing every sign with room for its name: the route's signs, the landmarks in equal shares
of the land, each beacon beside the stage that refers to it, the currents spread at sea; then
the names settled by annealing (kit.layout.labels)."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from kit.errors import Diagnostic
from kit.layout.geometry import Rect
from kit.layout.island import Island, seed_for
from kit.layout.labels import Placement, RectIndex, SegmentIndex, place_labels
from kit.products.map.board import Board, Names, SeaField
from kit.products.map.creases import SIGN_CLEAR, WORD_CLEAR, bands, cuts
from kit.products.map.features import (
    ARRIVAL_R,
    BEACON_R,
    CURRENT_R,
    EIGHT,
    HARBOUR_R,
    LABEL_MARGIN,
    LAND_GRID,
    PILLAR_SPACE,
    RING,
    SEA_GRID,
    STAGE_R,
    START_ANGLE,
    Feature,
    NoRoom,
    keep_out,
    label_request,
    no_room,
    pillar_radius,
    pinned_at,
    preferred,
)
from kit.products.map.route import bezier_points, route_points, smooth_open
from kit.products.map.sheet import MapContext, Regions


@dataclass
class Layout:
    island: Island
    features: list[Feature]
    placements: list[Placement]
    route_cmds: list[tuple]
    route_line: list[tuple[float, float]]
    obstacles: list[tuple[str, Rect]]


def lay_out(ctx: MapContext, reg: Regions, island: Island, variants: dict,
             relaxed: bool = False) -> Layout:
    """Place every feature with room for its name, then settle the names by annealing.

    Raises NoRoom naming the first element that finds no clean spot."""
    deck, t = ctx.deck, ctx.t
    chart = reg.chart
    safe = chart.inset(2.0)
    seed = seed_for(deck.id, deck.map.seed)
    def clear(x: float, y: float, r: float) -> bool:
        return not cuts(Rect(x - r, y - r, 2 * r, 2 * r), ctx.creases, SIGN_CLEAR)

    harbour_xy, stage_xy, arrival_xy, waypoints = route_points(
        island, len(deck.stages), START_ANGLE, RING, clear, (HARBOUR_R, STAGE_R, ARRIVAL_R))
    stages = []
    for i, (s, xy) in enumerate(zip(deck.stages, stage_xy, strict=True), 1):
        x, y = pinned_at(s) or xy
        stages.append(Feature(s.id, "stage", x, y, STAGE_R, s.title, s, "sea", number=i))
    harbour = Feature("_harbour", "harbour", *harbour_xy, HARBOUR_R, t("map.departure"))
    arrival = Feature("_arrival", "arrival", *arrival_xy, ARRIVAL_R, t("map.arrival"))
    if any(pinned_at(s) for s in deck.stages):  # pinned stages: go straight from one to the next
        waypoints = [harbour_xy] + [(f.x, f.y) for f in stages] + [arrival_xy]
    route_cmds = smooth_open(waypoints)
    route_line = bezier_points(route_cmds, 10)
    route_segments = [(*route_line[i], *route_line[i + 1]) for i in range(len(route_line) - 1)]

    board = Board(island, safe, chart, RectIndex(), SegmentIndex(route_segments), RectIndex(),
                   random.Random(seed), relaxed, creases=ctx.creases)
    board.reserve(reg.cartouche, "cartouche")
    board.reserve(reg.compass, "compass")
    for x, y in route_line[::2]:
        board.anchors.add(Rect(x, y, 0, 0), "_route")

    n_pillars = len(deck.pillars)
    radius = pillar_radius(n_pillars)
    pillars = [Feature(p.id, "pillar", *(pinned_at(p) or (0.0, 0.0)), radius, p.title, p, "land",
                       landmark=p.landmark) for p in deck.pillars]
    beacons = [Feature(b.id, "beacon", *(pinned_at(b) or (0.0, 0.0)), BEACON_R, b.title, b, "sea")
               for b in deck.beacons]
    currents = [Feature(c.id, "current", *(pinned_at(c) or (0.0, 0.0)), CURRENT_R, c.title, c,
                        "sea") for c in deck.currents]
    pinned = [f for f in pillars + beacons + currents if pinned_at(f.entity)]
    reserve_label = Names(board, variants)
    reserved = reserve_label.reserved

    # the route's own signs first, then whatever the deck pinned: the rest makes way for them
    for f in stages + [harbour, arrival] + pinned:
        board.reserve(keep_out(f), f.key)
    _place_pillars(ctx, board, [f for f in pillars if not pinned_at(f.entity)], variants,
                   reserve_label, [(f.x, f.y) for f in pinned if f.kind == "pillar"])
    for f in pinned:
        if f.kind == "pillar" and not reserve_label(f, "land"):
            reserve_label(f, "any", avoid_route=False)
    for f in stages + [harbour, arrival]:
        side = "sea" if f.kind == "stage" else "any"
        if not (reserve_label(f, side) or reserve_label(f, side, avoid_route=False)
                or (relaxed and reserve_label(f, "any", avoid_route=False))):
            raise no_room(f, deck, "le nom de l'étape" if f.kind == "stage" else "le nom",
                           grow=False)
    for f in pinned:
        if f.kind != "pillar" and not reserve_label(f, "sea"):
            reserve_label(f, "any", avoid_route=False)

    # farthest-point sampling at sea, up to a comfortable distance for this many signs
    n_sea = len(currents) + len(beacons) + len(stages) + 2
    sea = SeaField(board)
    sea_area = sum(1 for out in sea.out if out > RING + 9.0) * SEA_GRID ** 2
    sea.start(min(45.0, max(18.0, 0.8 * math.sqrt(sea_area / n_sea))), board.anchors)
    board.sea = sea
    owners: dict[str, Feature] = {}
    for f in stages:
        for b in f.entity.beacons:
            owners.setdefault(b, f)
    for f in pillars:
        for b in f.entity.beacons:
            owners.setdefault(b, f)
    # beacons near their stage first, then the others; then the currents, spread out
    free_beacons = [f for f in beacons if not pinned_at(f.entity)]
    free_beacons.sort(key=lambda f: f.key not in owners)
    for f in free_beacons:
        owner = owners.get(f.key)
        if not (owner and _place_near(board, f, owner, reserve_label)):
            if not _place_at_sea(board, f, board.sea, reserve_label, near=owner):
                raise no_room(f, deck, "la balise", grow=False)
    for f in currents:
        if pinned_at(f.entity):
            continue
        if not _place_at_sea(board, f, board.sea, reserve_label):
            raise no_room(f, deck, "le courant", grow=False)

    features = pillars + stages + beacons + currents + [harbour, arrival]
    obstacles = [("cartouche", reg.cartouche), ("compass", reg.compass)]
    obstacles += [(f.key, f.footprint) for f in features]
    requests = [label_request(f, variants[f.key], island) for f in features]
    placements, failed = place_labels(
        requests, safe, [(f.key, keep_out(f).outset(LABEL_MARGIN - 0.2)) for f in features]
        + [(k, r.outset(LABEL_MARGIN - 0.2)) for k, r in obstacles[:2]]
        + [("_crease", band) for band in bands(ctx.creases, chart, WORD_CLEAR)],
        is_land=lambda x, y: island.contains(x, y), lines=route_segments, seed=seed,
        initial=reserved, iterations=2500)
    if failed:
        by_key = {f.key: f for f in features}
        problems = []
        for key in failed:
            f = by_key[key]
            loc = f.entity.loc if f.entity else deck.loc
            problems.append(Diagnostic(loc, f"la carte : l'étiquette « {f.title} » ne trouve pas"
                                            " de place sans chevaucher une autre ; raccourcissez"
                                            " son titre ou épinglez l'élément avec map: {x, y}"))
        raise NoRoom(problems, grow=False)
    return Layout(island, features, placements, route_cmds, route_line, obstacles)


def _pillar_targets(island: Island, fixed: list[tuple[float, float]], n: int,
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


def _place_pillars(ctx: MapContext, board: Board, pillars: list[Feature], variants: dict,
                   reserve_label, fixed: list[tuple[float, float]]) -> None:
    """Landmarks on land, each in its own share of the island, with its name under it (or
    beside it), well apart from the other landmarks' names."""
    if not pillars:
        return
    island = board.island
    radius = pillars[0].radius
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
    targets = _pillar_targets(island, fixed, len(pillars))
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
            if not board.sign_ok(fp) or board.taken.hits(fp.outset(PILLAR_SPACE)) is not None:
                continue
            f.x, f.y = x, y
            if (reserve_label(f, "land", margin=PILLAR_SPACE)
                    or (board.relaxed and reserve_label(f, "any"))):
                board.reserve(keep_out(f), f.key)
                placed = True
                break
        if not placed:
            raise no_room(f, ctx.deck, "le pilier", grow=True)


def _place_near(board: Board, f: Feature, owner: Feature, names: Names) -> bool:
    """A beacon beside the stage (or off the coast facing the pillar) that refers to it."""
    island = board.island
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
    return _best_of(board, f, ((score, x, y) for score, _, _, x, y in spots), names,
                    weight=3.0, feasible=16)


def _best_of(board: Board, f: Feature, spots, names: Names, weight: float,
             feasible: int = 8, tries: int = 600) -> bool:
    """Put f at the best of the first few spots (score, x, y: lower is better) where it and
    its name fit, counting the name's form too (a smaller or wrapped name costs `weight` per
    point of penalty), and keep room for both."""
    found = []
    for k, (score, x, y) in enumerate(spots):
        if k >= tries or len(found) >= feasible:
            break
        if not board.sea_spot_ok(x, y, f.radius):
            continue
        f.x, f.y = x, y
        room = names.find(f, "sea")
        if room is not None:
            found.append((score + weight * room[0], k, x, y, room))
    if not found:
        return False
    _, _, f.x, f.y, room = min(found, key=lambda c: (c[0], c[1]))
    board.reserve(f.footprint, f.key)
    names.keep(f, room)
    return True



def _place_at_sea(board: Board, f: Feature, field_: SeaField, names: Names,
                  near: Feature | None = None) -> bool:
    """A spot at sea, outside the route, as far as possible from everything placed so far
    (up to a comfortable distance), with its name beside it."""
    r = f.radius
    scored = []
    cap = field_.cap if near is None else 12.0
    least = RING + r + 4.0
    for k, out in enumerate(field_.out):
        if out < least:
            continue
        x, y = field_.xy[k]
        score = min(field_.near[k], cap)
        if near is not None:
            score -= 0.5 * math.hypot(x - near.x, y - near.y)
        else:
            # rather near the island than lost in a corner
            score += field_.jitter[k] - 0.06 * (out - RING)
        scored.append((-score, k))
    scored.sort()
    return _best_of(board, f, ((score, *field_.xy[k]) for score, k in scored), names,
                    weight=1.5 if near is None else 3.0)
