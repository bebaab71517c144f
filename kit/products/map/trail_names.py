"""A trail's name (kit.products.map.trails draws the path): set along the path where it
runs level enough to read, clear of every sign, name, path and fold, or else horizontal beside
its middle."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from kit.layout.curvetext import ASCENT, Glyph, covers, level, set_along, smoothed, windows
from kit.layout.labels import LABEL_GAP
from kit.layout.text import PT
from kit.products.map.board import Board
from kit.products.map.creases import WORD_CLEAR, cuts
from kit.products.map.features import TRAIL_R, Feature
from kit.products.map.sheet import BODY, MapContext

if TYPE_CHECKING:
    from kit.products.map.trails import Trail, Walker

#: the trails' names, points
NAME_PT = 7.5
#: how far a name's baseline keeps from its path, mm
NAME_RISE = 1.5
#: a name along a path bends gently: no two neighbouring letters turned more than this apart,
#: degrees (a sharper bend tilts a word against the rest: « Un » at 13° before a level
#: « financement pérenne »)
NAME_BEND = 3.0


def name_trail(ctx: MapContext, board: Board, walker: Walker, trail: Trail, spans,
               width: float, urgent: bool = False) -> bool:
    """The trail's name along it where it reads level, or else beside its middle; the path
    and the name kept on the board. False when neither finds room."""
    board.keep_path(trail.boxes, trail.key + "/path")
    glyphs = along(ctx, board, trail, spans, width)
    if glyphs:
        trail.glyphs = glyphs
        for g in glyphs:
            board.reserve(g.box, trail.key)
            board.labels.add(g.box, trail.key)
            walker.forget(g.box)
        return True
    if beside(board, walker, trail, urgent):
        return True
    board.unreserve(trail.key + "/path")
    return False


def along(ctx: MapContext, board: Board, trail: Trail, spans, width: float) -> list[Glyph]:
    path = trail.path
    land = board.land
    own = trail.key + "/path"
    ascent = ASCENT * NAME_PT * PT
    line = smoothed(path, 4.0)
    buckets: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for px, py in path:
        buckets.setdefault((math.floor(px / 4.0), math.floor(py / 4.0)), []).append((px, py))
    for n, (curve, start) in enumerate(windows(line, width, margin=2.0)):
        if n >= 8:
            break
        for rise in (NAME_RISE, -NAME_RISE - ascent):
            glyphs = set_along(curve, spans, BODY, NAME_PT, ctx.measure, start, rise)
            if not level(glyphs, bend=NAME_BEND):
                break  # the same window the other side of the path is no better
            if all(board.safe.contains(g.box) and not cuts(g.box, board.creases, WORD_CLEAR)
                   and board.taken.hits(g.box.outset(0.35)) is None
                   and board.paths.hits(g.box.outset(0.35), own) is None
                   and not on_path(g, buckets)
                   and board.labels.hits(g.box.outset(LABEL_GAP + 0.1), trail.key) is None
                   and board.padded.hits(g.box.outset(LABEL_GAP + 0.1)) is None
                   and land.distance_out(g.box.cx, g.box.cy) < -1.4 for g in glyphs):
                return glyphs
    return []


def on_path(g: Glyph, buckets: dict) -> bool:
    """Does the glyph (its own turned box) come within 0.45 mm of a point of the path (its
    points bucketed on a 4 mm grid)?"""
    b = g.box
    x0, y0, x1, y1 = b.x - 0.6, b.y - 0.6, b.x + b.w + 0.6, b.y + b.h + 0.6
    for i in range(math.floor(x0 / 4.0), math.floor(x1 / 4.0) + 1):
        for j in range(math.floor(y0 / 4.0), math.floor(y1 / 4.0) + 1):
            for px, py in buckets.get((i, j), ()):
                if x0 <= px <= x1 and y0 <= py <= y1 and covers(g, NAME_PT, px, py, 0.45):
                    return True
    return False


def beside(board: Board, walker: Walker, trail: Trail, urgent: bool = False) -> bool:
    """The name, horizontal, beside the middle of the path (or near it): above or below
    where the path runs across, left or right where it runs down. `urgent` (a landmark's
    last chance at a trail): at more places along it, in any position, with less white."""
    path = trail.path
    n = len(path)
    spots = (n // 2, n // 3, 2 * n // 3)
    if urgent:
        spots += (n // 4, 3 * n // 4, n // 6, 5 * n // 6)
    for k in spots:
        (x0, y0), (x1, y1) = path[max(0, k - 3)], path[min(n - 1, k + 3)]
        across = abs(x1 - x0) >= abs(y1 - y0)
        positions = (("above", "below", "upper-right", "lower-right", "upper-left",
                      "lower-left") if across else
                     ("right", "left", "upper-right", "upper-left", "lower-right",
                      "lower-left"))
        if urgent:
            positions += tuple(p for p in ("above", "below", "right", "left")
                               if p not in positions)
        x, y = path[k]
        end = Feature(trail.key, "trail", x, y, TRAIL_R, trail.text, trail.pillar.entity,
                      "land", positions=positions)
        if walker.names(end, "land") or (urgent and walker.names(end, "land", margin=1.0)):
            trail.end = end
            walker.forget(board.labels.items[-1][0])
            return True
    return False
