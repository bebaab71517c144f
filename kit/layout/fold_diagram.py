"""The step-by-step folding diagram, drawn from the scheme's steps (kit.layout.fold_steps): one
small sketch of the packet before each fold, then the folded packet.

Each sketch shows the packet as it lies, seen from above: every panel on top of a stack, the
panel side in the paper colour with its page number (1 is the cover; upside down where the
panel lies upside down), the map side tinted; a thicker edge where several layers lie; the fold
line drawn as a valley (dashes) or a mountain (dash-dot), its number in a roundel at the line's
end — the same number as the marks in the sheet's margins — and an arrow arching over the edge
from the part that moves to where it lands, solid when it comes on top, dashed when it passes
behind.

Pure geometry: no PDF or SVG library is imported here.
"""

from __future__ import annotations

from dataclasses import dataclass

from kit.layout.fold import Packet
from kit.layout.fold_scheme import HALF_TURN, rotation
from kit.layout.fold_steps import Instructions, Step
from kit.layout.geometry import (
    Color,
    Group,
    Rect,
    Shape,
    Style,
    TextSpan,
    circle_path,
    polyline,
    rect_path,
)
from kit.layout.text import PT, Measure, place_lines
from kit.layout.text import Style as TextStyle

#: valley: dashes; mountain: dash-dot (the origami convention), in mm for a 0.5 pt line
VALLEY_DASH = (1.6, 0.9)
MOUNTAIN_DASH = (1.6, 0.7, 0.3, 0.7)


@dataclass(frozen=True)
class DiagramStyle:
    """Colours and type of the diagram: ink (outlines, page numbers), paper (the panel side),
    map (the map side), accent (fold lines, arrows, roundels; white digits on it)."""

    ink: Color
    paper: Color
    map: Color
    accent: Color
    white: Color
    family: str = "body"
    size: float = 7.0  # pt, numbers


@dataclass(frozen=True)
class Sketch:
    """One drawing, in its own coordinates (0, 0 at its top-left corner), w × h mm; the
    packet's top-left corner at (left, top)."""

    items: tuple
    w: float
    h: float
    step: Step | None  # None: the folded packet
    left: float = 0.0
    top: float = 0.0


def fold_dash(mountain: bool) -> tuple[float, ...]:
    return MOUNTAIN_DASH if mountain else VALLEY_DASH


def sketches(instr: Instructions, scale: float, style: DiagramStyle,
             measure: Measure) -> list[Sketch]:
    """The packet before each step, then folded; `scale` maps sheet millimetres to drawing
    millimetres (1/15: an A3 sheet drawn 28 mm wide)."""
    pages = {(p.col, p.row): p for p in instr.reading.pages}
    out = [_sketch(step.before, step, pages, scale, style, measure) for step in instr.steps]
    out.append(_sketch(instr.steps[-1].after, None, pages, scale, style, measure))
    return out


def _room(style: DiagramStyle) -> float:
    """The roundel's radius: the numbers are set at style.size."""
    return max(1.5, style.size * PT * 0.62)


ARC = 3.6  # mm above (or beside) the packet for the arrow's arc
THICK = 0.45  # mm: the offset edge that shows a stack of several layers


def _pads(step: Step | None, style: DiagramStyle) -> tuple[float, float, float, float]:
    """Room around the packet (left, top, right, bottom): a vertical fold has its arc above the
    packet and its roundel under it, a horizontal one its roundel on the left and its arc on
    the right; the fold line runs 1 mm past the packet's edges."""
    roundel = 2 * _room(style) + 1.4
    if step is None:
        return 0.3, 0.3, THICK + 0.3, THICK + 0.3
    if step.fold.axis == "x":
        return 0.3, ARC + 0.6, THICK + 0.3, roundel
    return roundel, 1.2, ARC + 0.8, THICK + 1.2


def _sketch(packet: Packet, step: Step | None, pages: dict, scale: float, style: DiagramStyle,
            measure: Measure) -> Sketch:
    scheme = packet.scheme
    pw, ph = scheme.panel_width * scale, scheme.panel_height * scale
    ext = packet.cells
    left, top, right, bottom = _pads(step, style)
    x0, y0 = left, top
    w, h = ext.w * pw, ext.h * ph
    items: list = []
    edge = Style(stroke=style.ink, width=0.25 * PT)
    for (col, row), stack in sorted(packet.stacks.items()):
        cell = Rect(x0 + (col - ext.x) * pw, y0 + (row - ext.y) * ph, pw, ph)
        if len(stack) > 1:  # a thick edge where several layers lie under this panel
            items.append(Shape(rect_path(cell.moved(THICK, THICK)),
                               Style(fill=style.ink, stroke=style.ink, width=edge.width)))
        face = packet.face((col, row))
        fill = style.paper if face.side == "verso" else style.map
        items.append(Shape(rect_path(cell), Style(fill=fill, stroke=style.ink,
                                                  width=edge.width)))
        page = pages.get((face.col, face.row)) if face.side == "verso" else None
        if page is not None:
            seen = face.orientation.after(rotation(page.rotate))
            items += _number(str(page.order + 1), cell.cx, cell.cy, style, measure,
                             upside_down=seen == HALF_TURN, colour=style.ink)
    if step is not None:
        items += _fold_line(step, x0, y0, ext, pw, ph, style, measure)
    return Sketch(tuple(items), left + w + right, top + h + bottom, step, left, top)


def _number(text: str, cx: float, cy: float, style: DiagramStyle, measure: Measure,
            upside_down: bool = False, colour: Color | None = None, face: str = "bold") -> list:
    size = style.size
    width = measure(text, face, style.family, size)
    block = place_lines([([TextSpan(text, face)], width)],
                        Rect(-width / 2, -size * 0.54 * PT, width, size * PT),
                        TextStyle(style.family, size, 1.0, colour or style.ink), "label")
    return [Group((block,), cx, cy, rotate=180 if upside_down else 0)]


