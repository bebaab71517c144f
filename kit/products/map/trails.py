"""The sentiers: each trail of a pillar is a footpath from its landmark to another real place
on its island — a neighbour landmark, a site, the harbour, the arrival or a cove on the coast
(kit.products.map.places) —, the walker's least-cost way over the height field
(kit.layout.footpath) round every sign and name, smoothed into a flowing line, named along it
where it runs level enough (or beside its middle, horizontally).

Each landmark's first trail, then each one's second…, so that the land is shared; each takes
the first of its likeliest places (near, in a direction its other trails leave free, not
across the trails already drawn) to which a way leads that is neither too short nor a long
detour, runs along no other trail, crosses at most one (and none already crossed) and leaves
room for its name. A trail that finds none is not drawn — it stays on its card and in the
guide —, except a landmark's only chance at one: every landmark with trails keeps one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from kit.errors import Diagnostic
from kit.layout.curvetext import (
    Glyph,
    text_width,
)
from kit.layout.footpath import (
    Ground,
    Network,
    footpath,
    length,
    smooth_within,
    taut,
    turning,
)
from kit.layout.geometry import Rect
from kit.products.map.board import Board, Names
from kit.products.map.features import Feature, NoRoom
from kit.products.map.places import Place, island_places
from kit.products.map.sheet import BODY, MapContext
from kit.products.map.trail_names import NAME_PT, name_trail

#: the walker's grid, mm
CELL = 3.0
#: a trail shorter than this reads as a stub; longer than this, as a road across the land, mm
SHORTEST, LONGEST = 11.0, 95.0
#: a way this many times longer than the crow flies is a detour nobody would draw
DETOUR = 1.9
#: two paths closer than this run together; longer than RUN together, they are one on the other
TOGETHER, RUN = 1.3, 6.0
#: the sharpest turn a path takes over 2 mm, radians
BEND = math.radians(27)
#: the places tried for one trail (a landmark's only chance at a trail tries them all)
TRIES = 3


@dataclass
class Trail:
    key: str
    pillar: Feature
    index: int
    text: str
    path: list[tuple[float, float]]
    glyphs: list[Glyph] = field(default_factory=list)
    end: Feature | None = None  # when the name stands beside the path's middle
    boxes: list[Rect] = field(default_factory=list)
    what: str = ""  # the place it leads to: a landmark's or a site's key, _harbour, cove…


def trail_key(pillar_id: str, index: int) -> str:
    return f"{pillar_id}#sentier-{index + 1}"


def _boxes(path: list[tuple[float, float]], half: float = 0.8) -> list[Rect]:
    return [Rect(x - half, y - half, 2 * half, 2 * half) for x, y in path[::2] + path[-1:]]


class Walker:
    """One island's ground for this attempt: where a path may go (on land, off every sign
    and name), shared by the trails of its landmarks."""

    #: how far a walk keeps from the coast, the names and the signs, mm
    MARGINS = (1.4, 1.0, 0.8)
    #: and where no way leads otherwise (a landmark's last chance at a trail)
    TIGHT = (1.0, 0.5, 0.4)

    def __init__(self, board: Board, names: Names, island,
                 signs: list[tuple[float, float, float]], seed: int, tight: bool = False):
        self.board = board
        self.names = names
        self.island = island
        self.signs = signs
        self.seed = seed
        self.tight: Walker | None = None
        coast, name, sign = self.TIGHT if tight else self.MARGINS
        labels = board.labels
        reach = island.reach
        # the signs bucketed on a 6 mm grid: a cell asks only those near it
        # (x, y, the walk's distance² from it, the smoothed line's: 0.5 mm nearer, never
        # nearer than 0.3 mm) of each
        near: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}
        for sx, sy, sr in signs:
            r = sr + sign
            r2 = r * r
            entry = (sx, sy, r2, max(0.0, math.sqrt(r2) - 0.5) ** 2)
            for i in range(math.floor((sx - r) / 6.0), math.floor((sx + r) / 6.0) + 1):
                for j in range(math.floor((sy - r) / 6.0), math.floor((sy + r) / 6.0) + 1):
                    near.setdefault((i, j), []).append(entry)
        self.near = near

        def probe(x: float, y: float) -> float | None:
            if island.distance_out(x, y) > -coast:
                return None
            for sx, sy, r2, _ in near.get((math.floor(x / 6.0), math.floor(y / 6.0)), ()):
                if (x - sx) ** 2 + (y - sy) ** 2 < r2:
                    return None
            if labels.hits_box(x - name, y - name, x + name, y + name) is not None:
                return None
            return island.height(x, y)

        self.ground = Ground(island.cx - reach, island.cy - reach, island.cx + reach,
                             island.cy + reach, CELL, probe, seed)

    def tightened(self) -> Walker:
        """The same ground walked closer to the coast, the names and the signs."""
        if self.tight is None:
            self.tight = Walker(self.board, self.names, self.island, self.signs, self.seed,
                                 tight=True)
            self.tight.ground.wear = list(self.ground.wear)
        return self.tight

    def wear(self, path: list[tuple[float, float]]) -> None:
        """A trail was drawn there: the next ones rather cross it than follow it."""
        for walker in (self, self.tight):
            if walker is not None:
                walker.ground.wear_along(path, on=7.0, beside=2.5)

    def loose(self, x: float, y: float, skip: tuple = ()) -> bool:
        """Room for the smoothed line at (x, y): it may use some of the walk's margins, and
        reach the signs whose centres are in `skip` (the places it joins)."""
        if self.island.distance_out(x, y) > -0.9:
            return False
        if self.board.labels.hits_box(x - 0.5, y - 0.5, x + 0.5, y + 0.5) is not None:
            return False
        # 0.5 mm nearer the signs than the walk, never nearer than 0.3 mm
        here = self.near.get((math.floor(x / 6.0), math.floor(y / 6.0)), ())
        return all(loose2 <= (x - sx) ** 2 + (y - sy) ** 2 or (sx, sy) in skip
                   for sx, sy, _, loose2 in here)

    def forget(self, rect: Rect) -> None:
        """A name was kept there: no walking near it."""
        for walker in (self, self.tight):
            if walker is None:
                continue
            margin = (walker.TIGHT if walker is self.tight else walker.MARGINS)[1]
            grown = rect.outset(margin + CELL / 2)
            ground = walker.ground
            for k in ground.cells_within(grown.cx, grown.cy, math.hypot(grown.w, grown.h) / 2):
                x, y = ground.centre(k)
                if grown.contains_point(x, y):
                    ground.block(k)


def way_out(board: Board, island, f: Feature, signs: list[Feature]) -> bool:
    """Does a walk lead away from landmark f, out of the ring of its name, the coast and the
    other signs (a landmark with trails must not be boxed in)?"""
    walker = Walker(board, None, island, [(g.x, g.y, g.radius) for g in signs], 0)
    ground = walker.ground
    starts = ground.cells_within(f.x, f.y, f.radius + 0.8 + CELL * 1.1)
    return ground.reach(starts, 150) >= 150


def _no_room(pillar: Feature, text: str) -> NoRoom:
    loc = pillar.entity.where("trails")
    return NoRoom([Diagnostic(loc, f"la carte de poche : pas de place pour le sentier"
                                    f" « {text} » du pilier « {pillar.title} » ; donnez-lui"
                                    " un nom court (label) ou retirez des éléments")],
                  grow=True)


def place_trails(ctx: MapContext, board: Board, pillars: list[Feature], sites: list[Feature],
                 stops: list[Feature], names: Names, seed: int) -> list[Trail]:
    """The trails drawn on the chart, each from its landmark to a real place, named (see the
    module); NoRoom when a landmark with trails gets none (but on a crowded chart)."""
    land = board.land
    signs = [(f.x, f.y, f.radius) for f in pillars + sites + stops]
    walkers: dict[int, Walker] = {}
    places = island_places(land, pillars, sites, stops)
    network = Network()
    crossed: list[int] = []  # per trail drawn, how many others it crosses
    drawn: list[Trail] = []
    linked: set[frozenset] = set()
    turns = sorted(((k, p) for p in pillars for k in range(len(p.entity.trails))),
                   key=lambda item: item[0])
    for k, pillar in turns:
        home = land.nearest(pillar.x, pillar.y)
        if home not in walkers:
            walkers[home] = Walker(board, names, land.islands[home], signs, seed + home)
        walker = walkers[home]
        mine = [t for t in drawn if t.pillar is pillar]
        text = pillar.entity.trail_label(k)
        spans = ctx.spans(text)
        width = text_width(spans, BODY, NAME_PT, ctx.measure)
        choices = _ranked(pillar, places[home], mine, linked, drawn, network, board.relaxed)
        only_chance = not mine and k == len(pillar.entity.trails) - 1
        tries = choices if only_chance else choices[:TRIES * (2 if board.relaxed else 1)]
        trail = None
        # a landmark's last chance: every place, on the usual ground and then closer to
        # what is in the way
        for ground_walker in ([walker, walker.tightened()] if only_chance else [walker]):
            for place in tries:
                trail = _walk(ground_walker, pillar, k, text, place, only_chance)
                if trail is None or not _apart(trail, place, drawn, network, crossed,
                                               only_chance):
                    trail = None
                    continue
                if name_trail(ctx, board, walker, trail, spans, width, only_chance):
                    break
                trail = None
            if trail is not None:
                break
        if trail is None:
            # a landmark with trails gets one, but on a crowded chart (the last resort) where
            # none finds a way and room for its name: its trails stay on its card and in the
            # guide rather than the whole map failing
            if only_chance and not board.relaxed:
                raise _no_room(pillar, text)
            continue
        crossings = _crossings(trail, place, drawn, network)
        for j in crossings:
            crossed[j] += 1
        crossed.append(len(crossings))
        network.add(trail.path)
        drawn.append(trail)
        linked.add(frozenset((pillar.key, place.key)))
        walker.wear(trail.path)
    drawn.sort(key=lambda t: (pillars.index(t.pillar), t.index))
    return drawn


def _ranked(pillar: Feature, places: list[Place], mine: list[Trail], linked: set,
            drawn: list[Trail], network: Network, relaxed: bool) -> list[Place]:
    """The places a new trail of `pillar` may lead to, likeliest first."""
    leaving = [math.atan2(t.path[3][1] - pillar.y, t.path[3][0] - pillar.x) for t in mine
               if len(t.path) > 3]
    reached: dict[str, int] = {}
    for t in drawn:
        reached[t.what] = reached.get(t.what, 0) + 1
    out = []
    for place in places:
        if place.key == pillar.key or frozenset((pillar.key, place.key)) in linked:
            continue
        d = math.hypot(place.x - pillar.x, place.y - pillar.y) - pillar.radius - place.radius
        if d < SHORTEST - 2.0 or (d > LONGEST and not relaxed):
            continue
        a = math.atan2(place.y - pillar.y, place.x - pillar.x)
        gap = min([math.pi] + [abs(math.remainder(a - b, 2 * math.pi)) for b in leaving])
        score = 0.35 * d + 40.0 * max(0.0, 0.8 - gap)
        # the straight way's crossings with the trails drawn: a likely tangle
        score += 14.0 * _straight_crossings(pillar, place, network)
        score += {"pillar": -6.0, "site": -4.0, "harbour": 2.0, "arrival": 3.0,
                  "cove": 5.0}[place.kind]
        score += 6.0 * reached.get(place.key, 0)
        out.append((score, place.key, place))
    out.sort(key=lambda item: (item[0], item[1]))
    return [place for _, _, place in out]


def _straight_crossings(pillar: Feature, place: Place, network: Network) -> int:
    count = 0
    a, b = (pillar.x, pillar.y), (place.x, place.y)
    lox, hix = min(a[0], b[0]), max(a[0], b[0])
    loy, hiy = min(a[1], b[1]), max(a[1], b[1])
    for path, (x0, y0, x1, y1) in zip(network.paths, network.bounds, strict=True):
        if x1 < lox or x0 > hix or y1 < loy or y0 > hiy:
            continue  # the straight way passes wide of this path
        pts = path[::4] + path[-1:]
        count += sum(1 for p, q in zip(pts, pts[1:], strict=False) if _cross(a, b, p, q))
    return count


def _cross(a, b, c, d) -> bool:
    def side(p, q, r) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return (side(a, b, c) > 0) != (side(a, b, d) > 0) and (side(c, d, a) > 0) != (
        side(c, d, b) > 0)


def _walk(walker: Walker, pillar: Feature, index: int, text: str, place: Place,
          relaxed: bool) -> Trail | None:
    """The way from the landmark to the place, smoothed, or None if none is sensible."""
    longest = LONGEST * (1.4 if relaxed else 1.0)
    # no way is shorter than the straight line between the rings round its two ends
    reach = pillar.radius + (0.0 if place.kind == "cove" else place.radius)
    if math.hypot(place.x - pillar.x, place.y - pillar.y) - reach > longest:
        return None
    ground = walker.ground
    starts = ground.cells_within(pillar.x, pillar.y, pillar.radius + 0.8 + CELL * 1.1)
    goals = set(ground.cells_within(place.gx, place.gy, place.reach))
    found = footpath(ground, starts, goals, (place.gx, place.gy))
    if found is None:
        return None
    cells, _ = found
    # the way leaves the landmark and reaches the place straight on: the first and last
    # cells (on the rings round them) give way to the edges facing the next ones
    if len(cells) > 3:
        cells = cells[1:-1]
    middle = taut(ground, cells)
    ends = ((pillar.x, pillar.y), (place.x, place.y))

    def ok(x: float, y: float) -> bool:
        return walker.loose(x, y, ends)

    # onto the landmark's edge and the place's straight from the walk, or a little aslant
    # where a name stands in the straight way
    first = _stub(middle[0], pillar.x, pillar.y, pillar.radius, ok)
    last = (place.x, place.y) if place.kind == "cove" else \
        _stub(middle[-1], place.x, place.y, place.radius, ok)
    if first is None or last is None:
        return None
    path = smooth_within([first] + middle + [last], ok)
    if path is None or turning(path[::2]) > BEND:
        return None  # no flowing line round what is in the way
    run = length(path)
    crow = math.dist(first, last)
    if run < SHORTEST or run > longest or run > DETOUR * crow + 12.0:
        return None
    key = trail_key(pillar.key, index)
    return Trail(key, pillar, index, text, path, boxes=_boxes(path), what=place.key)


def _stub(frm: tuple[float, float], cx: float, cy: float, radius: float, ok
          ) -> tuple[float, float] | None:
    """The point on the circle (cx, cy, radius) the straight line from `frm` reaches clear
    of names (ok), facing `frm` or as little aside as will do."""
    a = math.atan2(frm[1] - cy, frm[0] - cx)
    for turn in (0.0, 0.3, -0.3, 0.6, -0.6, 0.9, -0.9):
        x, y = cx + math.cos(a + turn) * radius, cy + math.sin(a + turn) * radius
        n = max(2, int(math.hypot(x - frm[0], y - frm[1]) / 0.6))
        if all(ok(frm[0] + (x - frm[0]) * k / n, frm[1] + (y - frm[1]) * k / n)
               for k in range(n + 1)):
            return x, y
    return None


def _crossings(trail: Trail, place: Place, drawn: list[Trail], network: Network
               ) -> list[int]:
    """The trails drawn that the new one crosses (once each), or [-1] when it runs along one.
    Near a place both trails touch (a landmark they leave, a place they lead to), their
    meeting is no tangle."""
    ends = {trail.pillar.key: trail.pillar, place.key: place}

    def spared(j: int, p: tuple[float, float]) -> bool:
        other = drawn[j]
        for key in (other.pillar.key, other.what):
            thing = ends.get(key)
            if thing is not None and math.hypot(p[0] - thing.x, p[1] - thing.y) < \
                    thing.radius + 6.0:
                return True
        return False

    out = []
    for owner, run in network.meetings(trail.path, TOGETHER, spared):
        if run > RUN:
            return [-1]
        out.append(owner)
    return out


def _apart(trail: Trail, place: Place, drawn: list[Trail], network: Network,
           crossed: list[int], relaxed: bool) -> bool:
    """On no other trail; at most one crossing, with a trail that crosses none yet."""
    crossings = _crossings(trail, place, drawn, network)
    if crossings == [-1]:
        return False
    if relaxed:
        return len(crossings) <= 2
    return len(crossings) <= 1 and all(crossed[j] == 0 for j in crossings)
