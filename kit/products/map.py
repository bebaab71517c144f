"""The pocket map's recto: an island sea chart generated from the deck.

Composition (A3 landscape, 420 × 297 mm, y down): a graduated double frame; the chart on the
left with the island, its pillars and sentiers, the itinerary's sea route and stages, the
beacons, the dangerous currents, a cartouche and a compass rose; a side column with the
sites à ne pas manquer, the imaginaires conseillés and the legend.

Placement, for any deck size: the island is scaled to balance how full the land (landmarks
and their names) and the sea (stages, beacons, currents and theirs) would be; the landmarks
take the centres of equal shares of the land (Lloyd's algorithm); the stages sit at equal
distances along the route's ring; each beacon goes beside the stage that refers to it, and
the currents are spread by farthest-point sampling at sea. Every feature is placed together
with room for its name, so the name placement (annealing, kit.layout.labels) starts from a
clean layout and only improves it. When no island size leaves room for everything, the build
fails with the name and deck line of the element that did not fit.
"""

from __future__ import annotations

import bisect
import math
import random
from dataclasses import dataclass, field

from kit.errors import Diagnostic, KitError
from kit.i18n import Messages
from kit.layout.geometry import (
    WHITE,
    Color,
    Image,
    PageSpec,
    Rect,
    Shape,
    Style,
    TextBlock,
    TextSpan,
    circle_path,
    polyline,
    rect_path,
)
from kit.layout.island import Island, make_island, seed_for
from kit.layout.labels import (
    LABEL_GAP,
    LabelRequest,
    Placement,
    RectIndex,
    SegmentIndex,
    Variant,
    label_options,
    outward_positions,
    place_labels,
    side_samples,
)
from kit.layout.pictograms import pictogram
from kit.layout.text import (
    PT,
    Measure,
    Overflow,
    break_lines,
    place_lines,
    styled,
    text_height,
    typography,
)
from kit.layout.text import Style as TextStyle
from kit.layout.theme import Palette, palette_for
from kit.model.deck import Deck, Entity

SHEET_W, SHEET_H = 420.0, 297.0
FRAME = 9.0  # outer rule of the frame, from the sheet edge (office band is 6 mm)
BAND = 2.2  # the graduated band between the two rules
INNER = FRAME + BAND
SIDE_W = 92.0  # the side column
MIN_PT = 7.0
BODY = "body"


@dataclass
class MapContext:
    deck: Deck
    measure: Measure
    palette: Palette
    t: Messages
    rng: random.Random
    items: list = field(default_factory=list)

    def typo(self, text: str) -> str:
        return typography(text, self.deck.language)

    def spans(self, text: str, face: str = "regular") -> list[TextSpan]:
        return styled(text, self.deck.language, face)


# -- the frame and the regions --------------------------------------------------------------


@dataclass(frozen=True)
class Regions:
    chart: Rect
    side: Rect
    cartouche: Rect
    compass: Rect


def regions() -> Regions:
    inner = Rect(INNER, INNER, SHEET_W - 2 * INNER, SHEET_H - 2 * INNER)
    side = Rect(inner.x2 - SIDE_W, inner.y, SIDE_W, inner.h)
    chart = Rect(inner.x, inner.y, inner.w - SIDE_W, inner.h)
    cartouche = Rect(chart.x + 6, chart.y + 6, 118, 44)
    compass = Rect(chart.x2 - 40, chart.y2 - 40, 32, 32)
    return Regions(chart, side, cartouche, compass)


def frame_items(pal: Palette) -> list:
    ink = pal["ink"]
    outer = Rect(FRAME, FRAME, SHEET_W - 2 * FRAME, SHEET_H - 2 * FRAME)
    inner = outer.inset(BAND)
    items: list = [
        Shape(rect_path(outer), Style(stroke=ink, width=0.5, join="miter", cap="butt")),
        Shape(rect_path(inner), Style(stroke=ink, width=0.3, join="miter", cap="butt")),
    ]
    # graduated band: alternating ink segments every 10 mm, like a chart's latitude scale
    step = 10.0
    fill = Style(fill=ink)
    for y0, y1 in ((outer.y, inner.y), (inner.y2, outer.y2)):
        x = outer.x + BAND
        k = 0
        while x < inner.x2 - 1e-6:
            x2 = min(x + step, inner.x2)
            if k % 2 == 0:
                items.append(Shape(rect_path(Rect(x, y0, x2 - x, y1 - y0)), fill))
            x, k = x2, k + 1
    for x0, x1 in ((outer.x, inner.x), (inner.x2, outer.x2)):
        y = outer.y + BAND
        k = 0
        while y < inner.y2 - 1e-6:
            y2 = min(y + step, inner.y2)
            if k % 2 == 0:
                items.append(Shape(rect_path(Rect(x0, y, x1 - x0, y2 - y)), fill))
            y, k = y2, k + 1
    return items


# -- features -------------------------------------------------------------------------------


@dataclass
class Feature:
    """A point on the chart with its pictogram and a label to place.

    radius: half the side of the square the pictogram is drawn in (halo and stroke included);
    nothing else may cover that square, and the label keeps out of it.
    """

    key: str
    kind: str  # pillar | stage | beacon | current | harbour | arrival
    x: float
    y: float
    radius: float
    title: str
    entity: Entity | None = None
    side: str = "any"
    number: int = 0
    landmark: str = ""

    @property
    def footprint(self) -> Rect:
        r = self.radius
        return Rect(self.x - r, self.y - r, 2 * r, 2 * r)


RING = 15.0  # the route's distance from the coast, mm
START_ANGLE = math.radians(128)  # the harbour, lower left; the route goes round clockwise
STAGE_R, BEACON_R, CURRENT_R, HARBOUR_R, ARRIVAL_R = 4.0, 4.0, 5.0, 4.5, 4.0
HALO = 0.6  # the light disc behind a pillar's landmark, beyond its drawing
LABEL_MARGIN = 2.2  # white kept around a label while features are placed
LAND_FULL = 0.75  # the comfortable share of the land taken by landmarks and their names
SEA_FULL = 0.35  # and of the sea by the other signs and theirs
PILLAR_CLEAR = 4.0  # other names keep this much further from a landmark
PILLAR_SPACE = 3.5  # and around a landmark and its name, so each name reads as its own
MIN_LINE_W = 13.0  # a name is wrapped only if each line keeps at least this much, mm
SEA_GRID = 5.0  # spacing of the candidate spots at sea, mm
LAND_GRID = 4.0  # and on land


def pillar_radius(n: int) -> float:
    """Landmarks shrink as the island gets crowded (halo included)."""
    return (11.0 if n <= 3 else (9.0 if n <= 5 else 7.5)) + HALO


