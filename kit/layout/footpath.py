"""Least-cost footpaths over a height field: what a walker would take — along the contours
rather than up the slopes, over the passes rather than the summits, round what is in the way —
found by A* on a grid of the land, then smoothed into a flowing line.

The grid covers one island; each cell's height and cost are computed the first time a search
reaches it and kept for every later path (and every later search) of the same plan, so a
chart's dozen trails cost little more than one. A cell's cost to enter is its length times
(1 + the height's weight × its height + a gentle seeded roughness, which makes the way wander
a little, as paths do), plus the climb's weight times the change of height, plus the wear
asked by paths already there (running along one costs more than crossing it). Pure numbers.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections.abc import Callable, Iterable

Point = tuple[float, float]

#: what a step costs beyond its length: per unit of height under it, per unit of height
#: climbed or descended, and per unit of roughness
HIGH, CLIMB, ROUGH = 1.4, 14.0, 0.7
#: the roughness's wavelength, mm
ROUGH_SCALE = 14.0
_SQRT2 = math.sqrt(2.0)
_BLOCKED = -1.0


class Ground:
    """The land as a walker sees it: cells of `cell` mm over the box (x0, y0, x1, y1), a
    border of blocked cells round it; probe(x, y) gives a cell's height (0 to about 1) or
    None where nobody walks (sea, a sign, a name…)."""

    def __init__(self, x0: float, y0: float, x1: float, y1: float, cell: float,
                 probe: Callable[[float, float], float | None], seed: int = 0):
        self.cell = cell
        self.x0, self.y0 = x0 - cell, y0 - cell
        self.cols = int((x1 - x0) / cell) + 3
        self.rows = int((y1 - y0) / cell) + 3
        n = self.cols * self.rows
        self._probe = probe
        self.seed = seed
        #: per cell: its height, _BLOCKED, or None before it is first asked for
        self.heights: list[float | None] = [None] * n
        self.factor = [1.0] * n  # 1 + HIGH·height + ROUGH·roughness
        self.wear = [0.0] * n
        cols = self.cols
        for i in range(cols):
            self.heights[i] = self.heights[n - cols + i] = _BLOCKED
        for j in range(self.rows):
            self.heights[j * cols] = self.heights[j * cols + cols - 1] = _BLOCKED
        #: (offset, length, the two cells a diagonal step passes between, or 0)
        self.moves = tuple((di + dj * cols, _SQRT2 if di and dj else 1.0,
                            di if di and dj else 0, dj * cols if di and dj else 0)
                           for di in (-1, 0, 1) for dj in (-1, 0, 1) if di or dj)

    def index(self, x: float, y: float) -> int:
        """The cell at (x, y) (clamped to the grid)."""
        i = min(max(round((x - self.x0) / self.cell), 0), self.cols - 1)
        j = min(max(round((y - self.y0) / self.cell), 0), self.rows - 1)
        return j * self.cols + i

    def centre(self, k: int) -> Point:
        j, i = divmod(k, self.cols)
        return self.x0 + i * self.cell, self.y0 + j * self.cell

    def height(self, k: int) -> float:
        """The cell's height, or a negative number where nobody walks."""
        h = self.heights[k]
        if h is None:
            x, y = self.centre(k)
            found = self._probe(x, y)
            if found is None:
                h = _BLOCKED
            else:
                h = found
                self.factor[k] = 1.0 + HIGH * h + ROUGH * roughness(self.seed, x, y)
            self.heights[k] = h
        return h

    def walkable(self, x: float, y: float) -> bool:
        return self.height(self.index(x, y)) >= 0.0

    def block(self, k: int) -> None:
        """Nobody walks there any more."""
        self.heights[k] = _BLOCKED

    def cells_within(self, x: float, y: float, radius: float) -> list[int]:
        """The cells whose centres are within `radius` mm of (x, y)."""
        c = self.cell
        i0, i1 = math.floor((x - radius - self.x0) / c), math.ceil((x + radius - self.x0) / c)
        j0, j1 = math.floor((y - radius - self.y0) / c), math.ceil((y + radius - self.y0) / c)
        out = []
        for j in range(max(0, j0), min(self.rows, j1 + 1)):
            for i in range(max(0, i0), min(self.cols, i1 + 1)):
                if math.hypot(self.x0 + i * c - x, self.y0 + j * c - y) <= radius:
                    out.append(j * self.cols + i)
        return out

    def reach(self, starts: list[int], most: int) -> int:
        """How many walkable cells can be reached from the start cells (counting stops at
        `most`)."""
        seen = {k for k in starts if self.height(k) >= 0.0}
        todo = list(seen)
        while todo and len(seen) < most:
            k = todo.pop()
            for dk, _, _, _ in self.moves:
                n = k + dk
                if n not in seen and self.height(n) >= 0.0:
                    seen.add(n)
                    todo.append(n)
        return len(seen)

    def wear_along(self, points: Iterable[Point], on: float, beside: float) -> None:
        """A path was drawn through these points: walking on it costs `on` more per cell,
        beside it `beside` (the next path rather crosses it than follows it)."""
        cols = self.cols
        seen = set()
        for x, y in points:
            k = self.index(x, y)
            if k in seen:
                continue
            seen.add(k)
            for dk in (-cols - 1, -cols, -cols + 1, -1, 1, cols - 1, cols, cols + 1):
                if 0 <= k + dk < len(self.wear) and self.wear[k + dk] < beside:
                    self.wear[k + dk] = beside
            self.wear[k] = max(self.wear[k], on)


