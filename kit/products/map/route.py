"""The itinerary at sea: the harbour, the stages at equal distances along a ring around the
island, the arrival, and the smooth curve through them."""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable

from kit.layout.island import Island

#: is a sign of this radius at (x, y) clear (of the folds)?
Clear = Callable[[float, float, float], bool]


def _nudged(island: Island, angle: float, offset: float, radius: float,
            clear: Clear | None, offsets: tuple[float, ...] = (0.0,)) -> tuple[float, float]:
    """(angle, offset) nearest (angle, offset) where a sign of `radius` is clear: along the
    ring, or a little off it where the ring runs along a fold."""
    if clear is None or clear(*island.point(angle, offset), radius):
        return angle, offset
    x0, y0 = island.point(angle, offset)
    best = None
    for k in range(1, 100):
        for a in (angle + k * 0.006, angle - k * 0.006):
            for d in offsets:
                x, y = island.point(a, offset + d)
                cost = math.hypot(x - x0, y - y0) + abs(d)
                if (best is None or cost < best[0]) and clear(x, y, radius):
                    best = (cost, a, offset + d)
        if best is not None and best[0] < k * 0.006 * 20:
            break
    return (best[1], best[2]) if best else (angle, offset)


def route_points(island: Island, n_stages: int, start_angle: float, ring: float,
                 clear: Clear | None = None, radii: tuple[float, float, float] = (0, 0, 0)):
    """Harbour on the coast, stages evenly along a ring at sea clockwise, arrival back at the
    coast. Returns (harbour, stage points, arrival, waypoints): the waypoints follow the ring
    between stages so the route never cuts across the island. With `clear`, each sign (of
    radius harbour, stage, arrival in `radii`) moves a little along the ring off the folds."""
    span = math.radians(300)
    # stages at equal distances along the ring, not equal angles: an elongated island would
    # otherwise bunch them at its ends
    steps = 240
    angles = [start_angle + span * k / steps for k in range(steps + 1)]
    pts = [island.point(a, ring) for a in angles]
    run = [0.0]
    for a, b in zip(pts, pts[1:], strict=False):
        run.append(run[-1] + math.dist(a, b))

    def angle_at(fraction: float) -> float:
        target = run[-1] * fraction
        k = bisect.bisect_left(run, target)
        if k <= 0:
            return angles[0]
        if k > steps:
            return angles[-1]
        t = (target - run[k - 1]) / ((run[k] - run[k - 1]) or 1.0)
        return angles[k - 1] + (angles[k] - angles[k - 1]) * t

    harbour_r, stage_r, arrival_r = radii
    spots = [_nudged(island, angle_at((i + 0.6) / (n_stages + 0.2)), ring, stage_r, clear,
                     (0.0, 3.0, -3.0, 6.0)) for i in range(n_stages)]
    stage_angles = [a for a, _ in spots]
    arrival_angle, _ = _nudged(island, start_angle + span * (n_stages + 0.4) / (n_stages + 0.2),
                               1.5, arrival_r, clear)
    start_angle, _ = _nudged(island, start_angle, 1.5, harbour_r, clear)
    harbour = island.point(start_angle, 1.5)
    stages = [island.point(a, d) for a, d in spots]
    arrival = island.point(arrival_angle, 1.5)
    # without stages (a deck still being written) the route still goes round the island
    first = stage_angles[0] if stage_angles else start_angle + span * 0.1
    waypoints = [harbour, island.point(start_angle + (first - start_angle) * 0.5, ring * 0.7)]
    legs = [(a, stages[i], i + 1 < n_stages) for i, a in enumerate(stage_angles)]
    if not legs:
        legs = [(first, island.point(first, ring), False)]
    for i, (a, point, more) in enumerate(legs):
        waypoints.append(point)
        b = legs[i + 1][0] if more else arrival_angle
        n = max(1, int(math.degrees(b - a) // 14))
        for k in range(1, n):
            offset = ring if more else ring * (1 - k / n)
            waypoints.append(island.point(a + (b - a) * k / n, offset))
    waypoints.append(arrival)
    return harbour, stages, arrival, waypoints


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
