"""Pure page geometry: millimetres, y pointing down, origin at the page's top-left corner.

Nothing here imports a PDF or SVG library: planners build these objects, renderers draw them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

MM_TO_PT = 72.0 / 25.4


@dataclass(frozen=True)
class Color:
    """A colour known both as RGB (office, screen) and CMYK (press), components 0–1."""

    r: float
    g: float
    b: float
    c: float
    m: float
    y: float
    k: float

    @staticmethod
    def from_hex(value: str) -> Color:
        """'#1d5c7a' → Color; CMYK is derived naively (the press profile may override it)."""
        v = value.lstrip("#")
        r, g, b = (int(v[i : i + 2], 16) / 255 for i in (0, 2, 4))
        k = 1 - max(r, g, b)
        if k >= 1:
            return Color(0, 0, 0, 0, 0, 0, 1)
        c, m, y = ((1 - x - k) / (1 - k) for x in (r, g, b))
        return Color(r, g, b, c, m, y, k)

    @staticmethod
    def gray(level: float) -> Color:
        """level 0 = black, 1 = white; CMYK is K only."""
        return Color(level, level, level, 0, 0, 0, 1 - level)

    def hex(self) -> str:
        return "#" + "".join(f"{round(x * 255):02x}" for x in (self.r, self.g, self.b))

    def mix(self, other: Color, t: float) -> Color:
        """Blend towards other by t (0 = self, 1 = other), in both colour spaces."""

        def lerp(a: float, b: float) -> float:
            return a + (b - a) * t

        return Color(*(lerp(a, b) for a, b in zip(self.astuple(), other.astuple(), strict=True)))

    def astuple(self) -> tuple[float, ...]:
        return (self.r, self.g, self.b, self.c, self.m, self.y, self.k)

    def luminance(self) -> float:
        """WCAG relative luminance."""

        def lin(u: float) -> float:
            return u / 12.92 if u <= 0.03928 else ((u + 0.055) / 1.055) ** 2.4

        return 0.2126 * lin(self.r) + 0.7152 * lin(self.g) + 0.0722 * lin(self.b)


WHITE = Color(1, 1, 1, 0, 0, 0, 0)
#: registration colour for crop and fold marks: prints on every separation. The PDF renderer
#: writes it as the /Separation /All colour at tint 1 (not as 400 % DeviceCMYK, which
#: page-wide ink checks would flag)
REGISTRATION = Color(0, 0, 0, 1, 1, 1, 1)


def contrast_ratio(a: Color, b: Color) -> float:
    la, lb = sorted((a.luminance(), b.luminance()), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@dataclass(slots=True, unsafe_hash=True)
class Rect:
    """A rectangle, mm (y down). A value: never assign to its fields. It is not a frozen
    dataclass only because a frozen one is three times slower to make, and about 90,000 are
    made while the largest map is planned: frozen, they took a tenth of the time."""

    x: float
    y: float
    w: float
    h: float

    @property
    def x2(self) -> float:
        return self.x + self.w

    @property
    def y2(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def inset(self, dx: float, dy: float | None = None) -> Rect:
        dy = dx if dy is None else dy
        return Rect(self.x + dx, self.y + dy, self.w - 2 * dx, self.h - 2 * dy)

    def outset(self, d: float) -> Rect:
        return self.inset(-d)

    def moved(self, dx: float, dy: float) -> Rect:
        return Rect(self.x + dx, self.y + dy, self.w, self.h)

    def intersects(self, other: Rect, tol: float = 1e-9) -> bool:
        return (
            self.x < other.x2 - tol
            and other.x < self.x2 - tol
            and self.y < other.y2 - tol
            and other.y < self.y2 - tol
        )

    def overlap_area(self, other: Rect) -> float:
        w = min(self.x2, other.x2) - max(self.x, other.x)
        h = min(self.y2, other.y2) - max(self.y, other.y)
        return w * h if w > 0 and h > 0 else 0.0

    def contains(self, other: Rect, tol: float = 1e-6) -> bool:
        # (x2 and y2 written out: asked tens of thousands of times while a map is planned)
        return (
            other.x >= self.x - tol
            and other.y >= self.y - tol
            and other.x + other.w <= self.x + self.w + tol
            and other.y + other.h <= self.y + self.h + tol
        )

    def contains_point(self, x: float, y: float) -> bool:
        return self.x <= x <= self.x2 and self.y <= y <= self.y2

    def union(self, other: Rect) -> Rect:
        x, y = min(self.x, other.x), min(self.y, other.y)
        return Rect(x, y, max(self.x2, other.x2) - x, max(self.y2, other.y2) - y)


# A path is a tuple of commands: ("M", x, y), ("L", x, y), ("C", x1, y1, x2, y2, x, y), ("Z",)
PathCommand = tuple
Path = tuple[PathCommand, ...]


def polyline(points: list[tuple[float, float]] | tuple, closed: bool = False) -> Path:
    cmds: list[PathCommand] = [("M", *points[0])]
    cmds += [("L", *p) for p in points[1:]]
    if closed:
        cmds.append(("Z",))
    return tuple(cmds)


def rect_path(r: Rect) -> Path:
    return polyline([(r.x, r.y), (r.x2, r.y), (r.x2, r.y2), (r.x, r.y2)], closed=True)


def circle_path(cx: float, cy: float, radius: float) -> Path:
    """A circle as four cubic Béziers (error < 0.03 %)."""
    k = 0.5522847498 * radius
    return (
        ("M", cx + radius, cy),
        ("C", cx + radius, cy + k, cx + k, cy + radius, cx, cy + radius),
        ("C", cx - k, cy + radius, cx - radius, cy + k, cx - radius, cy),
        ("C", cx - radius, cy - k, cx - k, cy - radius, cx, cy - radius),
        ("C", cx + k, cy - radius, cx + radius, cy - k, cx + radius, cy),
        ("Z",),
    )


def rounded_rect_path(r: Rect, radius: float) -> Path:
    rad = max(0.0, min(radius, r.w / 2, r.h / 2))
    if rad == 0:
        return rect_path(r)
    k = 0.5522847498 * rad
    x, y, x2, y2 = r.x, r.y, r.x2, r.y2
    return (
        ("M", x + rad, y),
        ("L", x2 - rad, y),
        ("C", x2 - rad + k, y, x2, y + rad - k, x2, y + rad),
        ("L", x2, y2 - rad),
        ("C", x2, y2 - rad + k, x2 - rad + k, y2, x2 - rad, y2),
        ("L", x + rad, y2),
        ("C", x + rad - k, y2, x, y2 - rad + k, x, y2 - rad),
        ("L", x, y + rad),
        ("C", x, y + rad - k, x + rad - k, y, x + rad, y),
        ("Z",),
    )


def smooth_closed_path(points: list[tuple[float, float]], tension: float = 1.0) -> Path:
    """A closed Catmull-Rom spline through points, as cubic Béziers."""
    n = len(points)
    cmds: list[PathCommand] = [("M", *points[0])]
    for i in range(n):
        p0, p1, p2, p3 = (points[(i + j - 1) % n] for j in range(4))
        c1 = (p1[0] + (p2[0] - p0[0]) * tension / 6, p1[1] + (p2[1] - p0[1]) * tension / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) * tension / 6, p2[1] - (p3[1] - p1[1]) * tension / 6)
        cmds.append(("C", *c1, *c2, *p2))
    cmds.append(("Z",))
    return tuple(cmds)


def transform_path(path: Path, scale: float, dx: float, dy: float, rotate_deg: float = 0.0) -> Path:
    """Scale about the origin, rotate about the origin, then translate."""
    ca, sa = math.cos(math.radians(rotate_deg)), math.sin(math.radians(rotate_deg))

    def tp(x: float, y: float) -> tuple[float, float]:
        x, y = x * scale, y * scale
        return (x * ca - y * sa + dx, x * sa + y * ca + dy)

    out: list[PathCommand] = []
    for cmd in path:
        op, coords = cmd[0], cmd[1:]
        pts = [tp(coords[i], coords[i + 1]) for i in range(0, len(coords), 2)]
        out.append((op, *[c for p in pts for c in p]))
    return tuple(out)


def path_bounds(path: Path) -> Rect:
    xs = [c for cmd in path for c in cmd[1::2]]
    ys = [c for cmd in path for c in cmd[2::2]]
    return Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


@dataclass(frozen=True)
class Style:
    fill: Color | None = None
    stroke: Color | None = None
    width: float = 0.25 * 25.4 / 72  # mm; 0.25 pt
    dash: tuple[float, ...] | None = None  # mm
    cap: str = "round"  # butt | round | square
    join: str = "round"  # miter | round | bevel
    overprint: bool = False
    opacity: float = 1.0
    even_odd: bool = False


@dataclass(frozen=True)
class Shape:
    """A filled and/or stroked path."""

    path: Path
    style: Style


@dataclass(frozen=True)
class TextSpan:
    """A run of text in one face: face is 'regular', 'bold', 'italic' or 'bolditalic'.

    family, when set, overrides the block's family for this run: the fallback face that
    carries characters the chosen font lacks."""

    text: str
    face: str = "regular"
    family: str | None = None


@dataclass(frozen=True)
class TextLine:
    """One laid-out line: spans placed from x (its left edge), baseline at y."""

    x: float
    y: float
    spans: tuple[TextSpan, ...]
    width: float


@dataclass(frozen=True)
class TextBlock:
    """Text already broken into lines by the text layout; the renderer only draws it."""

    lines: tuple[TextLine, ...]
    family: str  # registered family name, e.g. 'body' or 'display'
    size: float  # pt
    color: Color
    box: Rect  # the box the text was fitted in
    role: str = "body"  # body | credits | label | title … (preflight minimum sizes)
    overprint: bool = False
    letter_spacing: float = 0.0  # pt
    #: a halo: the letters first stroked this wide (pt) in this colour, the local background,
    #: so that a name stays legible over lines without a box behind it; never overprinted
    halo: Color | None = None
    halo_width: float = 0.0


@dataclass(frozen=True)
class Group:
    """Items placed through a transform: scale, then rotate (degrees), then translate (mm).

    share: a name promising that every group with this name has the same items (a card's
    band, its footer): a renderer may store them once (a PDF form XObject) and reuse them."""

    items: tuple
    dx: float = 0.0
    dy: float = 0.0
    scale: float = 1.0
    rotate: float = 0.0
    share: str | None = None


def compose(a: list[float], b: list[float]) -> list[float]:
    """The product of two PDF matrices [a b c d e f]: a applied first, then b."""
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def transform_point(m: list[float], x: float, y: float) -> tuple[float, float]:
    """(x, y) through the PDF matrix m."""
    return (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])


def transform_box(m: list[float], x0: float, y0: float, x1: float,
                  y1: float) -> tuple[float, float, float, float]:
    """The axis-aligned box (x0, y0, x1, y1) around the box (x0, y0)–(x1, y1) through m."""
    if m[1] == 0 and m[2] == 0 and m[0] > 0 and m[3] > 0:  # no rotation: the common case
        return (x0 * m[0] + m[4], y0 * m[3] + m[5], x1 * m[0] + m[4], y1 * m[3] + m[5])
    pts = [transform_point(m, x, y) for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return min(xs), min(ys), max(xs), max(ys)


def group_matrix(g: Group) -> list[float]:
    """A group's transform as a PDF matrix: scale, then rotate, then translate."""
    if not g.rotate:
        return [g.scale, 0.0, 0.0, g.scale, g.dx, g.dy]
    rad = math.radians(g.rotate)
    ca, sa = math.cos(rad) * g.scale, math.sin(rad) * g.scale
    return [ca, sa, -sa, ca, g.dx, g.dy]


