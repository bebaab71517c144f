"""The zones of a canvas that are drawings to fill in: rings (concentric ellipses, a name in
each band), a timeline (numbered steps on an arrow, fields under each), a chain (steps linked
by arrows) and axes (two axes, four quadrants)."""

from __future__ import annotations

import math

from kit.errors import Diagnostic, KitError
from kit.layout.geometry import (
    WHITE,
    Group,
    Rect,
    Shape,
    Style,
    TextSpan,
    circle_path,
    polyline,
    rounded_rect_path,
)
from kit.layout.text import PT, Overflow, place_lines, strip_markup
from kit.layout.text import Style as TextStyle
from kit.load.canvases import Zone
from kit.products.canvas_context import BODY, CanvasContext, zone_fits, zone_overflow
from kit.products.canvas_zones import zone_entries, zone_frame


def rings_zone(ctx: CanvasContext, zone: Zone, box: Rect) -> list:
    items, inner = zone_frame(ctx, box, zone)
    pal, s = ctx.pal, ctx.s
    names = zone.values["rings"]
    n = len(names)
    cx, cy = inner.cx, inner.cy
    rx, ry = inner.w / 2 - 0.5 * s, inner.h / 2 - 0.5 * s
    tints = [pal["stage"].mix(WHITE, 0.9 - 0.12 * k) for k in range(n)]
    for k in range(n - 1, -1, -1):  # outermost first
        f = (k + 1) / n
        path = _ellipse(cx, cy, rx * f, ry * f)
        items.append(Shape(path, Style(fill=tints[n - 1 - k], stroke=pal["stage"],
                                       width=0.35 * s)))
    size = ctx.pt(9)
    pad = 1.5 * s  # between a name and the ellipse beside it
    for k, name in enumerate(names):
        f_out, f_in = (k + 1) / n, k / n
        # the innermost name is centred; the others sit at the top of their band, between
        # their ring's ellipse and the next one in: the block's top edge is where the outer
        # ellipse is narrowest, so the lines are as wide as the ellipse is there, no wider
        mid = cy - ry * (f_out + f_in) / 2 if k else cy
        width = _chord(rx * f_out, ry * f_out, cy - mid) - 2 * pad
        for _ in range(8):
            if width <= 0:
                raise zone_overflow(ctx, zone, "rings")
            with zone_fits(ctx, zone, "rings"):
                _, h = ctx.block(name.upper(), Rect(cx - width / 2, 0, width, 0), size,
                                 pal["stage"], "bold", align="center", hyphenate=False)
            top = mid - h / 2
            room = _chord(rx * f_out, ry * f_out, cy - top if k else h / 2) - 2 * pad
            if width <= room + 1e-6:
                break
            width = room
        else:
            raise zone_overflow(ctx, zone, "rings")
        # the block already keeps a fifth of the size above capitals: half a millimetre more
        band = ry * (f_out - f_in) if k else 2 * ry * f_out
        if h > band - s:
            raise zone_overflow(ctx, zone, "rings")
        block, h = ctx.block(name.upper(), Rect(cx - width / 2, top, width, 0), size,
                             pal["stage"], "bold", align="center", hyphenate=False)
        items.append(block)
    return items


def _chord(rx: float, ry: float, dy: float) -> float:
    """The width of an ellipse (semi-axes rx, ry) at dy from its centre; 0 beyond it."""
    t = 1 - (dy / ry) ** 2
    return 2 * rx * math.sqrt(t) if t > 0 else 0.0


def _ellipse(cx: float, cy: float, rx: float, ry: float):
    k = 0.5522847498
    return (("M", cx + rx, cy),
            ("C", cx + rx, cy + k * ry, cx + k * rx, cy + ry, cx, cy + ry),
            ("C", cx - k * rx, cy + ry, cx - rx, cy + k * ry, cx - rx, cy),
            ("C", cx - rx, cy - k * ry, cx - k * rx, cy - ry, cx, cy - ry),
            ("C", cx + k * rx, cy - ry, cx + rx, cy - k * ry, cx + rx, cy), ("Z",))


