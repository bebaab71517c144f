"""Drawing the chart: sea and island, the sentiers, the route, the signs and their names."""

from __future__ import annotations

import math

from kit.layout.geometry import (
    WHITE,
    Color,
    Rect,
    Shape,
    Style,
    TextBlock,
    TextSpan,
    circle_path,
    polyline,
    rect_path,
)
from kit.layout.island import Island
from kit.layout.labels import Placement, RectIndex
from kit.layout.pictograms import pictogram
from kit.layout.text import PT, place_lines
from kit.layout.text import Style as TextStyle
from kit.products.map.features import HALO, Feature
from kit.products.map.names import LABEL_STYLE
from kit.products.map.route import smooth_open
from kit.products.map.sheet import BODY, MapContext

# -- drawing --------------------------------------------------------------------------------


def draw_sea_and_island(ctx: MapContext, chart: Rect, island: Island) -> list:
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


def draw_trails(ctx: MapContext, island: Island, pillars: list[Feature],
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
                items.append(Shape(tuple(smooth_open(pts)), style))
                items.append(Shape(circle_path(x, y, 0.7), end))
    return items


def draw_route(ctx: MapContext, cmds: list[tuple], line: list[tuple[float, float]]) -> list:
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


def draw_features(ctx: MapContext, features: list[Feature]) -> list:
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


def draw_labels(ctx: MapContext, placements: list[Placement], features: dict) -> list:
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
