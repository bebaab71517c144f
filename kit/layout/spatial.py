"""Spatial indexes for the chart's planning: rectangles and line segments bucketed on a grid,
so that "is this free?" and "does this cross the route?" are asked quickly, hundreds of
thousands of times. Pure numbers."""

from __future__ import annotations

import math
from collections.abc import Iterator

from kit.layout.geometry import Rect

HARD = 10_000.0  # an overlap costs this per mm²: never worth it
CLASH = 1_000.0  # and this much more for any overlap at all, however small


class RectIndex:
    """Rectangles bucketed on a grid, each with its owner's key: quick 'is this free?'.

    Each bucket holds (x, y, x2, y2, owner, rect) so that the tests, asked hundreds of
    thousands of times while a chart is planned, compare plain numbers."""

    def __init__(self, cell: float = 8.0):
        self.cell = cell
        self.cells: dict[tuple[int, int], list[tuple]] = {}
        self.items: list[tuple[Rect, str]] = []
        self._where: dict[str, set[tuple[int, int]]] = {}  # owner → the cells it is in

    def _span(self, r: Rect) -> Iterator[tuple[int, int]]:
        c = self.cell
        for ix in range(math.floor(r.x / c), math.floor((r.x + r.w) / c) + 1):
            for iy in range(math.floor(r.y / c), math.floor((r.y + r.h) / c) + 1):
                yield ix, iy

    def add(self, rect: Rect, owner: str = "") -> None:
        self.items.append((rect, owner))
        entry = (rect.x, rect.y, rect.x + rect.w, rect.y + rect.h, owner, rect)
        where = self._where.setdefault(owner, set())
        for key in self._span(rect):
            self.cells.setdefault(key, []).append(entry)
            where.add(key)

    def remove(self, owner: str) -> None:
        """Forget every rectangle of `owner`."""
        where = self._where.pop(owner, None)
        if not where:
            return
        self.items = [(r, o) for r, o in self.items if o != owner]
        for key in where:
            self.cells[key] = [e for e in self.cells[key] if e[4] != owner]

    def hits(self, rect: Rect, ignore: str | None = None) -> str | None:
        """The owner of a rectangle overlapping `rect` (other than `ignore`), or None."""
        return self.hits_box(rect.x, rect.y, rect.x + rect.w, rect.y + rect.h, ignore)

    def hits_box(self, x: float, y: float, x2: float, y2: float,
                 ignore: str | None = None) -> str | None:
        """hits() for the box (x, y)–(x2, y2), without making a Rect."""
        c = self.cell
        cells = self.cells
        floor = math.floor
        # overlapping by more than a hair (1e-9 mm) on both axes
        xt, yt, x2t, y2t = x + 1e-9, y + 1e-9, x2 - 1e-9, y2 - 1e-9
        ix0, ix1, iy0, iy1 = floor(x / c), floor(x2 / c), floor(y / c), floor(y2 / c)
        if ix0 == ix1 and iy0 == iy1:  # most boxes asked about lie in one cell
            for ox, oy, ox2, oy2, owner, _ in cells.get((ix0, iy0), ()):
                if xt < ox2 and ox < x2t and yt < oy2 and oy < y2t and owner != ignore:
                    return owner
            return None
        for ix in range(ix0, ix1 + 1):
            for iy in range(iy0, iy1 + 1):
                bucket = cells.get((ix, iy))
                if not bucket:
                    continue
                for ox, oy, ox2, oy2, owner, _ in bucket:
                    if xt < ox2 and ox < x2t and yt < oy2 and oy < y2t and owner != ignore:
                        return owner
        return None

    def overlap(self, rect: Rect, ignore: str | None = None) -> float:
        """Total area of `rect` covered by others' rectangles, plus CLASH/HARD per overlap."""
        seen: set[int] = set()
        total = 0.0
        x, y = rect.x, rect.y
        x2, y2 = x + rect.w, y + rect.h
        c, cells, floor = self.cell, self.cells, math.floor
        iy0, iy1 = floor(y / c), floor(y2 / c)
        for ix in range(floor(x / c), floor(x2 / c) + 1):
            for iy in range(iy0, iy1 + 1):
                bucket = cells.get((ix, iy))
                if not bucket:
                    continue
                for ox, oy, ox2, oy2, owner, other in bucket:
                    if owner == ignore:
                        continue
                    # a rectangle is counted once, where first met overlapping (one that
                    # does not overlap never does, in whichever cell it is met)
                    w = (x2 if x2 < ox2 else ox2) - (x if x > ox else ox)
                    if w <= 0:
                        continue
                    h = (y2 if y2 < oy2 else oy2) - (y if y > oy else oy)
                    if h <= 0 or id(other) in seen:
                        continue
                    seen.add(id(other))
                    total += w * h + CLASH / HARD
        return total

    def nearest(self, x: float, y: float, cap: float) -> float:
        """Distance from (x, y) to the nearest rectangle, or cap if none is closer."""
        c = self.cell
        best = cap
        for ix in range(math.floor((x - cap) / c), math.floor((x + cap) / c) + 1):
            for iy in range(math.floor((y - cap) / c), math.floor((y + cap) / c) + 1):
                for rx, ry, rx2, ry2, _, _ in self.cells.get((ix, iy), ()):
                    dx = rx - x if x < rx else (x - rx2 if x > rx2 else 0.0)
                    dy = ry - y if y < ry else (y - ry2 if y > ry2 else 0.0)
                    d = math.sqrt(dx * dx + dy * dy)
                    if d < best:
                        best = d
        return best