def timeline_zone(ctx: CanvasContext, zone: Zone, box: Rect) -> list:
    items, inner = zone_frame(ctx, box, zone)
    pal, s = ctx.pal, ctx.s
    # with no stages in the deck: numbered steps with a line for each name
    steps, blank = zone_entries(ctx, zone, "steps")
    fields = zone.values.get("fields") or []
    n = len(steps)
    axis_y = inner.y + 6 * s
    items.append(Shape(polyline([(inner.x, axis_y), (inner.x2 - 3 * s, axis_y)]),
                       Style(stroke=pal["stage"], width=0.8 * s, dash=(3 * s, 2 * s),
                             cap="butt")))
    items.append(Shape(polyline([(inner.x2, axis_y), (inner.x2 - 4 * s, axis_y - 2.2 * s),
                                 (inner.x2 - 4 * s, axis_y + 2.2 * s)], closed=True),
                       Style(fill=pal["stage"])))
    col_w = inner.w / n
    size = ctx.pt(9)
    r = 4.2 * s
    # every column's fields start at the same height, under the tallest step name
    titles = []
    for k, step in enumerate(steps):
        col = Rect(inner.x + col_w * k + 2 * s, axis_y + r + 3 * s, col_w - 4 * s, 0)
        if blank:  # a line to write the step's name on
            y = col.y + 5 * s
            titles.append((Shape(polyline([(col.x + col.w * 0.1, y), (col.x2 - col.w * 0.1, y)]),
                                 Style(stroke=pal["ink"], width=0.3 * s)), 6 * s))
            continue
        try:
            titles.append(ctx.block(strip_markup(step), col, size, pal["ink"], "bold",
                                    align="center", hyphenate=False))
        except Overflow:
            raise zone_overflow(ctx, zone, "source" if zone.source else "steps") from None
    fields_top = axis_y + r + 3 * s + max(h for _, h in titles) + 4 * s
    for k in range(n):
        cx = inner.x + col_w * (k + 0.5)
        items.append(Shape(circle_path(cx, axis_y, r), Style(fill=pal["stage"], stroke=WHITE,
                                                              width=0.5 * s)))
        label = str(k + 1)
        nsize = ctx.pt(10)
        w = ctx.measure(label, "bold", BODY, nsize)
        items.append(place_lines([([TextSpan(label, "bold")], w)],
                                 Rect(cx - w / 2, axis_y - nsize * 0.36 * PT, w, nsize * PT),
                                 TextStyle(BODY, nsize, 1.0, WHITE), "label"))
        col = Rect(inner.x + col_w * k + 2 * s, axis_y + r + 3 * s, col_w - 4 * s, 0)
        items.append(titles[k][0])
        y = fields_top
        remaining = inner.y2 - y
        if remaining < max(1, len(fields)) * 10 * s:
            raise zone_overflow(ctx, zone, "fields" if fields else "steps")
        field_h = remaining / max(1, len(fields))
        for j, name in enumerate(fields):
            fy = y + field_h * j
            with zone_fits(ctx, zone, "fields"):
                block, fh = ctx.block(name, Rect(col.x, fy, col.w, 0), ctx.pt(8),
                                      pal["muted"], "italic")
            items.append(block)
            items.append(Shape(polyline([(col.x, fy + field_h - 2 * s),
                                         (col.x2, fy + field_h - 2 * s)]),
                               Style(stroke=pal["muted"], width=0.25 * s, dash=(1 * s, 1 * s))))
        if k:
            x = inner.x + col_w * k
            items.append(Shape(polyline([(x, axis_y + r + 2 * s), (x, inner.y2)]),
                               Style(stroke=pal["muted"], width=0.2 * s)))
    return items


