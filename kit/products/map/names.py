"""The forms of a name on the chart: one to three balanced lines, at its size or a step or two
smaller (never under 7 pt), and the type style of each kind of sign."""

from __future__ import annotations

from kit.layout.labels import Variant
from kit.layout.text import PT, Overflow, break_lines, text_height
from kit.layout.text import Style as TextStyle
from kit.products.map.features import MIN_LINE_W
from kit.products.map.sheet import BODY, MIN_PT, MapContext

# -- labels ---------------------------------------------------------------------------------


def label_variants(ctx: MapContext, text: str, size: float, face: str, caps: bool,
                    family: str = BODY, max_w: float = 78.0, long_w: float = 45.0,
                    steps: tuple[float, ...] = (0.0, 1.0, 2.0)) -> tuple[Variant, ...]:
    """One, two or three balanced lines, at the label's size and `steps` points smaller
    (never below 7 pt); the preferred form first."""
    if caps:
        text = text.upper()
    spans = ctx.spans(text, face)
    sizes: list[float] = []
    for step in steps:
        s = max(MIN_PT, size - step)
        if s not in sizes:
            sizes.append(s)
    variants = []
    for k, s in enumerate(sizes):
        st = TextStyle(family, s, 1.1, None)
        try:
            one = break_lines(spans, 10_000.0, st, ctx.measure, ctx.deck.language,
                              hyphenate=False)
        except Overflow:
            continue
        natural = sum(w for _, w in one)
        for n in (1, 2, 3):
            lines = one if n == 1 else None
            if n > 1:
                for stretch in (1.0, 1.06, 1.14, 1.25, 1.4):
                    try:
                        cand = break_lines(spans, natural / n * stretch + 0.01, st, ctx.measure,
                                           ctx.deck.language, hyphenate=False)
                    except Overflow:
                        continue
                    if len(cand) <= n:
                        lines = cand
                        break
            if lines is None or len(lines) != n or (n > 1 and natural / n < MIN_LINE_W):
                continue
            w = max(width for _, width in lines)
            if w > max_w:
                continue
            h = text_height(n, st) + s * 0.3 * PT
            # long names read better on two lines than as one long streak
            penalty = k * 1.5 + (n - 1) * 0.8 + max(0.0, w - long_w) * 0.07
            variants.append(Variant(w, h, penalty, (lines, s)))
    return tuple(variants)


LABEL_STYLE = {
    # kind: (size pt, face, capitals, colour name, family): land names in upright capitals,
    # water names in italics (the cartographer's convention), in the display serif
    "pillar": (10.5, "bold", True, "ink", "body"),
    "stage": (9.0, "bold", False, "stage", "body"),
    "beacon": (8.5, "regular", False, "beacon", "body"),
    # the currents quieter than the landmarks: their names small, at sea, in italics
    "current": (9.0, "italic", False, "current", "display"),
    "site": (8.5, "regular", False, "ink", "body"),
    "trail": (7.5, "regular", False, "pillar", "body"),
    "harbour": (9.0, "italic", False, "ink", "display"),
    "arrival": (9.0, "italic", False, "ink", "display"),
}
DISPLAY = "display"
#: how much smaller than its size each kind's name may be set, points
SIZE_STEPS = {"current": (0.0, 0.5)}
