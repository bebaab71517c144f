"""Point-feature label placement (Imhof's preferences, Christensen–Marks–Shieber's annealing).

Each label has variants (one line, two lines, one size smaller, further away with a leader
line) and each variant eight positions around its point. A cost sums overlaps with other labels
and with obstacles, the wrong side of the coast, crossing the route, and the position's rank in
Imhof's order; simulated annealing, seeded, picks one candidate per label. Pure numbers.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from kit.layout.geometry import Rect

# Imhof: upper right first, then right, upper left, left, lower right, below, above, lower left
POSITIONS = (
    ("upper-right", 0.0),
    ("right", 0.4),
    ("upper-left", 0.8),
    ("left", 1.0),
    ("lower-right", 1.2),
    ("below", 1.5),
    ("above", 1.6),
    ("lower-left", 1.8),
)
HARD = 10_000.0  # an overlap costs this per mm²: never worth it


@dataclass(frozen=True)
class Variant:
    w: float
    h: float
    penalty: float  # 0 for the preferred form; more for wrapped, smaller or far
    payload: object = None  # what the planner needs to draw it (lines, size…)
    distance: float = 0.0  # extra distance from the point (leader line when > 0)


@dataclass(frozen=True)
class LabelRequest:
    key: str
    x: float
    y: float
    radius: float  # keep-out around the point (its pictogram)
    variants: tuple[Variant, ...]
    side: str = "any"  # 'land', 'sea' or 'any'
    positions: tuple[str, ...] | None = None  # own preference order instead of Imhof's


@dataclass(frozen=True)
class Placement:
    key: str
    rect: Rect
    variant: Variant
    position: str
    leader: tuple[float, float, float, float] | None  # from the point to the label


@dataclass(frozen=True)
class _Candidate:
    rect: Rect
    variant: Variant
    position: str
    cost: float  # fixed part: preference, obstacles, side, route


def _rect_at(req: LabelRequest, v: Variant, position: str, gap: float) -> Rect:
    d = req.radius + gap + v.distance
    diag = d * 0.72
    x, y, w, h = req.x, req.y, v.w, v.h
    if position == "upper-right":
        return Rect(x + diag, y - diag - h, w, h)
    if position == "right":
        return Rect(x + d, y - h / 2, w, h)
    if position == "upper-left":
        return Rect(x - diag - w, y - diag - h, w, h)
    if position == "left":
        return Rect(x - d - w, y - h / 2, w, h)
    if position == "lower-right":
        return Rect(x + diag, y + diag, w, h)
    if position == "below":
        return Rect(x - w / 2, y + d, w, h)
    if position == "above":
        return Rect(x - w / 2, y - d - h, w, h)
    if position == "lower-left":
        return Rect(x - diag - w, y + diag, w, h)
    raise ValueError(position)


def _segment_hits_rect(seg: tuple[float, float, float, float], r: Rect) -> bool:
    """Liang–Barsky clipping: does the segment cross the rectangle?"""
    x1, y1, x2, y2 = seg
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


def place_labels(
    requests: list[LabelRequest],
    safe: Rect,
    obstacles: list[Rect],
    is_land: Callable[[float, float], bool] | None = None,
    lines: list[tuple[float, float, float, float]] | None = None,
    seed: int = 0,
    gap: float = 1.2,
    iterations: int = 6000,
) -> tuple[list[Placement], list[str]]:
    """Place every label; returns (placements, keys of labels that could not be placed cleanly).

    obstacles: rectangles no label may cover (pictograms, cartouche, legend…);
    lines: segments a label should rather not cross (the route);
    is_land: tells the coast apart, for labels that belong on land or at sea.
    """
    lines = lines or []
    candidates: list[list[_Candidate]] = []
    for req in requests:
        options = []
        order = ([(name, 0.4 * k) for k, name in enumerate(req.positions)]
                 if req.positions else POSITIONS)
        for v in req.variants:
            for position, rank in order:
                rect = _rect_at(req, v, position, gap)
                if not safe.contains(rect):
                    continue
                cost = rank + v.penalty
                blocked = sum(rect.overlap_area(o) for o in obstacles)
                cost += blocked * HARD
                if is_land and req.side != "any":
                    pts = [(rect.x, rect.y), (rect.x2, rect.y), (rect.x, rect.y2),
                           (rect.x2, rect.y2), (rect.cx, rect.cy)]
                    wrong = sum(1 for p in pts if is_land(*p) != (req.side == "land"))
                    cost += wrong * 2.5
                cost += sum(3.0 for seg in lines if _segment_hits_rect(seg, rect))
                options.append(_Candidate(rect, v, position, cost))
        options.sort(key=lambda c: c.cost)
        candidates.append(options[:40])
    n = len(requests)
    # which labels can touch each other at all
    reach = []
    for i in range(n):
        bi = _union([c.rect for c in candidates[i]])
        reach.append(bi)
    neighbours: list[list[int]] = [[] for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            if reach[i] and reach[j] and reach[i].intersects(reach[j]):
                neighbours[i].append(j)
                neighbours[j].append(i)
    overlap_cache: dict[tuple[int, int, int, int], float] = {}

    def overlap(i: int, ci: int, j: int, cj: int) -> float:
        key = (i, ci, j, cj) if i < j else (j, cj, i, ci)
        value = overlap_cache.get(key)
        if value is None:
            a = candidates[i][ci].rect.outset(0.6)
            value = a.overlap_area(candidates[j][cj].rect) * HARD
            overlap_cache[key] = value
        return value

    choice = [0 if candidates[i] else -1 for i in range(n)]

    def local(i: int, ci: int) -> float:
        if ci < 0:
            return HARD * 100
        total = candidates[i][ci].cost
        for j in neighbours[i]:
            if choice[j] >= 0:
                total += overlap(i, ci, j, choice[j])
        return total

    rng = random.Random(seed)
    movable = [i for i in range(n) if len(candidates[i]) > 1]
    if movable:
        temperature = 20.0
        cooling = (0.01 / temperature) ** (1 / max(1, iterations))
        for _ in range(iterations):
            i = movable[rng.randrange(len(movable))]
            new = rng.randrange(len(candidates[i]))
            if new == choice[i]:
                continue
            delta = local(i, new) - local(i, choice[i])
            if delta <= 0 or rng.random() < math.exp(-delta / temperature):
                choice[i] = new
            temperature *= cooling
        # a final greedy pass settles every label on its best local option
        for _ in range(3):
            changed = False
            for i in movable:
                best = min(range(len(candidates[i])), key=lambda c, i=i: local(i, c))
                if local(i, best) < local(i, choice[i]) - 1e-9:
                    choice[i] = best
                    changed = True
            if not changed:
                break
    placements, failed = [], []
    for i, req in enumerate(requests):
        if choice[i] < 0:
            failed.append(req.key)
            continue
        c = candidates[i][choice[i]]
        clash = c.cost >= HARD * 0.01 or any(
            choice[j] >= 0 and overlap(i, choice[i], j, choice[j]) > 0 for j in neighbours[i]
        )
        if clash:
            failed.append(req.key)
        leader = None
        if c.variant.distance > 0:
            leader = _leader(req, c.rect)
        placements.append(Placement(req.key, c.rect, c.variant, c.position, leader))
    return placements, failed


def _leader(req: LabelRequest, rect: Rect) -> tuple[float, float, float, float]:
    tx = min(max(req.x, rect.x), rect.x2)
    ty = min(max(req.y, rect.y), rect.y2)
    dx, dy = tx - req.x, ty - req.y
    d = math.hypot(dx, dy) or 1.0
    sx, sy = req.x + dx / d * req.radius, req.y + dy / d * req.radius
    return (sx, sy, tx, ty)


def _union(rects: list[Rect]) -> Rect | None:
    if not rects:
        return None
    out = rects[0]
    for r in rects[1:]:
        out = out.union(r)
    return out
