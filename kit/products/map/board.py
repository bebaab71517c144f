"""What a placement attempt has put on the chart so far: the taken rectangles, the route, the
names kept so far and the trails' paths; room kept for each name."""

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
    on_its_side,
)
from kit.products.map.creases import SIGN_CLEAR, WORD_CLEAR, Crease, cuts
from kit.products.map.features import (
    EIGHT,
    LABEL_MARGIN,
    SHALLOWS,
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
    rng: random.Random
    relaxed: bool = False
    creases: tuple[Crease, ...] = ()
    #: white kept round a name while the signs are placed: less when the chart is crowded
    margin: float = LABEL_MARGIN
    labels: RectIndex = field(default_factory=RectIndex)  # the names kept so far
    paths: RectIndex = field(default_factory=RectIndex)  # the trails' paths, as small boxes
    #: the landmarks' names grown by the white they keep round them (the annealing's pad)
    padded: RectIndex = field(default_factory=RectIndex)

    def sign_ok(self, rect: Rect) -> bool:
        """A pictogram's square off the folds."""
        return not cuts(rect, self.creases, SIGN_CLEAR)

    def names_clear(self, keep_out: Rect) -> bool:
        """No name already kept comes within what the annealing asks of a sign's keep-out."""
        return self.labels.hits(keep_out.outset(self.margin - 0.15)) is None

    def unreserve(self, owner: str) -> None:
        """Take back what `owner` kept (a way tried, then given up)."""
        for index in (self.taken, self.labels, self.paths):
            index.remove(owner)

    def keep_path(self, rects: list[Rect], owner: str) -> None:
        """A trail's path: names keep off it; another trail may cross it."""
        for rect in rects:
            self.paths.add(rect, owner)

    def reserve_all(self, rects: list[Rect], owner: str) -> None:
        for rect in rects:
            self.reserve(rect, owner)

    def reserve(self, rect: Rect, owner: str) -> None:
        self.taken.add(rect, owner)

    def on_side(self, rect: Rect, side: str, margin: float | None = None) -> bool:
        """Is rect on its side of the coast: on land 1.2 mm inside it, at sea beyond the
        shallows (SHALLOWS; half as far on a crowded chart)?"""
        if side == "any":
            return True
        if margin is None:
            # on a crowded chart, a name at sea may come over the outer shallows
            margin = (SHALLOWS if not self.relaxed else 2.5) if side == "sea" else 1.2
        return on_its_side(rect, side == "land", self.land.distance_out, margin)

    def label_room(self, req: LabelRequest, side: str, avoid_route: bool | None = None,
                   margin: float | None = None) -> tuple[float, int, str, Rect] | None:
        """The best clean spot for a label around its point, `margin` mm from everything else
        (by default the board's): (preference cost, variant, position, rect)."""
        margin = self.margin if margin is None else margin
        if avoid_route is None:  # on a crowded chart, a name may cross the route
            avoid_route = not self.relaxed
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

    def find(self, f: Feature, side: str, avoid_route: bool | None = None,
             margin: float | None = None) -> tuple[float, int, str, Rect] | None:
        req = label_request(f, self.variants[f.key], self.board.land, not self.board.relaxed)
        return self.board.label_room(req, side, avoid_route, margin)

    def keep(self, f: Feature, room: tuple[float, int, str, Rect]) -> None:
        _, vi, position, rect = room
        self.reserved[f.key] = (vi, position)
        self.board.reserve(rect, f.key)
        self.board.labels.add(rect, f.key)
        if f.space:
            grown = rect.outset(max(0.0, f.space - LABEL_GAP - 0.5))
            self.board.padded.add(grown, f.key)
            self.board.labels.add(grown, f.key)

    def release(self, f: Feature) -> None:
        """Give back the room kept for f's name."""
        self.reserved.pop(f.key, None)
        self.board.unreserve(f.key)
        self.board.padded.remove(f.key)

    def __call__(self, f: Feature, side: str, avoid_route: bool | None = None,
                 margin: float | None = None) -> bool:
        room = self.find(f, side, avoid_route, margin)
        if room is None:
            return False
        self.keep(f, room)
        return True