def _radius(kind: str, n_pillars: int) -> float:
    if kind == "pillar":
        return pillar_radius(n_pillars)
    return {"stage": STAGE_R, "beacon": BEACON_R, "current": CURRENT_R, "harbour": HARBOUR_R,
            "arrival": ARRIVAL_R}[kind]


def _pinned(entity: Entity | None) -> tuple[float, float] | None:
    pin = getattr(entity, "map", None)
    if pin is None:
        return None
    return SHEET_W * pin.x / 100, SHEET_H * pin.y / 100


class _NoRoom(Exception):
    """One placement attempt failed; `grow` says whether a larger island would help."""

    def __init__(self, diagnostics: list[Diagnostic], grow: bool):
        super().__init__(diagnostics)
        self.diagnostics = diagnostics
        self.grow = grow


def _unit_island(deck: Deck, chart: Rect, dx: float = 0.0, dy: float = 0.0) -> Island:
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


def _preferred(variants: tuple[Variant, ...]) -> Variant:
    return min(variants, key=lambda v: v.penalty)


#: where the island's centre may move, per cent of the chart, nearest first: away from the
#: cartouche, so a crowded island can grow
CENTRE_SHIFTS = ((0.0, 0.0), (0.03, 0.0), (0.0, 0.03), (0.03, 0.03), (0.06, 0.03),
                 (0.03, 0.06), (0.06, 0.0), (0.06, 0.06))


def _choose_island(deck: Deck, chart: Rect, keep_clear: list[Rect], kinds: dict[str, str],
                   variants: dict) -> tuple[Island, float, float, float]:
    """(island at scale 1, first scale to try, smallest, largest).

    The land must hold the landmarks and their names, the sea the stages, beacons and
    currents with theirs: the scale balances how full each would be (by area, against a
    comfortable share), leaning towards a quarter of the chart when both are roomy."""
    unit = _unit_island(deck, chart)
    unit_area = unit.area()
    land = sea = 0.0
    for key, kind in kinds.items():
        v = _preferred(variants[key])
        r = _radius(kind, len(deck.pillars))
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
        moved = unit if (dx, dy) == (0.0, 0.0) else _unit_island(deck, chart, dx, dy)
        s_max = _max_scale(moved, chart, keep_clear)
        want = wanted(max(0.36, s_max))
        if best is None or s_max > best[1] + 1e-9:
            best = (moved, s_max, want)
        if s_max >= want:
            break
    moved, s_max, want = best
    s = min(want, s_max)
    return moved, s, min(s, max(0.15, s * 0.85)), s_max


@dataclass
class _Board:
    """What one placement attempt has put on the chart so far."""

    island: Island
    safe: Rect
    chart: Rect
    taken: RectIndex  # pictograms and reserved labels: nothing new may overlap them
    route: SegmentIndex
    anchors: RectIndex  # the same plus the route: what a new feature keeps its distance from
    rng: random.Random
    relaxed: bool = False
    sea: _SeaField | None = None

    def reserve(self, rect: Rect, owner: str) -> None:
        self.taken.add(rect, owner)
        self.anchors.add(rect, owner)
        if self.sea is not None:
            self.sea.update(rect)

    def on_side(self, rect: Rect, side: str, margin: float = 1.2) -> bool:
        if side == "any":
            return True
        d = self.island.distance_out
        if side == "land":
            return all(d(x, y) <= -margin for x, y in side_samples(rect))
        return all(d(x, y) >= margin for x, y in side_samples(rect))

    def label_room(self, req: LabelRequest, side: str, avoid_route: bool = True,
                   margin: float = LABEL_MARGIN) -> tuple[float, int, str, Rect] | None:
        """The best clean spot for a label around its point:
        (preference cost, variant, position, rect)."""
        for base, rect, vi, position in label_options(req):
            if not self.safe.contains(rect):
                continue
            if self.taken.hits(rect.outset(margin), req.key) is not None:
                continue
            if avoid_route and self.route.crosses(rect.outset(0.4)):
                continue
            if self.on_side(rect, side):
                return base, vi, position, rect
        return None

    def sea_spot_ok(self, x: float, y: float, radius: float) -> bool:
        """Room for a pictogram at sea: inside the chart, off the coast, off the route."""
        fp = Rect(x - radius, y - radius, 2 * radius, 2 * radius)
        if not self.safe.contains(fp):
            return False
        if self.island.distance_out(x, y) < radius + 2.0:
            return False
        if any(self.island.distance_out(x + math.cos(a) * radius, y + math.sin(a) * radius) < 1.0
               for a in _EIGHT):
            return False
        if self.taken.hits(fp.outset(1.5)) is not None:
            return False
        return not self.route.crosses(fp.outset(1.0))


@dataclass
class _Names:
    """Keeps room for each name while the features are placed; called, it finds and keeps
    the best clean spot for a feature's name and says whether there was one."""

    board: _Board
    variants: dict
    reserved: dict = field(default_factory=dict)  # key → (variant index, position)

    def find(self, f: Feature, side: str, avoid_route: bool = True,
             margin: float = LABEL_MARGIN) -> tuple[float, int, str, Rect] | None:
        req = _request(f, self.variants[f.key], self.board.island)
        return self.board.label_room(req, side, avoid_route, margin)

    def keep(self, f: Feature, room: tuple[float, int, str, Rect]) -> None:
        _, vi, position, rect = room
        self.reserved[f.key] = (vi, position)
        self.board.reserve(rect, f.key)

    def __call__(self, f: Feature, side: str, avoid_route: bool = True,
                 margin: float = LABEL_MARGIN) -> bool:
        room = self.find(f, side, avoid_route, margin)
        if room is None:
            return False
        self.keep(f, room)
        return True


_EIGHT = tuple(k * math.pi / 4 for k in range(8))


def _keep_out(f: Feature) -> Rect:
    """What other names keep clear of: the pictogram, and around a landmark a wider ring so
    that no other name reads as its own."""
    return f.footprint.outset(PILLAR_CLEAR) if f.kind == "pillar" else f.footprint


def _request(f: Feature, variants: tuple[Variant, ...], island: Island) -> LabelRequest:
    if f.kind == "pillar":
        # a landmark's name reads best right under it
        positions = PILLAR_POSITIONS
    elif f.kind == "current":
        positions = None  # Imhof's order
    else:
        # stages, beacons, harbours: names away from the island, out of the route's way
        positions = outward_positions((f.x - island.cx) / island.rx,
                                      (f.y - island.cy) / island.ry)
    pad = PILLAR_SPACE - LABEL_GAP - 0.5 if f.kind == "pillar" else 0.0
    return LabelRequest(f.key, f.x, f.y, f.radius, variants, f.side, positions, pad)


