"""The chart's compass rose, drawn as an engraver would: sixteen points in three lengths, each
split into an inked half and a white half along its axis (light from the upper left), two thin
rings with ticks, and an N over the north point. Fine lines and little ink, so that it does not
become the darkest mass of the chart on a black-and-white copy."""

from __future__ import annotations

import math

from kit.layout.geometry import WHITE, Rect, Shape, Style, circle_path, polyline
from kit.layout.text import PT, break_lines, place_lines
from kit.layout.text import Style as TextStyle
from kit.products.map.names import DISPLAY
from kit.products.map.sheet import MapContext

#: (bearings in degrees, length as a share of the radius, half-width at the root, mm)
POINTS = (
    (tuple(range(0, 360, 90)), 1.0, 1.9),
    (tuple(range(45, 360, 90)), 0.7, 1.5),
    (tuple(range(22, 360, 45)), 0.46, 0.9),
)


def _at(cx: float, cy: float, r: float, deg: float) -> tuple[float, float]:
    """The point r mm from the centre at a bearing (0 = north, clockwise; y grows down)."""
    a = math.radians(deg)
    return cx + math.sin(a) * r, cy - math.cos(a) * r


def draw_rose(ctx: MapContext, box: Rect) -> list:
    """The rose centred in its square, the N above it."""
    pal = ctx.palette
    ink, accent = pal["ink"], pal["accent"]
    n_pt = 9.0
    cx = box.cx
    r = box.w / 2 - 2.0 - n_pt * PT * 0.45
    cy = box.y2 - 1.0 - r
    hair = Style(stroke=ink, width=0.18)
    items: list = [Shape(circle_path(cx, cy, r * 0.62), hair),
                   Shape(circle_path(cx, cy, r * 0.56), hair)]
    # ticks every 10° between the rings
    ticks = []
    for deg in range(0, 360, 10):
        ticks.append(("M", *_at(cx, cy, r * 0.56, deg)))
        ticks.append(("L", *_at(cx, cy, r * (0.62 if deg % 30 else 0.66), deg)))
    items.append(Shape(tuple(ticks), Style(stroke=ink, width=0.15)))
    # the shortest points under the longer ones
    for bearings, share, half in reversed(POINTS):
        for deg in bearings:
            deg = float(deg) + (0.5 if share < 0.5 else 0.0)
            tip = _at(cx, cy, r * share, deg)
            side_r = math.hypot(half, half)
            left = _at(cx, cy, side_r, deg - 45)
            right = _at(cx, cy, side_r, deg + 45)
            dark = ink if share == 1.0 else (accent if share > 0.5 else ink)
            # the half away from the light (upper left) inked, the other white
            lit_left = math.sin(math.radians(deg - 45)) < 0
            for edge, inked in ((left, not lit_left), (right, lit_left)):
                items.append(Shape(polyline([(cx, cy), tip, edge], closed=True),
                                   Style(fill=dark if inked else WHITE, stroke=ink,
                                         width=0.15, join="miter")))
    items.append(Shape(circle_path(cx, cy, 0.9), Style(fill=WHITE, stroke=ink, width=0.15)))
    st = TextStyle(DISPLAY, n_pt, 1.0, ink, "center")
    lines = break_lines(ctx.spans("N", "bold"), box.w, st, ctx.measure, ctx.deck.language)
    top = cy - r - 0.6 - n_pt * PT
    items.append(place_lines(lines, Rect(box.x, top, box.w, n_pt * PT), st, "label"))
    return items
