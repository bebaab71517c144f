"""The sheet of the recto: its size, the frame with its graduated band, and the regions (the
chart, the side column, the cartouche and the compass rose); the planning context shared by
every part of the recto."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from kit.i18n import Messages
from kit.layout.geometry import Rect, Shape, Style, TextSpan, rect_path
from kit.layout.text import Measure, styled, typography
from kit.layout.theme import Palette
from kit.model.deck import Deck
from kit.products.map.creases import SIGN_CLEAR, cuts

SHEET_W, SHEET_H = 420.0, 297.0
FRAME = 9.0  # outer rule of the frame, from the sheet edge (office band is 6 mm)
BAND = 2.2  # the graduated band between the two rules
INNER = FRAME + BAND
SIDE_W = 92.0  # the side column
MIN_PT = 7.0
BODY = "body"


@dataclass
class MapContext:
    deck: Deck
    measure: Measure
    palette: Palette
    t: Messages
    rng: random.Random
    items: list = field(default_factory=list)
    #: the folds on the recto, ("x", 105.0) or ("y", 148.5): see kit.products.map.creases
    creases: tuple = ()

    def typo(self, text: str) -> str:
        return typography(text, self.deck.language)

    def spans(self, text: str, face: str = "regular") -> list[TextSpan]:
        return styled(text, self.deck.language, face)


# -- the frame and the regions --------------------------------------------------------------


@dataclass(frozen=True)
class Regions:
    chart: Rect
    side: Rect
    cartouche: Rect
    compass: Rect


CARTOUCHE_W, CARTOUCHE_H = 118.0, 44.0
#: the cartouche keeps to its panel when a fold would cross it, if that leaves this much
CARTOUCHE_MIN_W = 70.0


def regions(creases: tuple = (), cartouche_h: float = CARTOUCHE_H) -> Regions:
    """The chart, the side column, the cartouche (top left, within its panel: not across a
    fold) and the compass rose (bottom right, off the folds)."""
    inner = Rect(INNER, INNER, SHEET_W - 2 * INNER, SHEET_H - 2 * INNER)
    side = Rect(inner.x2 - SIDE_W, inner.y, SIDE_W, inner.h)
    chart = Rect(inner.x, inner.y, inner.w - SIDE_W, inner.h)
    x = chart.x + 6
    w = CARTOUCHE_W
    for axis, at in sorted(creases, key=lambda c: c[1]):
        narrower = at - 2 * SIGN_CLEAR - x
        if axis == "x" and x < at < x + w + SIGN_CLEAR and narrower >= CARTOUCHE_MIN_W:
            w = narrower
    cartouche = Rect(x, chart.y + 6, w, cartouche_h)
    compass = Rect(chart.x2 - 40, chart.y2 - 40, 32, 32)
    while cuts(compass, creases) and compass.x > chart.cx:
        compass = compass.moved(-1.0, 0.0)
    return Regions(chart, side, cartouche, compass)


def frame_items(pal: Palette) -> list:
    ink = pal["ink"]
    outer = Rect(FRAME, FRAME, SHEET_W - 2 * FRAME, SHEET_H - 2 * FRAME)
    inner = outer.inset(BAND)
    items: list = [
        Shape(rect_path(outer), Style(stroke=ink, width=0.5, join="miter", cap="butt")),
        Shape(rect_path(inner), Style(stroke=ink, width=0.3, join="miter", cap="butt")),
    ]
    # graduated band: alternating ink segments every 10 mm, like a chart's latitude scale
    step = 10.0
    fill = Style(fill=ink)
    for y0, y1 in ((outer.y, inner.y), (inner.y2, outer.y2)):
        x = outer.x + BAND
        k = 0
        while x < inner.x2 - 1e-6:
            x2 = min(x + step, inner.x2)
            if k % 2 == 0:
                items.append(Shape(rect_path(Rect(x, y0, x2 - x, y1 - y0)), fill))
            x, k = x2, k + 1
    for x0, x1 in ((outer.x, inner.x), (inner.x2, outer.x2)):
        y = outer.y + BAND
        k = 0
        while y < inner.y2 - 1e-6:
            y2 = min(y + step, inner.y2)
            if k % 2 == 0:
                items.append(Shape(rect_path(Rect(x0, y, x1 - x0, y2 - y)), fill))
            y, k = y2, k + 1
    return items