@dataclass(frozen=True)
class Clip:
    """Items drawn only inside a rectangle (tiles of a poster)."""

    rect: Rect
    items: tuple


@dataclass(frozen=True)
class FormRef:
    """Draws a form defined once per document (e.g. a card back) into a rectangle."""

    name: str
    at: Rect


@dataclass(frozen=True)
class Image:
    """A raster (PNG, JPEG) or SVG file fitted into a rectangle, aspect ratio kept.

    press_colours: (#rrggbb, (c, m, y, k)) pairs an SVG drawn in a press file takes for those
    colours (the print shop's values for palette colours); set by kit.layout.press."""

    path: str
    at: Rect
    press_colours: tuple = ()


@dataclass(frozen=True)
class Link:
    url: str
    at: Rect


@dataclass(frozen=True)
class Form:
    """A reusable drawing of size w × h, items in its own coordinates."""

    name: str
    w: float
    h: float
    items: tuple


@dataclass(frozen=True)
class PageSpec:
    """A page: media size, optional trim and bleed boxes (all mm, y down), and its items."""

    width: float
    height: float
    items: tuple
    trim: Rect | None = None
    bleed: Rect | None = None
    label: str = ""


@dataclass(frozen=True)
class Document:
    pages: tuple[PageSpec, ...]
    forms: tuple[Form, ...] = ()
    title: str = ""
    author: str = ""
    subject: str = ""
    cmyk: bool = False
    language: str = ""  # BCP 47 tag the file declares (fr-FR, en-GB), set when finishing
    meta: dict = field(default_factory=dict, compare=False, hash=False)
