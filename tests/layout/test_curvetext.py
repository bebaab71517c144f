"""Names set along curves keep the spacing they have on a straight line: measured glyph by
glyph along arcs, S-bends and wiggly polylines, against the font's own advance widths."""

from __future__ import annotations

import math

import pytest

from kit.layout.curvetext import (
    ASCENT,
    Curve,
    level,
    set_along,
    smoothed,
    text_width,
    windows,
)
from kit.layout.geometry import TextSpan
from kit.layout.text import PT
from kit.render import fonts

SIZE = 7.5
TEXTS = ["La parole libre", "Les rapports de force", "Field visits", "Coordinating the winners",
         "L’arrimage au PAT et à la CTG"]


@pytest.fixture(scope="module")
def measure():
    fonts.ensure("body")
    return fonts.measure


def arc(radius: float, a0: float, a1: float, n: int = 60, cx: float = 100.0,
        cy: float = 100.0) -> list[tuple[float, float]]:
    return [(cx + radius * math.cos(a0 + (a1 - a0) * k / n),
             cy + radius * math.sin(a0 + (a1 - a0) * k / n)) for k in range(n + 1)]


def s_bend() -> list[tuple[float, float]]:
    return [(10.0 + x * 0.5, 50.0 + 6.0 * math.sin(x * 0.5 / 14.0)) for x in range(200)]


def wiggle() -> list[tuple[float, float]]:
    # a footpath as a grid search leaves it: 45° corners every few millimetres
    pts, x, y = [(0.0, 0.0)], 0.0, 0.0
    for k in range(40):
        x += 3.0
        y += 3.0 if k % 3 == 0 else 0.0
        pts.append((x, y))
    return pts


CURVES = {
    "straight": [(0.0, 0.0), (120.0, 0.0)],
    "arc-over": arc(60.0, math.radians(-120), math.radians(-60)),  # a hill: letters fan out
    "arc-under": arc(60.0, math.radians(120), math.radians(60)),  # a valley: letters crowd
    "s-bend": s_bend(),
    "wiggly": wiggle(),
    "tilted": [(0.0, 40.0), (90.0, 0.0)],
}


def baseline_gaps(glyphs, spans, measure):
    """(expected, measured) distance from each glyph's origin to the next one's: the glyph's
    advance plus the spaces between them, against the straight-line distance on the page."""
    chars = [c for s in spans for c in s.text]
    widths = [measure(c, "regular", "body", SIZE) for c in chars]
    out = []
    k = 0
    for a, b in zip(glyphs, glyphs[1:], strict=False):
        while chars[k] != a.text:
            k += 1
        expected = widths[k]
        j = k + 1
        while chars[j].isspace():
            expected += widths[j]
            j += 1
        out.append((a.text + b.text, expected, math.hypot(b.x - a.x, b.y - a.y)))
        k = j
    return out


@pytest.mark.parametrize("name", sorted(CURVES))
@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("offset", [0.0, 1.15, -1.15 - ASCENT * SIZE * PT])
def test_glyphs_keep_their_straight_line_spacing(measure, name, text, offset):
    spans = [TextSpan(text, "regular")]
    space = measure(" ", "regular", "body", SIZE)
    curve = Curve(smoothed(CURVES[name], 4.0) if name == "wiggly" else CURVES[name])
    glyphs = set_along(curve, spans, "body", SIZE, measure, 2.0, offset)
    assert "".join(g.text for g in glyphs) == text.replace(" ", "")
    for pair, expected, measured in baseline_gaps(glyphs, spans, measure):
        # a word's letters touch as on a line; between words, exactly a space more
        assert measured == pytest.approx(expected, abs=0.02), pair
        # no gap bigger than a space, no overlap
        assert expected - 0.02 <= measured <= expected + 0.02 <= expected + space
        assert measured > 0
    # each glyph's baseline ends where the next begins (the chord is the glyph's own width)
    for a, b in zip(glyphs, glyphs[1:], strict=False):
        end = (a.x + a.width * math.cos(math.radians(a.angle)),
               a.y + a.width * math.sin(math.radians(a.angle)))
        gap = math.hypot(b.x - end[0], b.y - end[1])
        assert gap <= space + 0.02


def test_the_text_is_as_wide_as_its_letters(measure):
    spans = [TextSpan("Les rapports de force", "regular")]
    glyphs = set_along(Curve(CURVES["straight"]), spans, "body", SIZE, measure, 0.0, 0.0)
    last = glyphs[-1]
    assert last.x + last.width == pytest.approx(text_width(spans, "body", SIZE, measure))


def test_windows_read_left_to_right_and_level(measure):
    spans = [TextSpan("La parole libre", "regular")]
    width = text_width(spans, "body", SIZE, measure)
    # a path drawn right to left, climbing steeply at one end: the name goes where it is level
    path = list(reversed([(x, 0.02 * (x - 60) ** 2 if x > 60 else 0.0)
                          for x in (k * 0.5 for k in range(200))]))
    found = None
    for curve, start in windows(smoothed(path, 3.0), width):
        glyphs = set_along(curve, spans, "body", SIZE, measure, start, 1.15)
        if level(glyphs):
            found = glyphs
            break
    assert found
    assert all(abs(g.angle) <= 40.0 for g in found)
    assert found[0].x < found[-1].x  # read left to right
    # and a path steeper than 40° everywhere has no window that reads level
    steep = [(0.0, 0.0), (20.0, 60.0)]
    assert not any(level(set_along(c, spans, "body", SIZE, measure, s, 1.15))
                   for c, s in windows(steep, width))