class SegmentIndex:
    """Line segments bucketed on a grid: does a rectangle cross the route?"""

    def __init__(self, segments: list[tuple[float, float, float, float]], cell: float = 12.0):
        self.cell = cell
        self.segments = segments
        self.cells: dict[tuple[int, int], list[int]] = {}
        for i, (x1, y1, x2, y2) in enumerate(segments):
            r = Rect(min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1))
            for key in self._span(r):
                self.cells.setdefault(key, []).append(i)

    def _span(self, r: Rect) -> Iterator[tuple[int, int]]:
        c = self.cell
        for ix in range(math.floor(r.x / c), math.floor(r.x2 / c) + 1):
            for iy in range(math.floor(r.y / c), math.floor(r.y2 / c) + 1):
                yield ix, iy

    def crossings(self, rect: Rect) -> int:
        found: set[int] = set()
        for key in self._span(rect):
            for i in self.cells.get(key, ()):
                if i not in found and _segment_hits_rect(self.segments[i], rect):
                    found.add(i)
        return len(found)

    def crosses(self, rect: Rect) -> bool:
        rx, ry = rect.x, rect.y
        rx2, ry2 = rx + rect.w, ry + rect.h
        c, cells, segments = self.cell, self.cells, self.segments
        floor = math.floor
        iy0, iy1 = floor(ry / c), floor(ry2 / c)
        for ix in range(floor(rx / c), floor(rx2 / c) + 1):
            for iy in range(iy0, iy1 + 1):
                for i in cells.get((ix, iy), ()):
                    seg = segments[i]
                    x1, y1, x2, y2 = seg
                    # most segments of a bucket lie wholly to one side of the rectangle
                    if ((x1 < rx and x2 < rx) or (x1 > rx2 and x2 > rx2)
                            or (y1 < ry and y2 < ry) or (y1 > ry2 and y2 > ry2)):
                        continue
                    if _segment_hits_rect(seg, rect):
                        return True
        return False


def _segment_hits_rect(seg: tuple[float, float, float, float], r: Rect) -> bool:
    """Liang–Barsky clipping: does the segment cross the rectangle?"""
    x1, y1, x2, y2 = seg
    if max(x1, x2) < r.x or min(x1, x2) > r.x2 or max(y1, y2) < r.y or min(y1, y2) > r.y2:
        return False
    dx, dy = x2 - x1, y2 - y1
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x1 - r.x), (dx, r.x2 - x1), (-dy, y1 - r.y), (dy, r.y2 - y1)):
        if abs(p) < 1e-12:
            if q < 0:
                return False
        else:
            t = q / p
            if p < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
            if t0 > t1:
                return False
    return True
