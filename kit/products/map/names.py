"""The forms of a name on the chart: one to three balanced lines, at its size or a step or two
smaller (never under 7 pt), and the type style of each kind of sign."""

from __future__ import annotations

import itertools

from kit.layout.labels import Variant
from kit.layout.text import PT, Overflow, break_lines, text_height
from kit.layout.text import Style as TextStyle
from kit.products.map.features import MIN_LINE_W
from kit.products.map.sheet import BODY, MIN_PT, MapContext

# -- labels ---------------------------------------------------------------------------------


#: words a line does not end on: the phrase goes on after them (articles, prepositions,
#: conjunctions, in French and English); and expressions never broken
WEAK = frozenset("""
    le la les l un une des du de d au aux a à et ou en sur sous par pour sans avec dans entre
    vers chez ce cet cette ces son sa ses leur leurs notre nos votre vos mon ma mes qui que
    the a an of and or to in on for with at by from into
""".split())
FIXED = ("ad vitam aeternam", "ad hoc", "a priori", "a posteriori", "de facto", "in situ",
         "statu quo", "vice versa", "et cetera")


def _plain(word: str) -> str:
    return word.lower().strip(".,;:!?«»()\"").replace("\u2019", "'")


def _head(word: str) -> str:
    """The word's elided article or preposition when it has one (« l » of « l’eau »), else
    the word: what a line starting with it starts with."""
    return _plain(word).split("'")[0]


def _tail(word: str) -> str:
    """The word after its elided article (« essoufflement » of « l’essoufflement »): what a
    line ending on it ends on."""
    return _plain(word).split("'")[-1]


def _cuts(words: list[str]) -> list[bool]:
    """May a line end after each word (a phrase boundary, not inside a fixed expression)?"""
    ok = [_tail(w) not in WEAK and len(_tail(w)) > 2 for w in words]
    low = [_plain(w) for w in words]
    for phrase in FIXED:
        parts = phrase.split()
        for i in range(len(words) - len(parts) + 1):
            if low[i:i + len(parts)] == parts:
                for k in range(i, i + len(parts) - 1):
                    ok[k] = False
    return ok


def balanced_breaks(words: list[str], widths: list[float], space: float, n: int,
                    loose: bool = False) -> tuple[float, list[list[str]]] | None:
    """The best way to set `words` on n lines: at phrase boundaries (never after an article
    or a preposition, nor inside a fixed expression), no short word alone on a line, the
    lines as even as can be; (cost, lines) or None when no break is acceptable. `loose`:
    between any two words, the lines as even as can be."""
    if n == 1:
        return 0.0, [words]
    if len(words) < n:
        return None
    cuts = [True] * len(words) if loose else _cuts(words)
    best = None
    for ends in itertools.combinations(range(len(words) - 1), n - 1):
        if not all(cuts[e] for e in ends):
            continue
        bounds = [0] + [e + 1 for e in ends] + [len(words)]
        lines = [words[bounds[k]:bounds[k + 1]] for k in range(n)]
        if not loose and any(len(line) == 1 and len(_tail(line[0])) <= 3 for line in lines):
            continue  # a lone short word
        w = [sum(widths[bounds[k]:bounds[k + 1]]) + space * (len(lines[k]) - 1)
             for k in range(n)]
        cost = max(w) + 0.35 * (max(w) - min(w))
        # a line that starts a phrase (« des projets… ») reads best
        starts = sum(1 for e in ends if _head(words[e + 1]) in WEAK)
        cost -= 0.12 * max(w) * starts / (n - 1)
        if best is None or cost < best[0]:
            best = (cost, lines)
    return best


def label_variants(ctx: MapContext, text: str, size: float, face: str, caps: bool,
                   family: str = BODY, max_w: float = 78.0, long_w: float = 45.0,
                   steps: tuple[float, ...] = (0.0, 1.0, 2.0), phrases: bool = True
                   ) -> tuple[Variant, ...]:
    """One, two or three balanced lines broken at phrase boundaries, at the label's size and
    `steps` points smaller (never below 7 pt); the preferred form first. Without `phrases`
    (the names at sea, which have less room), a number of lines that has no break at a
    phrase boundary is still offered broken between other words, a little less preferred."""
    if caps:
        text = text.upper()
    words = [w for w in ctx.typo(text).split(" ") if w]
    sizes: list[float] = []
    for step in steps:
        s = max(MIN_PT, size - step)
        if s not in sizes:
            sizes.append(s)
    variants = []
    for k, s in enumerate(sizes):
        st = TextStyle(family, s, 1.1, None)
        widths = [ctx.measure(w, face, family, s) for w in words]
        space = ctx.measure(" ", face, family, s)
        natural = sum(widths) + space * (len(words) - 1)
        for n in (1, 2, 3):
            if n > 1 and natural / n < MIN_LINE_W:
                continue
            found = balanced_breaks(words, widths, space, n)
            loose = found is None and not phrases
            if loose:
                found = balanced_breaks(words, widths, space, n, loose=True)
            if found is None:
                continue
            try:
                lines = break_lines(ctx.spans("\n".join(" ".join(line) for line in found[1]),
                                              face),
                                    10_000.0, st, ctx.measure, ctx.deck.language,
                                    hyphenate=False)
            except Overflow:
                continue
            if len(lines) != n:
                continue
            w = max(width for _, width in lines)
            if w > max_w:
                continue
            h = text_height(n, st) + s * 0.3 * PT
            # long names read better on two lines than as one long streak
            penalty = k * 1.5 + (n - 1) * 0.8 + max(0.0, w - long_w) * 0.07 + loose * 0.5
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
#: the names on the land, broken only at phrase boundaries
LAND_NAMES = ("pillar", "site", "trail")
#: how much smaller than its size each kind's name may be set, points
SIZE_STEPS = {"current": (0.0, 0.5)}
