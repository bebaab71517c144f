"""Point-feature label placement (Imhof's preferences, Christensen–Marks–Shieber's annealing).

Each label has variants (one line, two or three balanced lines, one or two sizes smaller) and
each variant eight positions around its point. A cost sums overlaps with other labels and with
obstacles, the wrong side of the coast, crossing the route, and the position's rank in Imhof's
order; simulated annealing, seeded, picks one candidate per label. Pure numbers.

The planner usually knows a clean placement already (it reserves room for each label while it
places the features, see kit.products.map.placement): annealing then starts from it and only
ever trades it for another clean one, so a clean start always ends clean.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from kit.layout.geometry import Rect
from kit.layout.spatial import CLASH, HARD, RectIndex, SegmentIndex

__all__ = ["CLASH", "DIRECTIONS", "HARD", "LABEL_GAP", "LabelRequest", "Placement", "RectIndex",
           "SegmentIndex", "Variant", "label_options", "outward_positions", "place_labels",
           "rect_at", "side_samples", "wrong_side"]

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
#: the unit vector from a point towards each position's label
DIRECTIONS = {
    "upper-right": (math.sqrt(0.5), -math.sqrt(0.5)),
    "right": (1.0, 0.0),
    "upper-left": (-math.sqrt(0.5), -math.sqrt(0.5)),
    "left": (-1.0, 0.0),
    "lower-right": (math.sqrt(0.5), math.sqrt(0.5)),
    "below": (0.0, 1.0),
    "above": (0.0, -1.0),
    "lower-left": (-math.sqrt(0.5), math.sqrt(0.5)),
}
LABEL_GAP = 1.8  # the least white between two labels, mm: less and two names read as one


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
    pad: float = 0.0  # white this label wants around it, beyond LABEL_GAP, from other labels
    gap: float | None = None  # from its keep-out to the label, mm, instead of the caller's
    #: how far inside its side of the coast the label keeps, mm (at sea: beyond the shallows)
    coast: float = 0.0


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


def rect_at(x: float, y: float, radius: float, v: Variant, position: str,
            gap: float = 1.2) -> Rect:
    """The label rectangle of variant v at `position` around a point of keep-out `radius`."""
    d = radius + gap + v.distance
    diag = d * 0.72
    w, h = v.w, v.h
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


@lru_cache(maxsize=4096)  # a current's bundle asks the same directions again and again
def outward_positions(dx: float, dy: float) -> tuple[str, ...]:
    """Positions ordered for a point whose label should point along (dx, dy) — away from an
    island, say — with Imhof's order breaking ties."""
    d = math.hypot(dx, dy) or 1.0
    ux, uy = dx / d, dy / d

    def rank(item: tuple[str, float]) -> float:
        name, imhof = item
        vx, vy = DIRECTIONS[name]
        return (1 - (ux * vx + uy * vy)) * 1.6 + imhof * 0.35

    return tuple(name for name, _ in sorted(POSITIONS, key=rank))


def position_order(req: LabelRequest) -> tuple[tuple[str, float], ...]:
    if req.positions:
        return tuple((name, 0.4 * k) for k, name in enumerate(req.positions))
    return POSITIONS


def label_options(req: LabelRequest, gap: float = 1.2) -> Iterator[tuple[float, Rect, int, str]]:
    """Every (preference cost, rect, variant index, position) of a request, best first; each
    rectangle made only when asked for (most searches stop at one of the first)."""
    if req.gap is not None:
        gap = req.gap
    x, y, radius, variants = req.x, req.y, req.radius, req.variants
    for cost, vi, position in _option_order(tuple(v.penalty for v in variants),
                                            position_order(req)):
        yield cost, rect_at(x, y, radius, variants[vi], position, gap), vi, position


@lru_cache(maxsize=1024)
def _option_order(penalties: tuple[float, ...], positions: tuple[tuple[str, float], ...]
                  ) -> tuple[tuple[float, int, str], ...]:
    """(preference cost, variant index, position) of every option, best first (the variant
    with the lower index first on a tie): the same for every point with these forms."""
    out = [(rank + penalty, vi, position) for vi, penalty in enumerate(penalties)
           for position, rank in positions]
    out.sort(key=lambda o: (o[0], o[1]))
    return tuple(out)


