"""The itinerary at sea: the harbour, the stages at equal distances along a ring around the
island, the arrival, and the smooth curve through them."""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable
from dataclasses import dataclass

from kit.layout.island import Archipelago, Island

#: is a sign of this radius at (x, y) clear (of the folds)?
Clear = Callable[[float, float, float], bool]

#: one island alone: the harbour lower left, the route round it clockwise over 300°
START_ANGLE = math.radians(128)
SPAN = math.radians(300)
#: in an archipelago, the route goes this far round the first and the last island (less when
#: there are more of them: the outer coasts are near the chart's edge)
END_SWEEP = {2: math.radians(160), 3: math.radians(190), 4: math.radians(95)}
RAMP = math.radians(30)  # from the harbour out to the ring, and back in to the arrival
STEP = math.radians(3)


@dataclass
class Route:
    """The itinerary's guide line (dense points from the harbour to the arrival, at `ring` mm
    from the coasts), the stops along it and the waypoints the drawn route goes through."""

    harbour: tuple[float, float]
    arrival: tuple[float, float]
    stages: list[tuple[float, float]]
    waypoints: list[tuple[float, float]]
    guide: list[tuple[float, float]]
    run: list[float]  # arc length along the guide at each of its points
    stops: list[float]  # arc length of the harbour, each stage and the arrival

    def guide_index(self):
        """The guide's segments, indexed (made once): what a stage's name keeps off before
        the route is drawn."""
        index = getattr(self, "_index", None)
        if index is None:
            from kit.layout.spatial import SegmentIndex

            g = self.guide
            index = SegmentIndex([(*g[k], *g[k + 1]) for k in range(len(g) - 1)])
            self._index = index
        return index

    def at(self, s: float) -> tuple[float, float]:
        """The guide's point at arc length s."""
        run, guide = self.run, self.guide
        s = min(max(s, 0.0), run[-1])
        k = max(1, bisect.bisect_left(run, s))
        k = min(k, len(run) - 1)
        t = (s - run[k - 1]) / ((run[k] - run[k - 1]) or 1.0)
        (x0, y0), (x1, y1) = guide[k - 1], guide[k]
        return x0 + (x1 - x0) * t, y0 + (y1 - y0) * t


def _toward(island: Island, other: Island) -> float:
    """The ring angle of `island` that faces `other`."""
    return math.atan2((other.cy - island.cy) / island.ry, (other.cx - island.cx) / island.rx)


def legs(land: Archipelago) -> list[tuple[Island, float, float]]:
    """(island, first angle, last angle) of each part of the route round an island: one island
    clockwise over 300°; an archipelago island after island, each passed on the other side
    from the one before, so that the route threads between them."""
    islands = land.islands
    if len(islands) == 1:
        return [(islands[0], START_ANGLE, START_ANGLE + SPAN)]
    out = []
    last = len(islands) - 1
    for k, island in enumerate(islands):
        turn = land.turn if k % 2 == 0 else -land.turn  # one way, then the other…
        if k == 0:
            a1 = _toward(island, islands[1])
            a0 = a1 - turn * END_SWEEP[len(islands)]
        elif k == last:
            a0 = _toward(island, islands[k - 1])
            a1 = a0 + turn * END_SWEEP[len(islands)]
        else:
            a0 = _toward(island, islands[k - 1])
            sweep = ((_toward(island, islands[k + 1]) - a0) * turn) % (2 * math.pi)
            a1 = a0 + turn * sweep
        out.append((island, a0, a1))
    return out


