"""A procedural island: a radial coastline perturbed by a few harmonics and fine noise, and a
height field behind it; an archipelago of such islands.

radius(θ) = base × (1 + Σ aₖ·sin(kθ + φₖ)) + noise, seeded by the deck id (or `map.seed`), so
the same deck always gets the same island and another seed gives another island. The height
is 0 on the coast and rises inland, with a few seeded peaks (ridges, summits): the relief,
the footpaths' cost and the chart's hill signs all read the same field.
"""

from __future__ import annotations

import hashlib
import math
import random
from dataclasses import dataclass, field
from functools import lru_cache

from kit.layout.geometry import Path, smooth_closed_path

SAMPLES = 180
#: the unit radius is tabulated this finely (a multiple of SAMPLES, so the drawn outline's
#: points are exact) and interpolated: contains() and point() are called tens of thousands
#: of times while the map is planned
TABLE = SAMPLES * 4
TAU = 2 * math.pi
_PER_RADIAN = TABLE / TAU
_hypot, _atan2 = math.hypot, math.atan2


def seed_for(deck_id: str, seed: int | None) -> int:
    if seed is not None:
        return seed
    return int.from_bytes(hashlib.sha256(deck_id.encode("utf-8")).digest()[:4], "big")


@dataclass(frozen=True)
class Island:
    cx: float
    cy: float
    rx: float  # horizontal scale of the unit radius, mm
    ry: float  # vertical scale, mm
    harmonics: tuple[tuple[int, float, float], ...]  # (k, amplitude, phase)
    noise: tuple[float, ...]  # fine noise per sample, already smoothed
    bumps: tuple[tuple[float, float, float], ...] = ()  # (angle, height, width): capes, bays
    #: (u, v, height, width) in units of (rx, ry) from the centre: the summits of the relief
    peaks: tuple[tuple[float, float, float, float], ...] = ()
    _table: tuple[float, ...] = field(default=(), init=False, repr=False, compare=False)
    _relief: tuple = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # the shape does not depend on the scale: islands tried at several sizes share a table
        object.__setattr__(self, "_table", _radius_table(self.harmonics, self.noise, self.bumps))
        # the summits as height() reads them: 1/width² and the distance² beyond which a bump
        # adds nothing worth counting
        object.__setattr__(self, "_relief", tuple((pu, pv, ph, 1.0 / (pw * pw), 9.0 * pw * pw)
                                                  for pu, pv, ph, pw in self.peaks))

    def unit_radius(self, theta: float) -> float:
        """The coast's radius at angle theta, in units of (rx, ry): 1 is the plain ellipse."""
        t = (theta % TAU) * (TABLE / TAU)
        i = int(t)
        f = t - i
        table = self._table
        return table[i % TABLE] * (1 - f) + table[(i + 1) % TABLE] * f

    def exact_radius(self, theta: float) -> float:
        return _exact_radius(self.harmonics, self.noise, self.bumps, theta)

    def point(self, theta: float, offset: float = 0.0, scale: float = 1.0) -> tuple[float, float]:
        """The coast at angle theta (0 = east, clockwise since y points down), pushed `offset`
        mm outwards (negative: inland) and scaled towards the centre by `scale`."""
        r = self.unit_radius(theta) * scale
        x = self.cx + math.cos(theta) * (r * self.rx + offset)
        y = self.cy + math.sin(theta) * (r * self.ry + offset)
        return x, y

    def outline(self, offset: float = 0.0, scale: float = 1.0, samples: int = SAMPLES) -> Path:
        pts = [self.point(2 * math.pi * i / samples, offset, scale) for i in range(samples)]
        return smooth_closed_path(pts)

    def polygon(self, offset: float = 0.0, samples: int = SAMPLES) -> list[tuple[float, float]]:
        return [self.point(2 * math.pi * i / samples, offset) for i in range(samples)]

    def contains(self, x: float, y: float, margin: float = 0.0) -> bool:
        """True if (x, y) is on land at least `margin` mm from the coast (radially)."""
        return self.distance_out(x, y) <= -margin

    def distance_out(self, x: float, y: float) -> float:
        """Approximate radial distance from the coast, positive at sea, negative on land."""
        # (the most called function of the map's planning: names bound locally)
        dx, dy = x - self.cx, y - self.cy
        u, v = dx / self.rx, dy / self.ry
        rho = _hypot(u, v)  # where (x, y) is, in units of the ellipse
        # the coast's unit radius at this angle, interpolated in the table (unit_radius)
        t = (_atan2(v, u) % TAU) * _PER_RADIAN
        i = int(t)
        f = t - i
        table = self._table
        r = table[i % TABLE] * (1 - f) + table[(i + 1) % TABLE] * f
        if rho < 1e-12:
            return -r * min(self.rx, self.ry)
        # along the ray from the centre, the coast is at r / rho of the distance to (x, y)
        return _hypot(dx, dy) * (1.0 - r / rho)

    def area(self, samples: int = SAMPLES) -> float:
        """The land's area, mm² (shoelace over the sampled coast)."""
        pts = self.polygon(0.0, samples)
        return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1)
                       in zip(pts, pts[1:] + pts[:1], strict=True))) / 2

    def scaled(self, factor: float) -> Island:
        """The same coast, `factor` times larger about its centre."""
        return Island(self.cx, self.cy, self.rx * factor, self.ry * factor, self.harmonics,
                      self.noise, self.bumps, self.peaks)

    def moved(self, cx: float, cy: float) -> Island:
        return Island(cx, cy, self.rx, self.ry, self.harmonics, self.noise, self.bumps,
                      self.peaks)

    @property
    def reach(self) -> float:
        """No point of the coast is farther than this from the centre, mm."""
        return max(self._table) * max(self.rx, self.ry)

    def height(self, x: float, y: float) -> float:
        """The relief at (x, y): 0 on the coast and at sea, up to about 1 on the summits; a
        low coastal plain, a gentle rise inland and the ridges' peaks (and passes between
        them) on top."""
        u, v = (x - self.cx) / self.rx, (y - self.cy) / self.ry
        rho = math.hypot(u, v) / self.unit_radius(math.atan2(v, u))
        if rho >= 1.0:
            return 0.0
        h = 0.12 * (1.0 - rho * rho)
        exp = math.exp
        for pu, pv, ph, inv, far in self._relief:
            du, dv = u - pu, v - pv
            dd = du * du + dv * dv
            if dd < far:
                h += ph * exp(-dd * inv)
        # the shore is low whatever the summits behind it: a coastal plain all round
        shore = min(1.0, (1.0 - rho) / PLAIN)
        return h * shore * shore * (3.0 - 2.0 * shore)