def wrong_side(rect: Rect, on_land: bool, is_land=None, coast_distance=None,
               margin: float = 0.0) -> float:
    """How many of a label's edge samples lie on the wrong side of the coast (`margin` mm
    inside the right side at least). With the coast's distance, a label clearly on one side
    (its centre twice its half-diagonal from the coast: the distance is radial, not the
    shortest) is judged whole."""
    samples = side_samples(rect)
    if coast_distance is not None:
        d = coast_distance(rect.cx, rect.cy)
        reach = 2 * math.hypot(rect.w, rect.h) / 2 + 2.0 + margin
        if d <= -reach:
            return 0.0 if on_land else float(len(samples))
        if d >= reach:
            return float(len(samples)) if on_land else 0.0
        if on_land:
            return float(sum(1 for x, y in samples if coast_distance(x, y) > -margin))
        return float(sum(1 for x, y in samples if coast_distance(x, y) < margin))
    return float(sum(1 for p in samples if is_land(*p) != on_land))


def on_its_side(rect: Rect, on_land: bool, coast_distance, margin: float = 0.0) -> bool:
    """wrong_side(...) == 0, stopping at the first sample on the wrong side."""
    x, y, w, h = rect.x, rect.y, rect.w, rect.h
    d = coast_distance(x + w / 2, y + h / 2)
    reach = math.hypot(w, h) + 2.0 + margin
    if d <= -reach:
        return on_land
    if d >= reach:
        return not on_land
    for px, py in side_samples(rect):
        dist = coast_distance(px, py)
        if (dist > -margin) if on_land else (dist < margin):
            return False
    return True


def side_samples(rect: Rect, step: float = 7.0) -> list[tuple[float, float]]:
    """Points along a label's edges and middle line, to tell which side of the coast it is."""
    nx = max(2, math.ceil(rect.w / step)) + 1
    xs = [rect.x + rect.w * i / (nx - 1) for i in range(nx)]
    return [(x, y) for y in (rect.y, rect.cy, rect.y2) for x in xs]


# -- annealing -------------------------------------------------------------------------------


