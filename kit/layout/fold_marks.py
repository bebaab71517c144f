"""Fold marks: a short dashed line in the margin at each end of every crease the scheme makes,
numbered with the step that folds it (the number of the printed instruction and of the diagram's
roundel), drawn as a valley (dashes) or a mountain (dash-dot) as seen from the panel side.

Office: inside the sheet, starting in the printable band (PRINT.md: nothing within 6 mm of the
edge). Press: outside the trim, in the slug, on the fold lines' extensions. The marks are plain
geometry with a colour, so either colour path of the renderer draws them.

Pure geometry: no PDF or SVG library is imported here.
"""

from __future__ import annotations

from kit.layout.fold import Crease, simulate
from kit.layout.fold_diagram import fold_dash
from kit.layout.fold_scheme import FoldScheme
from kit.layout.geometry import Color, Rect, Shape, Style, TextSpan, polyline
from kit.layout.text import PT, Measure, place_lines
from kit.layout.text import Style as TextStyle

#: PRINT.md: at least 0.5 pt and 70 % K, so that an office print shows them
MARK_WIDTH = 0.6 * PT
MARK_COLOUR = Color.gray(0.15)  # 85 % black
OFFICE_OFFSET = 6.5  # mm from the sheet's edge: just inside the 6 mm band office printers lose
OFFICE_LENGTH = 8.0
LABEL_SIZE = 7.0  # pt


def edge_creases(scheme: FoldScheme) -> list[tuple[Crease, str]]:
    """The creases that reach the sheet's edge, with that edge (top, bottom, left, right), in
    verso page coordinates: where a mark can be drawn."""
    out = []
    for crease in simulate(scheme).creases:
        length = scheme.height if crease.axis == "x" else scheme.width
        low, high = ("top", "bottom") if crease.axis == "x" else ("left", "right")
        if crease.start <= 1e-6:
            out.append((crease, low))
        if crease.end >= length - 1e-6:
            out.append((crease, high))
    return out


def fold_marks(scheme: FoldScheme, frame: Rect, measure: Measure, offset: float = OFFICE_OFFSET,
               length: float = OFFICE_LENGTH, outside: bool = False,
               colour: Color = MARK_COLOUR, label_size: float = LABEL_SIZE) -> list:
    """The marks of every crease reaching the sheet's edge, `frame` being the sheet (its verso
    as seen) on the page: from `offset` mm inside the edge over `length` mm, each with its step
    number beside it; or, with `outside`, from `offset` mm outside it (the press slug), without
    numbers: no text outside the trim (the press file's instructions name the diagram's
    lines, not marks that the trimming takes away)."""
    sx, sy = frame.w / scheme.width, frame.h / scheme.height
    items: list = []
    for crease, edge in edge_creases(scheme):
        style = Style(stroke=colour, width=MARK_WIDTH, cap="butt",
                      dash=fold_dash(crease.mountain))
        inward = -1 if outside else 1
        if crease.axis == "x":
            x = frame.x + crease.at * sx
            a, b = _tick(frame.y, frame.y2, edge == "top", inward * offset, inward * length)
            items.append(Shape(polyline([(x, a), (x, b)]), style))
            if not outside:
                items.append(_label(str(crease.step + 1), x + 1.0, (a + b) / 2, "right",
                                    colour, measure, label_size))
        else:
            y = frame.y + crease.at * sy
            a, b = _tick(frame.x, frame.x2, edge == "left", inward * offset, inward * length)
            items.append(Shape(polyline([(a, y), (b, y)]), style))
            if not outside:
                items.append(_label(str(crease.step + 1), (a + b) / 2, y - 1.6, "above",
                                    colour, measure, label_size))
    return items


def _tick(lo: float, hi: float, at_lo: bool, offset: float, length: float
          ) -> tuple[float, float]:
    """The two ends of a mark along an axis, `offset` in from the low or high edge and
    `length` long, going in."""
    if at_lo:
        a = lo + offset
        return a, a + length
    a = hi - offset
    return a, a - length


def _label(text: str, x: float, y: float, where: str, colour: Color, measure: Measure,
           size: float):
    """The step number beside a mark: to the right of (x, y), centred on y; or above it,
    centred on x."""
    width = measure(text, "bold", "body", size)
    height = size * PT
    box = (Rect(x, y - height * 0.5, width, height) if where == "right"
           else Rect(x - width / 2, y - height * 0.8, width, height))
    return place_lines([([TextSpan(text, "bold")], width)], box,
                       TextStyle("body", size, 1.0, colour), "label")
