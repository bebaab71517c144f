"""A sheet of paper on a table, folded and opened the way a person does it — written for the tests,
sharing nothing with kit.layout.fold* but the fold schemes' data.

The sheet is a grid of rigid panels. Each panel knows the affine map from the flat sheet (verso
page coordinates, mm, y down, verso up) to the table (same axes, seen from above) and its height
in the pile. A fold reflects every panel whose centre lies on the moving side of a line on the
table, and piles it under everything (behind) or over everything (in front), upside down: a
half turn about the line. Which panel joins which, and along which crease, comes from the grid
itself; what the reader sees comes from where the panels are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Matrix = tuple[float, float, float, float]  # a b c d: (x, y) → (a x + b y, c x + d y)


@dataclass
class Panel:
    col: int
    row: int
    m: Matrix = (1.0, 0.0, 0.0, 1.0)
    t: tuple[float, float] = (0.0, 0.0)
    z: float = 0.0

    def at(self, x: float, y: float) -> tuple[float, float]:
        """A point of the flat sheet, where it is on the table."""
        a, b, c, d = self.m
        return (a * x + b * y + self.t[0], c * x + d * y + self.t[1])

    def vector(self, x: float, y: float) -> tuple[float, float]:
        a, b, c, d = self.m
        return (a * x + b * y, c * x + d * y)

    @property
    def verso_up(self) -> bool:
        a, b, c, d = self.m
        return a * d - b * c > 0


@dataclass
class Paper:
    cols: int
    rows: int
    pw: float
    ph: float
    panels: dict[tuple[int, int], Panel] = field(default_factory=dict)
    #: (cell, neighbour cell) → (index of the fold that creased their joint, reading of it)
    creases: dict[frozenset, tuple[int, str]] = field(default_factory=dict)
    folds_done: int = 0

    def __post_init__(self) -> None:
        if not self.panels:
            self.panels = {(c, r): Panel(c, r) for c in range(self.cols) for r in range(self.rows)}

    # -- where things are -------------------------------------------------------------------

    def centre(self, p: Panel) -> tuple[float, float]:
        return p.at((p.col + 0.5) * self.pw, (p.row + 0.5) * self.ph)

    def joint(self, a: tuple[int, int], b: tuple[int, int]) -> tuple[tuple, tuple]:
        """The edge two neighbouring cells share, as two points of the flat sheet."""
        (c1, r1), (c2, r2) = a, b
        if r1 == r2:
            x = max(c1, c2) * self.pw
            return (x, r1 * self.ph), (x, (r1 + 1) * self.ph)
        y = max(r1, r2) * self.ph
        return (c1 * self.pw, y), ((c1 + 1) * self.pw, y)

    def neighbours(self, cell: tuple[int, int]) -> list[tuple[int, int]]:
        c, r = cell
        return [n for n in ((c - 1, r), (c + 1, r), (c, r - 1), (c, r + 1)) if n in self.panels]

    def footprint(self, cells) -> tuple[float, float, float, float]:
        """x0, y0, x1, y1 on the table of the given panels."""
        xs, ys = [], []
        for cell in cells:
            p = self.panels[cell]
            for x, y in ((p.col * self.pw, p.row * self.ph),
                         ((p.col + 1) * self.pw, (p.row + 1) * self.ph)):
                tx, ty = p.at(x, y)
                xs.append(tx)
                ys.append(ty)
        return min(xs), min(ys), max(xs), max(ys)

    def top(self, cells=None):
        cells = list(cells if cells is not None else self.panels)
        return max((self.panels[c] for c in cells), key=lambda p: p.z)

    def bottom(self, cells=None):
        cells = list(cells if cells is not None else self.panels)
        return min((self.panels[c] for c in cells), key=lambda p: p.z)

    # -- folding ----------------------------------------------------------------------------

    def fold(self, axis: str, at: float, moves: str, goes: str, reading: str = "open") -> None:
        """Fold along the table line axis = at: the panels on the `moves` side turn over it and
        go behind (under everything) or in front (over everything)."""
        i = 0 if axis == "x" else 1
        low = moves in ("left", "top")
        moving = [p for p in self.panels.values() if (self.centre(p)[i] < at) == low]
        staying = [p for p in self.panels.values() if p not in moving]
        assert moving and staying, f"the fold {axis} = {at} misses the paper"
        ids = {(p.col, p.row) for p in moving}
        for p in moving:  # joints across the line are creased by this fold
            for n in self.neighbours((p.col, p.row)):
                if n not in ids:
                    self.creases.setdefault(frozenset({(p.col, p.row), n}),
                                            (self.folds_done, reading))
        z_lo = min(p.z for p in self.panels.values())
        z_hi = max(p.z for p in self.panels.values())
        m_lo = min(p.z for p in moving)
        m_hi = max(p.z for p in moving)
        for p in moving:
            a, b, c, d = p.m
            tx, ty = p.t
            if axis == "x":  # (x, y) → (2 at − x, y)
                p.m, p.t = (-a, -b, c, d), (2 * at - tx, ty)
            else:
                p.m, p.t = (a, b, -c, -d), (tx, 2 * at - ty)
            # a half turn over the line: the top of the moving part ends at its far side
            p.z = z_lo - 1 - (p.z - m_lo) if goes == "behind" else z_hi + 1 + (m_hi - p.z)
        for rank, p in enumerate(sorted(self.panels.values(), key=lambda q: q.z)):
            p.z = float(rank)
        self.folds_done += 1

    def turn_over_sideways(self) -> None:
        """The whole packet turned over about a vertical axis, as one turns a book round."""
        x0, _, x1, _ = self.footprint(self.panels)
        middle = (x0 + x1) / 2
        top = max(p.z for p in self.panels.values())
        for p in self.panels.values():
            a, b, c, d = p.m
            p.m, p.t = (-a, -b, c, d), (2 * middle - p.t[0], p.t[1])
            p.z = top - p.z


def seen_upright(p: Panel, printed_rotation: int, face_up: bool = True) -> bool:
    """Whether the panel's content, printed rotated by printed_rotation (0 or 180) on the verso,
    reads upright to someone above the table, the verso facing them."""
    assert p.verso_up == face_up
    sign = 1 if printed_rotation == 0 else -1
    up = p.vector(0, -sign)  # the content's "up" on the flat sheet, now on the table
    right = p.vector(sign, 0)
    return abs(up[0]) < 1e-9 and up[1] < 0 and right[0] > 0 and abs(right[1]) < 1e-9
