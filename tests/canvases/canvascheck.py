"""Plain-number views of a planned canvas page: its text lines, zone outlines and strokes.

Everything here reads the geometry stage (PageSpec items, millimetres, y down): no PDF."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from kit.layout.geometry import Clip, Group, Rect, Shape, TextBlock, path_bounds
from kit.layout.text import PT

#: a line of type reaches this far above its baseline (capitals, accents) and below (descenders),
#: in units of its size; generous enough to catch a collision, tight enough not to invent one
ASCENT, DESCENT = 0.72, 0.2


@dataclass(frozen=True)
class Placed:
    """An item with the transform of the Groups around it (scale, then rotate, then move)."""

    item: object
    #: (scale, rotate, dx, dy) of each Group around the item, the innermost first
    transforms: tuple[tuple[float, float, float, float], ...]

    def point(self, x: float, y: float) -> tuple[float, float]:
        for scale, rotate, dx, dy in self.transforms:
            ca, sa = math.cos(math.radians(rotate)), math.sin(math.radians(rotate))
            x, y = x * scale, y * scale
            x, y = x * ca - y * sa + dx, x * sa + y * ca + dy
        return x, y

    @property
    def scale(self) -> float:
        return math.prod(t[0] for t in self.transforms)

    def box(self, r: Rect) -> Rect:
        pts = [self.point(x, y) for x in (r.x, r.x2) for y in (r.y, r.y2)]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        return Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def walk(items, transforms: tuple = ()) -> Iterator[Placed]:
    """Every drawn item, recursing into Groups (and Clips), with its transforms."""
    for item in items:
        if isinstance(item, Group):
            yield from walk(item.items, ((item.scale, item.rotate, item.dx, item.dy),
                                         *transforms))
        elif isinstance(item, Clip):
            yield from walk(item.items, transforms)
        else:
            yield Placed(item, transforms)


def text_blocks(items) -> list[Placed]:
    return [p for p in walk(items) if isinstance(p.item, TextBlock)]


@dataclass(frozen=True)
class Line:
    """One set line of text, as the box its letters cover on the page."""

    text: str
    box: Rect
    size: float  # pt, after the Groups' scale
    role: str


def text_lines(items) -> list[Line]:
    return [line for placed in text_blocks(items) for line in _lines_of(placed)]


def _lines_of(placed: Placed) -> list[Line]:
    block = placed.item
    out = []
    for line in block.lines:
        text = "".join(span.text for span in line.spans)
        if text.strip():
            local = Rect(line.x, line.y - ASCENT * block.size * PT, line.width,
                         (ASCENT + DESCENT) * block.size * PT)
            out.append(Line(text, placed.box(local), block.size * placed.scale, block.role))
    return out


def shapes(items) -> list[Placed]:
    return [p for p in walk(items) if isinstance(p.item, Shape)]


def is_zone_outline(shape: Shape, scale: float) -> bool:
    """The rounded frame every zone draws first: 0.3 pt × scale, a closed path with curves."""
    ops = [cmd[0] for cmd in shape.path]
    return (shape.style.stroke is not None and shape.style.fill is None
            and abs(shape.style.width - 0.3 * scale) < 1e-9 and "C" in ops and ops[-1] == "Z")


def zone_outlines(items, scale: float) -> list[Rect]:
    return [path_bounds(p.item.path) for p in shapes(items) if is_zone_outline(p.item, scale)]


def segments(placed: Placed) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """The straight strokes of a path made of M/L commands only (None for curves)."""
    path = placed.item.path
    if any(cmd[0] not in ("M", "L", "Z") for cmd in path):
        return []
    pts = [placed.point(cmd[1], cmd[2]) for cmd in path if cmd[0] in ("M", "L")]
    segs = list(zip(pts, pts[1:], strict=False))
    if path[-1][0] == "Z" and len(pts) > 2:
        segs.append((pts[-1], pts[0]))
    return segs


def segment_hits_rect(a, b, r: Rect) -> bool:
    """Whether the segment a–b passes through the inside of r (Liang–Barsky clipping)."""
    (x0, y0), (x1, y1) = a, b
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0 - r.x), (dx, r.x2 - x0), (-dy, y0 - r.y), (dy, r.y2 - y0)):
        if abs(p) < 1e-12:
            if q <= 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 >= t1:
            return False
    return True


def ellipse_of(path) -> tuple[float, float, float, float] | None:
    """(cx, cy, rx, ry) of an ellipse drawn as four Béziers starting at its rightmost point."""
    if len(path) != 6 or path[0][0] != "M" or any(cmd[0] != "C" for cmd in path[1:5]):
        return None
    right_x, cy = path[0][1], path[0][2]
    cx, bottom_y = path[1][5], path[1][6]
    return cx, cy, right_x - cx, bottom_y - cy


def inside_ellipse(x: float, y: float, ellipse) -> bool:
    cx, cy, rx, ry = ellipse
    return ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1 + 1e-9


def strokes_through_text(items) -> list[tuple[Line, tuple]]:
    """Straight strokes crossing a line of text, unless a filled shape drawn after the stroke
    covers that text (the numbered discs laid on a timeline's axis)."""
    placed = list(walk(items))
    lines = [line for p in placed if isinstance(p.item, TextBlock) for line in _lines_of(p)]
    hits = []
    for i, p in enumerate(placed):
        if not isinstance(p.item, Shape) or p.item.style.stroke is None:
            continue
        for seg in segments(p):
            for line in lines:
                if not segment_hits_rect(*seg, line.box):
                    continue
                covered = any(isinstance(q.item, Shape) and q.item.style.fill is not None
                              and q.box(path_bounds(q.item.path)).contains(line.box)
                              for q in placed[i + 1:])
                if not covered:
                    hits.append((line, seg))
    return hits


def edge_points(r: Rect, n: int = 8) -> list[tuple[float, float]]:
    """Points along the four edges of r, corners included."""
    out = []
    for k in range(n + 1):
        t = k / n
        x, y = r.x + r.w * t, r.y + r.h * t
        out += [(x, r.y), (x, r.y2), (r.x, y), (r.x2, y)]
    return out


def ring_labels_astray(items) -> list[str]:
    """Names of rings that are not wholly inside their ring: inside the smallest ellipse that
    holds their centre, outside the next ellipse in."""
    ellipses = sorted({e for p in shapes(items) if (e := ellipse_of(p.item.path))},
                      key=lambda e: e[2])
    astray = []
    for line in text_lines(items):
        holding = [e for e in ellipses if inside_ellipse(line.box.cx, line.box.cy, e)]
        if not holding:
            continue
        outer = holding[0]
        inside = [e for e in ellipses if e[:2] == outer[:2] and e[2] < outer[2]]
        inner = inside[-1] if inside else None
        points = edge_points(line.box)
        if not all(inside_ellipse(x, y, outer) for x, y in points) or (
                inner is not None and any(inside_ellipse(x, y, inner) for x, y in points)):
            astray.append(line.text)
    return astray
