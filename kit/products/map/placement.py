"""Placing every sign with room for its name: the route's signs, the landmarks in equal shares
of their island, each beacon beside the stage that refers to it, the currents at sea; then the
names settled by annealing (kit.layout.labels)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from kit.errors import Diagnostic
from kit.layout.geometry import Rect
from kit.layout.island import Archipelago, seed_for
from kit.layout.labels import (
    LABEL_GAP,
    Placement,
    RectIndex,
    SegmentIndex,
    on_its_side,
    place_labels,
    rect_at,
)
from kit.products.map.board import Board, Names
from kit.products.map.creases import SIGN_CLEAR, WORD_CLEAR, bands, cuts
from kit.products.map.current_names import Others
from kit.products.map.currents import place_currents
from kit.products.map.features import (
    ARRIVAL_R,
    BEACON_R,
    CURRENT_R,
    HARBOUR_R,
    LABEL_MARGIN,
    RING,
    SHALLOWS,
    SITE_R,
    SITE_SPACE,
    STAGE_R,
    Feature,
    NoRoom,
    chart_landmark,
    keep_out,
    label_request,
    no_room,
    pillar_radius,
    pillar_space,
    pinned_at,
    sea_positions,
)
from kit.products.map.land import place_pillars, place_sites
from kit.products.map.route import Route, bezier_points, plan_route, smooth_open
from kit.products.map.sea import place_near
from kit.products.map.sheet import MapContext, Regions
from kit.products.map.terrain import pillar_islands
from kit.products.map.trails import place_trails

#: the white round names on a crowded chart, when nothing else fits (LABEL_MARGIN otherwise)
RELAXED_MARGIN = 1.4


@dataclass
class Layout:
    land: Archipelago
    features: list[Feature]
    placements: list[Placement]
    route: Route
    route_cmds: list[tuple]
    route_line: list[tuple[float, float]]
    #: (owner, rectangle) of every sign and fixed block no name may cover
    obstacles: list[tuple[str, Rect]]
    board: Board | None = field(default=None, repr=False)
    currents: dict = field(default_factory=dict)  # key → current_arrows.Current
    trails: list = field(default_factory=list)  # trails.Trail


def lay_out(ctx: MapContext, reg: Regions, land: Archipelago, variants: dict,
            relaxed: bool = False) -> Layout:
    """Place every feature with room for its name, then settle the names by annealing.

    Raises NoRoom naming the first element that finds no clean spot."""
    deck, t = ctx.deck, ctx.t
    chart = reg.chart
    safe = chart.inset(2.0)
    seed = seed_for(deck.id, deck.map.seed)

    keep_clear = [reg.cartouche.outset(LABEL_MARGIN), reg.compass.outset(LABEL_MARGIN)]

    def clear(x: float, y: float, r: float) -> bool:
        """May a sign of radius r stand at (x, y): off the folds, the cartouche and the
        compass rose?"""
        sign = Rect(x - r, y - r, 2 * r, 2 * r)
        return not cuts(sign, ctx.creases, SIGN_CLEAR) and not any(
            sign.intersects(k) for k in keep_clear)

    def name_room(i: int, x: float, y: float, route: Route) -> bool:
        """Could stage i's name stand somewhere round (x, y), at sea beyond the shallows,
        off the folds and off the route?"""
        # the first five of label_options' for the name's first form, made one at a time
        form = variants[deck.stages[i].id][0]
        for position in sea_positions("stage", x, y, land, not relaxed)[:5]:
            rect = rect_at(x, y, STAGE_R, form, position)
            if (safe.contains(rect) and not cuts(rect, ctx.creases, WORD_CLEAR)
                    and not any(rect.intersects(k) for k in keep_clear)
                    and (relaxed or not route.guide_index().crosses(rect.outset(1.0)))
                    and on_its_side(rect, False, land.distance_out,
                                    SHALLOWS if not relaxed else 2.5)):
                return True
        return False

    # a stage's number is a word: it keeps 3 mm from a fold, its disc a little more than 1
    route = plan_route(land, len(deck.stages), RING, clear,
                       (HARBOUR_R, STAGE_R + 0.8, ARRIVAL_R), name_room)
    stages = []
    for i, (s, xy) in enumerate(zip(deck.stages, route.stages, strict=True), 1):
        x, y = pinned_at(s) or xy
        stages.append(Feature(s.id, "stage", x, y, STAGE_R, s.title, s, "sea", number=i))
    harbour = Feature("_harbour", "harbour", *route.harbour, HARBOUR_R, t("map.departure"))
    arrival = Feature("_arrival", "arrival", *route.arrival, ARRIVAL_R, t("map.arrival"))
    waypoints = route.waypoints
    if any(pinned_at(s) for s in deck.stages):  # pinned stages: go straight from one to the next
        waypoints = [route.harbour] + [(f.x, f.y) for f in stages] + [route.arrival]
    route_cmds = smooth_open(waypoints)
    route_line = bezier_points(route_cmds, 10)
    route_segments = [(*route_line[i], *route_line[i + 1]) for i in range(len(route_line) - 1)]

    board = Board(land, safe, chart, RectIndex(), SegmentIndex(route_segments),
                  random.Random(seed), relaxed, creases=ctx.creases,
                  margin=RELAXED_MARGIN if relaxed else LABEL_MARGIN)
    board.reserve(reg.cartouche, "cartouche")
    board.reserve(reg.compass, "compass")

    radius = pillar_radius(len(deck.pillars))
    space = pillar_space(len(deck.pillars))
    pillars = [Feature(p.id, "pillar", *(pinned_at(p) or (0.0, 0.0)), radius, p.title, p, "land",
                       landmark=chart_landmark(p.landmark), space=space) for p in deck.pillars]
    beacons = [Feature(b.id, "beacon", *(pinned_at(b) or (0.0, 0.0)), BEACON_R, b.title, b, "sea")
               for b in deck.beacons]
    currents = [Feature(c.id, "current", *(pinned_at(c) or (0.0, 0.0)), CURRENT_R, c.title, c,
                        "sea") for c in deck.currents]
    sites = [Feature(e.id, "site", *(pinned_at(e) or (0.0, 0.0)), SITE_R, e.title, e, "land",
                     space=SITE_SPACE) for e in deck.sites]
    pinned = [f for f in pillars + sites + beacons + currents if pinned_at(f.entity)]
    reserve_label = Names(board, variants)
    reserved = reserve_label.reserved

    # the route's own signs first, then whatever the deck pinned: the rest makes way for them
    for f in stages + [harbour, arrival] + pinned:
        board.reserve(keep_out(f), f.key)
    # the route's names before the land's: they have nowhere else to go
    for f in stages + [harbour, arrival]:
        # a stage's name at sea; the harbour's and the arrival's at sea or ashore, never
        # across the coast
        sides = ("sea",) if f.kind == "stage" else ("sea", "land")
        found = next((side for side in sides if reserve_label(f, side)), None)
        found = found or next((side for side in sides
                               if reserve_label(f, side, avoid_route=False)), None)
        if found is None and relaxed and reserve_label(f, "any", avoid_route=False):
            found = "any"
        f.side = found or f.side
        if found is None:
            # a larger island lays a longer route: more room for the stages' names
            raise no_room(f, deck, "le nom de l'étape" if f.kind == "stage" else "le nom",
                          grow=True)
    on_island = pillar_islands(deck, len(land))
    for k, island in enumerate(land.islands):
        mine = [f for f, at in zip(pillars, on_island, strict=True) if at == k]
        fixed = [(f.x, f.y) for f in mine if pinned_at(f.entity)]
        place_pillars(ctx, board, island, [f for f in mine if not pinned_at(f.entity)],
                      variants, reserve_label, fixed)
    for f in pinned:
        if f.kind in ("pillar", "site") and not reserve_label(f, "land"):
            reserve_label(f, "any", avoid_route=False)
    # the sites, then the trails between the places now on the land
    fixed_sites = [f for f in sites if pinned_at(f.entity)]
    place_sites(ctx, board, [f for f in sites if not pinned_at(f.entity)], reserve_label,
                pillars + fixed_sites)
    trails = place_trails(ctx, board, pillars, sites, [harbour, arrival], reserve_label, seed)
    for f in pinned:
        if f.kind not in ("pillar", "site") and not reserve_label(f, "sea"):
            reserve_label(f, "any", avoid_route=False)

    # the currents that threaten a stage or the route itself first: they need the route's
    # edge, where the beacons (placed next) have room to spare further out; those near a
    # beacon or a landmark (which reach further) after them
    by_key = {f.key: f for f in stages}
    later = {f.key for f in beacons + pillars}
    early = [f for f in currents if f.entity.near not in later]
    apart = Others()
    drawn = place_currents(ctx, board, early, by_key, route, reserve_label, route_line, apart)

    owners: dict[str, Feature] = {}
    for f in stages:
        for b in f.entity.beacons:
            owners.setdefault(b, f)
    for f in pillars:
        for b in f.entity.beacons:
            owners.setdefault(b, f)
    # beacons beside their stage (or facing their pillar); the others along the route
    free_beacons = [f for f in beacons if not pinned_at(f.entity)]
    free_beacons.sort(key=lambda f: f.key not in owners)
    lone = [f for f in free_beacons if f.key not in owners]
    for f in free_beacons:
        tries = [owners[f.key]] if f.key in owners else []
        tries += route_marks(route, lone.index(f) if f in lone else 0, max(1, len(lone)))
        if not any(place_near(board, f, owner, reserve_label) for owner in tries):
            raise no_room(f, deck, "la balise", grow=False)
    by_key = {f.key: f for f in stages + pillars + beacons}
    drawn.update(place_currents(ctx, board, [f for f in currents if f not in early], by_key,
                                route, reserve_label, route_line, apart))
    drawn = {f.key: drawn[f.key] for f in currents}  # in the deck's order

    ends = [t.end for t in trails if t.end is not None]
    features = pillars + sites + stages + beacons + currents + [harbour, arrival] + ends
    obstacles = [("cartouche", reg.cartouche), ("compass", reg.compass)]
    obstacles += [(f.key, f.footprint) for f in features
                  if f.key not in drawn and f.kind != "trail"]
    for key, current in drawn.items():
        obstacles += [(key, b) for b in current.boxes]
    for t in trails:
        obstacles += [(t.key, b) for b in t.boxes]
    margin = board.margin - 0.2
    keep = [(k, r.outset(margin)) for k, r in obstacles[:2]]
    keep += [(f.key, keep_out(f).outset(margin)) for f in features
             if f.key not in drawn and f.kind != "trail"]
    keep += [(key, r.outset(margin)) for key, c in drawn.items() for r in coarse(c.boxes, 3)]
    # a trail's path: the names keep off it (its own name beside its end too)
    keep += [(t.key + "/path", b.outset(0.6)) for t in trails for b in coarse(t.boxes)]
    # names already set along the water or the paths, and the currents' names beside their
    # arrows, are fixed: the others make way for them
    keep += [(key, g.box.outset(LABEL_GAP)) for key, c in drawn.items() for g in c.glyphs]
    keep += [(key, c.label.rect.outset(LABEL_GAP)) for key, c in drawn.items() if c.label]
    keep += [(t.key, g.box.outset(LABEL_GAP)) for t in trails for g in t.glyphs]
    named = [f for f in features if not (f.key in drawn and (drawn[f.key].glyphs
                                                              or drawn[f.key].label))]
    placements = settle_names(ctx, board, named, variants, reserved, keep, route_segments,
                              seed)
    placements += [c.label for c in drawn.values() if c.label]
    return Layout(land, features, placements, route, route_cmds, route_line, obstacles, board,
                  drawn, trails)


def coarse(boxes: list[Rect], n: int = 4) -> list[Rect]:
    """Runs of n small boxes along a line, each as the box round them: fewer obstacles for
    the annealing, which only needs to keep names off the line."""
    out = []
    for k in range(0, len(boxes), n):
        run = boxes[k:k + n]
        box = run[0]
        for other in run[1:]:
            box = box.union(other)
        out.append(box)
    return out


def route_marks(route: Route, i: int, n: int) -> list[Feature]:
    """Spots on the route for the i-th of n beacons no stage or pillar refers to: between two
    stops, the i-th gap first, then the others."""
    gaps = max(1, len(route.stops) - 1)
    out = []
    for k in range(gaps):
        gap = (i * gaps // n + k) % gaps
        s0, s1 = route.stops[gap], route.stops[gap + 1]
        x, y = route.at((s0 + s1) / 2)
        out.append(Feature(f"_route{gap}", "stage", x, y, 0.5, ""))
    return out


def settle_names(ctx: MapContext, board: Board, features: list[Feature], variants: dict,
                 reserved: dict, keep: list[tuple[str, Rect]], route_segments: list,
                 seed: int) -> list[Placement]:
    """The point names annealed from their clean start (kit.layout.labels), kept off `keep`
    and the folds; NoRoom naming each one that finds no place."""
    land = board.land
    requests = [label_request(f, variants[f.key], land, not board.relaxed) for f in features]
    keep = keep + [("_crease", band) for band in bands(ctx.creases, board.chart, WORD_CLEAR)]
    placements, failed = place_labels(
        requests, board.safe, keep, coast_distance=land.distance_out, lines=route_segments,
        seed=seed, initial=reserved, iterations=2500, trust_initial=True)
    if failed:
        by_key = {f.key: f for f in features}
        problems = []
        for key in failed:
            f = by_key[key]
            loc = f.entity.loc if f.entity else ctx.deck.loc
            problems.append(Diagnostic(loc, f"la carte de poche : l'étiquette « {f.title} » ne"
                                            " trouve pas de place sans chevaucher une autre ;"
                                            " raccourcissez son titre ou épinglez l'élément"
                                            " avec map: {x, y}"))
        raise NoRoom(problems, grow=False)
    return placements