def _fold_line(step: Step, x0: float, y0: float, ext: Rect, pw: float, ph: float,
               style: DiagramStyle, measure: Measure) -> list:
    fold = step.fold
    scheme = step.before.scheme
    r = _room(style)
    stroke = Style(stroke=style.accent, width=0.7 * PT, cap="butt",
                   dash=fold_dash(step.kind == "mountain"))
    over = 1.0  # the line runs a little past the packet's edges
    w, h = ext.w * pw, ext.h * ph
    items: list = []
    if fold.axis == "x":
        x = x0 + (fold.at / scheme.panel_width - ext.x) * pw
        items.append(Shape(polyline([(x, y0 - over), (x, y0 + h + over)]), stroke))
        roundel = (x, y0 + h + over + r + 0.1)
        side = -1 if fold.moves == "left" else 1
        reach = pw * 0.42
        # over the top edge: from above the part that moves to above where it lands
        start, end = (x + side * reach, y0 - 0.5), (x - side * reach, y0 - 0.5)
        bulge = (0.0, -ARC + 0.4)
    else:
        y = y0 + (fold.at / scheme.panel_height - ext.y) * ph
        items.append(Shape(polyline([(x0 - over, y), (x0 + w + over, y)]), stroke))
        roundel = (x0 - over - r - 0.1, y)
        side = -1 if fold.moves == "top" else 1
        reach = ph * 0.42
        start, end = (x0 + w + 0.5, y + side * reach), (x0 + w + 0.5, y - side * reach)
        bulge = (ARC - 0.4, 0.0)
    items += _arrow(start, end, bulge, step.goes == "front", style)
    items.append(Shape(circle_path(*roundel, r), Style(fill=style.accent)))
    items += _number(str(step.number), *roundel, style, measure, colour=style.white)
    return items


def _arrow(start: tuple[float, float], end: tuple[float, float], bulge: tuple[float, float],
           solid: bool, style: DiagramStyle) -> list:
    """A curved arrow from start to end, bowed by `bulge` (mm): solid and with a filled head
    when the part comes on top (valley), dashed with an open head when it passes behind."""
    (sx, sy), (ex, ey), (bx, by) = start, end, bulge
    c1 = (sx + (ex - sx) * 0.1 + bx, sy + (ey - sy) * 0.1 + by)
    c2 = (sx + (ex - sx) * 0.9 + bx, sy + (ey - sy) * 0.9 + by)
    width = 0.45 * PT * 1.4
    path = (("M", sx, sy), ("C", *c1, *c2, ex, ey))
    items = [Shape(path, Style(stroke=style.accent, width=width,
                               dash=None if solid else (0.9, 0.6), cap="butt"))]
    # the head points along the curve's last tangent (end − c2)
    dx, dy = ex - c2[0], ey - c2[1]
    norm = (dx * dx + dy * dy) ** 0.5 or 1.0
    ux, uy = dx / norm, dy / norm
    size = 1.3
    back = (ex - ux * size, ey - uy * size)
    wing = (-uy * size * 0.55, ux * size * 0.55)
    head = polyline([(ex, ey), (back[0] + wing[0], back[1] + wing[1]),
                     (back[0] - wing[0], back[1] - wing[1])], closed=True)
    items.append(Shape(head, Style(fill=style.accent if solid else style.white,
                                   stroke=style.accent, width=width, join="miter")))
    return items


def legend(x: float, y: float, width: float, style: DiagramStyle, measure: Measure,
           valley_text: str, mountain_text: str, size: float | None = None) -> tuple[list, float]:
    """Two lines: a sample of each fold line with what it means; returns (items, height)."""
    size = size or style.size
    sample = min(8.0, width * 0.15)
    items: list = []
    line_h = size * PT * 1.35
    for k, (mountain, text) in enumerate(((False, valley_text), (True, mountain_text))):
        yy = y + k * line_h
        mid = yy + size * PT * 0.55
        items.append(Shape(polyline([(x, mid), (x + sample, mid)]),
                           Style(stroke=style.accent, width=0.5 * PT, cap="butt",
                                 dash=fold_dash(mountain))))
        tw = measure(text, "regular", style.family, size)
        items.append(place_lines([([TextSpan(text)], tw)],
                                 Rect(x + sample + 1.5, yy, width - sample - 1.5, size * PT),
                                 TextStyle(style.family, size, 1.0, style.ink), "label"))
    return items, 2 * line_h


def row(parts: list[Sketch], x: float, y: float, gap: float = 2.0) -> tuple[list, float, float]:
    """The sketches side by side from (x, y), centred on one line: (items, width, height)."""
    items: list = []
    cursor = x
    tallest = max(s.h for s in parts)
    for sketch in parts:
        items.append(Group(sketch.items, cursor, y + (tallest - sketch.h) / 2))
        cursor += sketch.w + gap
    return items, cursor - gap - x, tallest


def scale_to_fit(instr: Instructions, width: float, style: DiagramStyle, measure: Measure,
                 largest: float = 1 / 12, gap: float = 2.0) -> float:
    """The largest scale (≤ `largest`) at which every sketch fits side by side in `width`."""
    base = sketches(instr, 1.0, style, measure)
    pads = [sum(_pads(s.step, style)[0::2]) for s in base]
    drawn = sum(s.w - pad for s, pad in zip(base, pads, strict=True))  # the packets at scale 1
    room = width - sum(pads) - (len(base) - 1) * gap
    return max(0.0, min(largest, room / drawn))
