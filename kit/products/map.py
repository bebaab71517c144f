"""The pocket map's recto: an island sea chart generated from the deck.

Composition (A3 landscape, 420 × 297 mm, y down): a graduated double frame; the chart on the
left with the island, its pillars and sentiers, the itinerary's sea route and stages, the
beacons, the dangerous currents, a cartouche and a compass rose; a side column with the
sites à ne pas manquer, the imaginaires conseillés and the legend. Labels are placed by
annealing (kit.layout.labels); whatever cannot be placed cleanly fails the build by name.
"""

from __future__ import annotations

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
from kit.layout.labels import LabelRequest, Placement, Variant, place_labels
from kit.layout.pictograms import pictogram
from kit.layout.text import (
    PT,
    Measure,
    Overflow,
    break_lines,
    parse_inline,
    place_lines,
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
        spans = parse_inline(self.typo(text))
        if face != "regular":
            spans = [TextSpan(s.text, _combine(s.face, face)) for s in spans]
        return spans


def _combine(a: str, b: str) -> str:
    bold = "bold" in a or "bold" in b
    italic = "italic" in a or "italic" in b
    return ("bold" if bold else "") + ("italic" if italic else "") or "regular"


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
    """A point on the chart with its pictogram footprint and a label to place."""

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


def _pinned(entity: Entity | None) -> tuple[float, float] | None:
    pin = getattr(entity, "map", None)
    if pin is None:
        return None
    return SHEET_W * pin.x / 100, SHEET_H * pin.y / 100


def _island_for(deck: Deck, chart: Rect, keep_clear: list[Rect], ring: float) -> Island:
    """The deck's island, as large as the chart allows with its route ring clear of the
    cartouche and the compass rose."""
    cx = chart.x + chart.w * 0.52
    cy = chart.y + chart.h * 0.53
    seed = seed_for(deck.id, deck.map.seed)
    scale = 0.27
    while True:
        island = make_island(seed, cx, cy, chart.w * scale, chart.h * scale * 0.98)
        ring_pts = island.polygon(ring + 8, samples=120)
        inside = all(chart.inset(6).contains_point(x, y) for x, y in ring_pts)
        clear = not any(r.contains_point(x, y) for r in keep_clear for x, y in ring_pts)
        if (inside and clear) or scale < 0.15:
            return island
        scale *= 0.96


def _place_pillars(ctx: MapContext, island: Island, obstacles: list[Rect]) -> list[Feature]:
    pillars = ctx.deck.pillars
    features = []
    if not pillars:
        return features
    n = len(pillars)
    radius = 11.0 if n <= 3 else (9.0 if n <= 5 else 7.5)
    margin = radius + 8
    # candidate spots on land, away from the coast; farthest-point sampling spreads them out
    spots = []
    for _ in range(900):
        theta = ctx.rng.uniform(0, 2 * math.pi)
        s = math.sqrt(ctx.rng.uniform(0.0, 1.0)) * 0.82
        x, y = island.point(theta, 0, s)
        # the whole landmark, with room for its name, must stand on land
        ring = [(x + math.cos(a) * (radius + 5), y + math.sin(a) * (radius + 5))
                for a in (k * math.pi / 6 for k in range(12))]
        if (island.contains(x, y, margin) and all(island.contains(px, py, 2.0) for px, py in ring)
                and not any(o.outset(radius + 4).contains_point(x, y) for o in obstacles)):
            spots.append((x, y))
    chosen: list[tuple[float, float]] = []
    for p in pillars:
        pin = _pinned(p)
        if pin:
            chosen.append(pin)
    free = [p for p in pillars if not _pinned(p)]
    if free and not spots:
        raise KitError(Diagnostic(free[0].loc, "la carte : plus de place sur l'île pour ce pilier"))
    for _ in free:
        if not chosen:
            # start near the centre-left so the first landmark anchors the composition
            best = min(spots, key=lambda q: math.hypot(q[0] - island.cx + island.rx * 0.3,
                                                       q[1] - island.cy))
        else:
            best = max(spots, key=lambda q: min(math.hypot(q[0] - c[0], q[1] - c[1])
                                                for c in chosen))
        chosen.append(best)
    ordered = [p for p in pillars if _pinned(p)] + free
    for p, (x, y) in zip(ordered, chosen, strict=True):
        features.append(Feature(p.id, "pillar", x, y, radius, p.title, p, "land",
                                landmark=p.landmark))
    return features


def _route_points(island: Island, n_stages: int, start_angle: float, ring: float):
    """Harbour on the coast, stages on a ring at sea clockwise, arrival back at the coast.

    Returns (harbour, stage points, arrival, waypoints): the waypoints follow the ring between
    stages so the route never cuts across the island.
    """
    span = math.radians(300)
    angles = [start_angle + span * (i + 0.6) / (n_stages + 0.2) for i in range(n_stages)]
    harbour = island.point(start_angle, 1.5)
    stages = [island.point(a, ring) for a in angles]
    arrival_angle = start_angle + span * (n_stages + 0.4) / (n_stages + 0.2)
    arrival = island.point(arrival_angle, 1.5)
    waypoints = [harbour, island.point(start_angle + (angles[0] - start_angle) * 0.5, ring * 0.7)]
    for i, a in enumerate(angles):
        waypoints.append(stages[i])
        b = angles[i + 1] if i + 1 < n_stages else arrival_angle
        steps = max(1, int(math.degrees(b - a) // 14))
        for k in range(1, steps):
            waypoints.append(island.point(a + (b - a) * k / steps,
                                          ring if i + 1 < n_stages else ring * (1 - k / steps)))
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


def _free_sea_spot(ctx: MapContext, island: Island, chart: Rect, taken: list[tuple], radius: float,
                   obstacles: list[Rect], near: tuple[float, float] | None = None,
                   min_out: float = 6.0) -> tuple[float, float] | None:
    best, best_score = None, -1e9
    for _ in range(500):
        if near:
            a = ctx.rng.uniform(0, 2 * math.pi)
            d = ctx.rng.uniform(radius * 2.2, radius * 5)
            x, y = near[0] + math.cos(a) * d, near[1] + math.sin(a) * d
        else:
            x = ctx.rng.uniform(chart.x + radius + 4, chart.x2 - radius - 4)
            y = ctx.rng.uniform(chart.y + radius + 4, chart.y2 - radius - 4)
        if not chart.inset(radius + 3).contains_point(x, y):
            continue
        if island.distance_out(x, y) < min_out + radius:
            continue
        if any(o.outset(radius + 2).contains_point(x, y) for o in obstacles):
            continue
        clear = min((math.hypot(x - tx, y - ty) - tr for tx, ty, tr in taken), default=100.0)
        score = clear - (math.hypot(x - near[0], y - near[1]) * 0.5 if near else 0)
        if clear > radius + 3 and score > best_score:
            best, best_score = (x, y), score
    return best


# -- labels ---------------------------------------------------------------------------------


def _label_variants(ctx: MapContext, text: str, size: float, face: str, caps: bool,
                    max_w: float, family: str = BODY) -> tuple[Variant, ...]:
    """One line, two lines, one and two sizes smaller (never below 7 pt), then with a leader."""
    if caps:
        text = text.upper()
    variants = []
    sizes = [size, max(MIN_PT, size - 1), max(MIN_PT, size - 2)]
    seen = set()
    for k, s in enumerate(sizes):
        for wrap_w in (None, max_w * 0.62, max_w * 0.45):
            st = TextStyle(family, s, 1.1, None)
            spans = ctx.spans(text, face)
            try:
                lines = break_lines(spans, wrap_w or 1000.0, st, ctx.measure,
                                    ctx.deck.language, hyphenate=False)
            except Overflow:
                continue
            if len(lines) > 3:
                continue
            w = max(width for _, width in lines)
            h = text_height(len(lines), st) + s * 0.3 * PT
            key = (round(w, 2), len(lines), s)
            if key in seen or w > max_w:
                continue
            seen.add(key)
            penalty = k * 1.5 + (len(lines) - 1) * 0.8
            variants.append(Variant(w, h, penalty, (lines, s)))
    far = [Variant(v.w, v.h, v.penalty + 4.0, v.payload, distance=9.0) for v in variants]
    return tuple(variants + far)


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


def _label_text(ctx: MapContext, f: Feature) -> str:
    if f.kind == "stage":
        return f"{f.number}. {f.title}"
    return f.title


# -- the recto ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recto:
    page: PageSpec
    labels: tuple[Placement, ...]
    obstacles: tuple[Rect, ...]
    safe: Rect
    features: tuple[Feature, ...]


def plan_recto(deck: Deck, measure: Measure) -> Recto:
    pal = palette_for(deck)
    t = Messages(deck.language)
    ctx = MapContext(deck, measure, pal, t, random.Random(seed_for(deck.id, deck.map.seed)))
    reg = regions()
    chart = reg.chart
    fixed_obstacles = [reg.cartouche.outset(2), reg.compass.outset(1)]
    ring = 15.0
    island = _island_for(deck, chart, fixed_obstacles, ring)

    pillars = _place_pillars(ctx, island, fixed_obstacles)
    harbour_xy, stage_xy, arrival_xy, waypoints = _route_points(island, len(deck.stages),
                                                                 math.radians(128), ring)
    stages = []
    for i, (s, xy) in enumerate(zip(deck.stages, stage_xy, strict=True), 1):
        x, y = _pinned(s) or xy
        stages.append(Feature(s.id, "stage", x, y, 3.8, s.title, s, "sea", number=i))
    harbour = Feature("_harbour", "harbour", *harbour_xy, 4.5, t("map.departure"), side="any")
    arrival = Feature("_arrival", "arrival", *arrival_xy, 4.0, t("map.arrival"), side="any")
    if any(_pinned(s) for s in deck.stages):  # pinned stages: go straight from one to the next
        waypoints = [harbour_xy] + [(f.x, f.y) for f in stages] + [arrival_xy]
    route_cmds = _smooth_open(waypoints)
    route_line = _bezier_points(route_cmds, 10)
    route_segments = [(*route_line[i], *route_line[i + 1]) for i in range(len(route_line) - 1)]

    taken: list[tuple[float, float, float]] = [(f.x, f.y, f.radius) for f in pillars + stages]
    taken += [(harbour.x, harbour.y, harbour.radius), (arrival.x, arrival.y, arrival.radius)]
    taken += [(x, y, 1.5) for x, y in route_line[::3]]

    # beacons beside the stage (at sea) or the pillar that first refers to them
    beacons = []
    owner: dict[str, Feature] = {}
    for f in stages:
        for b in f.entity.beacons:
            owner.setdefault(b, f)
    for f in pillars:
        for b in f.entity.beacons:
            owner.setdefault(b, f)
    for b in deck.beacons:
        radius = 3.6
        pin = _pinned(b)
        if pin:
            x, y = pin
        else:
            near = owner.get(b.id)
            spot = _free_sea_spot(ctx, island, chart, taken, radius, fixed_obstacles,
                                  near=(near.x, near.y) if near else None, min_out=4.0)
            if spot is None:
                spot = _free_sea_spot(ctx, island, chart, taken, radius, fixed_obstacles)
            if spot is None:
                raise KitError(Diagnostic(b.loc, f"la carte : pas de place pour la balise"
                                                 f" « {b.title} »"))
            x, y = spot
        feature = Feature(b.id, "beacon", x, y, radius, b.title, b, "sea")
        beacons.append(feature)
        taken.append((x, y, radius + 2))

    currents = []
    for c in deck.currents:
        radius = 5.0
        pin = _pinned(c)
        if pin:
            x, y = pin
        else:
            spot = _free_sea_spot(ctx, island, chart, taken, radius + 9, fixed_obstacles,
                                  min_out=ring + 4)
            if spot is None:
                spot = _free_sea_spot(ctx, island, chart, taken, radius + 4, fixed_obstacles,
                                      min_out=4.0)
            if spot is None:
                raise KitError(Diagnostic(c.loc, f"la carte : pas de place pour le courant"
                                                 f" « {c.title} »"))
            x, y = spot
        currents.append(Feature(c.id, "current", x, y, radius, c.title, c, "sea"))
        # room for its own name, so no swirl is read as another's
        taken.append((x, y, radius + 16))

    features = pillars + stages + beacons + currents + [harbour, arrival]

    # -- labels
    safe = chart.inset(2.0)
    obstacles = [reg.cartouche, reg.compass]
    obstacles += [Rect(f.x - f.radius, f.y - f.radius, 2 * f.radius, 2 * f.radius)
                  for f in features]
    requests = []
    for f in features:
        size, face, caps, _, family = LABEL_STYLE[f.kind]
        variants = _label_variants(ctx, _label_text(ctx, f), size, face, caps, 70.0, family)
        # a landmark's name reads best right under it
        positions = ("below", "above", "right", "left") if f.kind == "pillar" else None
        requests.append(LabelRequest(f.key, f.x, f.y, f.radius, variants, f.side, positions))
    placements, failed = place_labels(
        requests, safe, obstacles, is_land=lambda x, y: island.contains(x, y),
        lines=route_segments, seed=seed_for(deck.id, deck.map.seed))
    if failed:
        problems = []
        by_key = {f.key: f for f in features}
        for key in failed:
            f = by_key[key]
            loc = f.entity.loc if f.entity else deck.loc
            problems.append(Diagnostic(loc, f"la carte : l'étiquette « {f.title} » ne trouve pas"
                                            " de place sans chevaucher une autre ; raccourcissez"
                                            " son titre ou épinglez l'élément avec map: {x, y}"))
        raise KitError(problems)

    items: list = []
    items += _draw_sea_and_island(ctx, chart, island)
    items += _draw_trails(ctx, island, pillars)
    items += _draw_route(ctx, route_cmds, route_line)
    items += _draw_features(ctx, features)
    items += _draw_labels(ctx, placements, {f.key: f for f in features})
    items += _draw_cartouche(ctx, reg.cartouche)
    items += pictogram("compass_rose", reg.compass.w, reg.compass.x, reg.compass.y, pal["ink"],
                       pal["accent"], WHITE)
    items += _draw_side(ctx, reg.side)
    items += frame_items(pal)
    page = PageSpec(SHEET_W, SHEET_H, tuple(items), label="recto")
    return Recto(page, tuple(placements), tuple(obstacles), safe, tuple(features))


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


def _draw_trails(ctx: MapContext, island: Island, pillars: list[Feature]) -> list:
    items: list = []
    colour = ctx.palette["pillar"].mix(WHITE, 0.15)
    style = Style(stroke=colour, width=0.45, dash=(0.2, 1.1), cap="round")
    end = Style(fill=colour)
    for f in pillars:
        trails = f.entity.trails
        n = len(trails)
        for k in range(n):
            a = 2 * math.pi * (k + 0.5) / max(n, 1) + 0.6
            pts = [(f.x + math.cos(a) * (f.radius + 1.5), f.y + math.sin(a) * (f.radius + 1.5))]
            x, y = pts[0]
            for step in range(4):
                a += ctx.rng.uniform(-0.45, 0.45)
                nx, ny = x + math.cos(a) * 4.2, y + math.sin(a) * 4.2
                if not island.contains(nx, ny, 3.0):
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
            size = f.radius * 2
            items.append(Shape(circle_path(f.x, f.y, f.radius + 0.6),
                               Style(fill=pal["land"].mix(WHITE, 0.55))))
            items += pictogram(f.landmark, size * 0.92, f.x - size * 0.46, f.y - size * 0.46,
                               pal["ink"], pal["pillar"], WHITE)
        elif f.kind == "stage":
            items.append(Shape(circle_path(f.x, f.y, f.radius),
                               Style(fill=pal["stage"], stroke=WHITE, width=0.5)))
            label = str(f.number)
            size = 8.5
            w = ctx.measure(label, "bold", BODY, size)
            items.append(place_lines([([TextSpan(label, "bold")], w)],
                                     Rect(f.x - w / 2, f.y - size * 0.36 * PT, w, size * PT),
                                     TextStyle(BODY, size, 1.0, WHITE), "label"))
        elif f.kind == "beacon":
            size = f.radius * 2.2
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
        raise KitError(Diagnostic(deck.loc, "la carte : le titre, le sous-titre et le territoire"
                                            " ne tiennent pas dans le cartouche ; raccourcissez-les"))
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
    for kind, heading, entities, icon in sections:
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
                lines, h = _fit_block(ctx, ctx.spans(text, face), inner.w, size, colour)
                items.append(place_lines(lines, Rect(inner.x, y, inner.w, h),
                                         TextStyle(BODY, size, 1.2, colour), "body"))
                y += h + 0.8
            y += 2.0
        y += 3.0
    if y > inner.y2 - legend_h:
        first = (deck.sites or deck.imaginaries)[0]
        raise KitError(Diagnostic(first.loc, "la carte : les sites et imaginaires ne tiennent pas"
                                             " dans la colonne de droite ; raccourcissez leurs"
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
        raise KitError(Diagnostic(ctx.deck.loc, "la carte : la légende déborde de sa colonne"))
    return items


# -- the files ------------------------------------------------------------------------------


def plan_verso(deck: Deck, measure: Measure, fold: str, island: Island | None = None,
               cwd=None) -> PageSpec:
    from kit.layout.fold import panel_slots
    from kit.load.folds import load_fold_scheme
    from kit.products.guide import Slot, fold_ticks, island_silhouette, plan_verso_items

    scheme = load_fold_scheme(fold, cwd)
    slots = [Slot(p.order, p.rect, p.rotate, p.role) for p in panel_slots(scheme)]
    pal = palette_for(deck)
    silhouette = (lambda box: island_silhouette(island, box)) if island else None
    items = plan_verso_items(deck, measure, pal, slots, SHEET_W, SHEET_H, silhouette)
    items += fold_ticks(SHEET_W, SHEET_H, scheme.cols, scheme.rows, 6.5, Color.gray(0.5))
    return PageSpec(SHEET_W, SHEET_H, tuple(items), label="verso")


def build(deck: Deck, options) -> dict[str, bytes]:
    """map.pdf (recto + verso), map-recto.pdf, map-verso.pdf, map.svg and, on A4 or Letter
    paper, map-tiled-<paper>.pdf: the recto over office sheets to glue together."""
    from kit.finish import pdf_bytes as render_pdf
    from kit.layout.geometry import Document
    from kit.products.poster import press_page, tile_pages
    from kit.render import fonts
    from kit.render.svg import render_svg

    families = {"body": None, "display": None}
    for role in families:
        fonts.ensure(role)
    recto = plan_recto(deck, fonts.measure)
    island = _island_for(deck, regions().chart, [regions().cartouche.outset(2),
                                                 regions().compass.outset(1)], 15.0)
    verso = plan_verso(deck, fonts.measure, getattr(options, "fold", "half-concertina"), island)
    press = options.profile == "press"
    title = deck.title
    t = Messages(deck.language)
    meta = {"author": deck.territory.name or "", "cmyk": press}

    def doc(pages, subject):
        if press:
            pages = [press_page(p, options.bleed) for p in pages]
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
        from kit.products.guide import island_silhouette, plan_booklet

        booklet = plan_booklet(deck, fonts.measure, palette_for(deck),
                               silhouette=lambda box: island_silhouette(island, box))
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
