"""What a placement attempt has put on the chart so far: the taken rectangles, the route,
room kept for each name, and the spots at sea with their distance to everything placed."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from kit.layout.geometry import Rect
from kit.layout.island import Archipelago
from kit.layout.labels import (
    LABEL_GAP,
    LabelRequest,
    RectIndex,
    SegmentIndex,
    label_options,
    wrong_side,
)
from kit.products.map.creases import SIGN_CLEAR, WORD_CLEAR, Crease, cuts
from kit.products.map.features import (
    EIGHT,
    LABEL_MARGIN,
    SEA_GRID,
    Feature,
    label_request,
)


@dataclass
class Board:
    """What one placement attempt has put on the chart so far."""

    land: Archipelago
    safe: Rect
    chart: Rect
    taken: RectIndex  # pictograms and reserved labels: nothing new may overlap them
    route: SegmentIndex
    anchors: RectIndex  # the same plus the route: what a new feature keeps its distance from
    rng: random.Random
    relaxed: bool = False
    sea: SeaField | None = None
    creases: tuple[Crease, ...] = ()
    labels: RectIndex = field(default_factory=RectIndex)  # the names kept so far
    paths: RectIndex = field(default_factory=RectIndex)  # the trails' paths, as small boxes
    #: the landmarks' names grown by the white they keep round them (the annealing's pad)
    padded: RectIndex = field(default_factory=RectIndex)

    def sign_ok(self, rect: Rect) -> bool:
        """A pictogram's square off the folds."""
        return not cuts(rect, self.creases, SIGN_CLEAR)

    def names_clear(self, keep_out: Rect) -> bool:
        """No name already kept comes within what the annealing asks of a sign's keep-out."""
        return self.labels.hits(keep_out.outset(LABEL_MARGIN - 0.15)) is None

    def unreserve(self, owner: str) -> None:
        """Take back what `owner` kept (a way tried, then given up)."""
        for index in (self.taken, self.anchors, self.labels, self.paths):
            index.remove(owner)

    def keep_path(self, rects: list[Rect], owner: str) -> None:
        """A trail's path: names keep off it; another trail may cross it."""
        for rect in rects:
            self.paths.add(rect, owner)
            self.anchors.add(rect, owner)

    def reserve_all(self, rects: list[Rect], owner: str) -> None:
        for rect in rects:
            self.reserve(rect, owner)

    def reserve(self, rect: Rect, owner: str) -> None:
        self.taken.add(rect, owner)
        self.anchors.add(rect, owner)
        if self.sea is not None:
            self.sea.update(rect)

    def on_side(self, rect: Rect, side: str, margin: float = 1.2) -> bool:
        if side == "any":
            return True
        return wrong_side(rect, side == "land", coast_distance=self.land.distance_out,
                          margin=margin) == 0

    def label_room(self, req: LabelRequest, side: str, avoid_route: bool = True,
                   margin: float = LABEL_MARGIN) -> tuple[float, int, str, Rect] | None:
        """The best clean spot for a label around its point:
        (preference cost, variant, position, rect)."""
        for base, rect, vi, position in label_options(req):
            if not self.safe.contains(rect) or cuts(rect, self.creases, WORD_CLEAR):
                continue
            if self.taken.hits(rect.outset(margin), req.key) is not None:
                continue
            if self.paths.hits(rect.outset(0.8)) is not None:
                continue
            if self.padded.hits(rect.outset(LABEL_GAP + 0.1), req.key) is not None:
                continue
            if avoid_route and self.route.crosses(rect.outset(0.4)):
                continue
            if self.on_side(rect, side):
                return base, vi, position, rect
        return None

    def sea_spot_ok(self, x: float, y: float, radius: float) -> bool:
        """Room for a pictogram at sea: inside the chart, off the coast, off the route."""
        fp = Rect(x - radius, y - radius, 2 * radius, 2 * radius)
        if not self.safe.contains(fp) or not self.sign_ok(fp):
            return False
        out = self.land.distance_out(x, y)
        if out < radius + 2.0:
            return False
        if out < 2 * radius + 3.0 and any(
                self.land.distance_out(x + math.cos(a) * radius, y + math.sin(a) * radius) < 1.0
                for a in EIGHT):
            return False
        if self.taken.hits(fp.outset(1.5)) is not None or not self.names_clear(fp):
            return False
        return not self.route.crosses(fp.outset(1.0))


