"""The creases of the folded map, on the recto: the chart is read folded and unfolded, so no
word comes within 3 mm of a fold and no pictogram is cut by one (PRINT.md).

A crease is ("x", 105.0) — the vertical line x = 105 — or ("y", 148.5), in recto page
coordinates (mm, y down). The fold scheme gives them in verso coordinates; the recto backs
onto the verso in short-edge duplex, so a vertical fold at x on the verso is at W − x on the
recto and a horizontal one stays where it is.
"""

from __future__ import annotations

from functools import lru_cache

from kit.layout.geometry import Rect

Crease = tuple[str, float]

#: no word closer to a crease than this, mm
WORD_CLEAR = 3.0
#: and no pictogram closer than this: a sign is never cut by a fold
SIGN_CLEAR = 1.0
DEFAULT_SCHEME = "half-concertina"


@lru_cache(maxsize=8)
def scheme_creases(name: str = DEFAULT_SCHEME) -> tuple[Crease, ...]:
    """The creases of a built-in or local fold scheme, by name."""
    from kit.layout.fold import crease_lines
    from kit.load.folds import load_fold_scheme

    return tuple(crease_lines(load_fold_scheme(name)))


def bands(creases: tuple[Crease, ...], region: Rect, clear: float) -> list[Rect]:
    """Each crease inside region as a band `clear` mm wide on either side of it."""
    out = []
    for axis, at in creases:
        if axis == "x" and region.x - clear < at < region.x2 + clear:
            out.append(Rect(at - clear, region.y, 2 * clear, region.h))
        elif axis == "y" and region.y - clear < at < region.y2 + clear:
            out.append(Rect(region.x, at - clear, region.w, 2 * clear))
    return out


def cuts(rect: Rect, creases: tuple[Crease, ...], clear: float = SIGN_CLEAR) -> bool:
    """Does a crease run through rect, or within `clear` mm of it?"""
    x, y = rect.x - clear, rect.y - clear
    x2, y2 = rect.x + rect.w + clear, rect.y + rect.h + clear
    for axis, at in creases:
        if (x < at < x2) if axis == "x" else (y < at < y2):
            return True
    return False


def clear_below(y: float, h: float, creases: tuple[Crease, ...],
                clear: float = WORD_CLEAR) -> float:
    """The first top at or below y where a line of height h stays `clear` mm off every
    horizontal crease (the side column's text steps over the fold)."""
    moved = True
    while moved:
        moved = False
        for axis, at in creases:
            if axis == "y" and y - clear < at < y + h + clear:
                y = at + clear
                moved = True
    return y
