"""The water's flow, as the currents draw it: a bundle of two or three curved arrows that set
onto the route where a current threatens it.

The arrows are streamlines of a flow made of two parts: the sea turning round the nearest
island (clockwise or not, a little or a lot: each current its own), and a pull towards a sink
just beyond the route at the point threatened. Traced backwards from their tips — a couple of
millimetres short of the route, a few millimetres apart along it — the streamlines fan out
behind: the arrows converge on the route, each bent by the water round the land, never two
bundles alike. Pure geometry.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from kit.layout.curvetext import Curve
from kit.layout.island import Archipelago

Point = tuple[float, float]


class Track(Curve):
    """The route as drawn (a dense polyline, kit.layout.curvetext.Curve): points, directions
    by arc length, and the nearest point to any spot."""

    def nearest(self, x: float, y: float) -> tuple[float, float]:
        """(arc length, distance) of the route's point nearest (x, y)."""
        known = self.__dict__.setdefault("_nearest", {})
        found = known.get((x, y))
        if found is None:
            found = known[x, y] = self._nearest_point(x, y)
        return found

    def _nearest_point(self, x: float, y: float) -> tuple[float, float]:
        best, best_s = math.inf, 0.0
        pts, run = self.points, self.run
        for k in range(len(pts) - 1):
            (x0, y0), (x1, y1) = pts[k], pts[k + 1]
            dx, dy = x1 - x0, y1 - y0
            seg2 = dx * dx + dy * dy
            t = 0.0 if seg2 < 1e-12 else min(1.0, max(0.0, ((x - x0) * dx + (y - y0) * dy)
                                                     / seg2))
            px, py = x0 + dx * t, y0 + dy * t
            d = (px - x) ** 2 + (py - y) ** 2
            if d < best:
                best, best_s = d, run[k] + math.sqrt(seg2) * t
        return best_s, math.sqrt(best)


@dataclass(frozen=True)
class Flow:
    """One current's water: which way it turns round the land (+1 or −1), how strongly
    against the pull to the route (0: straight at it), and how far beyond the route its sink
    lies, mm (further: gentler curves)."""

    turn: float
    swirl: float
    depth: float


#: the tips: this far from the route's middle line, mm (the route's white casing is 0.8 mm
#: either side of it, its dashes 0.35: a clear gap), and this far apart along it
TIP_GAP = 2.1
TIP_SPREAD = 2.7
STEP = 0.8  # the streamlines' step, mm


def sink(track: Track, s: float, side: float, flow: Flow) -> tuple[Point, Point, Point]:
    """(the point threatened on the route, the seaward unit normal there, the sink)."""
    x, y, tx, ty = track.at(s)
    nx, ny = -ty * side, tx * side
    return (x, y), (nx, ny), (x - nx * flow.depth, y - ny * flow.depth)


def streamline(land: Archipelago, tip: Point, pull_to: Point, flow: Flow, length: float
               ) -> list[Point]:
    """The streamline ending at `tip`, `length` mm long, traced backwards: points from its
    tail to its tip."""
    x, y = tip
    sx, sy = pull_to
    pts = [(x, y)]
    n = max(2, int(length / STEP))
    hypot = math.hypot
    turn, swirl = flow.turn, flow.swirl
    alone = land.islands[0] if len(land.islands) == 1 else None
    for _ in range(n):
        island = alone or land.island_at(x, y)
        rx, ry = x - island.cx, y - island.cy
        r = hypot(rx, ry) or 1.0
        # round the island (y down: (−ry, rx) turns clockwise on the page) …
        tx, ty = -ry / r * turn, rx / r * turn
        # … and towards the sink
        cx, cy = sx - x, sy - y
        c = hypot(cx, cy) or 1.0
        vx, vy = cx / c + tx * swirl, cy / c + ty * swirl
        v = hypot(vx, vy) or 1.0
        x, y = x - vx / v * STEP, y - vy / v * STEP
        pts.append((x, y))
    pts.reverse()
    return pts


def bundle(land: Archipelago, track: Track, s: float, side: float, flow: Flow,
           length: float, arrows: int = 3, only: int | None = None) -> list[list[Point]]:
    """The current's arrows (tail to tip), the middle one first, converging on the route at
    arc length s from the side `side` (+1: the left of the direction of travel); `only`:
    just that one of them."""
    _, _, pull_to = sink(track, s, side, flow)
    # two arrows stand either side of the point threatened, three round the middle one
    offsets = (0.0, -TIP_SPREAD, TIP_SPREAD) if arrows == 3 else (-TIP_SPREAD / 2,
                                                                  TIP_SPREAD / 2)
    lengths = (length, length * 0.78, length * 0.68)
    out = []
    for k, (ds, ln) in enumerate(zip(offsets, lengths, strict=False)):
        if only is not None and k != only:
            continue
        x, y, tx, ty = track.at(s + ds)
        nx, ny = -ty * side, tx * side
        tip = (x + nx * TIP_GAP, y + ny * TIP_GAP)
        out.append(streamline(land, tip, pull_to, flow, ln))
    return out


def arrowhead(line: list[Point], size: float = 1.25) -> tuple[Point, Point, Point, Point]:
    """(apex, left wing, notch, right wing) of the head at the line's tip: the apex on the
    tip, the head drawn behind it."""
    (x0, y0), (x1, y1) = line[-3] if len(line) > 2 else line[0], line[-1]
    a = math.atan2(y1 - y0, x1 - x0)
    ca, sa = math.cos(a), math.sin(a)
    bx, by = x1 - ca * size, y1 - sa * size  # the head's base
    wings = [(bx + math.cos(a + s) * size * 0.55, by + math.sin(a + s) * size * 0.55)
             for s in (math.pi / 2, -math.pi / 2)]
    notch = (x1 - ca * size * 0.7, y1 - sa * size * 0.7)
    return (x1, y1), wings[0], notch, wings[1]
