"""Opening a folded paper.Paper the way a reader does — sharing nothing with kit.layout.fold*.

A booklet: the reader takes the top leaf (the panels that stay together: joined flat, or by a
fold kept closed while reading), turns it over the one edge that binds it to the rest, and reads
the two faces now side by side, left then right (top then bottom); and again with the next
leaf. When the top leaf is bound on two edges (a road map), the last fold is undone first.
The covers are read on the closed packet: the top face, and the bottom face after turning the
packet over sideways.
"""

from __future__ import annotations

from dataclasses import dataclass

from paper import Panel, Paper

EPS = 1e-6


@dataclass(frozen=True)
class Seen:
    """A panel (its verso cell) as the reader meets it: facing up with its verso or not, and
    its transform on the table at that moment (to check which way up it reads)."""

    cell: tuple[int, int]
    verso: bool
    m: tuple[float, float, float, float]


@dataclass(frozen=True)
class Spread:
    hinge: str  # left | right | top | bottom: the edge the turned leaf was bound by
    first: Seen  # left (or top) page
    second: Seen  # right (or bottom) page


def folded(scheme, upto: int | None = None) -> Paper:
    """The scheme's sheet folded by its first `upto` folds (all of them by default)."""
    paper = Paper(scheme.cols, scheme.rows, scheme.panel_width, scheme.panel_height)
    for fold in scheme.folds[:upto]:
        paper.fold(fold.axis, fold.at, fold.moves, fold.goes, fold.reading)
    return paper


def _seen(p: Panel) -> Seen:
    return Seen((p.col, p.row), p.verso_up, p.m)


def covers(scheme) -> tuple[Seen, Seen]:
    """The front cover as the packet lies, the back cover once it is turned over sideways."""
    paper = folded(scheme)
    front = _seen(paper.top())
    paper.turn_over_sideways()
    return front, _seen(paper.top())


def leaf(paper: Paper, start: tuple[int, int], among: set) -> set:
    """The panels that move with `start`: joined to it flat (never creased) or by a fold the
    reader keeps closed."""
    found, todo = {start}, [start]
    while todo:
        cell = todo.pop()
        for n in paper.neighbours(cell):
            if n in found or n not in among:
                continue
            crease = paper.creases.get(frozenset({cell, n}))
            if crease is None or crease[1] == "closed":
                found.add(n)
                todo.append(n)
    return found


def binding(paper: Paper, sheet: set, rest: set) -> set[str]:
    """The edges of the packet (left, right, top, bottom) where `sheet` is joined to `rest`."""
    x0, y0, x1, y1 = paper.footprint(rest)
    sides = set()
    for cell in sheet:
        for n in paper.neighbours(cell):
            if n not in rest:
                continue
            a, b = paper.joint(cell, n)
            p = paper.panels[cell]
            (ax, ay), (bx, by) = p.at(*a), p.at(*b)
            mx, my = (ax + bx) / 2, (ay + by) / 2
            if abs(ax - bx) < EPS:
                sides.add("left" if abs(mx - x0) < EPS else "right" if abs(mx - x1) < EPS
                          else f"inside x = {mx:g}")
            else:
                sides.add("top" if abs(my - y0) < EPS else "bottom" if abs(my - y1) < EPS
                          else f"inside y = {my:g}")
    return sides


def cover_hinge(scheme) -> set[str]:
    """Where the cover's leaf is bound, once the reader has undone the folds that wrap it
    (the last ones first) until it can turn like a page."""
    for upto in range(len(scheme.folds), 0, -1):
        paper = folded(scheme, upto)
        rest = set(paper.panels)
        top = paper.top()
        sheet = leaf(paper, (top.col, top.row), rest)
        sides = binding(paper, sheet, rest - sheet)
        if len(sides) == 1:
            return sides
    raise AssertionError("the cover never comes free")


def turn(paper: Paper, sheet: set, side: str) -> None:
    """Turn the panels of `sheet` over the edge `side` of the packet they lie on."""
    x0, y0, x1, y1 = paper.footprint(sheet)
    top = max(p.z for p in paper.panels.values())
    for cell in sheet:
        p = paper.panels[cell]
        a, b, c, d = p.m
        if side in ("left", "right"):
            edge = x0 if side == "left" else x1
            p.m, p.t = (-a, -b, c, d), (2 * edge - p.t[0], p.t[1])
        else:
            edge = y0 if side == "top" else y1
            p.m, p.t = (a, b, -c, -d), (p.t[0], 2 * edge - p.t[1])
        p.z = top + 1 + (top - p.z)


def spreads(scheme) -> list[Spread]:
    """Turn the leaves one by one; each turn shows a spread."""
    paper = folded(scheme)
    rest = set(paper.panels)
    out = []
    while True:
        top = paper.top(rest)
        sheet = leaf(paper, (top.col, top.row), rest)
        others = rest - sheet
        if not others:
            return out
        sides = binding(paper, sheet, others)
        assert len(sides) == 1, f"the leaf {sorted(sheet)} is bound on {sides}"
        side = sides.pop()
        turned = paper.bottom(sheet)  # its under face is about to face up
        turn(paper, sheet, side)
        lying = paper.top(others)
        a, b = _seen(turned), _seen(lying)
        (ax, ay), (bx, by) = paper.centre(turned), paper.centre(lying)
        first_is_turned = ax < bx - EPS if side in ("left", "right") else ay < by - EPS
        out.append(Spread(side, *((a, b) if first_is_turned else (b, a))))
        rest = others


def flat_rows(scheme) -> list[list[tuple[int, int]]]:
    """The sheet opened out, panel side up: its panels row by row, left to right."""
    return [[(c, r) for c in range(scheme.cols)] for r in range(scheme.rows)]