def _guide(parts: list[tuple[Island, float, float]], ring: float
           ) -> tuple[list[tuple[float, float]], int, int]:
    """Dense points along the legs (a sample every 3° of each ring, straight across the
    channels), and how many points the ramps out of the harbour and into the arrival take."""
    pts: list[tuple[float, float]] = []
    ramp_in = ramp_out = 0
    for k, (island, a0, a1) in enumerate(parts):
        n = max(2, int(abs(a1 - a0) / STEP))
        arc = []
        for i in range(n + 1):
            a = a0 + (a1 - a0) * i / n
            offset = ring
            if k == 0 and abs(a - a0) < RAMP:  # out of the harbour
                t = abs(a - a0) / RAMP
                offset = 1.5 + (ring - 1.5) * t * t * (3 - 2 * t)
                ramp_in += 1
            if k == len(parts) - 1 and abs(a1 - a) < RAMP:  # into the arrival
                t = abs(a1 - a) / RAMP
                offset = 1.5 + (ring - 1.5) * t * t * (3 - 2 * t)
                ramp_out += 1
            arc.append(island.point(a, offset))
        if pts:  # across the channel, in steps short enough for the spline to follow
            (x0, y0), (x1, y1) = pts[-1], arc[0]
            steps = int(math.hypot(x1 - x0, y1 - y0) // 8)
            pts += [(x0 + (x1 - x0) * i / (steps + 1), y0 + (y1 - y0) * i / (steps + 1))
                    for i in range(1, steps + 1)]
        pts += arc
    return pts, ramp_in, ramp_out


def _nudged_end(island: Island, angle: float, radius: float, clear: Clear | None) -> float:
    """The angle nearest `angle` where a sign of `radius` on the coast is clear."""
    if clear is None or clear(*island.point(angle, 1.5), radius):
        return angle
    for k in range(1, 100):
        for a in (angle + k * 0.006, angle - k * 0.006):
            if clear(*island.point(a, 1.5), radius):
                return a
    return angle


def plan_route(land: Archipelago, n_stages: int, ring: float, clear: Clear | None = None,
               radii: tuple[float, float, float] = (0, 0, 0),
               room: Callable[[int, float, float, Route], bool] | None = None) -> Route:
    """Harbour on the first coast, stages at equal distances along the guide, arrival on the
    last coast. With `clear`, each sign (of radius harbour, stage, arrival in `radii`) moves a
    little along the guide, or off it where it runs along a fold; with `room`, also to
    where room(i, x, y, route) says stage i's name could stand (route: its guide so far)."""
    harbour_r, stage_r, arrival_r = radii
    parts = legs(land)
    first, a0, _ = parts[0]
    last, _, a1 = parts[-1]
    a0 = _nudged_end(first, a0, harbour_r, clear)
    a1 = _nudged_end(last, a1, arrival_r, clear)
    parts[0] = (first, a0, parts[0][2])
    parts[-1] = (parts[-1][0], parts[-1][1], a1)
    guide, ramp_in, ramp_out = _guide(parts, ring)
    run = [0.0]
    for p, q in zip(guide, guide[1:], strict=False):
        run.append(run[-1] + math.dist(p, q))
    total = run[-1]
    # the stages between the ramps, at equal distances
    lo = run[min(ramp_in, len(run) - 1)]
    hi = run[max(0, len(run) - 1 - ramp_out)]
    route = Route(guide[0], guide[-1], [], [], guide, run, [0.0])
    for i in range(n_stages):
        s = lo + (hi - lo) * (i + 0.5) / n_stages
        spot = None
        placed = list(route.stages)

        def apart(x: float, y: float, r: float, placed: list = placed) -> bool:
            # two stages never come within a sign of each other
            return (clear is None or clear(x, y, r)) and all(
                math.hypot(x - px, y - py) >= 2 * r + 2.0 for px, py in placed)

        if room is not None:
            def both(x: float, y: float, r: float, i: int = i) -> bool:
                return apart(x, y, r) and room(i, x, y, route)

            spot = _stage_spot(route, land, s, stage_r, both, strict=True)
        s, point = spot or _stage_spot(route, land, s, stage_r, apart)
        route.stages.append(point)
        route.stops.append(s)
    route.stops.append(total)
    # waypoints: the guide every 12 mm, and the stages exactly (nothing within 6 mm of one)
    waypoints = [route.harbour]
    marks = [(stop, point) for stop, point in zip(route.stops[1:], route.stages, strict=False)]
    s = 12.0
    while s < total - 6.0:
        if not any(abs(s - stop) < 6.0 for stop, _ in marks):
            marks.append((s, route.at(s)))
        s += 12.0
    waypoints += [point for _, point in sorted(marks)]
    waypoints.append(route.arrival)
    route.waypoints = waypoints
    return route


def _stage_spot(route: Route, land: Archipelago, s: float, radius: float,
                clear: Clear | None, strict: bool = False
                ) -> tuple[float, tuple[float, float]] | None:
    """(arc length, point) of a stage near arc length s where `clear` holds (strict: or None
    if nowhere near)."""
    x, y = route.at(s)
    if clear is None or clear(x, y, radius):
        return s, (x, y)
    island = land.island_at(x, y)
    best = None
    for k in range(0, 40, 1 if strict is False else 2):
        for ds in ((0.0,) if k == 0 else (k * 1.0, -k * 1.0)):
            px, py = route.at(s + ds)
            ux, uy = px - island.cx, py - island.cy
            norm = math.hypot(ux, uy) or 1.0
            for off in (0.0, 3.0, -3.0, 6.0):
                qx, qy = px + ux / norm * off, py + uy / norm * off
                cost = abs(ds) + abs(off)
                if (best is None or cost < best[0]) and clear(qx, qy, radius):
                    best = (cost, s + ds, (qx, qy))
        if best is not None and best[0] <= k:
            break
    if best is None:
        return None if strict else (s, (x, y))
    return best[1], best[2]


def smooth_open(points: list[tuple[float, float]]) -> list[tuple]:
    """An open Catmull-Rom spline through points, as path commands."""
    cmds: list[tuple] = [("M", *points[0])]
    n = len(points)
    for i in range(n - 1):
        p0 = points[max(0, i - 1)]
        p1, p2 = points[i], points[i + 1]
        p3 = points[min(n - 1, i + 2)]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        cmds.append(("C", *c1, *c2, *p2))
    return cmds


def bezier_points(cmds: list[tuple], steps: int = 12) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    cur = None
    for cmd in cmds:
        if cmd[0] == "M":
            cur = (cmd[1], cmd[2])
            pts.append(cur)
        elif cmd[0] == "C":
            x0, y0 = cur
            x1, y1, x2, y2, x3, y3 = cmd[1:]
            for k in range(1, steps + 1):
                t = k / steps
                u = 1 - t
                x = u**3 * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t**3 * x3
                y = u**3 * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t**3 * y3
                pts.append((x, y))
            cur = (x3, y3)
    return pts