def roughness(seed: int, x: float, y: float) -> float:
    """Smooth seeded noise in [0, 1] at the scale of ROUGH_SCALE (bilinear between lattice
    values, smoothstepped)."""
    gx, gy = x / ROUGH_SCALE, y / ROUGH_SCALE
    i, j = math.floor(gx), math.floor(gy)
    fx, fy = gx - i, gy - j
    fx, fy = fx * fx * (3 - 2 * fx), fy * fy * (3 - 2 * fy)
    a, b = _lattice(seed, i, j), _lattice(seed, i + 1, j)
    c, d = _lattice(seed, i, j + 1), _lattice(seed, i + 1, j + 1)
    return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy


_LATTICE: dict[tuple[int, int, int], float] = {}


def _lattice(seed: int, i: int, j: int) -> float:
    key = (seed, i, j)
    value = _LATTICE.get(key)
    if value is None:
        digest = hashlib.blake2b(f"{seed}:{i}:{j}".encode(), digest_size=2).digest()
        value = _LATTICE[key] = (digest[0] * 256 + digest[1]) / 65535
        if len(_LATTICE) > 200_000:
            _LATTICE.clear()
    return value


def footpath(ground: Ground, starts: list[int], goals: set[int], aim: Point,
             greed: float = 2.0, limit: int = 6000) -> tuple[list[int], float] | None:
    """The cheapest walk (cells, cost) from any of the start cells to any goal cell, the
    search heading for `aim` (its heuristic, weighted by `greed`: over 1, fewer cells are
    searched for a way a little dearer than the cheapest). None when no walk is found within
    `limit` cells."""
    heights, factor, wear, moves = ground.heights, ground.factor, ground.wear, ground.moves
    cols, cell = ground.cols, ground.cell
    ax, ay = (aim[0] - ground.x0) / cell, (aim[1] - ground.y0) / cell
    best: dict[int, float] = {}
    came: dict[int, int] = {}
    queue = []
    for k in starts:
        if ground.height(k) >= 0.0:
            best[k] = 0.0
            j, i = divmod(k, cols)
            queue.append((greed * math.hypot(ax - i, ay - j), 0.0, k))
    heapq.heapify(queue)
    seen = 0
    height, best_get, push, hypot, inf = ground.height, best.get, heapq.heappush, math.hypot, \
        math.inf
    while queue:
        _, g, k = heapq.heappop(queue)
        if g > best[k] + 1e-9:
            continue
        if k in goals:
            path = [k]
            while path[-1] in came:
                path.append(came[path[-1]])
            path.reverse()
            return path, g
        seen += 1
        if seen > limit:
            return None
        h = heights[k]
        for dk, step, side1, side2 in moves:
            n = k + dk
            hn = heights[n]
            if hn is None:
                hn = height(n)
            if hn < 0.0:
                continue
            if side1:
                # a diagonal step never cuts the corner of a cell nobody walks
                h1, h2 = heights[k + side1], heights[k + side2]
                if ((h1 if h1 is not None else height(k + side1)) < 0.0
                        or (h2 if h2 is not None else height(k + side2)) < 0.0):
                    continue
            ng = g + step * (factor[n] + wear[n]) + CLIMB * abs(hn - h)
            if ng < best_get(n, inf) - 1e-9:
                best[n] = ng
                came[n] = k
                j, i = divmod(n, cols)
                push(queue, (ng + greed * hypot(ax - i, ay - j), ng, n))
    return None