def _exact_radius(harmonics, noise, bumps, theta: float) -> float:
    r = 1.0
    for k, a, phi in harmonics:
        r += a * math.sin(k * theta + phi)
    for angle, height, width in bumps:
        d = math.remainder(theta - angle, 2 * math.pi)
        r += height * math.exp(-(d / width) ** 2)
    # fine noise, interpolated between samples
    t = (theta % (2 * math.pi)) / (2 * math.pi) * len(noise)
    i = int(t) % len(noise)
    f = t - int(t)
    r += noise[i] * (1 - f) + noise[(i + 1) % len(noise)] * f
    return r


@lru_cache(maxsize=16)
def _radius_table(harmonics, noise, bumps) -> tuple[float, ...]:
    return tuple(_exact_radius(harmonics, noise, bumps, TAU * i / TABLE) for i in range(TABLE))


def make_island(seed: int, cx: float, cy: float, rx: float, ry: float) -> Island:
    rng = random.Random(seed)
    harmonics = []
    for k in range(2, 12):
        amplitude = rng.uniform(0.45, 1.0) * 0.2 / (k ** 0.85)
        harmonics.append((k, amplitude, rng.uniform(0, 2 * math.pi)))
    # two bays and a cape or two give the coast a character of its own
    bumps = [(rng.uniform(0, 2 * math.pi), -rng.uniform(0.12, 0.22), rng.uniform(0.16, 0.3))
             for _ in range(2)]
    bumps += [(rng.uniform(0, 2 * math.pi), rng.uniform(0.1, 0.18), rng.uniform(0.12, 0.22))
              for _ in range(rng.randint(1, 2))]
    # fine noise, smoothed twice so the coast wiggles like a hand-drawn line, not a saw
    raw = [rng.uniform(-1, 1) * 0.03 for _ in range(SAMPLES)]
    for _ in range(2):
        raw = [(raw[i - 1] + 2 * raw[i] + raw[(i + 1) % SAMPLES]) / 4 for i in range(SAMPLES)]
    island = Island(cx, cy, rx, ry, tuple(harmonics), tuple(raw), tuple(bumps))
    # keep the outline between 0.6 and 1.25 of its ellipse: scale the relief down if needed
    radii = [island.exact_radius(2 * math.pi * i / SAMPLES) for i in range(SAMPLES)]
    peak, low = max(radii), min(radii)
    if peak > 1.25 or low < 0.6:
        factor = min(0.25 / max(peak - 1, 1e-9), 0.4 / max(1 - low, 1e-9))
        harmonics = [(k, a * factor, p) for k, a, p in harmonics]
        raw = [n * factor for n in raw]
        bumps = [(a, h * factor, w) for a, h, w in bumps]
    # the summits, drawn after the coast so that a seed keeps its coastline
    peaks = ridges(rng)
    return Island(cx, cy, rx, ry, tuple(harmonics), tuple(raw), tuple(bumps), tuple(peaks))


#: the coastal plain: the relief rises from the coast over this share of the way inland
PLAIN = 0.32


