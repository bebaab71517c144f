"""Drawing the chart: sea and island, the sentiers, the route, the signs and their names."""

from __future__ import annotations

import math
from dataclasses import replace

from kit.layout.curvetext import glyph_items
from kit.layout.geometry import (
    WHITE,
    Clip,
    Color,
    Rect,
    Shape,
    Style,
    TextBlock,
    TextSpan,
    circle_path,
    polyline,
    rect_path,
    smooth_closed_path,
)
from kit.layout.island import Archipelago
from kit.layout.labels import Placement
from kit.layout.pictograms import pictogram
from kit.layout.terrain import (
    cut_polyline,
    rhumb_lines,
    waterline,
)
from kit.layout.text import PT, place_lines
from kit.layout.text import Style as TextStyle
from kit.products.map.current_names import NAME_PT
from kit.products.map.features import HALO, Feature
from kit.products.map.flow import arrowhead
from kit.products.map.names import LABEL_STYLE
from kit.products.map.route import smooth_open
from kit.products.map.sheet import BODY, MapContext

# -- drawing --------------------------------------------------------------------------------

#: the open sea's paper, and the depth bands over it: (mm out from the coast, share of the
#: sea's colour), lighter further out
PAPER = Color.from_hex("#f7fbfc")
SEA_BANDS = ((22.0, 0.25), (13.0, 0.5), (6.0, 0.8))
#: a name's halo: its letters stroked this wide (pt) in the colour under them first, so
#: that the halo reaches half as far beyond each letter's edge
HALO_PT = 1.2


def ground(ctx: MapContext, land: Archipelago, x: float, y: float) -> Color:
    """The colour the chart has under (x, y): the land's, or the sea's band there."""
    d = land.distance_out(x, y)
    if d <= 0:
        return ctx.palette["land"]
    tone = 0.0
    for offset, t in SEA_BANDS:
        if d <= offset:
            tone = t
    return PAPER.mix(ctx.palette["sea"], tone)



def draw_sea(ctx: MapContext, chart: Rect, land: Archipelago, compass: Rect,
             keep_clear) -> list:
    """The sea: paper, depth bands darker towards the shore, rhumb lines from the compass rose
    (stopping at the coasts and around the names), and waterlines hugging the coasts, merged
    where two islands' meet; all inside the chart's frame."""
    pal = ctx.palette
    sea, deep = pal["sea"], pal["deep"]
    items: list = [Shape(rect_path(chart), Style(fill=PAPER))]
    paper = PAPER
    # rhumb lines first: the bands and waterlines lie over them near the coasts
    rhumb = deep.mix(paper, 0.45)
    cx, cy = compass.cx, compass.cy
    for start, end, rank in rhumb_lines(cx, cy, compass.w * 0.55, chart.inset(0.5)):
        width = (0.22, 0.16, 0.12)[rank]
        for part in cut_polyline([start, end], lambda x, y: land.distance_out(x, y) < 24.0
                                 or keep_clear(x, y), step=1.5):
            items.append(Shape(polyline(part), Style(stroke=rhumb, width=width,
                                                     dash=None if rank < 2 else (2.4, 1.6))))
    for offset, t in SEA_BANDS:
        items.append(Shape(land.outline(offset), Style(fill=paper.mix(sea, t))))
    items.append(Shape(land.outline(2.5), Style(fill=sea.mix(deep, 0.55))))
    ink = deep.mix(pal["ink"], 0.15)
    for offset, width in ((4.2, 0.2), (9.0, 0.18), (16.0, 0.16)):
        for points, closed in waterline(land, offset):
            path = smooth_closed_path(points) if closed else tuple(smooth_open(points))
            items.append(Shape(path, Style(stroke=ink, width=width)))
    return [Clip(chart, tuple(items))]


RELIEF_INK = Color.from_hex("#7a5a30")


def draw_land(ctx: MapContext, land: Archipelago) -> list:
    """The land: its colour, a coastline in ink with a fine beach line inside it (the relief
    on it is kit.products.map.landart's)."""
    pal = ctx.palette
    sand = pal["land"]
    items: list = [Shape(land.outline(0), Style(fill=sand, stroke=pal["ink"], width=0.45))]
    items.append(Shape(land.outline(-1.3), Style(stroke=sand.mix(RELIEF_INK, 0.35), width=0.15)))
    return items


def draw_currents(ctx: MapContext, currents: dict) -> list:
    """Each current's arrows, fine and curved, their heads on the tips (the names are drawn
    with the other names)."""
    colour = ctx.palette["current"]
    items: list = []
    for current in currents.values():
        for k, line in enumerate(current.lines):
            items += current_arrow(line, colour, 0.34 if k == 0 else 0.28)
        if current.glyphs:
            items += glyph_items(current.glyphs, NAME_PT, colour)
    return items


def current_arrow(line: list[tuple[float, float]], colour, width: float, head: float = 1.25,
                  clear: float = 1.0, smooth: bool = True) -> list:
    """One arrow of a current: its shaft (`width` mm, smoothed, or a polyline) and its head
    (`head` mm) on the line's tip; the shaft stops `clear` mm short of the apex, inside the
    head, so that its round cap never pokes past it."""
    apex, left, notch, right = arrowhead(line, head)
    shaft = [p for p in line if math.dist(p, apex) > clear] + [notch]
    path = tuple(smooth_open(shaft)) if smooth else polyline(shaft)
    return [Shape(path, Style(stroke=colour, width=width, cap="round")),
            Shape(polyline([apex, left, notch, right], closed=True), Style(fill=colour))]


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
        elif f.kind == "site":
            size = f.radius * 2
            items += pictogram("site", size, f.x - size / 2, f.y - size / 2, pal["ink"],
                               pal["accent"], WHITE)
        elif f.kind == "beacon":
            size = f.radius * 2
            items += pictogram("beacon", size, f.x - size / 2, f.y - size / 2, pal["ink"],
                               pal["beacon"], WHITE)
        elif f.kind in ("harbour", "arrival"):
            size = f.radius * 2
            name = "harbour" if f.kind == "harbour" else "anchor"
            items.append(Shape(circle_path(f.x, f.y, f.radius), Style(fill=WHITE)))
            items += pictogram(name, size * 0.9, f.x - size * 0.45, f.y - size * 0.45,
                               pal["ink"], pal["stage"], WHITE)
    return items




def draw_labels(ctx: MapContext, placements: list[Placement], features: dict,
                land: Archipelago) -> list:
    """Every point name, over a halo in the colour under it (no box: the coast, waterlines
    and rhumb lines show round the letters)."""
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
        block = place_lines(list(lines), Rect(box.x, box.y + size * 0.12 * PT, box.w, box.h),
                            st, "label")
        if align == "right":
            block = TextBlock(tuple(type(line)(box.x2 - line.width, line.y, line.spans,
                                               line.width) for line in block.lines),
                              block.family, block.size, block.color, block.box, block.role)
        block = replace(block, halo=ground(ctx, land, box.cx, box.cy), halo_width=HALO_PT)
        items.append(block)
        if p.leader:
            items.append(Shape(polyline([p.leader[:2], p.leader[2:]]),
                               Style(stroke=colour, width=0.25)))
    return items
