"""Text set along a curve, glyph by glyph, as cartographers name rivers, roads and currents.

Each glyph sits on the curve at its own arc length, turned to the curve's direction there, at
a distance `offset` above it (on the side the text's tops point to). A curve that runs right to
left is read backwards, so the text is never upside down. The glyphs' boxes on the page (the
axis-aligned boxes round each turned glyph) are what the planner checks for room.

Pure geometry: the renderer draws each glyph as a one-character text block in a turned group.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass

from kit.layout.geometry import Color, Group, Rect, TextBlock, TextLine, TextSpan
from kit.layout.text import PT, Measure, with_fallback

Point = tuple[float, float]
#: a glyph's height above its baseline (cap height and accents) and below it, in ems
ASCENT, DESCENT = 0.92, 0.25


@dataclass(frozen=True)
class Glyph:
    text: str
    face: str
    family: str  # the text's family (a role: body, display)
    fallback: str | None  # the family that carries this letter, when the text's lacks it
    x: float  # the left end of its baseline, mm
    y: float
    angle: float  # degrees, clockwise on the page (y down)
    width: float
    box: Rect  # the page box round it


class Curve:
    """A polyline with its arc lengths: points, directions and normals at any length."""

    def __init__(self, points: list[Point]):
        self.points = points
        run = [0.0]
        for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
            run.append(run[-1] + math.hypot(x1 - x0, y1 - y0))
        self.run = run

    @property
    def length(self) -> float:
        return self.run[-1]

    def at(self, s: float) -> tuple[float, float, float, float]:
        """(x, y, dx, dy): the point at arc length s and the unit direction there."""
        run, pts = self.run, self.points
        s = min(max(s, 0.0), run[-1])
        k = min(max(1, bisect.bisect_left(run, s)), len(run) - 1)
        seg = (run[k] - run[k - 1]) or 1e-9
        t = (s - run[k - 1]) / seg
        (x0, y0), (x1, y1) = pts[k - 1], pts[k]
        dx, dy = (x1 - x0) / seg, (y1 - y0) / seg
        return x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, dx, dy

    def turning(self, s0: float, s1: float) -> float:
        """How much the curve turns between two arc lengths, radians (absolute sum)."""
        total = 0.0
        prev = None
        steps = max(2, int((s1 - s0) / 2.0))
        for i in range(steps + 1):
            _, _, dx, dy = self.at(s0 + (s1 - s0) * i / steps)
            a = math.atan2(dy, dx)
            if prev is not None:
                total += abs(math.remainder(a - prev, 2 * math.pi))
            prev = a
        return total


def covers(glyph: Glyph, size: float, x: float, y: float, margin: float = 0.0) -> bool:
    """Is (x, y) on the glyph's own turned box (grown by margin)?"""
    a = math.radians(glyph.angle)
    dx, dy = math.cos(a), math.sin(a)
    px, py = x - glyph.x, y - glyph.y
    u = px * dx + py * dy  # along the baseline
    v = py * dx - px * dy  # downwards from it
    asc, desc = ASCENT * size * PT, DESCENT * size * PT
    return -margin <= u <= glyph.width + margin and -asc - margin <= v <= desc + margin


def reads_backwards(points: list[Point]) -> bool:
    """Does the curve run right to left (its text would stand on its head)?"""
    return points[-1][0] < points[0][0]


def text_width(spans: list[TextSpan], family: str, size: float, measure: Measure) -> float:
    return sum(measure(s.text, s.face, s.family or family, size)
               for s in with_fallback(spans, family, measure))


def set_along(curve: Curve, spans: list[TextSpan], family: str, size: float, measure: Measure,
              start: float, offset: float, spacing: float = 0.0) -> list[Glyph]:
    """Glyphs of `spans` along `curve` from arc length `start`, their baseline `offset` mm
    above it (towards the tops of the letters; negative: below), `spacing` mm between
    letters. The caller keeps start + width within the curve."""
    glyphs: list[Glyph] = []
    s = start
    asc, desc = ASCENT * size * PT, DESCENT * size * PT
    for span in with_fallback(spans, family, measure):
        fam = span.family or family
        for char in span.text:
            w = measure(char, span.face, fam, size)
            x, y, dx, dy = curve.at(s + w / 2)
            nx, ny = dy, -dx  # the letters' up, for a baseline running along (dx, dy)
            ox = x + nx * offset - dx * w / 2
            oy = y + ny * offset - dy * w / 2
            if not char.isspace():
                corners = [(ox + dx * u - nx * v, oy + dy * u - ny * v)
                           for u in (0.0, w) for v in (-asc, desc)]
                xs = [c[0] for c in corners]
                ys = [c[1] for c in corners]
                box = Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
                glyphs.append(Glyph(char, span.face, family, span.family, ox, oy,
                                    math.degrees(math.atan2(dy, dx)), w, box))
            s += w + spacing
    return glyphs


def glyph_items(glyphs: list[Glyph], size: float, colour: Color, role: str = "label") -> list:
    """Each glyph as a one-letter text block in a group turned to its angle."""
    asc, desc = ASCENT * size * PT, DESCENT * size * PT
    out = []
    for g in glyphs:
        span = TextSpan(g.text, g.face, g.fallback)
        block = TextBlock((TextLine(0.0, 0.0, (span,), g.width),), g.family,
                          size, colour, Rect(0.0, -asc, g.width, asc + desc), role)
        out.append(Group((block,), g.x, g.y, 1.0, round(g.angle, 3)))
    return out
