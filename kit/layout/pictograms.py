"""Pictograms in the visual grammar of an old sea chart, as pure vector geometry.

Each pictogram is drawn once in a 100 × 100 design square (y pointing down) from circles,
arcs, Béziers and short polylines, then fitted to the requested square: centred, its larger
dimension (stroke included) filling about 90 % of the side. Every drawing uses one weight of
ink line, one accent fill and paper for knock-outs, so the set keeps the same visual weight on
a 6 mm card corner and on a 25 mm poster legend.

Nothing here imports a PDF or SVG library.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache

from kit.layout.geometry import Color, Path, Shape, Style, circle_path, polyline

__all__ = ["PICTOGRAM_NAMES", "pictogram", "MIN_LINE"]

#: thinnest line we ever draw: 0.25 pt, in mm
MIN_LINE = 0.25 * 25.4 / 72
#: default line width as a fraction of the pictogram's side
LINE_RATIO = 1 / 18
#: share of the square that a pictogram's larger dimension fills, stroke included
FILL = 0.90

# Paint roles of the parts of a drawing:
ACCENT = "accent"  # accent fill, ink outline
PAPER = "paper"  # paper fill, ink outline
LINE = "line"  # ink outline only
INK = "ink"  # solid ink (small dots)
ACCENT_FLAT = "accent_flat"  # accent fill without outline
PAPER_FLAT = "paper_flat"  # paper fill without outline

Part = tuple[str, Path]
_Builder = Callable[[], list[Part]]
_BUILDERS: dict[str, _Builder] = {}
_FILL_OVERRIDE: dict[str, float] = {}


def _register(name: str, fill: float | None = None) -> Callable[[_Builder], _Builder]:
    def deco(fn: _Builder) -> _Builder:
        _BUILDERS[name] = fn
        if fill is not None:
            _FILL_OVERRIDE[name] = fill
        return fn

    return deco


# ---------------------------------------------------------------------------------------------
# construction helpers (design units, y down)


def _pt(cx: float, cy: float, r: float, deg: float, ry: float | None = None) -> tuple[float, float]:
    """Point at angle deg (counter-clockwise as seen on the page, 0 = east, 90 = north)."""
    a = math.radians(deg)
    return (cx + r * math.cos(a), cy - (r if ry is None else ry) * math.sin(a))


def _arc(cx: float, cy: float, rx: float, ry: float, a0: float, a1: float) -> list[tuple]:
    """Cubic segments of an elliptical arc from angle a0 to a1 (degrees, as _pt); no move-to."""
    n = max(1, math.ceil(abs(a1 - a0) / 90 - 1e-9))
    out: list[tuple] = []
    step = (a1 - a0) / n
    k = 4 / 3 * math.tan(math.radians(step) / 4)
    for i in range(n):
        s, e = math.radians(a0 + i * step), math.radians(a0 + (i + 1) * step)
        p0 = (cx + rx * math.cos(s), cy - ry * math.sin(s))
        p3 = (cx + rx * math.cos(e), cy - ry * math.sin(e))
        d0 = (-rx * math.sin(s), -ry * math.cos(s))
        d3 = (-rx * math.sin(e), -ry * math.cos(e))
        c1 = (p0[0] + k * d0[0], p0[1] + k * d0[1])
        c2 = (p3[0] - k * d3[0], p3[1] - k * d3[1])
        out.append(("C", *c1, *c2, *p3))
    return out


def _ellipse(cx: float, cy: float, rx: float, ry: float) -> Path:
    return (("M", cx + rx, cy), *_arc(cx, cy, rx, ry, 0, 360), ("Z",))


def _poly(*pts: tuple[float, float], closed: bool = True) -> Path:
    return polyline(list(pts), closed=closed)


def _line(x0: float, y0: float, x1: float, y1: float) -> Path:
    return (("M", x0, y0), ("L", x1, y1))


def _curl(x0: float, x1: float, y: float, humps: int, amp: float) -> Path:
    """A chart-style sea line: crests alternating with troughs."""
    w = (x1 - x0) / humps
    cmds: list[tuple] = [("M", x0, y)]
    for i in range(humps):
        a = x0 + i * w
        h = w / 2
        cmds.append(("C", a + h * 0.35, y - amp, a + h * 0.65, y - amp, a + h, y))
        cmds.append(("C", a + h * 1.35, y + amp, a + h * 1.65, y + amp, a + w, y))
    return tuple(cmds)


def _round_rect(x: float, y: float, w: float, h: float, r: float) -> Path:
    r = min(r, w / 2, h / 2)
    x2, y2 = x + w, y + h
    return (
        ("M", x + r, y),
        ("L", x2 - r, y),
        *_arc(x2 - r, y + r, r, r, 90, 0),
        ("L", x2, y2 - r),
        *_arc(x2 - r, y2 - r, r, r, 0, -90),
        ("L", x + r, y2),
        *_arc(x + r, y2 - r, r, r, -90, -180),
        ("L", x, y + r),
        *_arc(x + r, y + r, r, r, 180, 90),
        ("Z",),
    )


def _star(cx: float, cy: float, r_out: float, r_in: float, points: int, rot: float = 90) -> Path:
    pts = []
    for i in range(points * 2):
        r = r_out if i % 2 == 0 else r_in
        pts.append(_pt(cx, cy, r, rot + i * 180 / points))
    return _poly(*pts)


def _sparkle(cx: float, cy: float, r: float, waist: float = 0.2) -> Path:
    """A four-point twinkle with concave sides."""
    tips = [(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)]
    cmds: list[tuple] = [("M", *tips[0])]
    for i in range(4):
        a, b = tips[i], tips[(i + 1) % 4]
        c1 = (cx + (a[0] - cx) * waist, cy + (a[1] - cy) * waist)
        c2 = (cx + (b[0] - cx) * waist, cy + (b[1] - cy) * waist)
        cmds.append(("C", *c1, *c2, *b))
    cmds.append(("Z",))
    return tuple(cmds)


def _scallop(cx: float, cy: float, r: float, n: int, bulge: float, start: float = 90) -> Path:
    """A cloud-like outline: n outward bumps around a circle of radius r."""
    pts = [_pt(cx, cy, r, start + i * 360 / n) for i in range(n)]
    cmds: list[tuple] = [("M", *pts[0])]
    for i in range(n):
        a, b = pts[i], pts[(i + 1) % n]
        mid = start + (i + 0.5) * 360 / n
        ox, oy = _pt(0, 0, bulge, mid)
        cmds.append(
            (
                "C",
                a[0] + (b[0] - a[0]) * 0.1 + ox,
                a[1] + (b[1] - a[1]) * 0.1 + oy,
                a[0] + (b[0] - a[0]) * 0.9 + ox,
                a[1] + (b[1] - a[1]) * 0.9 + oy,
                *b,
            )
        )
    cmds.append(("Z",))
    return tuple(cmds)


def _hermite(points: list[tuple[float, float]], tangents: list[tuple[float, float]]) -> list[tuple]:
    """Cubic segments through points with the given derivative vectors (per segment)."""
    out: list[tuple] = []
    for i in range(len(points) - 1):
        p0, p1 = points[i], points[i + 1]
        t0, t1 = tangents[i], tangents[i + 1]
        out.append(
            ("C", p0[0] + t0[0] / 3, p0[1] + t0[1] / 3, p1[0] - t1[0] / 3, p1[1] - t1[1] / 3, *p1)
        )
    return out


def _spiral(
    cx: float, cy: float, r_of: Callable[[float], float], dr: float, t0: float, t1: float, n: int
) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """Points and tangents of a spiral r(θ) (θ in radians, counter-clockwise on the page).

    dr is dr/dθ (constant: an Archimedean spiral); n segments from t0 to t1.
    """
    pts, tans = [], []
    h = (t1 - t0) / n
    for i in range(n + 1):
        t = t0 + i * h
        r = r_of(t)
        c, s = math.cos(t), math.sin(t)
        pts.append((cx + r * c, cy - r * s))
        # d/dθ of (r cos θ, -r sin θ), scaled by the step
        tans.append(((dr * c - r * s) * h, (-dr * s - r * c) * h))
    return pts, tans


# ---------------------------------------------------------------------------------------------
# bounds of the design (exact for Béziers), used to fit each drawing to its square


def _cubic_extrema(p0: float, p1: float, p2: float, p3: float) -> list[float]:
    a = -p0 + 3 * p1 - 3 * p2 + p3
    b = 2 * (p0 - 2 * p1 + p2)
    c = p1 - p0
    ts: list[float] = []
    if abs(a) < 1e-12:
        if abs(b) > 1e-12:
            ts.append(-c / b)
    else:
        disc = b * b - 4 * a * c
        if disc >= 0:
            sq = math.sqrt(disc)
            ts += [(-b + sq) / (2 * a), (-b - sq) / (2 * a)]
    vals = []
    for t in ts:
        if 0 < t < 1:
            u = 1 - t
            vals.append(u**3 * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t**3 * p3)
    return vals


def _exact_bounds(paths: list[Path]) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []
    for path in paths:
        cur = (0.0, 0.0)
        for cmd in path:
            op = cmd[0]
            if op in ("M", "L"):
                cur = (cmd[1], cmd[2])
                xs.append(cur[0])
                ys.append(cur[1])
            elif op == "C":
                x1, y1, x2, y2, x, y = cmd[1:]
                xs += [x, *_cubic_extrema(cur[0], x1, x2, x)]
                ys += [y, *_cubic_extrema(cur[1], y1, y2, y)]
                cur = (x, y)
    return min(xs), min(ys), max(xs), max(ys)


def _control_bounds(paths: list[Path]) -> tuple[float, float, float, float]:
    xs = [c for p in paths for cmd in p for c in cmd[1::2]]
    ys = [c for p in paths for cmd in p for c in cmd[2::2]]
    return min(xs), min(ys), max(xs), max(ys)


def _map_path(path: Path, s: float, dx: float, dy: float) -> Path:
    out = []
    for cmd in path:
        coords = cmd[1:]
        out.append((cmd[0], *(c * s + (dx if i % 2 == 0 else dy) for i, c in enumerate(coords))))
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# public API


@lru_cache(maxsize=4096)
def pictogram(
    name: str,
    size: float,
    x: float,
    y: float,
    ink: Color,
    accent: Color,
    paper: Color,
    line: float | None = None,
) -> tuple[Shape, ...]:
    """The pictogram `name` fitted in the square of side `size` mm whose top-left is (x, y).

    `ink` draws the outlines, `accent` the one colour fill, `paper` the knock-outs. `line` is
    the outline width in mm (default size/18, never under 0.25 pt).
    """
    try:
        build = _BUILDERS[name]
    except KeyError:
        raise KeyError(name) from None
    if size <= 0:
        raise ValueError(f"pictogram size must be positive, got {size!r}")
    lw = max(MIN_LINE, size * LINE_RATIO if line is None else line)
    parts = build()
    paths = [p for _, p in parts]
    x0, y0, x1, y1 = _exact_bounds(paths)
    extent = max(x1 - x0, y1 - y0)
    fill = _FILL_OVERRIDE.get(name, FILL)
    s = max(fill * size - lw, 0.35 * size) / extent
    # keep every control point within the square (plus half a line), whatever the line width
    cx0, cy0, cx1, cy1 = _control_bounds(paths)
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    reach = max(mx - cx0, cx1 - mx, my - cy0, cy1 - my)
    s = min(s, (size / 2 + lw / 2 - 1e-9) / reach)
    dx, dy = x + size / 2 - mx * s, y + size / 2 - my * s

    stroke_style = {"cap": "round", "join": "round", "width": lw}
    styles = {
        ACCENT: Style(fill=accent, stroke=ink, **stroke_style),
        PAPER: Style(fill=paper, stroke=ink, **stroke_style),
        LINE: Style(fill=None, stroke=ink, **stroke_style),
        INK: Style(fill=ink, stroke=ink, **stroke_style),
        ACCENT_FLAT: Style(fill=accent, stroke=None, **stroke_style),
        PAPER_FLAT: Style(fill=paper, stroke=None, **stroke_style),
    }
    return tuple(Shape(_map_path(p, s, dx, dy), styles[role]) for role, p in parts)


# ---------------------------------------------------------------------------------------------
# the drawings (100 × 100 design square, y down)


@_register("volcano")
def _volcano() -> list[Part]:
    cone = (
        ("M", 4, 90),
        ("C", 20, 84, 32, 66, 37, 48),
        ("L", 63, 48),
        ("C", 68, 66, 80, 84, 96, 90),
        ("Z",),
    )
    crater = _ellipse(50, 48, 13, 4.5)
    lava = (("M", 44, 54), ("C", 44, 62, 40, 66, 40, 74))
    lava2 = (("M", 57, 54), ("C", 57, 60, 61, 64, 60, 70))
    puff = circle_path(46, 34, 6)
    cloud = _scallop(66, 19, 12, 5, 6, start=100)
    return [
        (ACCENT, cone),
        (PAPER, crater),
        (LINE, lava),
        (LINE, lava2),
        (PAPER, puff),
        (PAPER, cloud),
    ]


@_register("semaphore")
def _semaphore() -> list[Part]:
    mx = 50
    base = _poly((34, 92), (66, 92), (60, 82), (40, 82))
    mast = _line(mx, 82, mx, 12)
    finial = circle_path(mx, 9, 3.6)

    def arm(py: float, deg: float, length: float) -> list[Part]:
        a = math.radians(deg)
        ux, uy = math.cos(a), -math.sin(a)
        nx, ny = -uy, ux
        w = 7
        q0 = (mx + ux * 9, py + uy * 9)
        end = (mx + ux * length, py + uy * length)
        paddle = _poly(
            (q0[0] + nx * w, q0[1] + ny * w),
            (end[0] + nx * w, end[1] + ny * w),
            (end[0] - nx * w, end[1] - ny * w),
            (q0[0] - nx * w, q0[1] - ny * w),
        )
        return [(ACCENT, paddle), (PAPER, circle_path(mx, py, 4.4))]

    return [
        (LINE, mast),
        (ACCENT, base),
        *arm(30, 45, 46),
        *arm(56, 180, 44),
        (INK, finial),
    ]


@_register("bivouac")
def _bivouac() -> list[Part]:
    tent = _poly((4, 84), (38, 26), (72, 84))
    door = _poly((38, 44), (28, 84), (48, 84))
    poles = [_line(38, 26, 31, 14), _line(38, 26, 45, 14)]
    ground = _line(2, 86, 98, 86)
    flame = (
        ("M", 86, 50),
        ("C", 90, 58, 96, 64, 96, 72),
        ("C", 96, 78, 91, 82, 86, 82),
        ("C", 81, 82, 76, 78, 76, 72),
        ("C", 76, 64, 82, 58, 86, 50),
        ("Z",),
    )
    inner = (
        ("M", 86, 66),
        ("C", 88, 70, 90, 73, 90, 76),
        ("C", 90, 79, 88, 81, 86, 81),
        ("C", 84, 81, 82, 79, 82, 76),
        ("C", 82, 73, 84, 70, 86, 66),
        ("Z",),
    )
    return [
        *[(LINE, p) for p in poles],
        (ACCENT, tent),
        (PAPER, door),
        (LINE, ground),
        (ACCENT, flame),
        (PAPER_FLAT, inner),
    ]


@_register("lighthouse")
def _lighthouse() -> list[Part]:
    def edge_x(y: float, left: bool) -> float:
        # tower from (35, 88)-(65, 88) at the foot to (41, 44)-(59, 44) under the gallery
        t = (y - 44) / (88 - 44)
        return (41 - 6 * t) if left else (59 + 6 * t)

    tower = _poly((35, 88), (41, 44), (59, 44), (65, 88))

    def band(ya: float, yb: float) -> Path:
        return _poly(
            (edge_x(ya, True), ya),
            (edge_x(ya, False), ya),
            (edge_x(yb, False), yb),
            (edge_x(yb, True), yb),
        )

    gallery = _round_rect(34, 39, 32, 6, 1.5)
    lantern = _poly((42, 26), (58, 26), (58, 39), (42, 39))
    dome = (("M", 40, 26), *_arc(50, 26, 10, 10, 180, 0), ("Z",))
    finial = _line(50, 16, 50, 10)
    rays = []
    for dy, ex in ((-9, 12), (0, 14), (9, 12)):
        rays.append(_line(36, 32.5 + dy * 0.55, 36 - ex, 32.5 + dy * 1.15))
        rays.append(_line(64, 32.5 + dy * 0.55, 64 + ex, 32.5 + dy * 1.15))
    ground = _line(24, 88, 76, 88)
    return [
        (PAPER, tower),
        (ACCENT, band(52, 62)),
        (ACCENT, band(72, 82)),
        (LINE, ground),
        (ACCENT, lantern),
        (PAPER, dome),
        (LINE, finial),
        (PAPER, gallery),
        *[(LINE, r) for r in rays],
    ]


@_register("harbour")
def _harbour() -> list[Part]:
    deck = _poly((4, 54), (44, 54), (44, 61), (4, 61))
    posts = [_line(x, 61, x, 82) for x in (12, 34)]
    lamp_post = _line(12, 54, 12, 32)
    lamp = _poly((6, 32), (18, 32), (18, 22), (6, 22))
    lamp_cap = _poly((4, 22), (12, 14), (20, 22))
    hull = (
        ("M", 46, 64),
        ("L", 96, 64),
        ("C", 93, 74, 88, 80, 82, 80),
        ("L", 58, 80),
        ("C", 53, 80, 48, 74, 46, 64),
        ("Z",),
    )
    cabin = _poly((56, 64), (56, 46), (74, 46), (74, 64))
    mast = _line(84, 64, 84, 14)
    pennant = _poly((84, 14), (95, 18), (84, 22))
    sea = _curl(4, 96, 89, 4, 4)
    return [
        *[(LINE, p) for p in posts],
        (LINE, sea),
        (LINE, lamp_post),
        (ACCENT, lamp),
        (INK, lamp_cap),
        (PAPER, deck),
        (LINE, mast),
        (ACCENT, pennant),
        (PAPER, cabin),
        (ACCENT, hull),
    ]


@_register("port")
def _port() -> list[Part]:
    """A harbour as a landmark ashore: a quay and its crane lifting a crate (the chart keeps
    the pier-and-boat harbour for the route's embarkation)."""
    quay = _poly((4, 66), (66, 66), (66, 80), (4, 80))
    legs = [_line(16, 66, 28, 20), _line(40, 66, 28, 20)]
    brace = _line(21, 46, 36, 46)
    boom = _poly((30, 19), (92, 26), (92, 32), (30, 30))
    counter = _line(28, 22, 10, 26)
    weight = _poly((6, 24), (14, 24), (14, 32), (6, 32))
    cab = _poly((22, 24), (36, 24), (36, 34), (22, 34))
    rope = _line(84, 30, 84, 44)
    crate = _poly((74, 44), (94, 44), (94, 60), (74, 60))
    sea = _curl(4, 96, 89, 4, 4)
    return [
        (LINE, sea),
        *[(LINE, leg) for leg in legs],
        (LINE, brace),
        (LINE, counter),
        (INK, weight),
        (PAPER, boom),
        (LINE, rope),
        (ACCENT, crate),
        (ACCENT, cab),
        (PAPER, quay),
    ]


@_register("star", fill=0.92)
def _star_icon() -> list[Part]:
    return [(ACCENT, _star(50, 54, 48, 21, 5))]


@_register("bridge")
def _bridge() -> list[Part]:
    body = (
        ("M", 4, 40),
        ("L", 96, 40),
        ("L", 96, 74),
        ("L", 78, 74),
        *_arc(50, 74, 28, 26, 0, 180),
        ("L", 4, 74),
        ("Z",),
    )
    rail = _line(4, 30, 96, 30)
    posts = [_line(x, 30, x, 40) for x in (4, 27, 50, 73, 96)]
    water = [_curl(30, 70, 84, 2, 3.5), _curl(8, 92, 94, 4, 3.5)]
    return [*[(LINE, p) for p in posts], (LINE, rail), (ACCENT, body)] + [(LINE, w) for w in water]


def _fir(cx: float, top: float, w: float, h: float) -> Path:
    """A three-tier conifer, apex at (cx, top), foot width w, height h (trunk excluded)."""
    tiers = ((0.38, 0.36, 0.20), (0.70, 0.52, 0.32), (1.0, 0.70, 0.0))
    pts = [(cx, top)]
    for ty, tw, back in tiers:
        pts.append((cx + w / 2 * tw, top + h * ty))
        if back:
            pts.append((cx + w / 2 * back, top + h * ty))
    right = pts[1:]
    left = [(2 * cx - px, py) for px, py in reversed(right)]
    return _poly(*pts, *left)


@_register("forest")
def _forest() -> list[Part]:
    parts: list[Part] = []
    for cx, top, w, h in ((24, 26, 38, 56), (76, 26, 38, 56), (50, 8, 46, 72)):
        parts.append((LINE, _line(cx, top + h, cx, top + h + 8)))
        parts.append((ACCENT, _fir(cx, top, w, h)))
    parts.append((LINE, _line(4, 90, 96, 90)))
    return parts


@_register("mountain")
def _mountain() -> list[Part]:
    back = _poly((46, 88), (72, 34), (98, 88))
    front = _poly((2, 88), (40, 12), (80, 88))
    cap = _poly((40, 12), (50.5, 33), (45, 29), (40, 35), (35, 29), (29.5, 33))
    return [(ACCENT, back), (ACCENT, front), (PAPER, cap)]


@_register("village")
def _village() -> list[Part]:
    def house(x0: float, x1: float, eave: float, ridge: float, foot: float) -> list[Part]:
        cx = (x0 + x1) / 2
        walls = _poly((x0, eave), (x1, eave), (x1, foot), (x0, foot))
        roof = _poly((x0 - 4, eave + 2), (cx, ridge), (x1 + 4, eave + 2))
        return [(PAPER, walls), (ACCENT, roof)]

    tower = _poly((41, 40), (59, 40), (59, 88), (41, 88))
    spire = _poly((38, 42), (50, 8), (62, 42))
    window = (("M", 46, 64), ("L", 46, 58), *_arc(50, 58, 4, 4, 180, 0), ("L", 54, 64), ("Z",))
    return [
        *house(8, 34, 62, 44, 88),
        *house(66, 92, 58, 40, 88),
        (PAPER, tower),
        (ACCENT, spire),
        (INK, window),
        (LINE, _line(2, 88, 98, 88)),
    ]


@_register("question")
def _question() -> list[Part]:
    x0, y0, x1, y1, r = 6, 14, 94, 72, 20
    bubble = (
        ("M", x0 + r, y0),
        ("L", x1 - r, y0),
        *_arc(x1 - r, y0 + r, r, r, 90, 0),
        ("L", x1, y1 - r),
        *_arc(x1 - r, y1 - r, r, r, 0, -90),
        ("L", 44, y1),
        ("L", 22, 90),
        ("L", 28, y1),
        ("L", x0 + r, y1),
        *_arc(x0 + r, y1 - r, r, r, -90, -180),
        ("L", x0, y0 + r),
        *_arc(x0 + r, y0 + r, r, r, 180, 90),
        ("Z",),
    )
    dots = [(INK, circle_path(cx, 43, 5.5)) for cx in (30, 50, 70)]
    return [(ACCENT, bubble), *dots]


@_register("beacon")
def _beacon() -> list[Part]:
    body = (
        ("M", 28, 80),
        ("L", 38, 46),
        ("L", 62, 46),
        ("L", 72, 80),
        ("C", 60, 84, 40, 84, 28, 80),
        ("Z",),
    )
    band = _poly((33.3, 62), (66.7, 62), (63.9, 52.5), (36.1, 52.5))
    mast = _line(50, 46, 50, 30)
    cone_low = _poly((41, 33), (59, 33), (50, 21))
    cone_up = _poly((41, 19), (59, 19), (50, 7))
    sea = _curl(4, 96, 86, 4, 4)
    return [
        (LINE, mast),
        (ACCENT, body),
        (PAPER, band),
        (ACCENT, cone_low),
        (ACCENT, cone_up),
        (LINE, sea),
    ]


@_register("current", fill=0.9)
def _current() -> list[Part]:
    cx, cy = 50, 50
    turns = 1.75
    t1 = turns * 2 * math.pi
    t0 = 0.0
    a_out, a_in = 44 / t1, 30 / t1

    # band between two Archimedean spirals: wide outside, vanishing at the centre
    po, to = _spiral(cx, cy, lambda t: 6 + a_out * t, a_out, t0 + 0.0, t1, 14)
    pi_, ti = _spiral(cx, cy, lambda t: 6 + a_in * t, a_in, t0 + 0.0, t1, 14)
    cap_start = po[-1]
    cap_end = pi_[-1]
    band: list[tuple] = [("M", *po[0]), *_hermite(po, to)]
    # round the outer end with an arc between the two spirals
    mid = ((cap_start[0] + cap_end[0]) / 2, (cap_start[1] + cap_end[1]) / 2)
    rr = math.dist(cap_start, cap_end) / 2
    ang = math.degrees(math.atan2(-(cap_start[1] - mid[1]), cap_start[0] - mid[0]))
    band += _arc(mid[0], mid[1], rr, rr, ang, ang - 180)
    pi_r, ti_r = list(reversed(pi_)), [(-a, -b) for a, b in reversed(ti)]
    band += _hermite(pi_r, ti_r)
    band.append(("Z",))
    return [(ACCENT, tuple(band))]


@_register("stage")
def _stage() -> list[Part]:
    mound = (("M", 12, 90), ("C", 16, 80, 44, 80, 48, 90), ("Z",))
    pole = _line(30, 86, 30, 10)
    finial = circle_path(30, 8, 3.4)
    flag = (
        ("M", 30, 14),
        ("C", 46, 6, 62, 22, 88, 12),
        ("L", 76, 30),
        ("L", 88, 48),
        ("C", 62, 58, 46, 42, 30, 50),
        ("Z",),
    )
    return [
        (LINE, pole),
        (ACCENT, flag),
        (PAPER, mound),
        (LINE, _line(4, 90, 96, 90)),
        (INK, finial),
    ]


@_register("compass_rose", fill=0.92)
def _compass_rose() -> list[Part]:
    c = 50
    parts: list[Part] = [(LINE, circle_path(c, c, 30))]

    def point(deg: float, length: float, half: float) -> list[Part]:
        tip = _pt(c, c, length, deg)
        left = _pt(c, c, half, deg + 45)
        right = _pt(c, c, half, deg - 45)
        return [(ACCENT, _poly((c, c), tip, left)), (PAPER, _poly((c, c), tip, right))]

    for d in (45, 135, 225, 315):
        parts += point(d, 28, 8)
    for d in (90, 0, 270, 180):
        parts += point(d, 47, 12)
    parts.append((PAPER, circle_path(c, c, 4)))
    return parts


@_register("site")
def _site() -> list[Part]:
    cx, cy, r, tip = 50, 38, 28, (50, 86)
    d = tip[1] - cy
    alpha = math.degrees(math.acos(r / d))  # angle between the downward axis and the tangent
    right = -90 + alpha
    left = -90 - alpha
    # over the top, counter-clockwise from the right tangent point to the left one
    pin = (
        ("M", *tip),
        ("L", *_pt(cx, cy, r, right)),
        *_arc(cx, cy, r, r, right, 360 + left),
        ("Z",),
    )
    shadow = _ellipse(50, 88, 18, 5)
    return [(LINE, shadow), (ACCENT, pin), (PAPER, circle_path(cx, cy, 10))]


@_register("viewpoint")
def _viewpoint() -> list[Part]:
    eye = (("M", 4, 50), ("C", 26, 20, 74, 20, 96, 50), ("C", 74, 80, 26, 80, 4, 50), ("Z",))
    return [
        (PAPER, eye),
        (ACCENT, circle_path(50, 50, 17)),
        (INK, circle_path(50, 50, 6)),
    ]


@_register("imaginary")
def _imaginary() -> list[Part]:
    cover = (
        ("M", 50, 90),
        ("C", 38, 83, 18, 82, 4, 86),
        ("L", 4, 40),
        ("L", 96, 40),
        ("L", 96, 86),
        ("C", 82, 82, 62, 83, 50, 90),
        ("Z",),
    )
    left = (
        ("M", 50, 40),
        ("C", 40, 32, 22, 30, 9, 34),
        ("L", 9, 80),
        ("C", 22, 76, 40, 78, 50, 85),
        ("Z",),
    )
    right = (
        ("M", 50, 40),
        ("C", 60, 32, 78, 30, 91, 34),
        ("L", 91, 80),
        ("C", 78, 76, 60, 78, 50, 85),
        ("Z",),
    )
    spark = _sparkle(50, 16, 13)
    lines = []
    for k in (0, 1):
        oy = 14 + 13 * k
        lines.append((("M", 17, 34 + oy), ("C", 26, 32 + oy, 36, 33 + oy, 42, 37 + oy)))
        lines.append((("M", 83, 34 + oy), ("C", 74, 32 + oy, 64, 33 + oy, 58, 37 + oy)))
    return [
        (ACCENT, cover),
        (PAPER, left),
        (PAPER, right),
        *[(LINE, p) for p in lines],
        (ACCENT, spark),
    ]


@_register("anchor")
def _anchor() -> list[Part]:
    cx, cy, r = 50, 50, 36
    a0, a1 = 208, 332
    arms = (("M", *_pt(cx, cy, r, a0)), *_arc(cx, cy, r, r, a0, a1))
    parts: list[Part] = [(LINE, _line(50, 21, 50, cy + r)), (LINE, arms)]
    for a, sign in ((a0, -1), (a1, 1)):
        end = _pt(cx, cy, r, a)
        rad = math.radians(a)
        # unit tangent leaving the arc (upwards at both ends), and its normal
        tx, ty = math.sin(rad) * -sign, math.cos(rad) * -sign
        nx, ny = -ty, tx
        base = (end[0] - tx * 4, end[1] - ty * 4)
        tip = (end[0] + tx * 14, end[1] + ty * 14)
        barb1 = (base[0] + nx * 10 - tx * 4, base[1] + ny * 10 - ty * 4)
        barb2 = (base[0] - nx * 10 - tx * 4, base[1] - ny * 10 - ty * 4)
        parts.append((ACCENT, _poly(tip, barb1, base, barb2)))
    parts.append((ACCENT, _round_rect(27, 25, 46, 9, 4.5)))
    parts.append((PAPER, circle_path(50, 12, 8)))
    return parts


@_register("boat")
def _boat() -> list[Part]:
    hull = (
        ("M", 8, 66),
        ("L", 92, 66),
        ("C", 88, 76, 80, 82, 72, 82),
        ("L", 28, 82),
        ("C", 20, 82, 12, 76, 8, 66),
        ("Z",),
    )
    mast = _line(50, 66, 50, 6)
    main = _poly((50, 18), (50, 58), (86, 58))
    jib = _poly((43, 22), (43, 58), (16, 58))
    pennant = _poly((50, 6), (62, 9.5), (50, 13))
    sea = _curl(4, 96, 90, 4, 3.5)
    return [
        (LINE, mast),
        (PAPER, main),
        (PAPER, jib),
        (ACCENT, pennant),
        (ACCENT, hull),
        (LINE, sea),
    ]


@_register("tree")
def _tree() -> list[Part]:
    trunk = _poly((45, 90), (47, 56), (53, 56), (55, 90))
    crown = _scallop(50, 40, 30, 7, 11)
    branch = _line(50, 66, 50, 46)
    twig = [_line(50, 58, 41, 50), _line(50, 54, 59, 46)]
    return [
        (PAPER, trunk),
        (ACCENT, crown),
        (LINE, branch),
        *[(LINE, t) for t in twig],
        (LINE, _line(30, 90, 70, 90)),
    ]


@_register("wave")
def _wave_icon() -> list[Part]:
    crest = (
        ("M", 4, 74),
        ("C", 18, 74, 24, 30, 54, 26),
        ("C", 76, 23, 92, 40, 86, 54),
        ("C", 82, 62, 70, 62, 68, 54),
        ("C", 66, 47, 74, 44, 78, 49),
        ("C", 72, 38, 56, 40, 50, 52),
        ("C", 44, 64, 52, 74, 96, 74),
        ("Z",),
    )
    return [(ACCENT, crest), (LINE, _curl(4, 96, 86, 4, 3.5))]


@_register("reef")
def _reef() -> list[Part]:
    rocks = _poly((10, 72), (22, 50), (32, 58), (46, 30), (60, 54), (70, 44), (90, 72))
    crack = _poly((46, 30), (44, 48), (50, 58), closed=False)
    crosses = []
    for cx, cy in ((14, 28), (84, 26)):
        crosses += [_line(cx - 6, cy, cx + 6, cy), _line(cx, cy - 6, cx, cy + 6)]
    return [
        (ACCENT, rocks),
        (LINE, crack),
        (LINE, _curl(4, 96, 82, 4, 3.5)),
        (LINE, _curl(16, 84, 92, 3, 3.5)),
        *[(LINE, c) for c in crosses],
    ]


@_register("fish")
def _fish() -> list[Part]:
    body = (
        ("M", 6, 50),
        ("C", 20, 26, 54, 22, 72, 46),
        ("L", 94, 28),
        ("C", 89, 42, 89, 58, 94, 72),
        ("L", 72, 54),
        ("C", 54, 78, 20, 74, 6, 50),
        ("Z",),
    )
    gill = (("M", 34, 36), ("C", 39, 44, 39, 56, 34, 64))
    return [(ACCENT, body), (LINE, gill), (INK, circle_path(22, 46, 3.5))]


def _leaf(base: tuple[float, float], tip: tuple[float, float], width: float) -> Path:
    """A drooping palm leaf from base to tip, bellying out on its upper (left-hand) side."""
    dx, dy = tip[0] - base[0], tip[1] - base[1]
    ln = math.hypot(dx, dy)
    nx, ny = dy / ln, -dx / ln  # left-hand normal, as seen walking from base to tip
    if ny > 0:  # keep the belly on top
        nx, ny = -nx, -ny

    def at(t: float, off: float) -> tuple[float, float]:
        return (base[0] + dx * t + nx * off, base[1] + dy * t + ny * off)

    return (
        ("M", *base),
        ("C", *at(0.25, width * 1.2), *at(0.7, width * 1.1), *tip),
        ("C", *at(0.7, width * 0.15), *at(0.3, width * 0.1), *base),
        ("Z",),
    )


@_register("island")
def _island() -> list[Part]:
    land = (("M", 10, 76), ("C", 20, 60, 74, 58, 90, 76), ("Z",))
    trunk = (("M", 46, 66), ("C", 48, 50, 52, 40, 54, 30))
    crown = (54, 30)
    tips = ((12, 40), (30, 8), (80, 8), (96, 42))
    fronds = [_leaf(crown, t, 15) for t in tips]
    return [
        (LINE, trunk),
        *[(ACCENT, f) for f in fronds],
        (ACCENT, land),
        (LINE, _curl(4, 96, 88, 4, 3.5)),
    ]


PICTOGRAM_NAMES: tuple[str, ...] = tuple(_BUILDERS)
