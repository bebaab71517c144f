"""What the land and the sea of a chart are drawn with, as pure geometry: waterlines that merge
between islands, rhumb lines from the compass rose that stop at the coasts, and the hill and
mountain signs of the relief, read from the islands' height field (kit.layout.island).

Martin O'Leary and Azgaar draw relief as signs where the height field calls for them, denser
on the ridges; the engraved charts draw the sea as lines hugging the coast. Both come here
from the same islands, so the signs, the trails and the coast agree.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable

from kit.layout.geometry import Rect
from kit.layout.island import SAMPLES, Archipelago

Point = tuple[float, float]


def waterline(land: Archipelago, offset: float, samples: int = SAMPLES
              ) -> list[tuple[list[Point], bool]]:
    """The line `offset` mm out from the coasts, where islands' lines meet merged into one:
    (points, closed) runs. An island's offset line is cut where it enters another's."""
    islands = land.islands
    out: list[tuple[list[Point], bool]] = []
    for k, island in enumerate(islands):
        others = [o for j, o in enumerate(islands) if j != k]
        angles = [2 * math.pi * i / samples for i in range(samples)]

        def inside(a: float, island=island, others=others) -> bool:
            x, y = island.point(a, offset)
            return any(o.distance_out(x, y) < offset for o in others)

        keep = [not inside(a) for a in angles] if others else [True] * samples
        if all(keep):
            out.append(([island.point(a, offset) for a in angles], True))
            continue
        if not any(keep):
            continue
        # runs of kept samples, each extended to where it meets the other line
        start = next(i for i in range(samples) if not keep[i - 1] and keep[i])
        run: list[Point] = []
        for step in range(samples + 1):
            i = (start + step) % samples
            if keep[i]:
                if not run:
                    run.append(island.point(_edge(inside, angles[i - 1], angles[i]), offset))
                run.append(island.point(angles[i], offset))
            elif run:
                a0 = angles[i - 1]
                a1 = angles[i] if i else 2 * math.pi
                run.append(island.point(_edge(inside, a1, a0), offset))
                out.append((run, False))
                run = []
    return out


def _edge(inside: Callable[[float], bool], a_in: float, a_out: float) -> float:
    """The angle between a_in (inside another island's line) and a_out (outside) where the
    line crosses it, by bisection."""
    if a_out < a_in - math.pi:
        a_out += 2 * math.pi
    elif a_out > a_in + math.pi:
        a_out -= 2 * math.pi
    for _ in range(12):
        mid = (a_in + a_out) / 2
        if inside(mid):
            a_in = mid
        else:
            a_out = mid
    return a_out


def cut_polyline(points: list[Point], blocked: Callable[[float, float], bool],
                 step: float = 1.0) -> list[list[Point]]:
    """The parts of a polyline outside the blocked places, sampled every `step` mm."""
    parts: list[list[Point]] = []
    run: list[Point] = []
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        n = max(1, int(math.hypot(x1 - x0, y1 - y0) / step))
        for i in range(n + (1 if (x1, y1) == points[-1] else 0)):
            x, y = x0 + (x1 - x0) * i / n, y0 + (y1 - y0) * i / n
            if blocked(x, y):
                if len(run) > 1:
                    parts.append(run)
                run = []
            else:
                run.append((x, y))
    if len(run) > 1:
        parts.append(run)
    return parts


def rhumb_lines(cx: float, cy: float, r0: float, chart: Rect, n: int = 16
                ) -> list[tuple[Point, Point, int]]:
    """Lines radiating from a compass rose at (cx, cy), from radius r0 to the chart's edge, as
    on a portolan chart: (start, end, rank) — rank 0 for the cardinal points, 1 for the
    intercardinal ones, 2 for the others."""
    out = []
    for k in range(n):
        a = 2 * math.pi * k / n - math.pi / 2
        dx, dy = math.cos(a), math.sin(a)
        t = math.inf
        if dx > 1e-9:
            t = min(t, (chart.x2 - cx) / dx)
        elif dx < -1e-9:
            t = min(t, (chart.x - cx) / dx)
        if dy > 1e-9:
            t = min(t, (chart.y2 - cy) / dy)
        elif dy < -1e-9:
            t = min(t, (chart.y - cy) / dy)
        if t <= r0:
            continue
        rank = 0 if k % (n // 4) == 0 else (1 if k % (n // 8) == 0 else 2)
        out.append(((cx + dx * r0, cy + dy * r0), (cx + dx * t, cy + dy * t), rank))
    return out


def _jitter(seed: int, i: int, j: int) -> tuple[float, float, float]:
    """Three numbers in [0, 1) for grid cell (i, j), the same for the same seed."""
    digest = hashlib.blake2b(f"{seed}:{i}:{j}".encode(), digest_size=6).digest()
    return digest[0] / 256 + digest[1] / 65536, digest[2] / 256 + digest[3] / 65536, \
        digest[4] / 256 + digest[5] / 65536


#: the relief's thresholds on the height field: mountains above MOUNT, hills from HILL up,
#: nothing below (the coastal plain)
MOUNT, HILL = 0.45, 0.14


def relief_signs(land: Archipelago, seed: int, free: Callable[[Rect], bool],
                 spacing: float = 4.2) -> list[tuple[str, float, float, float]]:
    """Where the relief shows, from the height field: ('mountain' | 'hill', x, y, size), (x, y)
    the middle of the sign's base. Mountains where the field is high — the ridges' peaks, a
    chain of signs a little overlapping, the highest largest —, hills on the slopes round
    them, fewer as the land falls towards the coast, and nothing on the coastal plain.
    `free(rect)` tells whether a sign's box is clear of the chart's names, signs and paths."""
    mountains: list[tuple[float, float, float, float]] = []
    hills: list[tuple[float, float, float]] = []
    for index, island in enumerate(land.islands):
        reach = island.reach
        i0, i1 = math.floor((island.cx - reach) / spacing), math.ceil((island.cx + reach) / spacing)
        j0, j1 = math.floor((island.cy - reach) / spacing), math.ceil((island.cy + reach) / spacing)
        for j in range(j0, j1 + 1):
            for i in range(i0, i1 + 1):
                # a cell far out at sea holds no sign wherever its jitter puts it
                if island.distance_out((i + 0.5) * spacing, (j + 0.5) * spacing) > 4 * spacing:
                    continue
                jx, jy, pick = _jitter(seed + 101 * index, i, j)
                x = (i + 0.15 + 0.7 * jx) * spacing
                y = (j + 0.15 + 0.7 * jy) * spacing
                if island.distance_out(x, y) > -4.0:
                    continue
                h = island.height(x, y)
                if h >= MOUNT:
                    mountains.append((h, x, y, pick))
                elif h >= HILL:
                    hills.append((h, x, y, pick))
    signs: list[tuple[str, float, float, float]] = []
    kept: list[tuple[float, float, float]] = []  # (x, y, half width) of the signs kept

    def room(x: float, y: float, w: float, tall: float, apart: float) -> bool:
        if any(abs(x - kx) < (w / 2 + kw) * apart and abs(y - ky) < (w / 2 + kw) * apart * 0.7
               for kx, ky, kw in kept):
            return False
        box = Rect(x - w / 2 - 0.4, y - tall - 0.4, w + 0.8, tall + 0.8)
        if any(land.distance_out(px, py) > -1.5 for px, py in
               ((box.x, box.y2), (box.x2, box.y2), (box.cx, box.y))):
            return False
        return free(box)

    # the highest first: the summits take their place, the shoulders fill in round them
    for h, x, y, _ in sorted(mountains, reverse=True):
        size = min(7.5, 4.8 + 6.0 * (h - MOUNT))
        if room(x, y, size, size * 0.78, 0.62):
            signs.append(("mountain", x, y, size))
            kept.append((x, y, size / 2))
    for h, x, y, pick in sorted(hills, reverse=True):
        # the higher the slope, the likelier a hill: they thin out towards the plain
        if pick > ((h - HILL) / (MOUNT - HILL)) ** 0.7 * 0.9:
            continue
        size = 3.4 + 2.2 * (h - HILL) / (MOUNT - HILL)
        if room(x, y, size, size * 0.45, 1.15):
            signs.append(("hill", x, y, size))
            kept.append((x, y, size / 2))
    return signs


def mountain_strokes(x: float, y: float, size: float) -> list[list[Point]]:
    """A mountain: two slopes to a peak a little left of centre, a short ridge line down its
    middle, base centred on (x, y); its lee face is toned by the drawing."""
    w, h = size, size * 0.78
    peak = (x - w * 0.06, y - h)
    left, right = (x - w / 2, y), (x + w / 2, y)
    return [[left, peak, right], [peak, (x + w * 0.02, y - h * 0.55), (x + w * 0.08, y - h * 0.2)]]