PILLAR_POSITIONS = ("below", "above", "right", "left", "lower-right", "upper-right",
                    "lower-left", "upper-left")


def _no_room(f: Feature, deck: Deck, what: str, grow: bool) -> _NoRoom:
    loc = f.entity.loc if f.entity else deck.loc
    return _NoRoom([Diagnostic(loc, f"la carte de poche : pas de place pour {what}"
                                    f" « {f.title} » ; raccourcissez son titre, retirez des"
                                    " éléments ou"
                                    " épinglez-le avec map: {x, y}")], grow)


@dataclass
class _Layout:
    island: Island
    features: list[Feature]
    placements: list[Placement]
    route_cmds: list[tuple]
    route_line: list[tuple[float, float]]
    obstacles: list[tuple[str, Rect]]


def _route_points(island: Island, n_stages: int, start_angle: float, ring: float):
    """Harbour on the coast, stages evenly along a ring at sea clockwise, arrival back at the
    coast. Returns (harbour, stage points, arrival, waypoints): the waypoints follow the ring
    between stages so the route never cuts across the island."""
    span = math.radians(300)
    # stages at equal distances along the ring, not equal angles: an elongated island would
    # otherwise bunch them at its ends
    steps = 240
    angles = [start_angle + span * k / steps for k in range(steps + 1)]
    pts = [island.point(a, ring) for a in angles]
    run = [0.0]
    for a, b in zip(pts, pts[1:], strict=False):
        run.append(run[-1] + math.dist(a, b))

    def angle_at(fraction: float) -> float:
        target = run[-1] * fraction
        k = bisect.bisect_left(run, target)
        if k <= 0:
            return angles[0]
        if k > steps:
            return angles[-1]
        t = (target - run[k - 1]) / ((run[k] - run[k - 1]) or 1.0)
        return angles[k - 1] + (angles[k] - angles[k - 1]) * t

    stage_angles = [angle_at((i + 0.6) / (n_stages + 0.2)) for i in range(n_stages)]
    arrival_angle = start_angle + span * (n_stages + 0.4) / (n_stages + 0.2)
    harbour = island.point(start_angle, 1.5)
    stages = [island.point(a, ring) for a in stage_angles]
    arrival = island.point(arrival_angle, 1.5)
    # without stages (a deck still being written) the route still goes round the island
    first = stage_angles[0] if stage_angles else start_angle + span * 0.1
    waypoints = [harbour, island.point(start_angle + (first - start_angle) * 0.5, ring * 0.7)]
    legs = [(a, stages[i], i + 1 < n_stages) for i, a in enumerate(stage_angles)]
    if not legs:
        legs = [(first, island.point(first, ring), False)]
    for i, (a, point, more) in enumerate(legs):
        waypoints.append(point)
        b = legs[i + 1][0] if more else arrival_angle
        n = max(1, int(math.degrees(b - a) // 14))
        for k in range(1, n):
            offset = ring if more else ring * (1 - k / n)
            waypoints.append(island.point(a + (b - a) * k / n, offset))
    waypoints.append(arrival)
    return harbour, stages, arrival, waypoints


def _smooth_open(points: list[tuple[float, float]]) -> list[tuple]:
    """An open Catmull-Rom spline through points, as path commands."""
    cmds: list[tuple] = [("M", *points[0])]
    n = len(points)
    for i in range(n - 1):
        p0 = points[max(0, i - 1)]
        p1, p2 = points[i], points[i + 1]
        p3 = points[min(n - 1, i + 2)]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        cmds.append(("C", *c1, *c2, *p2))
    return cmds


def _bezier_points(cmds: list[tuple], steps: int = 12) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    cur = None
    for cmd in cmds:
        if cmd[0] == "M":
            cur = (cmd[1], cmd[2])
            pts.append(cur)
        elif cmd[0] == "C":
            x0, y0 = cur
            x1, y1, x2, y2, x3, y3 = cmd[1:]
            for k in range(1, steps + 1):
                t = k / steps
                u = 1 - t
                x = u**3 * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t**3 * x3
                y = u**3 * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t**3 * y3
                pts.append((x, y))
            cur = (x3, y3)
    return pts


def _lay_out(ctx: MapContext, reg: Regions, island: Island, variants: dict,
             relaxed: bool = False) -> _Layout:
    """Place every feature with room for its name, then settle the names by annealing.

    Raises _NoRoom naming the first element that finds no clean spot."""
    deck, t = ctx.deck, ctx.t
    chart = reg.chart
    safe = chart.inset(2.0)
    seed = seed_for(deck.id, deck.map.seed)
    harbour_xy, stage_xy, arrival_xy, waypoints = _route_points(island, len(deck.stages),
                                                                START_ANGLE, RING)
    stages = []
    for i, (s, xy) in enumerate(zip(deck.stages, stage_xy, strict=True), 1):
        x, y = _pinned(s) or xy
        stages.append(Feature(s.id, "stage", x, y, STAGE_R, s.title, s, "sea", number=i))
    harbour = Feature("_harbour", "harbour", *harbour_xy, HARBOUR_R, t("map.departure"))
    arrival = Feature("_arrival", "arrival", *arrival_xy, ARRIVAL_R, t("map.arrival"))
    if any(_pinned(s) for s in deck.stages):  # pinned stages: go straight from one to the next
        waypoints = [harbour_xy] + [(f.x, f.y) for f in stages] + [arrival_xy]
    route_cmds = _smooth_open(waypoints)
    route_line = _bezier_points(route_cmds, 10)
    route_segments = [(*route_line[i], *route_line[i + 1]) for i in range(len(route_line) - 1)]

    board = _Board(island, safe, chart, RectIndex(), SegmentIndex(route_segments), RectIndex(),
                   random.Random(seed), relaxed)
    board.reserve(reg.cartouche, "cartouche")
    board.reserve(reg.compass, "compass")
    for x, y in route_line[::2]:
        board.anchors.add(Rect(x, y, 0, 0), "_route")

    n_pillars = len(deck.pillars)
    radius = pillar_radius(n_pillars)
    pillars = [Feature(p.id, "pillar", *(_pinned(p) or (0.0, 0.0)), radius, p.title, p, "land",
                       landmark=p.landmark) for p in deck.pillars]
    beacons = [Feature(b.id, "beacon", *(_pinned(b) or (0.0, 0.0)), BEACON_R, b.title, b, "sea")
               for b in deck.beacons]
    currents = [Feature(c.id, "current", *(_pinned(c) or (0.0, 0.0)), CURRENT_R, c.title, c,
                        "sea") for c in deck.currents]
    pinned = [f for f in pillars + beacons + currents if _pinned(f.entity)]
    reserve_label = _Names(board, variants)
    reserved = reserve_label.reserved

    # the route's own signs first, then whatever the deck pinned: the rest makes way for them
    for f in stages + [harbour, arrival] + pinned:
        board.reserve(_keep_out(f), f.key)
    _place_pillars(ctx, board, [f for f in pillars if not _pinned(f.entity)], variants,
                   reserve_label, [(f.x, f.y) for f in pinned if f.kind == "pillar"])
    for f in pinned:
        if f.kind == "pillar" and not reserve_label(f, "land"):
            reserve_label(f, "any", avoid_route=False)
    for f in stages + [harbour, arrival]:
        side = "sea" if f.kind == "stage" else "any"
        if not (reserve_label(f, side) or reserve_label(f, side, avoid_route=False)
                or (relaxed and reserve_label(f, "any", avoid_route=False))):
            raise _no_room(f, deck, "le nom de l'étape" if f.kind == "stage" else "le nom",
                           grow=False)
    for f in pinned:
        if f.kind != "pillar" and not reserve_label(f, "sea"):
            reserve_label(f, "any", avoid_route=False)

    # farthest-point sampling at sea, up to a comfortable distance for this many signs
    n_sea = len(currents) + len(beacons) + len(stages) + 2
    sea = _SeaField(board)
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
    free_beacons = [f for f in beacons if not _pinned(f.entity)]
    free_beacons.sort(key=lambda f: f.key not in owners)
    for f in free_beacons:
        owner = owners.get(f.key)
        if not (owner and _place_near(board, f, owner, reserve_label)):
            if not _place_at_sea(board, f, board.sea, reserve_label, near=owner):
                raise _no_room(f, deck, "la balise", grow=False)
    for f in currents:
        if _pinned(f.entity):
            continue
        if not _place_at_sea(board, f, board.sea, reserve_label):
            raise _no_room(f, deck, "le courant", grow=False)

    features = pillars + stages + beacons + currents + [harbour, arrival]
    obstacles = [("cartouche", reg.cartouche), ("compass", reg.compass)]
    obstacles += [(f.key, f.footprint) for f in features]
    requests = [_request(f, variants[f.key], island) for f in features]
    placements, failed = place_labels(
        requests, safe, [(f.key, _keep_out(f).outset(LABEL_MARGIN - 0.2)) for f in features]
        + [(k, r.outset(LABEL_MARGIN - 0.2)) for k, r in obstacles[:2]],
        is_land=lambda x, y: island.contains(x, y), lines=route_segments, seed=seed,
        initial=reserved, iterations=2500)
    if failed:
        by_key = {f.key: f for f in features}
        problems = []
        for key in failed:
            f = by_key[key]
            loc = f.entity.loc if f.entity else deck.loc
            problems.append(Diagnostic(loc, f"la carte de poche : l'étiquette « {f.title} » ne"
                                            " trouve pas de place sans chevaucher une autre ;"
                                            " raccourcissez"
                                            " son titre ou épinglez l'élément avec map: {x, y}"))
        raise _NoRoom(problems, grow=False)
    return _Layout(island, features, placements, route_cmds, route_line, obstacles)


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


def _place_pillars(ctx: MapContext, board: _Board, pillars: list[Feature], variants: dict,
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
                                    y + math.sin(a) * (radius + 1.5)) for a in _EIGHT):
                points.append((x, y))
            x += LAND_GRID
        y += LAND_GRID
    targets = _pillar_targets(island, fixed, len(pillars))
    # the widest names first, each to the roomiest share left
    queue = sorted(pillars, key=lambda f: -_preferred(variants[f.key]).w)
    for f in queue:
        v = _preferred(variants[f.key])
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
            if board.taken.hits(fp.outset(PILLAR_SPACE)) is not None:
                continue
            f.x, f.y = x, y
            if (reserve_label(f, "land", margin=PILLAR_SPACE)
                    or (board.relaxed and reserve_label(f, "any"))):
                board.reserve(_keep_out(f), f.key)
                placed = True
                break
        if not placed:
            raise _no_room(f, ctx.deck, "le pilier", grow=True)


def _place_near(board: _Board, f: Feature, owner: Feature, names: _Names) -> bool:
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


def _best_of(board: _Board, f: Feature, spots, names: _Names, weight: float,
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


class _SeaField:
    """Spots at sea on a regular grid, each knowing its distance to the nearest thing already
    on the chart (up to `cap`), updated as things are placed: farthest-point sampling without
    scanning everything each time."""

    def __init__(self, board: _Board):
        area = board.safe.inset(3.0)
        self.nx = int(area.w // SEA_GRID) + 1
        self.ny = int(area.h // SEA_GRID) + 1
        self.x0 = area.x + (area.w - (self.nx - 1) * SEA_GRID) / 2
        self.y0 = area.y + (area.h - (self.ny - 1) * SEA_GRID) / 2
        d = board.island.distance_out
        self.xy = [(self.x0 + i * SEA_GRID, self.y0 + j * SEA_GRID)
                   for j in range(self.ny) for i in range(self.nx)]
        self.out = [d(x, y) for x, y in self.xy]
        # a little jitter per spot keeps the currents from looking ruled
        self.jitter = [board.rng.uniform(0.0, 2.0) for _ in self.xy]
        self.cap = 0.0
        self.near: list[float] = []

    def start(self, cap: float, anchors: RectIndex) -> None:
        """Distances up to cap from everything already on the chart."""
        self.cap = cap
        self.near = [cap] * (self.nx * self.ny)
        for rect, _ in anchors.items:
            self.update(rect)

    def update(self, r: Rect) -> None:
        cap, g = self.cap, SEA_GRID
        i0 = max(0, math.floor((r.x - cap - self.x0) / g))
        i1 = min(self.nx - 1, math.ceil((r.x2 + cap - self.x0) / g))
        j0 = max(0, math.floor((r.y - cap - self.y0) / g))
        j1 = min(self.ny - 1, math.ceil((r.y2 + cap - self.y0) / g))
        near = self.near
        for j in range(j0, j1 + 1):
            y = self.y0 + j * g
            dy = r.y - y if y < r.y else (y - r.y2 if y > r.y2 else 0.0)
            row = j * self.nx
            for i in range(i0, i1 + 1):
                x = self.x0 + i * g
                dx = r.x - x if x < r.x else (x - r.x2 if x > r.x2 else 0.0)
                dist = math.sqrt(dx * dx + dy * dy)
                if dist < near[row + i]:
                    near[row + i] = dist


def _place_at_sea(board: _Board, f: Feature, field_: _SeaField, names: _Names,
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


# -- labels ---------------------------------------------------------------------------------


def _label_variants(ctx: MapContext, text: str, size: float, face: str, caps: bool,
                    family: str = BODY, max_w: float = 78.0, long_w: float = 45.0,
                    ) -> tuple[Variant, ...]:
    """One, two or three balanced lines, at the label's size and one or two sizes smaller
    (never below 7 pt); the preferred form first."""
    if caps:
        text = text.upper()
    spans = ctx.spans(text, face)
    sizes: list[float] = []
    for k in (0, 1, 2):
        s = max(MIN_PT, size - k)
        if s not in sizes:
            sizes.append(s)
    variants = []
    for k, s in enumerate(sizes):
        st = TextStyle(family, s, 1.1, None)
        try:
            one = break_lines(spans, 10_000.0, st, ctx.measure, ctx.deck.language,
                              hyphenate=False)
        except Overflow:
            continue
        natural = sum(w for _, w in one)
        for n in (1, 2, 3):
            lines = one if n == 1 else None
            if n > 1:
                for stretch in (1.0, 1.06, 1.14, 1.25, 1.4):
                    try:
                        cand = break_lines(spans, natural / n * stretch + 0.01, st, ctx.measure,
                                           ctx.deck.language, hyphenate=False)
                    except Overflow:
                        continue
                    if len(cand) <= n:
                        lines = cand
                        break
            if lines is None or len(lines) != n or (n > 1 and natural / n < MIN_LINE_W):
                continue
            w = max(width for _, width in lines)
            if w > max_w:
                continue
            h = text_height(n, st) + s * 0.3 * PT
            # long names read better on two lines than as one long streak
            penalty = k * 1.5 + (n - 1) * 0.8 + max(0.0, w - long_w) * 0.07
            variants.append(Variant(w, h, penalty, (lines, s)))
    return tuple(variants)


LABEL_STYLE = {
    # kind: (size pt, face, capitals, colour name, family): land names in upright capitals,
    # water names in italics (the cartographer's convention), in the display serif
    "pillar": (10.5, "bold", True, "ink", "body"),
    "stage": (9.0, "bold", False, "stage", "body"),
    "beacon": (8.5, "regular", False, "beacon", "body"),
    "current": (10.0, "italic", False, "current", "display"),
    "harbour": (9.0, "italic", False, "ink", "display"),
    "arrival": (9.0, "italic", False, "ink", "display"),
}
DISPLAY = "display"


# -- the recto ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recto:
    page: PageSpec
    labels: tuple[Placement, ...]
    #: (owner, rectangle) of every pictogram and fixed block no other label may cover
    obstacles: tuple[tuple[str, Rect], ...]
    safe: Rect
    features: tuple[Feature, ...]
    island: Island


MAX_ATTEMPTS = 6


def plan_recto(deck: Deck, measure: Measure) -> Recto:
    pal = palette_for(deck)
    t = Messages(deck.language)
    ctx = MapContext(deck, measure, pal, t, random.Random(seed_for(deck.id, deck.map.seed)))
    reg = regions()
    chart = reg.chart
    keep_clear = [reg.cartouche.outset(2), reg.compass.outset(1)]

    # every label's forms, measured once for all the attempts
    titles: dict[str, tuple[str, str]] = {}
    for s_i, s in enumerate(deck.stages, 1):
        titles[s.id] = ("stage", f"{s_i}. {s.title}")
    for kind, entities in (("pillar", deck.pillars), ("beacon", deck.beacons),
                           ("current", deck.currents)):
        for e in entities:
            titles[e.id] = (kind, e.title)
    titles["_harbour"] = ("harbour", t("map.departure"))
    titles["_arrival"] = ("arrival", t("map.arrival"))
    variants: dict[str, tuple[Variant, ...]] = {}
    for key, (kind, text) in titles.items():
        size, face, caps, _, family = LABEL_STYLE[kind]
        if kind == "pillar" and len(deck.pillars) > 4:
            size -= 1.0  # a crowded island: the names stay first in rank, a little smaller
        # a landmark's name may run longer on one line: it has the island to itself
        long_w = 64.0 if kind == "pillar" else 45.0
        variants[key] = _label_variants(ctx, text, size, face, caps, family, long_w=long_w)
    # a name too long for three lines of the widest label is an error of its own
    problems = []
    for e in (*deck.stages, *deck.pillars, *deck.beacons, *deck.currents):
        if not variants[e.id]:
            from kit.layout.limits import max_chars

            kind, _ = titles[e.id]
            style = LABEL_STYLE[kind]
            wide = 64.0 if kind == "pillar" else 45.0
            most = max_chars(e.title, lambda text, st=style, w=wide: bool(_label_variants(
                ctx, text, st[0], st[1], st[2], st[4], long_w=w)))
            shown = e.title if len(e.title) <= 60 else e.title[:59].rstrip() + "…"
            problems.append(Diagnostic(e.loc, f"la carte de poche : le titre « {shown} » est"
                                              " trop long pour une étiquette (au plus"
                                              f" {most} caractères, il en a {len(e.title)}) ;"
                                              " raccourcissez-le"))
    if problems:
        raise KitError(problems)

    kinds = {key: kind for key, (kind, _) in titles.items()}
    unit, scale, s_min, s_max = _choose_island(deck, chart, keep_clear, kinds, variants)
    layout = None
    # the first complaint of the land (wants a larger island) and of the sea (a smaller one)
    errors: dict[bool, _NoRoom] = {}
    tried: list[float] = []
    direction = 0
    for _ in range(MAX_ATTEMPTS):
        tried.append(scale)
        try:
            layout = _lay_out(ctx, reg, unit.scaled(scale), variants)
            break
        except _NoRoom as exc:
            errors.setdefault(exc.grow, exc)
            step = 1 if exc.grow else -1
            if direction and step != direction:
                break  # the land wants more room and the sea less: no island size will do
            direction = step
            nxt = min(s_max, scale * 1.09) if exc.grow else max(s_min, scale * 0.92)
            if abs(nxt - scale) < 1e-6:
                break
            scale = nxt
    if layout is None:
        # last resort: names may leave their side of the coast or cross the route
        try:
            layout = _lay_out(ctx, reg, unit.scaled(tried[-1]), variants, relaxed=True)
        except _NoRoom as exc:
            errors.setdefault(exc.grow, exc)
            raise KitError([d for e in errors.values() for d in e.diagnostics]) from None
    island = layout.island
    features = layout.features
    placements = layout.placements

    items: list = []
    items += _draw_sea_and_island(ctx, chart, island)
    items += _draw_trails(ctx, island, [f for f in features if f.kind == "pillar"],
                          placements, features)
    items += _draw_route(ctx, layout.route_cmds, layout.route_line)
    items += _draw_features(ctx, features)
    items += _draw_labels(ctx, placements, {f.key: f for f in features})
    items += _draw_cartouche(ctx, reg.cartouche)
    items += pictogram("compass_rose", reg.compass.w, reg.compass.x, reg.compass.y, pal["ink"],
                       pal["accent"], WHITE)
    items += _draw_side(ctx, reg.side)
    items += frame_items(pal)
    page = PageSpec(SHEET_W, SHEET_H, tuple(items), label="recto")
    return Recto(page, tuple(placements), tuple(layout.obstacles), chart.inset(2.0),
                 tuple(features), island)


# -- drawing --------------------------------------------------------------------------------


def _draw_sea_and_island(ctx: MapContext, chart: Rect, island: Island) -> list:
    pal = ctx.palette
    sea, deep = pal["sea"], pal["deep"]
    paper = Color.from_hex("#f7fbfc")
    items: list = [Shape(rect_path(chart), Style(fill=paper))]
    # depth bands: offset copies of the coast, darker towards the shore
    for offset, t in ((22.0, 0.25), (13.0, 0.5), (6.0, 0.8)):
        items.append(Shape(island.outline(offset), Style(fill=paper.mix(sea, t))))
    items.append(Shape(island.outline(2.5), Style(fill=sea.mix(deep, 0.55))))
    # waterlines hugging the coast, the engraved look
    for offset in (4.2, 9.0, 16.0):
        items.append(Shape(island.outline(offset), Style(stroke=deep.mix(pal["ink"], 0.15),
                                                         width=0.18)))
    land = pal["land"]
    items.append(Shape(island.outline(0), Style(fill=land, stroke=pal["ink"], width=0.45)))
    # relief: faint contours inland
    relief = land.mix(Color.from_hex("#8a6a3b"), 0.35)
    for scale in (0.74, 0.5, 0.28):
        items.append(Shape(island.outline(0, scale), Style(stroke=relief, width=0.2,
                                                           dash=(2.0, 1.2))))
    return items


def _draw_trails(ctx: MapContext, island: Island, pillars: list[Feature],
                 placements: list[Placement], features: list[Feature]) -> list:
    """A few dotted paths leaving each landmark, one per sentier, that stop short of any name
    or other sign and of the coast."""
    items: list = []
    colour = ctx.palette["pillar"].mix(WHITE, 0.15)
    style = Style(stroke=colour, width=0.45, dash=(0.2, 1.1), cap="round")
    end = Style(fill=colour)
    blocked = RectIndex()
    for p in placements:
        blocked.add(p.rect.outset(1.0), p.key)
    for f in features:
        blocked.add(f.footprint.outset(1.0), f.key)

    def free(x: float, y: float, own: str) -> bool:
        probe = Rect(x - 0.3, y - 0.3, 0.6, 0.6)
        owner = blocked.hits(probe)
        if owner is None:
            return True
        # its own landmark is where the trail starts; its own name is in the way
        return owner == own and not any(p.key == own and p.rect.outset(1.0).intersects(probe)
                                        for p in placements)

    for f in pillars:
        trails = f.entity.trails
        n = len(trails)
        for k in range(n):
            a = 2 * math.pi * (k + 0.5) / max(n, 1) + 0.6
            pts = [(f.x + math.cos(a) * (f.radius + 0.9), f.y + math.sin(a) * (f.radius + 0.9))]
            x, y = pts[0]
            for _ in range(4):
                a += ctx.rng.uniform(-0.45, 0.45)
                nx, ny = x + math.cos(a) * 4.2, y + math.sin(a) * 4.2
                if not island.contains(nx, ny, 3.0) or not free(nx, ny, f.key):
                    break
                x, y = nx, ny
                pts.append((x, y))
            if len(pts) >= 3:
                items.append(Shape(tuple(_smooth_open(pts)), style))
                items.append(Shape(circle_path(x, y, 0.7), end))
    return items


def _draw_route(ctx: MapContext, cmds: list[tuple], line: list[tuple[float, float]]) -> list:
    pal = ctx.palette
    colour = pal["stage"]
    items: list = [Shape(tuple(cmds), Style(stroke=WHITE, width=1.6, cap="round")),
                   Shape(tuple(cmds), Style(stroke=colour, width=0.7, dash=(2.6, 1.6),
                                            cap="butt"))]
    # small arrowheads along the way
    step = max(1, len(line) // 9)
    for i in range(step // 2 + 1, len(line) - 1, step):
        (x0, y0), (x1, y1) = line[i - 1], line[i + 1]
        a = math.atan2(y1 - y0, x1 - x0)
        x, y = line[i]
        tip = (x + math.cos(a) * 1.6, y + math.sin(a) * 1.6)
        left = (x + math.cos(a + 2.5) * 1.5, y + math.sin(a + 2.5) * 1.5)
        right = (x + math.cos(a - 2.5) * 1.5, y + math.sin(a - 2.5) * 1.5)
        items.append(Shape(polyline([tip, left, right], closed=True), Style(fill=colour)))
    return items


def _draw_features(ctx: MapContext, features: list[Feature]) -> list:
    pal = ctx.palette
    items: list = []
    for f in features:
        if f.kind == "pillar":
            size = (f.radius - HALO) * 2
            items.append(Shape(circle_path(f.x, f.y, f.radius),
                               Style(fill=pal["land"].mix(WHITE, 0.55))))
            items += pictogram(f.landmark, size * 0.92, f.x - size * 0.46, f.y - size * 0.46,
                               pal["ink"], pal["pillar"], WHITE)
        elif f.kind == "stage":
            items.append(Shape(circle_path(f.x, f.y, f.radius - 0.25),
                               Style(fill=pal["stage"], stroke=WHITE, width=0.5)))
            label = str(f.number)
            size = 8.5
            w = ctx.measure(label, "bold", BODY, size)
            items.append(place_lines([([TextSpan(label, "bold")], w)],
                                     Rect(f.x - w / 2, f.y - size * 0.36 * PT, w, size * PT),
                                     TextStyle(BODY, size, 1.0, WHITE), "label"))
        elif f.kind == "beacon":
            size = f.radius * 2
            items += pictogram("beacon", size, f.x - size / 2, f.y - size / 2, pal["ink"],
                               pal["beacon"], WHITE)
        elif f.kind == "current":
            size = f.radius * 2
            items += pictogram("current", size, f.x - size / 2, f.y - size / 2, pal["ink"],
                               pal["current"], WHITE)
        elif f.kind in ("harbour", "arrival"):
            size = f.radius * 2
            name = "harbour" if f.kind == "harbour" else "anchor"
            items.append(Shape(circle_path(f.x, f.y, f.radius), Style(fill=WHITE)))
            items += pictogram(name, size * 0.9, f.x - size * 0.45, f.y - size * 0.45,
                               pal["ink"], pal["stage"], WHITE)
    return items


def _draw_labels(ctx: MapContext, placements: list[Placement], features: dict) -> list:
    items: list = []
    for p in placements:
        f = features[p.key]
        _, _, _, colour_name, family = LABEL_STYLE[f.kind]
        lines, size = p.variant.payload
        colour = ctx.palette[colour_name]
        align = "left"
        if p.position in ("left", "upper-left", "lower-left"):
            align = "right"
        elif p.position in ("above", "below"):
            align = "center"
        st = TextStyle(family, size, 1.1, colour, "center" if align == "center" else "left")
        box = p.rect
        laid = []
        for spans, width in lines:
            laid.append((spans, width))
        block = place_lines(laid, Rect(box.x, box.y + size * 0.12 * PT, box.w, box.h), st,
                            "label")
        if align == "right":
            block = TextBlock(tuple(type(line)(box.x2 - line.width, line.y, line.spans,
                                               line.width) for line in block.lines),
                              block.family, block.size, block.color, block.box, block.role)
        # a soft halo keeps labels legible over waterlines and relief
        items.append(Shape(rect_path(box.outset(0.4)), Style(fill=WHITE, opacity=0.55)))
        items.append(block)
        if p.leader:
            items.append(Shape(polyline([p.leader[:2], p.leader[2:]]),
                               Style(stroke=colour, width=0.25)))
    return items


def _fit_block(ctx: MapContext, text_spans: list[TextSpan], box_w: float, size: float,
               colour: Color, align: str = "left", leading: float = 1.2,
               hyphenate: bool = True, family: str = BODY) -> tuple[list, float]:
    st = TextStyle(family, size, leading, colour, align)
    lines = break_lines(text_spans, box_w, st, ctx.measure, ctx.deck.language,
                        hyphenate=hyphenate)
    return lines, text_height(len(lines), st)


def _draw_cartouche(ctx: MapContext, box: Rect) -> list:
    pal, deck = ctx.palette, ctx.deck
    ink = pal["ink"]
    items: list = [
        Shape(rect_path(box), Style(fill=pal["cream"], stroke=ink, width=0.5, join="miter")),
        Shape(rect_path(box.inset(1.2)), Style(stroke=ink, width=0.2, join="miter")),
    ]
    inner = box.inset(5, 4)
    if deck.territory.logo:
        # the territory's logo on the right, its text column narrower
        side = inner.h
        items.append(Image(deck.territory.logo, Rect(inner.x2 - side, inner.y, side, side)))
        inner = Rect(inner.x, inner.y, inner.w - side - 4, inner.h)
    y = inner.y
    for text, face, sizes, colour, family in (
        (deck.title, "regular", (21, 19, 17, 15, 13), ink, DISPLAY),
        (deck.subtitle, "italic", (10, 9, 8, 7.5), pal["muted"], DISPLAY),
        ((deck.territory.name or "").upper(), "bold", (8, 7.5, 7), pal["stage"], BODY),
    ):
        if not text:
            continue
        spans = ctx.spans(text, face)
        for size in sizes:
            lines, h = _fit_block(ctx, spans, inner.w, size, colour, hyphenate=False,
                                  family=family)
            if len(lines) <= 2 or size == sizes[-1]:
                break
        st = TextStyle(family, size, 1.15, colour)
        items.append(place_lines(lines, Rect(inner.x, y, inner.w, h), st, "title"))
        y += h + 2.2
    if y > box.y2 - 2:
        raise KitError(Diagnostic(deck.loc, "la carte de poche : le titre, le sous-titre et le"
                                            " territoire ne tiennent pas dans le cartouche ;"
                                            " raccourcissez-les"))
    return items


def _draw_side(ctx: MapContext, side: Rect) -> list:
    """Sites, imaginaires and the legend in the right-hand column."""
    pal, deck, t = ctx.palette, ctx.deck, ctx.t
    ink = pal["ink"]
    items: list = [Shape(rect_path(side), Style(fill=pal["cream"]))]
    items.append(Shape(polyline([(side.x, side.y), (side.x, side.y2)]),
                       Style(stroke=ink, width=0.3)))
    inner = side.inset(6, 6)
    legend_h = 42.0
    y = inner.y
    sections = (("sites", t("map.sites"), deck.sites, "site"),
                ("imaginaries", t("map.imaginaries"), deck.imaginaries, "imaginary"))
    for _kind, heading, entities, icon in sections:
        if not entities:
            continue
        items += pictogram(icon, 7, inner.x, y - 0.5, ink, pal["accent"], WHITE)
        lines, h = _fit_block(ctx, [TextSpan(heading.upper(), "bold")], inner.w - 9, 9, ink,
                              hyphenate=False)
        items.append(place_lines(lines, Rect(inner.x + 9, y + 1.0, inner.w - 9, h),
                                 TextStyle(BODY, 9, 1.2, ink), "title"))
        y += max(h, 6.5) + 2.5
        for e in entities:
            for text, face, colour, size in ((e.title, "bold", ink, 8.5),
                                             (e.text, "regular", pal["muted"], 7.5)):
                if not text:  # a site or an imaginary may be given its title only
                    continue
                lines, h = _fit_block(ctx, ctx.spans(text, face), inner.w, size, colour)
                items.append(place_lines(lines, Rect(inner.x, y, inner.w, h),
                                         TextStyle(BODY, size, 1.2, colour), "body"))
                y += h + 0.8
            y += 2.0
        y += 3.0
    if y > inner.y2 - legend_h:
        first = (deck.sites or deck.imaginaries)[0]
        raise KitError(Diagnostic(first.loc, "la carte de poche : les sites et imaginaires ne"
                                             " tiennent pas dans la colonne de droite ;"
                                             " raccourcissez leurs"
                                             " textes ou retirez-en"))
    items += _draw_legend(ctx, Rect(inner.x, inner.y2 - legend_h, inner.w, legend_h))
    return items


def _draw_legend(ctx: MapContext, box: Rect) -> list:
    """The legend: pictogram and name of every kind of sign, in two columns."""
    pal, t = ctx.palette, ctx.t
    ink = pal["ink"]
    items: list = [Shape(polyline([(box.x, box.y), (box.x2, box.y)]),
                         Style(stroke=ink, width=0.3))]
    lines, h = _fit_block(ctx, [TextSpan(t("map.legend").upper(), "bold")], box.w, 9, ink)
    items.append(place_lines(lines, Rect(box.x, box.y + 3, box.w, h),
                             TextStyle(BODY, 9, 1.2, ink), "title"))
    top = box.y + 3 + h + 2.5
    landmark = ctx.deck.pillars[0].landmark if ctx.deck.pillars else "volcano"
    rows = (
        ("pillar", t("map.pillar")),
        ("stage", t("map.stage")),
        ("route", t("map.route")),
        ("trail", t("map.trail")),
        ("beacon", t("map.beacon")),
        ("current", t("map.current")),
        ("harbour", t("map.harbour")),
    )
    col_w = box.w / 2
    y_col = [top, top]
    for k, (kind, label) in enumerate(rows):
        col = 0 if k < (len(rows) + 1) // 2 else 1
        x0, y = box.x + col * col_w, y_col[col]
        cx, cy = x0 + 3.5, y + 2.2
        if kind == "pillar":
            items += pictogram(landmark, 6.5, cx - 3.25, cy - 3.25, ink, pal["pillar"], WHITE)
        elif kind == "stage":
            items.append(Shape(circle_path(cx, cy, 2.4), Style(fill=pal["stage"])))
        elif kind == "route":
            items.append(Shape(polyline([(cx - 3.5, cy), (cx + 3.5, cy)]),
                               Style(stroke=pal["stage"], width=0.7, dash=(2.6, 1.6), cap="butt")))
        elif kind == "trail":
            items.append(Shape(polyline([(cx - 3.5, cy), (cx + 3.5, cy)]),
                               Style(stroke=pal["pillar"], width=0.45, dash=(0.2, 1.1))))
        elif kind == "beacon":
            items += pictogram("beacon", 6, cx - 3, cy - 3, ink, pal["beacon"], WHITE)
        elif kind == "current":
            items += pictogram("current", 6, cx - 3, cy - 3, ink, pal["current"], WHITE)
        elif kind == "harbour":
            items += pictogram("harbour", 6, cx - 3, cy - 3, ink, pal["stage"], WHITE)
        lines, lh = _fit_block(ctx, ctx.spans(label), col_w - 10, 7.5, ink, hyphenate=False)
        items.append(place_lines(lines, Rect(x0 + 9, y + 0.2, col_w - 10, lh),
                                 TextStyle(BODY, 7.5, 1.2, ink), "label"))
        y_col[col] = y + max(lh, 4.5) + 2.2
    if max(y_col) > box.y2 + 1e-6:
        raise KitError(Diagnostic(ctx.deck.loc, "la carte de poche : la légende déborde de sa"
                                                " colonne"))
    return items


# -- the files ------------------------------------------------------------------------------


def plan_verso(deck: Deck, measure: Measure, fold: str, island: Island | None = None,
               cwd=None, press: bool = False) -> PageSpec:
    """The verso: the guide's panels where the fold scheme puts them, and the numbered fold
    marks — inside the printable band for the office, in the slug for a press file (see
    fold_marks_in_slug)."""
    from kit.load.folds import load_fold_scheme
    from kit.products.guide import island_silhouette, verso_items

    scheme = load_fold_scheme(fold, cwd)
    silhouette = (lambda box: island_silhouette(island, box)) if island else None
    items = verso_items(deck, measure, palette_for(deck), scheme, silhouette, press=press)
    return PageSpec(SHEET_W, SHEET_H, tuple(items), label="verso")


def fold_marks_in_slug(page: PageSpec, bleed: float, fold: str = "half-concertina",
                       cwd=None) -> PageSpec:
    """A press page with the numbered fold marks outside the bleed, on the fold lines'
    extensions (kit.layout.fold_marks), in registration colour like the crop marks."""
    from dataclasses import replace

    from kit.layout.fold_marks import fold_marks
    from kit.layout.geometry import REGISTRATION
    from kit.load.folds import load_fold_scheme
    from kit.render import fonts

    marks = fold_marks(load_fold_scheme(fold, cwd), page.trim, fonts.measure, offset=bleed + 1.0,
                       length=5.0, outside=True, colour=REGISTRATION)
    return replace(page, items=page.items + tuple(marks))


def build(deck: Deck, options) -> dict[str, bytes]:
    """map.pdf (recto + verso), map-recto.pdf, map-verso.pdf, map.svg and, on A4 or Letter
    paper, map-tiled-<paper>.pdf: the recto over office sheets to glue together."""
    from kit.finish import pdf_bytes as render_pdf
    from kit.finish import svg_text as render_svg  # nothing while kit validate plans
    from kit.layout.geometry import Document
    from kit.products.poster import press_page, tile_pages
    from kit.render import fonts

    families = {"body": None, "display": None}
    for role in families:
        fonts.ensure(role)
    recto = plan_recto(deck, fonts.measure)
    press = options.profile == "press"
    fold = getattr(options, "fold", "half-concertina")
    verso = plan_verso(deck, fonts.measure, fold, recto.island, press=press)
    title = deck.title
    t = Messages(deck.language)
    meta = {"author": deck.territory.name or "", "cmyk": press}

    def doc(pages, subject):
        if press:
            pages = [press_page(p, options.bleed) for p in pages]
            pages = [fold_marks_in_slug(p, options.bleed, fold) if p.label == "verso" else p
                     for p in pages]
        return Document(tuple(pages), title=f"{title} — {t('documents.map')}", subject=subject,
                        **meta)

    out = {
        "map.pdf": render_pdf(doc([recto.page, verso], "map"), families),
        "map-recto.pdf": render_pdf(doc([recto.page], "map-recto"), families),
        "map-verso.pdf": render_pdf(doc([verso], "map-verso"), families),
        "map.svg": render_svg(recto.page, families=families, title=title),
    }
    if getattr(options, "large_print", False):
        # 14 pt does not fit the folded sheet's panels: the guide also comes as an A5 booklet
        from kit.load.folds import load_fold_scheme
        from kit.products.guide import island_silhouette, plan_booklet

        booklet = plan_booklet(deck, fonts.measure, palette_for(deck),
                               silhouette=lambda box: island_silhouette(recto.island, box),
                               scheme=load_fold_scheme(fold))
        out["map-guide-large-print.pdf"] = render_pdf(doc(booklet, "map-guide-large-print"),
                                                      families)
    if options.paper in ("A4", "letter") and not press:
        pages = tile_pages(recto.page.items, SHEET_W, SHEET_H, options.paper, 10.0,
                           fonts.measure, deck.language, f"{title} — {t('map.recto_side')}")
        out[f"map-tiled-{options.paper}.pdf"] = render_pdf(
            Document(tuple(pages), title=f"{title} — {t('documents.map_tiled')}",
                     subject="map-tiled"),
            families)
    return out
