"""Text set along a curve, glyph by glyph, as cartographers name rivers, roads and currents.

The letters stand on a baseline `offset` mm above the curve (on the side the text's tops point
to). Each glyph's baseline is a chord of that line exactly as long as the glyph's advance
width, and the next glyph starts where the chord ends: along any curve the letters keep the
spacing they have on a straight line, spaces included (kerning is not applied). A curve that
runs right to left is read backwards, so the text is never upside down; `windows` finds the
stretches of a path, smoothed, where a name reads well (gentle bends, within about 40° of
horizontal). The glyphs' boxes on the page (the axis-aligned boxes round each turned glyph)
are what the planner checks for room.

Pure geometry: the renderer draws each glyph as a one-character text block in a turned group.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterator
from dataclasses import dataclass

from kit.layout.geometry import Color, Group, Rect, TextBlock, TextLine, TextSpan
from kit.layout.text import PT, Measure, with_fallback

Point = tuple[float, float]
#: a glyph's height above its baseline (cap height and accents) and below it, in ems
ASCENT, DESCENT = 0.92, 0.25
#: a name along a line keeps within this of horizontal, degrees, so it reads without turning
#: the sheet
STEEPEST = 40.0


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
        self._lifted: dict[float, Curve] = {}

    def lifted(self, offset: float) -> Curve:
        """The curve moved `offset` mm to its left (offset_line), its points one for one with
        this one's (kept: names are tried at many places along the same line)."""
        line = self._lifted.get(offset)
        if line is None:
            line = self._lifted[offset] = Curve(offset_line(self.points, offset))
        return line

    def moved_length(self, s: float, line: Curve) -> float:
        """The arc length on `line` (this curve lifted) of the point at arc length s here."""
        run, moved = self.run, line.run
        k = min(max(1, bisect.bisect_left(run, s)), len(run) - 1)
        seg = (run[k] - run[k - 1]) or 1e-9
        return moved[k - 1] + (moved[k] - moved[k - 1]) * (s - run[k - 1]) / seg

    @property
    def length(self) -> float:
        return self.run[-1]

    def at(self, s: float) -> tuple[float, float, float, float]:
        """(x, y, dx, dy): the point at arc length s and the unit direction there."""
        run, pts = self.run, self.points
        end = run[-1]
        s = 0.0 if s < 0.0 else (end if s > end else s)
        k = bisect.bisect_left(run, s)
        k = 1 if k < 1 else (len(run) - 1 if k > len(run) - 1 else k)
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

    def chord(self, s: float, w: float) -> tuple[float, float, float, float, float]:
        """(x0, y0, x1, y1, s1): the point at arc length s, the first point after it exactly
        `w` mm away in a straight line and that point's arc length (past the end, the line
        goes on straight)."""
        run, pts = self.run, self.points
        x0, y0, dx, dy = self.at(s)
        k = min(max(1, bisect.bisect_right(run, s)), len(run) - 1)
        while k < len(pts):
            bx, by = pts[k]
            if math.hypot(bx - x0, by - y0) >= w:
                ax, ay = pts[k - 1]
                a_in = run[k - 1] <= s
                if a_in:
                    ax, ay = x0, y0
                # |a + t (b - a) - p| = w, for t in [0, 1]: the larger root
                ex, ey = bx - ax, by - ay
                fx, fy = ax - x0, ay - y0
                qa = ex * ex + ey * ey
                qb = 2 * (ex * fx + ey * fy)
                qc = fx * fx + fy * fy - w * w
                disc = max(0.0, qb * qb - 4 * qa * qc)
                t = (-qb + math.sqrt(disc)) / (2 * qa) if qa > 1e-18 else 1.0
                t = min(max(t, 0.0), 1.0)
                x1, y1 = ax + ex * t, ay + ey * t
                start = s if a_in else run[k - 1]
                return x0, y0, x1, y1, start + math.hypot(x1 - ax, y1 - ay)
            k += 1
        # past the end: straight on along the last direction
        ex, ey = pts[-1]
        _, _, dx, dy = self.at(run[-1])
        fx, fy = ex - x0, ey - y0
        along = fx * dx + fy * dy
        # |f + d·u| = w for the u ≥ 0 past the end
        u = -along + math.sqrt(max(0.0, along * along - (fx * fx + fy * fy) + w * w))
        return x0, y0, ex + dx * u, ey + dy * u, run[-1] + u


def covers(glyph: Glyph, size: float, x: float, y: float, margin: float = 0.0) -> bool:
    """Is (x, y) on the glyph's own turned box (grown by margin)?"""
    a = math.radians(glyph.angle)
    dx, dy = math.cos(a), math.sin(a)
    px, py = x - glyph.x, y - glyph.y
    u = px * dx + py * dy  # along the baseline
    v = py * dx - px * dy  # downwards from it
    asc, desc = ASCENT * size * PT, DESCENT * size * PT
    return -margin <= u <= glyph.width + margin and -asc - margin <= v <= desc + margin


def advances(spans: list[TextSpan], family: str, size: float, measure: Measure
             ) -> list[tuple[str, TextSpan, float]]:
    """(character, its span, its advance width mm) of every character, spaces included."""
    out = []
    for span in with_fallback(spans, family, measure):
        fam = span.family or family
        for char in span.text:
            out.append((char, span, measure(char, span.face, fam, size)))
    return out