def chain_zone(ctx: CanvasContext, zone: Zone, box: Rect) -> list:
    items, inner = zone_frame(ctx, box, zone)
    pal, s = ctx.pal, ctx.s
    steps = zone.values["steps"]
    n = len(steps)
    gap = 9 * s
    w = (inner.w - gap * (n - 1)) / n
    size = ctx.pt(10)
    for k, step in enumerate(steps):
        cell = Rect(inner.x + (w + gap) * k, inner.y, w, inner.h)
        tint = pal["stage"].mix(WHITE, 0.9 - 0.06 * k)
        items.append(Shape(rounded_rect_path(cell, 2 * s), Style(fill=tint, stroke=pal["stage"],
                                                                  width=0.35 * s)))
        with zone_fits(ctx, zone, "steps"):
            block, h = ctx.block(step.upper(), Rect(cell.x + 2 * s, cell.y + 3 * s,
                                                    cell.w - 4 * s, 0), size, pal["stage"],
                                 "bold", align="center", hyphenate=False)
        if h > cell.h / 3:
            raise zone_overflow(ctx, zone, "steps")
        items.append(block)
        if k < n - 1:
            ax, ay = cell.x2 + 1.5 * s, cell.cy
            items.append(Shape(polyline([(ax, ay - 3 * s), (ax + gap - 3 * s, ay),
                                         (ax, ay + 3 * s)], closed=True),
                               Style(fill=pal["stage"])))
    return items


def axes_zone(ctx: CanvasContext, zone: Zone, box: Rect) -> list:
    items, inner = zone_frame(ctx, box, zone)
    pal, s = ctx.pal, ctx.s
    size = ctx.pt(8.5)
    label_h = size * PT * 2.6
    plot = Rect(inner.x + label_h, inner.y, inner.w - label_h, inner.h - label_h)
    axis = Style(stroke=pal["ink"], width=0.5 * s)
    items.append(Shape(polyline([(plot.x, plot.y2), (plot.x2, plot.y2)]), axis))
    items.append(Shape(polyline([(plot.x, plot.y2), (plot.x, plot.y)]), axis))
    for tip, wing1, wing2 in (((plot.x2, plot.y2), (plot.x2 - 3 * s, plot.y2 - 1.5 * s),
                               (plot.x2 - 3 * s, plot.y2 + 1.5 * s)),
                              ((plot.x, plot.y), (plot.x - 1.5 * s, plot.y + 3 * s),
                               (plot.x + 1.5 * s, plot.y + 3 * s))):
        items.append(Shape(polyline([tip, wing1, wing2], closed=True), Style(fill=pal["ink"])))
    mid = Style(stroke=pal["muted"], width=0.25 * s, dash=(2 * s, 1.5 * s))
    items.append(Shape(polyline([(plot.cx, plot.y), (plot.cx, plot.y2)]), mid))
    items.append(Shape(polyline([(plot.x, plot.cy), (plot.x2, plot.cy)]), mid))
    with zone_fits(ctx, zone, "x"):
        block, _ = ctx.block(zone.values["x"], Rect(plot.x, plot.y2 + 1.5 * s, plot.w, 0),
                             size, pal["ink"], "bold", align="center")
    items.append(block)
    # the vertical axis' name, turned a quarter
    with zone_fits(ctx, zone, "y"):
        yblock, _ = ctx.block(zone.values["y"], Rect(0, 0, plot.h, 0), size, pal["ink"],
                              "bold", align="center")
    items.append(Group((yblock,), plot.x - label_h, plot.y2, rotate=-90))
    quads = zone.values.get("quadrants") or []
    if quads and len(quads) != 4:
        raise KitError(Diagnostic(zone.locs.get("quadrants", zone.loc),
                                  f"zone « {zone.title} » : quatre quadrants attendus"))
    # quadrants in reading order: top-left, top-right, bottom-left, bottom-right
    corners = [(plot.x, plot.y), (plot.cx, plot.y), (plot.x, plot.cy), (plot.cx, plot.cy)]
    for name, (x, y) in zip(quads, corners, strict=False):
        with zone_fits(ctx, zone, "quadrants"):
            block, _ = ctx.block(name, Rect(x + 2 * s, y + 2 * s, plot.w / 2 - 4 * s, 0),
                                 ctx.pt(8), pal["muted"], "italic")
        items.append(block)
    return items
