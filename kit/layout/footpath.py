"""Least-cost footpaths over a height field: what a walker would take, along the slopes rather
than up them, round what is in the way (A* on a grid of the land, eight moves a cell).

The grid is evaluated lazily: only the cells the search reaches are costed, so a short path on
a large island costs little. Pure numbers.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable

Point = tuple[float, float]
_MOVES = tuple((di, dj, math.hypot(di, dj)) for di in (-1, 0, 1) for dj in (-1, 0, 1)
               if di or dj)


class Ground:
    """The land as a walker sees it: cell (i, j) of side `cell` mm at (x0 + i·cell, y0 +
    j·cell); its height, and whether it can be walked at all."""

    def __init__(self, x0: float, y0: float, cell: float,
                 height: Callable[[float, float], float | None]):
        self.x0, self.y0, self.cell = x0, y0, cell
        self._height = height
        self._cache: dict[tuple[int, int], float | None] = {}

    def centre(self, i: int, j: int) -> Point:
        return self.x0 + i * self.cell, self.y0 + j * self.cell

    def index(self, x: float, y: float) -> tuple[int, int]:
        return round((x - self.x0) / self.cell), round((y - self.y0) / self.cell)

    def height(self, i: int, j: int) -> float | None:
        """The cell's height, None where nobody walks (sea, a sign, a name…)."""
        key = (i, j)
        if key not in self._cache:
            self._cache[key] = self._height(*self.centre(i, j))
        return self._cache[key]

    def block(self, i: int, j: int) -> None:
        """Nobody walks there any more."""
        self._cache[(i, j)] = None

    def forget(self, cells) -> None:
        """Cells whose walkability changed (a new path, a new name)."""
        for key in cells:
            self._cache.pop(key, None)


def footpath(ground: Ground, start: Point, goal: Callable[[int, int], bool], aim: Point,
             climb: float = 9.0, extra: Callable[[int, int], float] | None = None,
             limit: int = 3000, greed: float = 1.0) -> list[Point] | None:
    """The cheapest walk from `start` to the first cell where goal(i, j) holds, heading for
    `aim` (the heuristic): each step costs its length in cells, plus climb × its change of
    height (0 at the coast, about 1 on the summits), plus extra(i, j). None when no such walk
    is found within `limit` cells. A `greed` over 1 weights the heuristic: fewer cells
    searched, for a way a little longer than the cheapest."""
    si, sj = ground.index(*start)
    ai, aj = ground.index(*aim)
    best = {(si, sj): 0.0}
    came: dict[tuple[int, int], tuple[int, int]] = {}
    queue = [(greed * math.hypot(ai - si, aj - sj), 0.0, si, sj)]
    seen = 0
    h0 = ground.height(si, sj)
    if h0 is None:
        h0 = 0.0
    heights = {(si, sj): h0}
    while queue:
        _, g, i, j = heapq.heappop(queue)
        if g > best.get((i, j), math.inf) + 1e-9:
            continue
        if goal(i, j) and (i, j) != (si, sj):
            path = [(i, j)]
            while path[-1] in came:
                path.append(came[path[-1]])
            path.reverse()
            return [start] + [ground.centre(*p) for p in path[1:]]
        seen += 1
        if seen > limit:
            return None
        h = heights[(i, j)]
        for di, dj, step in _MOVES:
            ni, nj = i + di, j + dj
            nh = ground.height(ni, nj)
            if nh is None:
                continue
            cost = step + climb * abs(nh - h)
            if extra is not None:
                cost += extra(ni, nj)
            ng = g + cost
            if ng < best.get((ni, nj), math.inf) - 1e-9:
                best[(ni, nj)] = ng
                came[(ni, nj)] = (i, j)
                heights[(ni, nj)] = nh
                heapq.heappush(queue, (ng + greed * math.hypot(ai - ni, aj - nj), ng, ni, nj))
    return None


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker: the fewest points that stay within `tolerance` mm of the line."""
    if len(points) < 3:
        return list(points)
    (x0, y0), (x1, y1) = points[0], points[-1]
    dx, dy = x1 - x0, y1 - y0
    norm = math.hypot(dx, dy) or 1e-9
    far, index = 0.0, 0
    for k in range(1, len(points) - 1):
        px, py = points[k]
        d = abs(dy * (px - x0) - dx * (py - y0)) / norm
        if d > far:
            far, index = d, k
    if far <= tolerance:
        return [points[0], points[-1]]
    left = simplify(points[:index + 1], tolerance)
    return left[:-1] + simplify(points[index:], tolerance)


def spline(points: list[Point], step: float = 1.0) -> list[Point]:
    """A Catmull–Rom curve through points, sampled about every `step` mm."""
    if len(points) < 3:
        if len(points) < 2:
            return list(points)
        (x0, y0), (x1, y1) = points
        n = max(1, int(math.hypot(x1 - x0, y1 - y0) / step))
        return [(x0 + (x1 - x0) * k / n, y0 + (y1 - y0) * k / n) for k in range(n + 1)]
    out = [points[0]]
    n = len(points)
    for k in range(n - 1):
        p0, p1, p2 = points[max(0, k - 1)], points[k], points[k + 1]
        p3 = points[min(n - 1, k + 2)]
        steps = max(1, int(math.dist(p1, p2) / step))
        for s in range(1, steps + 1):
            t = s / steps
            t2, t3 = t * t, t * t * t
            out.append(tuple(
                0.5 * (2 * p1[c] + (p2[c] - p0[c]) * t + (2 * p0[c] - 5 * p1[c] + 4 * p2[c]
                                                          - p3[c]) * t2
                       + (3 * p1[c] - p0[c] - 3 * p2[c] + p3[c]) * t3) for c in (0, 1)))
    return out


def length(points: list[Point]) -> float:
    return sum(math.dist(a, b) for a, b in zip(points, points[1:], strict=False))


def trimmed(points: list[Point], start: float, end: float) -> list[Point]:
    """The polyline without its first `start` and last `end` millimetres."""
    lo, hi = start, length(points) - end
    if hi <= lo:
        return []
    out: list[Point] = []
    run = 0.0
    for a, b in zip(points, points[1:], strict=False):
        seg = math.dist(a, b)
        if seg > 0 and run + seg >= lo and run <= hi:
            t0, t1 = max(0.0, (lo - run) / seg), min(1.0, (hi - run) / seg)
            if not out:
                out.append((a[0] + (b[0] - a[0]) * t0, a[1] + (b[1] - a[1]) * t0))
            out.append((a[0] + (b[0] - a[0]) * t1, a[1] + (b[1] - a[1]) * t1))
        run += seg
    return out