def text_width(spans: list[TextSpan], family: str, size: float, measure: Measure) -> float:
    """The width a text takes along a curve: the sum of its characters' advances."""
    return sum(w for _, _, w in advances(spans, family, size, measure))


def offset_line(points: list[Point], offset: float) -> list[Point]:
    """The polyline moved `offset` mm to its left as it runs (towards the tops of letters set
    along it: up for a line running left to right, y down), each point along the mean normal
    of its two segments."""
    if not offset or len(points) < 2:
        return list(points)
    out = []
    n = len(points)
    for k in range(n):
        (ax, ay), (bx, by) = points[max(0, k - 1)], points[min(n - 1, k + 1)]
        if (ax, ay) == (bx, by):
            ax, ay = points[0]
            bx, by = points[-1]
        d = math.hypot(bx - ax, by - ay) or 1.0
        dx, dy = (bx - ax) / d, (by - ay) / d
        x, y = points[k]
        out.append((x + dy * offset, y - dx * offset))
    return out


def set_along(curve: Curve, spans: list[TextSpan], family: str, size: float, measure: Measure,
              start: float, offset: float, spacing: float = 0.0) -> list[Glyph]:
    """Glyphs of `spans` along `curve` from arc length `start`, their baseline `offset` mm
    above it (towards the tops of the letters; negative: below), `spacing` mm more between
    letters. Each glyph's baseline is a chord of the baseline line as long as its advance: the
    letters keep their straight-line spacing. The caller keeps start + width within the curve
    (past its end the line goes on straight)."""
    line = curve
    s = start
    if offset:
        # the same place along the moved line: arc lengths map vertex to vertex
        line = curve.lifted(offset)
        s = curve.moved_length(start, line)
    asc, desc = ASCENT * size * PT, DESCENT * size * PT
    glyphs: list[Glyph] = []
    for char, span, w in advances(spans, family, size, measure):
        x0, y0, x1, y1, s1 = line.chord(s, w)
        if not char.isspace() and w > 0:
            dx, dy = (x1 - x0) / w, (y1 - y0) / w
            nx, ny = dy, -dx  # the letters' up, for a baseline running along (dx, dy)
            xs = (x0 + nx * asc, x0 - nx * desc, x1 + nx * asc, x1 - nx * desc)
            ys = (y0 + ny * asc, y0 - ny * desc, y1 + ny * asc, y1 - ny * desc)
            box = Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
            glyphs.append(Glyph(char, span.face, family, span.family, x0, y0,
                                math.degrees(math.atan2(dy, dx)), w, box))
        s = s1
        if spacing:
            s = line.chord(s, spacing)[4]
    return glyphs


def smoothed(points: list[Point], reach: float, step: float = 1.0) -> list[Point]:
    """The polyline resampled every `step` mm and averaged over `reach` mm either side (a
    moving average, its ends kept): the line a name follows, free of the path's small
    turns."""
    return average(resample(points, step), int(reach / step))


def average(points: list[Point], k: int) -> list[Point]:
    """Each point the mean of itself and its k neighbours on either side (fewer near the
    ends, which stay put)."""
    n = len(points)
    if n < 3 or k < 1:
        return list(points)
    sx = [0.0]
    sy = [0.0]
    for x, y in points:
        sx.append(sx[-1] + x)
        sy.append(sy[-1] + y)
    out = []
    for i in range(n):
        h = min(k, i, n - 1 - i)
        lo, hi = i - h, i + h + 1
        out.append(((sx[hi] - sx[lo]) / (hi - lo), (sy[hi] - sy[lo]) / (hi - lo)))
    return out


def resample(points: list[Point], step: float) -> list[Point]:
    """The polyline with a point every `step` mm or so (its own points dropped between)."""
    if len(points) < 2:
        return list(points)
    curve = Curve(points)
    n = max(1, round(curve.length / step))
    return [curve.at(curve.length * i / n)[:2] for i in range(n + 1)]


def level(glyphs: list[Glyph], steepest: float = STEEPEST, bend: float = 14.0) -> bool:
    """Do the glyphs read without turning the page: each within `steepest` degrees of
    horizontal, and no two neighbours turned more than `bend` degrees apart (a tight bend
    would fan their tops out or crowd them)?"""
    prev = None
    for g in glyphs:
        if abs(g.angle) > steepest:
            return False
        if prev is not None and abs(g.angle - prev) > bend:
            return False
        prev = g.angle
    return True


def windows(points: list[Point], width: float, margin: float = 1.5, step: float = 2.0,
            most_turn: float = 0.7) -> Iterator[tuple[Curve, float]]:
    """(curve, start) of the stretches of a line where a text `width` mm long can be set,
    nearest the middle first: the curve runs left to right there (a stretch running right to
    left is taken from its other end) and turns at most `most_turn` radians along the text.
    The caller sets the glyphs and checks level() and room."""
    forward = Curve(points)
    total = forward.length
    if total < width + 2 * margin:
        return
    backward = Curve(list(reversed(points)))
    middle = (total - width) / 2
    count = int((total - width - 2 * margin) / step) + 1
    starts = sorted((margin + step * k for k in range(count)), key=lambda s: abs(s - middle))
    for s0 in starts:
        if forward.turning(s0, s0 + width) > most_turn:
            continue
        if forward.at(s0 + width)[0] < forward.at(s0)[0]:
            yield backward, total - s0 - width
        else:
            yield forward, s0


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