def ridges(rng: random.Random) -> list[tuple[float, float, float, float]]:
    """The relief, (u, v, height, width) bumps in units of the island's radii: one ridge of
    five or six peaks across the island, bent a little, its highest in the middle, and
    sometimes a second, shorter one; neighbouring peaks far enough apart for a pass between
    them, and under each ridge a broad swell, its foothills."""
    peaks = []
    count = 1 if rng.random() < 0.5 else 2
    angle = rng.uniform(0, math.pi)
    for r in range(count):
        if r:  # the second ridge: shorter, across the first, off to one side
            angle += math.pi / 2 + rng.uniform(-0.5, 0.5)
            side = rng.choice((-1.0, 1.0)) * rng.uniform(0.3, 0.4)
            cu, cv = -math.sin(angle) * side, math.cos(angle) * side
            span, n, top = rng.uniform(0.35, 0.5), rng.randint(2, 3), 0.62
        else:
            cu, cv = rng.uniform(-0.1, 0.1), rng.uniform(-0.1, 0.1)
            span, n, top = rng.uniform(0.75, 0.95), rng.randint(5, 6), 0.85
        au, av = math.cos(angle), math.sin(angle)
        bend = rng.uniform(-0.2, 0.2)
        for k in range(n):
            t = k / (n - 1) - 0.5
            off = bend * (1.0 - 4.0 * t * t)
            u = cu + au * t * span - av * off + rng.uniform(-0.03, 0.03)
            v = cv + av * t * span + au * off + rng.uniform(-0.03, 0.03)
            peaks.append((u, v, top * (0.6 + 0.4 * math.cos(math.pi * t)) * rng.uniform(0.85, 1.1),
                          span / (n - 1) * rng.uniform(0.33, 0.38)))
            peaks.append((u, v, 0.12, 0.26))  # the foothills
    return peaks


class Archipelago:
    """One to four islands under one sea: what the chart asks of the land, whichever island
    answers. Coordinates in mm; distances radial from each island's coast, as Island's."""

    def __init__(self, islands: tuple[Island, ...] | list[Island], turn: float = 1.0):
        self.islands = tuple(islands)
        #: which way the route goes round the first island: 1 clockwise, -1 anticlockwise
        self.turn = turn
        self._reach = tuple(i.reach for i in self.islands)
        if len(self.islands) == 1:
            # one island answers alone: its own method, without the group's loop
            self.distance_out = self.islands[0].distance_out

    def __len__(self) -> int:
        return len(self.islands)

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Archipelago) and self.islands == other.islands
                and self.turn == other.turn)

    __hash__ = None  # type: ignore[assignment]

    # the whole group's centre and half extents (the first island's when alone)
    @property
    def cx(self) -> float:
        return self.islands[0].cx if len(self.islands) == 1 else _mid(i.cx for i in self.islands)

    @property
    def cy(self) -> float:
        return self.islands[0].cy if len(self.islands) == 1 else _mid(i.cy for i in self.islands)

    def distance_out(self, x: float, y: float) -> float:
        """Radial distance from the nearest coast: positive at sea, negative on land."""
        islands = self.islands
        if len(islands) == 1:
            return islands[0].distance_out(x, y)
        best = math.inf
        for island, reach in zip(islands, self._reach, strict=True):
            # an island whose farthest coast is nearer than the best so far cannot win
            if math.hypot(x - island.cx, y - island.cy) - reach >= best:
                continue
            d = island.distance_out(x, y)
            if d < best:
                best = d
        return best

    def contains(self, x: float, y: float, margin: float = 0.0) -> bool:
        return self.distance_out(x, y) <= -margin

    def nearest(self, x: float, y: float) -> int:
        """The index of the island whose coast is nearest (x, y)."""
        if len(self.islands) == 1:
            return 0
        return min(range(len(self.islands)), key=lambda k: self.islands[k].distance_out(x, y))

    def island_at(self, x: float, y: float) -> Island:
        return self.islands[self.nearest(x, y)]

    def height(self, x: float, y: float) -> float:
        return self.island_at(x, y).height(x, y)

    def outline(self, offset: float = 0.0, scale: float = 1.0, samples: int = SAMPLES) -> Path:
        """Every island's coast (pushed `offset` mm out), one closed subpath each."""
        out: list = []
        for island in self.islands:
            out += island.outline(offset, scale, samples)
        return tuple(out)

    def polygons(self, offset: float = 0.0, samples: int = SAMPLES
                 ) -> list[list[tuple[float, float]]]:
        return [island.polygon(offset, samples) for island in self.islands]

    def polygon(self, offset: float = 0.0, samples: int = SAMPLES) -> list[tuple[float, float]]:
        """All the coasts' points together (bounds, sampling)."""
        return [p for poly in self.polygons(offset, samples) for p in poly]

    def area(self, samples: int = SAMPLES) -> float:
        return sum(island.area(samples) for island in self.islands)

    def scaled(self, factor: float) -> Archipelago:
        """Each island `factor` times larger about its own centre: the channels narrow."""
        return Archipelago(tuple(island.scaled(factor) for island in self.islands), self.turn)

    def moved(self, dx: float, dy: float) -> Archipelago:
        return Archipelago(tuple(i.moved(i.cx + dx, i.cy + dy) for i in self.islands),
                           self.turn)

    def turned(self, turn: float) -> Archipelago:
        return Archipelago(self.islands, turn)


def _mid(values) -> float:
    values = list(values)
    return (min(values) + max(values)) / 2
