"""Drawing what stands on the land: the relief's mountains and hills, and the sentiers as fine
footpaths with their names along them."""

from __future__ import annotations

import math

from kit.layout.curvetext import glyph_items
from kit.layout.geometry import Color, Shape, Style, polyline
from kit.layout.terrain import mountain_strokes
from kit.products.map.sheet import MapContext
from kit.products.map.trail_names import NAME_PT

RELIEF_INK = Color.from_hex("#7a5a30")
#: a footpath: finer and with a shorter dash than the sea route (0.7 mm, 2.6/1.6)
TRAIL_WIDTH = 0.3
TRAIL_DASH = (0.9, 0.7)


def draw_relief(ctx: MapContext, signs: list) -> list:
    """The relief in a darker tone of the land, back to front so that a nearer sign hides the
    foot of the one behind it: mountains as peaks with a toned lee face and a ridge stroke,
    hills as low mounds with their lee side toned (light from the upper left)."""
    sand = ctx.palette["land"]
    relief = sand.mix(RELIEF_INK, 0.8)
    lee = sand.mix(RELIEF_INK, 0.3)
    hill_lee = sand.mix(RELIEF_INK, 0.22)
    line = Style(stroke=relief, width=0.22, join="round", cap="round")
    items: list = []
    for kind, x, y, size in sorted(signs, key=lambda s: (s[2], s[1])):
        if kind == "mountain":
            w, h = size, size * 0.78
            peak = (x - w * 0.06, y - h)
            items.append(Shape(polyline([(x - w / 2, y), peak, (x + w / 2, y)], closed=True),
                               Style(fill=sand)))
            items.append(Shape(polyline([peak, (x + w / 2, y), (x + w * 0.08, y)],
                                        closed=True), Style(fill=lee)))
            items.append(Shape(tuple(cmd for pts in mountain_strokes(x, y, size)
                                     for cmd in polyline(pts)), line))
        else:
            w, h = size, size * 0.45
            crest = [(x - w / 2 + w * t, y - h * math.sin(math.pi * t) ** 0.75)
                     for t in (k / 10 for k in range(11))]
            # the lee half of the mound, toned, under its crest
            shade = crest[5:] + [(x + w * 0.05, y)]
            items.append(Shape(polyline(shade, closed=True), Style(fill=hill_lee)))
            items.append(Shape(polyline(crest), line))
    return items


def draw_trails(ctx: MapContext, trails: list) -> list:
    """Each trail as a fine dashed footpath from its landmark to the place it leads to, and
    its name along it when it runs there."""
    colour = ctx.palette["pillar"]
    style = Style(stroke=colour, width=TRAIL_WIDTH, dash=TRAIL_DASH, cap="round",
                  join="round")
    items: list = []
    for trail in trails:
        items.append(Shape(polyline(trail.path), style))
        if trail.glyphs:
            items += glyph_items(trail.glyphs, NAME_PT, colour)
    return items