def taut(ground: Ground, cells: list[int], slack: float = 1.04) -> list[Point]:
    """The walk's turning points once pulled taut: from each point, straight on to the
    farthest later one the straight line reaches over walkable cells for no more than the
    walk's own cost there (× slack) — the grid's staircases and doglegs go, the detours the
    ground asks for stay."""
    heights, factor, wear = ground.heights, ground.factor, ground.wear
    cols = ground.cols
    n = len(cells)
    run = [0.0]
    for a, b in zip(cells, cells[1:], strict=False):
        step = _SQRT2 if (a - b) % cols and abs(a - b) != 1 else 1.0
        run.append(run[-1] + step * (factor[b] + wear[b]) + CLIMB * abs(heights[b] - heights[a]))

    def line_cost(a: int, b: int, budget: float) -> float | None:
        (ax, ay), (bx, by) = ground.centre(a), ground.centre(b)
        d = math.hypot(bx - ax, by - ay) / ground.cell
        steps = max(1, math.ceil(d * 2))
        total, h = 0.0, heights[a]
        for s in range(1, steps + 1):
            k = ground.index(ax + (bx - ax) * s / steps, ay + (by - ay) * s / steps)
            hk = ground.height(k)
            if hk < 0.0:
                return None
            total += d / steps * (factor[k] + wear[k]) + CLIMB * abs(hk - h)
            h = hk
            if total > budget:
                return None
        return total

    keep = [0]
    i = 0
    while i < n - 1:
        j = i + 1
        while j + 1 < n and line_cost(cells[i], cells[j + 1],
                                      (run[j + 1] - run[i]) * slack + 0.3) is not None:
            j += 1
        keep.append(j)
        i = j
    return [ground.centre(cells[k]) for k in keep]


def smooth_within(points: list[Point], ok: Callable[[float, float], bool],
                  reaches: tuple[float, ...] = (5.0, 3.5, 2.0)) -> list[Point] | None:
    """The walk as a flowing line: resampled every millimetre and averaged over `reaches[0]`
    mm either side wherever the result stays where ok(x, y) holds, less where it must (point
    by point, the smoothest version that is ok), then lightly averaged again to join the
    versions without a kink; its ends stay put. None when even the walk itself is not ok
    somewhere."""
    from kit.layout.curvetext import average, resample

    raw = resample(points, 1.0)
    versions = [average(raw, round(reach)) for reach in reaches] + [raw]
    chosen = []
    for i in range(len(raw)):
        for v in versions:
            if ok(*v[i]):
                chosen.append(v[i])
                break
        else:
            return None
    for k in (2, 1, 0):
        line = average(chosen, k)
        if k == 0 or all(ok(*p) for p in line):
            return line
    return None


def length(points: list[Point]) -> float:
    return sum(math.dist(a, b) for a, b in zip(points, points[1:], strict=False))


def turning(points: list[Point]) -> float:
    """The largest turn between two successive segments, radians."""
    worst = 0.0
    for a, b, c in zip(points, points[1:], points[2:], strict=False):
        t0 = math.atan2(b[1] - a[1], b[0] - a[0])
        t1 = math.atan2(c[1] - b[1], c[0] - b[0])
        worst = max(worst, abs(math.remainder(t1 - t0, 2 * math.pi)))
    return worst


class Network:
    """The paths drawn so far, as points bucketed on a grid: how close a new path runs to
    them, and where it crosses them."""

    def __init__(self, cell: float = 2.0):
        self.cell = cell
        self.points: dict[tuple[int, int], list[tuple[float, float, int]]] = {}
        self.paths: list[list[Point]] = []
        #: each path's bounding box (x0, y0, x1, y1)
        self.bounds: list[tuple[float, float, float, float]] = []

    def add(self, path: list[Point]) -> int:
        owner = len(self.paths)
        self.paths.append(path)
        xs, ys = [x for x, _ in path], [y for _, y in path]
        self.bounds.append((min(xs), min(ys), max(xs), max(ys)))
        c = self.cell
        for x, y in path:
            self.points.setdefault((math.floor(x / c), math.floor(y / c)), []).append(
                (x, y, owner))
        return owner

    def near(self, x: float, y: float, within: float) -> set[int]:
        """The paths with a point within `within` mm of (x, y)."""
        c = self.cell
        out = set()
        for i in range(math.floor((x - within) / c), math.floor((x + within) / c) + 1):
            for j in range(math.floor((y - within) / c), math.floor((y + within) / c) + 1):
                for px, py, owner in self.points.get((i, j), ()):
                    if (px - x) ** 2 + (py - y) ** 2 <= within * within:
                        out.add(owner)
        return out

    def meetings(self, path: list[Point], within: float,
                 spared: Callable[[int, Point], bool]) -> list[tuple[int, float]]:
        """Each place where `path` (sampled about every millimetre) comes within `within` mm
        of a path drawn: (that path, how long the two run together, mm); a point where
        spared(path, point) holds (a place both paths lead to) does not count."""
        out: list[tuple[int, float]] = []
        runs: dict[int, float] = {}
        prev = None
        for x, y in path:
            step = 0.0 if prev is None else math.hypot(x - prev[0], y - prev[1])
            prev = (x, y)
            close = {owner for owner in self.near(x, y, within)
                     if not spared(owner, (x, y))}
            for owner in list(runs):
                if owner not in close:
                    out.append((owner, runs.pop(owner)))
            for owner in close:
                runs[owner] = runs.get(owner, 0.0) + step
        out += list(runs.items())
        return out