def place_labels(
    requests: list[LabelRequest],
    safe: Rect,
    obstacles: list,
    is_land: Callable[[float, float], bool] | None = None,
    lines: list[tuple[float, float, float, float]] | None = None,
    seed: int = 0,
    gap: float = 1.2,
    iterations: int = 6000,
    initial: dict[str, tuple[int, str]] | None = None,
    keep: int = 10,
    coast_distance: Callable[[float, float], float] | None = None,
    trust_initial: bool = False,
) -> tuple[list[Placement], list[str]]:
    """Place every label; returns (placements, keys of labels that could not be placed cleanly).

    obstacles: rectangles no label may cover (pictograms, cartouche, legend…), each a Rect or
    (owner key, Rect): a label may touch its own feature's pictogram;
    lines: segments a label should rather not cross (the route);
    is_land: tells the coast apart, for labels that belong on land or at sea;
    coast_distance: or, quicker, the distance from the coast (negative on land): a label far
    from it is on one side whole, without sampling its edges;
    initial: a known placement to start from, key → (variant index, position);
    trust_initial: when every label has one and the annealed result clashes by this cost's
    margins, the start is kept (the planner checked it exactly).
    """
    index = RectIndex()
    for o in obstacles:
        owner, rect = o if isinstance(o, tuple) else ("", o)
        index.add(rect, owner)
    segments = SegmentIndex(lines or [])
    initial = initial or {}
    candidates: list[list[_Candidate]] = []
    start: list[int] = []
    for req in requests:
        options: list[_Candidate] = []
        clean = dirty = 0
        want = initial.get(req.key)
        first = -1
        for base, rect, vi, position in label_options(req, gap):
            is_initial = want == (vi, position)
            if clean >= keep and not is_initial:
                if want is None or first >= 0:
                    break
                continue
            if not safe.contains(rect):
                continue
            cost = base + index.overlap(rect.outset(req.pad) if req.pad else rect,
                                        req.key) * HARD
            if cost < HARD * 0.01:  # a candidate already dirty needs no finer cost
                if req.side != "any" and (is_land or coast_distance):
                    # a sample inside the margin it keeps from the coast costs three times
                    # one on the wrong side (the planner's start keeps the margin)
                    cost += wrong_side(rect, req.side == "land", is_land, coast_distance)
                    if req.coast:
                        cost += 3.0 * wrong_side(rect, req.side == "land", is_land,
                                                 coast_distance, margin=req.coast)
                cost += 3.0 * segments.crossings(rect)
            if cost < HARD * 0.01:
                clean += 1
            elif dirty >= 8 and not is_initial:
                continue
            else:
                dirty += 1
            if is_initial:
                first = len(options)
            options.append(_Candidate(rect, req.variants[vi], position, cost))
        candidates.append(options)
        if first < 0 and options:
            first = min(range(len(options)), key=lambda k, o=options: o[k].cost)
        start.append(first)
    n = len(requests)
    # which labels can touch each other at all
    reach = [_union([c.rect for c in cands]) for cands in candidates]
    neighbours: list[list[int]] = [[] for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            pad = LABEL_GAP + max(requests[i].pad, requests[j].pad)
            if reach[i] and reach[j] and reach[i].intersects(reach[j].outset(pad)):
                neighbours[i].append(j)
                neighbours[j].append(i)
    overlap_cache: dict[tuple[int, int, int, int], float] = {}
    pads = [req.pad for req in requests]

    def overlap(i: int, ci: int, j: int, cj: int) -> float:
        key = (i, ci, j, cj) if i < j else (j, cj, i, ci)
        value = overlap_cache.get(key)
        if value is None:
            a = candidates[i][ci].rect.outset(LABEL_GAP + max(pads[i], pads[j]))
            area = a.overlap_area(candidates[j][cj].rect)
            value = area * HARD + CLASH if area > 0 else 0.0
            overlap_cache[key] = value
        return value

    choice = list(start)

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
        # the start is usually clean already: a short walk is enough to improve it
        iterations = min(iterations, 8 * len(movable))
        temperature = 4.0
        cooling = (0.01 / temperature) ** (1 / max(1, iterations))
        total = 0.0  # relative to the start: the sum of every label's cost and every clash
        best_total, best_choice = 0.0, list(choice)
        for _ in range(iterations):
            i = movable[rng.randrange(len(movable))]
            new = rng.randrange(len(candidates[i]))
            if new != choice[i]:
                delta = local(i, new) - local(i, choice[i])
                if delta <= 0 or rng.random() < math.exp(-delta / temperature):
                    choice[i] = new
                    total += delta
                    if total < best_total - 1e-9:
                        best_total, best_choice = total, list(choice)
            temperature *= cooling
        # the walk may end in a worse valley than one it crossed: keep the best it saw
        choice[:] = best_choice
        # a final greedy pass settles every label on its best local option
        for _ in range(4):
            changed = False
            for i in movable:
                here = local(i, choice[i])
                # the lowest local cost, the first option on a tie; an option's own cost is
                # a floor of its local one (clashes only add), so one no lower than the best
                # so far cannot win
                best, lowest = -1, math.inf
                for c, option in enumerate(candidates[i]):
                    if option.cost >= lowest:
                        continue
                    value = local(i, c)
                    if value < lowest:
                        best, lowest = c, value
                if lowest < here - 1e-9:
                    choice[i] = best
                    changed = True
            if not changed:
                break
    def clashes(i: int) -> bool:
        c = candidates[i][choice[i]]
        return c.cost >= HARD * 0.01 or any(
            choice[j] >= 0 and overlap(i, choice[i], j, choice[j]) > 0 for j in neighbours[i])

    if trust_initial and any(choice[i] >= 0 and clashes(i) for i in range(n)) and all(
            initial.get(req.key) is not None and start[i] >= 0
            for i, req in enumerate(requests)):
        # the planner's start is clean by its own (exact) reckoning, which this cost's wider
        # margins may not see: keep it rather than report a clash that is not one
        choice[:] = start
        trusted = True
    else:
        trusted = False
    placements, failed = [], []
    for i, req in enumerate(requests):
        if choice[i] < 0:
            failed.append(req.key)
            continue
        c = candidates[i][choice[i]]
        if not trusted and clashes(i):
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
