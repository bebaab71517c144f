"""The sentiers: each trail of a pillar is a footpath leaving its landmark towards a neighbour,
a site or the coast — the walker's least-cost way over the height field (kit.layout.footpath),
round every sign and name — drawn dashed, its name set along it (its `label` when the deck
gives one), or beside its end when the path is too short or too winding for it.

The trails of one landmark leave it on the side away from its name, spread like the fingers
of a hand; each heads for the place in its direction at about the length its name needs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from kit.errors import Diagnostic
from kit.layout.curvetext import ASCENT, Curve, Glyph, covers, set_along, text_width
from kit.layout.footpath import Ground, footpath, length
from kit.layout.geometry import Rect
from kit.layout.labels import DIRECTIONS, LABEL_GAP
from kit.layout.text import PT
from kit.products.map.board import Board, Names
from kit.products.map.creases import WORD_CLEAR, cuts
from kit.products.map.features import PILLAR_CLEAR, TRAIL_R, Feature, NoRoom
from kit.products.map.sheet import BODY, MapContext

#: the trails' names, points; the grid the walker's way is found on, mm
NAME_PT = 7.5
CELL = 3.0
#: how far a name's baseline keeps from its path, mm
NAME_RISE = 1.15
#: a name along a path that turns more than this, radians, is hard to read
MOST_TURN = 0.9
#: places along a path where its name is tried
WINDOWS = 6
#: ways tried for one trail, and the longest way a trail takes, mm
TRIES = 4
LONGEST = 62.0


@dataclass
class Trail:
    key: str
    pillar: Feature
    index: int
    text: str
    path: list[tuple[float, float]]
    glyphs: list[Glyph] = field(default_factory=list)
    end: Feature | None = None  # when the name stands beside the path's end
    boxes: list[Rect] = field(default_factory=list)
    what: str = ""  # where it leads: another sign's key, or "coast"


def trail_key(pillar_id: str, index: int) -> str:
    return f"{pillar_id}#sentier-{index + 1}"


def _angle_gap(a: float, b: float) -> float:
    return abs(math.remainder(a - b, 2 * math.pi))


def _boxes(path: list[tuple[float, float]], half: float = 0.5) -> list[Rect]:
    return [Rect(x - half, y - half, 2 * half, 2 * half) for x, y in path]


def _no_room(ctx: MapContext, pillar: Feature, text: str) -> NoRoom:
    loc = pillar.entity.where("trails")
    return NoRoom([Diagnostic(loc, f"la carte de poche : pas de place pour le sentier"
                                    f" « {text} » du pilier « {pillar.title} » ; donnez-lui"
                                    " un nom court (label) ou retirez des éléments")],
                  grow=True)


#: a path keeps this far from a sign, and this far from a name (the annealing's margins)
SIGN_ROOM, NAME_ROOM = 0.9, 1.5


def clear_at(board: Board, x: float, y: float, sign: float = SIGN_ROOM,
             name: float = NAME_ROOM) -> bool:
    """Room for a path at (x, y): `sign` mm from every sign and name, `name` mm from every
    name (a landmark's with the white it keeps round it)."""
    # the names index holds the landmarks' names grown by their white too
    return (board.labels.hits_box(x - name, y - name, x + name, y + name) is None
            and board.taken.hits_box(x - sign, y - sign, x + sign, y + sign) is None)


class _Walker:
    """The land's walkable cells for this attempt, shared by all the trails."""

    def __init__(self, board: Board, names: Names):
        self.board = board
        self.names = names
        land = board.land

        def height(x: float, y: float) -> float | None:
            if land.distance_out(x, y) > -1.6 or not clear_at(board, x, y):
                return None
            return land.height(x, y)

        self.ground = Ground(board.chart.x, board.chart.y, CELL, height)
        self.worn: set[tuple[int, int]] = set()  # cells near a trail already drawn

    def wear(self, path: list[tuple[float, float]]) -> None:
        """A trail was drawn: crossing it costs a little more (it does not block the way)."""
        ground = self.ground
        for x, y in path:
            i, j = ground.index(x, y)
            self.worn.update((i + di, j + dj) for di in (-1, 0, 1) for dj in (-1, 0, 1))

    def forget(self, rect: Rect) -> None:
        """A name was kept there: no walking within NAME_ROOM of it (cells marked at once,
        not judged again)."""
        ground = self.ground
        grown = rect.outset(NAME_ROOM)
        i0, j0 = ground.index(grown.x - CELL, grown.y - CELL)
        i1, j1 = ground.index(grown.x2 + CELL, grown.y2 + CELL)
        for i in range(i0, i1 + 1):
            for j in range(j0, j1 + 1):
                x, y = ground.centre(i, j)
                if grown.contains_point(x, y):
                    ground.block(i, j)

    def extra(self, i: int, j: int) -> float:
        # crossing another trail costs a detour of a few cells: the trails rather fan out
        return 6.0 if (i, j) in self.worn else 0.0


def _targets(board: Board, pillar: Feature, places: list[Feature]) -> list[tuple]:
    """(x, y, reach, what) the trail may head for: another landmark or a site on the same
    island (reached within `reach` mm of it) or the coast."""
    island = board.land.island_at(pillar.x, pillar.y)
    out = []
    for f in places:
        if f is pillar or board.land.island_at(f.x, f.y) is not island:
            continue
        clear = PILLAR_CLEAR if f.kind == "pillar" else 0.0
        out.append((f.x, f.y, f.radius + clear + CELL * 1.2, f.key))
    for k in range(24):
        x, y = island.point(2 * math.pi * k / 24, -6.0)
        out.append((x, y, 0.0, "coast"))
    return out


def _name_along(ctx: MapContext, board: Board, path: list[tuple[float, float]],
                spans, width: float, own: str, colour_family: str = BODY) -> list[Glyph]:
    """The name along the path where it reads well (never upside down: a stretch that runs
    right to left is read from its other end) and finds room, or []."""
    own_key = own.removesuffix("/path")
    curve = Curve(list(path))
    back = Curve(list(reversed(path)))
    total = curve.length
    if total < width + 3.0:
        return []
    ascent = ASCENT * NAME_PT * PT
    land = board.land
    middle = (total - width) / 2
    starts = sorted((1.5 + 2.0 * k for k in range(int((total - width - 3.0) / 2.0) + 1)),
                    key=lambda s: abs(s - middle))[:WINDOWS]
    for s0 in starts:
        if curve.turning(s0, s0 + width) > MOST_TURN:
            continue
        line, at = curve, s0
        if curve.at(s0 + width)[0] < curve.at(s0)[0]:
            line, at = back, total - s0 - width
        for rise in (NAME_RISE, -NAME_RISE - ascent):
            glyphs = set_along(line, spans, colour_family, NAME_PT, ctx.measure, at, rise)
            # its own path is judged by the letters' distance to it, the rest by their boxes
            if all(board.safe.contains(g.box) and not cuts(g.box, board.creases, WORD_CLEAR)
                   and board.taken.hits(g.box.outset(0.35)) is None
                   and board.paths.hits(g.box.outset(0.35), own) is None
                   and not _on_path(g, path)
                   and board.labels.hits(g.box.outset(LABEL_GAP + 0.1), own_key) is None
                   and board.padded.hits(g.box.outset(LABEL_GAP + 0.1)) is None
                   and land.distance_out(g.box.cx, g.box.cy) < -1.4 for g in glyphs):
                return glyphs
    return []


def _on_path(g: Glyph, path: list[tuple[float, float]]) -> bool:
    """Does the glyph (its own turned box, not the page box round it) come within 0.5 mm of
    a point of the path?"""
    b = g.box
    x0, y0, x1, y1 = b.x - 0.6, b.y - 0.6, b.x + b.w + 0.6, b.y + b.h + 0.6
    for px, py in path:
        if x0 <= px <= x1 and y0 <= py <= y1 and covers(g, NAME_PT, px, py, 0.5):
            return True
    return False


def place_trails(ctx: MapContext, board: Board, pillars: list[Feature], sites: list[Feature],
                 names: Names) -> list[Trail]:
    """Every trail of every landmark, its path and its name — each landmark's first trail,
    then each one's second…, so that a crowded land is shared; NoRoom (asking for more land)
    naming the first that finds no way or no room for its name."""
    walker = _Walker(board, names)
    trails: list[Trail] = []
    used: set[tuple[str, str]] = set()
    keys = {f.key for f in pillars}
    turns = [(k, pillar) for pillar in pillars for k in range(len(pillar.entity.trails))]
    turns.sort(key=lambda item: item[0])
    targets = {p.key: _targets(board, p, pillars + sites) for p in pillars if p.entity.trails}
    for k, pillar in turns:
        entity = pillar.entity
        n = len(entity.trails)
        _, position = names.reserved.get(pillar.key, (0, "below"))
        lx, ly = DIRECTIONS.get(position, (0.0, 1.0))
        away = math.atan2(-ly, -lx)
        text = entity.trail_label(k)
        spans = ctx.spans(text)
        width = text_width(spans, BODY, NAME_PT, ctx.measure)
        want = min(50.0, max(24.0, width + 12.0))
        heading = away + (k - (n - 1) / 2) * (2 * math.pi / (n + 1.5))
        others = [f for f in pillars if f is not pillar]
        choices = []
        for tx, ty, reach, what in targets[pillar.key]:
            d = math.hypot(tx - pillar.x, ty - pillar.y)
            walk = d - reach - pillar.radius - PILLAR_CLEAR
            if walk < 6.0 or (walk > LONGEST and not board.relaxed):
                continue
            gap = _angle_gap(math.atan2(ty - pillar.y, tx - pillar.x), heading)
            # long enough for its name first, then in its direction
            short = max(0.0, width + 6.0 - walk)
            score = 16.0 * gap + 2.5 * short + 0.25 * abs(walk - want)
            # in its own share of the land, not across another landmark's
            if what not in keys and any(math.hypot(tx - o.x, ty - o.y) < d for o in others):
                score += 18.0
            if (pillar.key, what) in used or (what, pillar.key) in used:
                score += 12.0
            choices.append((score, tx, ty, reach, what))
        choices.sort()
        trail = _first_named(ctx, board, walker, pillar, k, text, spans, width, choices)
        if trail is None:
            raise _no_room(ctx, pillar, text)
        used.add((pillar.key, trail.what))
        trails.append(trail)
    trails.sort(key=lambda t: (pillars.index(t.pillar), t.index))
    return trails


def _first_named(ctx: MapContext, board: Board, walker: _Walker, pillar: Feature, k: int,
                 text: str, spans, width: float, choices: list) -> Trail | None:
    """The best of the first few ways whose name runs along it; failing that, the best way
    with its name beside it; failing that, the next few ways, either way. The trail's path
    and name are kept on the board."""
    batches = [choices[:2], choices[2:TRIES], choices[TRIES:3 * TRIES]]
    if board.relaxed:  # a crowded chart: every way is worth a try
        batches.append(choices[3 * TRIES:])
    for batch in batches:
        walked = []
        for _, tx, ty, reach, what in batch:
            trail = _walk(ctx, board, walker, pillar, k, text, tx, ty, reach, what)
            if trail is None:
                continue
            walked.append(trail)
            if _name_it_along(ctx, board, walker, trail, spans, width):
                return trail
        for trail in walked:
            if _name_it_beside(board, walker, trail, text):
                return trail
    return None


def _name_it_along(ctx: MapContext, board: Board, walker: _Walker, trail: Trail, spans,
                   width: float) -> bool:
    # the path is kept first, so that the name keeps off it
    board.keep_path(trail.boxes, trail.key + "/path")
    glyphs = _name_along(ctx, board, trail.path, spans, width, trail.key + "/path")
    if not glyphs:
        board.unreserve(trail.key + "/path")
        return False
    trail.glyphs = glyphs
    for g in glyphs:
        board.reserve(g.box, trail.key)
        board.labels.add(g.box, trail.key)
        walker.forget(g.box)
    walker.wear(trail.path)
    return True


def _name_it_beside(board: Board, walker: _Walker, trail: Trail, text: str) -> bool:
    """The name beside the end of the way, or else beside another of its points, from the
    end back."""
    board.keep_path(trail.boxes, trail.key + "/path")
    path = trail.path
    for x, y in [path[-1]] + path[-6:len(path) // 3:-5]:
        end = Feature(trail.key, "trail", x, y, TRAIL_R, text, trail.pillar.entity, "land")
        if (walker.names(end, "land", margin=None if board.relaxed else 2.05)
                or (board.relaxed and walker.names(end, "any"))):
            trail.end = end
            walker.wear(trail.path)
            walker.forget(board.labels.items[-1][0])
            return True
    board.unreserve(trail.key + "/path")
    return False


def _walk(ctx: MapContext, board: Board, walker: _Walker, pillar: Feature, index: int,
          text: str, tx: float, ty: float, reach: float, what: str) -> Trail | None:
    """The trail from the landmark towards (tx, ty), or None if no way leads there."""
    land = board.land
    a = math.atan2(ty - pillar.y, tx - pillar.x)
    ground = walker.ground
    # just outside the square the landmark keeps clear, round it to the nearest walkable start
    start = None
    for turn in (0.0, 0.3, -0.3, 0.6, -0.6, 0.9, -0.9, 1.3, -1.3):
        c, s_ = math.cos(a + turn), math.sin(a + turn)
        edge = (pillar.radius + PILLAR_CLEAR) / max(abs(c), abs(s_)) + SIGN_ROOM
        for more in (0.5, 1.5, 2.5, 3.5, 4.5):
            cell = ground.index(pillar.x + c * (edge + more), pillar.y + s_ * (edge + more))
            if ground.height(*cell) is not None:
                start = ground.centre(*cell)
                break
        if start is not None:
            break
    if start is None:
        return None

    def goal(i: int, j: int) -> bool:
        x, y = ground.centre(i, j)
        if what == "coast":
            return land.distance_out(x, y) > -4.5
        return math.hypot(x - tx, y - ty) <= reach

    cells = footpath(ground, start, goal, (tx, ty), extra=walker.extra, limit=900, greed=1.4)
    if cells is None or len(cells) < 3:
        return None
    path = _smoothed(board, ground, cells)
    if path is None or length(path) < 8.0:
        return None
    # from the landmark's halo to the end of the way
    edge = pillar.radius - 0.2
    sx, sy = path[0]
    a0 = math.atan2(sy - pillar.y, sx - pillar.x)
    first = (pillar.x + math.cos(a0) * edge, pillar.y + math.sin(a0) * edge)
    key = trail_key(pillar.key, index)
    boxes = _boxes(path[1::2] + path[-1:], 0.8)
    return Trail(key, pillar, index, text, [first] + path, boxes=boxes, what=what)


def _smoothed(board: Board, ground: Ground, cells: list[tuple[float, float]]
              ) -> list[tuple[float, float]] | None:
    """The walk pulled taut (each point joined to the farthest one it sees across walkable
    cells), then rounded into a flowing line, as smooth as the way round things allows (the
    final line checked point by point)."""
    land = board.land

    def walkable(x: float, y: float) -> bool:
        # the walk kept a margin: the rounded line may use some of it
        return land.distance_out(x, y) < -1.0 and clear_at(board, x, y, 0.6, NAME_ROOM - 0.3)

    def sees(a: tuple[float, float], b: tuple[float, float]) -> bool:
        n = max(1, int(math.dist(a, b) / 1.5))
        return all(ground.height(*ground.index(a[0] + (b[0] - a[0]) * k / n,
                                               a[1] + (b[1] - a[1]) * k / n)) is not None
                   for k in range(1, n))

    taut = [cells[0]]
    i = 0
    while i < len(cells) - 1:
        j = len(cells) - 1
        while j > i + 1 and not sees(cells[i], cells[j]):
            j -= 1
        taut.append(cells[j])
        i = j
    # corners rounded within a few millimetres: the straight runs are cut into 4 mm pieces first
    dense = _polyline(taut, 4.0)
    for rounds in (4, 3, 2, 1, 0):
        points = _polyline(chaikin(dense, rounds))
        if all(walkable(x, y) for x, y in points[1:]):
            return points
    points = _polyline(cells)
    return points if all(walkable(x, y) for x, y in points[1:]) else None


def chaikin(points: list[tuple[float, float]], rounds: int) -> list[tuple[float, float]]:
    """Chaikin's corner cutting, its ends kept: each round replaces every corner by two points
    a quarter of the way along its sides; the line stays within the polyline's hull."""
    for _ in range(rounds):
        n = len(points)
        if n < 3:
            break
        out = [points[0]]
        for k in range(n - 1):
            (x0, y0), (x1, y1) = points[k], points[k + 1]
            if k > 0:
                out.append((0.75 * x0 + 0.25 * x1, 0.75 * y0 + 0.25 * y1))
            if k < n - 2:
                out.append((0.25 * x0 + 0.75 * x1, 0.25 * y0 + 0.75 * y1))
        out.append(points[-1])
        points = out
    return points


def _polyline(points: list[tuple[float, float]], step: float = 1.0
              ) -> list[tuple[float, float]]:
    """The polyline with a point every `step` mm or so."""
    out = [points[0]]
    for a, b in zip(points, points[1:], strict=False):
        n = max(1, int(math.dist(a, b) / step))
        out += [(a[0] + (b[0] - a[0]) * k / n, a[1] + (b[1] - a[1]) * k / n)
                for k in range(1, n + 1)]
    return out