@dataclass
class Names:
    """Keeps room for each name while the features are placed; called, it finds and keeps
    the best clean spot for a feature's name and says whether there was one."""

    board: Board
    variants: dict
    reserved: dict = field(default_factory=dict)  # key → (variant index, position)

    def find(self, f: Feature, side: str, avoid_route: bool = True,
             margin: float = LABEL_MARGIN) -> tuple[float, int, str, Rect] | None:
        req = label_request(f, self.variants[f.key], self.board.land)
        return self.board.label_room(req, side, avoid_route, margin)

    def keep(self, f: Feature, room: tuple[float, int, str, Rect]) -> None:
        _, vi, position, rect = room
        self.reserved[f.key] = (vi, position)
        self.board.reserve(rect, f.key)
        self.board.labels.add(rect, f.key)
        if f.space:
            self.board.padded.add(rect.outset(max(0.0, f.space - LABEL_GAP - 0.5)), f.key)

    def __call__(self, f: Feature, side: str, avoid_route: bool = True,
                 margin: float = LABEL_MARGIN) -> bool:
        room = self.find(f, side, avoid_route, margin)
        if room is None:
            return False
        self.keep(f, room)
        return True



class SeaField:
    """Spots at sea on a regular grid, each knowing its distance to the nearest thing already
    on the chart (up to `cap`), updated as things are placed: farthest-point sampling without
    scanning everything each time."""

    def __init__(self, board: Board):
        area = board.safe.inset(3.0)
        self.nx = int(area.w // SEA_GRID) + 1
        self.ny = int(area.h // SEA_GRID) + 1
        self.x0 = area.x + (area.w - (self.nx - 1) * SEA_GRID) / 2
        self.y0 = area.y + (area.h - (self.ny - 1) * SEA_GRID) / 2
        d = board.land.distance_out
        self.xy = [(self.x0 + i * SEA_GRID, self.y0 + j * SEA_GRID)
                   for j in range(self.ny) for i in range(self.nx)]
        self.out = [d(x, y) for x, y in self.xy]
        # a little jitter per spot keeps the currents from looking ruled
        self.jitter = [board.rng.uniform(0.0, 2.0) for _ in self.xy]
        self.cap = 0.0
        self.near: list[float] = []

    def start(self, cap: float, anchors: RectIndex) -> None:
        """Distances up to cap from everything already on the chart."""
        self.cap = cap
        self.near = [cap] * (self.nx * self.ny)
        for rect, _ in anchors.items:
            self.update(rect)

    def update(self, r: Rect) -> None:
        cap, g = self.cap, SEA_GRID
        i0 = max(0, math.floor((r.x - cap - self.x0) / g))
        i1 = min(self.nx - 1, math.ceil((r.x2 + cap - self.x0) / g))
        j0 = max(0, math.floor((r.y - cap - self.y0) / g))
        j1 = min(self.ny - 1, math.ceil((r.y2 + cap - self.y0) / g))
        near = self.near
        for j in range(j0, j1 + 1):
            y = self.y0 + j * g
            dy = r.y - y if y < r.y else (y - r.y2 if y > r.y2 else 0.0)
            row = j * self.nx
            for i in range(i0, i1 + 1):
                x = self.x0 + i * g
                dx = r.x - x if x < r.x else (x - r.x2 if x > r.x2 else 0.0)
                dist = math.sqrt(dx * dx + dy * dy)
                if dist < near[row + i]:
                    near[row + i] = dist
