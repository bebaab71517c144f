"""The cartouche (title block), the side column (sites, imaginaires) and the legend."""

from __future__ import annotations

from kit.errors import Diagnostic, KitError
from kit.layout.geometry import (
    WHITE,
    Color,
    Image,
    Rect,
    Shape,
    Style,
    TextSpan,
    circle_path,
    polyline,
    rect_path,
    rounded_rect_path,
)
from kit.layout.pictograms import pictogram
from kit.layout.text import PT, break_lines, place_lines, text_height
from kit.layout.text import Style as TextStyle
from kit.products.map.chart import current_arrow
from kit.products.map.creases import WORD_CLEAR, clear_below
from kit.products.map.landart import TRAIL_DASH, TRAIL_WIDTH
from kit.products.map.names import DISPLAY
from kit.products.map.sheet import BODY, MapContext


def fit_block(ctx: MapContext, text_spans: list[TextSpan], box_w: float, size: float,
               colour: Color, align: str = "left", leading: float = 1.2,
               hyphenate: bool = True, family: str = BODY) -> tuple[list, float]:
    st = TextStyle(family, size, leading, colour, align)
    lines = break_lines(text_spans, box_w, st, ctx.measure, ctx.deck.language,
                        hyphenate=hyphenate)
    return lines, text_height(len(lines), st)


#: the cartouche's least and usual heights, mm; the logo's side
CARTOUCHE_MIN_H = 34.0
LOGO = 30.0


def draw_cartouche(ctx: MapContext, box: Rect) -> tuple[list, Rect]:
    """The title block at box's top left, as wide as box, as tall as its text needs (box.h
    at most): (items, the cartouche's rectangle)."""
    pal, deck = ctx.palette, ctx.deck
    ink = pal["ink"]
    items: list = []
    inner = box.inset(5, 4)
    if deck.territory.logo:
        # the territory's logo on the right, its text column narrower
        side = LOGO
        items.append(Image(deck.territory.logo, Rect(inner.x2 - side, inner.y, side, side)))
        inner = Rect(inner.x, inner.y, inner.w - side - 4, inner.h)
    y = inner.y
    for text, face, sizes, colour, family in (
        (deck.title, "regular", (21, 19, 17, 15, 13), ink, DISPLAY),
        (deck.subtitle, "italic", (10, 9, 8, 7.5), pal["muted"], DISPLAY),
        (deck.map.tagline, "italic", (9, 8.5, 8, 7.5), pal["accent"].mix(ink, 0.45), DISPLAY),
        ((deck.territory.name or "").upper(), "bold", (8, 7.5, 7), pal["stage"], BODY),
    ):
        if not text:
            continue
        spans = ctx.spans(text, face)
        for size in sizes:
            lines, h = fit_block(ctx, spans, inner.w, size, colour, hyphenate=False,
                                  family=family)
            if len(lines) <= 2 or size == sizes[-1]:
                break
        st = TextStyle(family, size, 1.15, colour)
        items.append(place_lines(lines, Rect(inner.x, y, inner.w, h), st, "title"))
        y += h + 2.2
    bottom = max(y - 2.2 + 4.0 + 2.0, box.y + CARTOUCHE_MIN_H)
    if deck.territory.logo:
        bottom = max(bottom, box.y + 4 + LOGO + 4)
    if bottom > box.y2:
        raise KitError(Diagnostic(deck.loc, "la carte de poche : le titre, le sous-titre et le"
                                            " territoire ne tiennent pas dans le cartouche ;"
                                            " raccourcissez-les"))
    rect = Rect(box.x, box.y, box.w, bottom - box.y)
    frame = [
        Shape(rect_path(rect), Style(fill=pal["cream"], stroke=ink, width=0.5, join="miter")),
        Shape(rect_path(rect.inset(1.2)), Style(stroke=ink, width=0.2, join="miter")),
    ]
    return frame + items, rect


def draw_side(ctx: MapContext, side: Rect, drawn: frozenset[str] = frozenset()) -> list:
    """Sites, imaginaires and the legend (of the kinds of sign in `drawn`) in the right-hand
    column."""
    pal, deck, t = ctx.palette, ctx.deck, ctx.t
    ink = pal["ink"]
    items: list = [Shape(rect_path(side), Style(fill=pal["cream"]))]
    items.append(Shape(polyline([(side.x, side.y), (side.x, side.y2)]),
                       Style(stroke=ink, width=0.3)))
    inner = side.inset(6, 6)
    legend_h = 46.0 + (MENTION_H if deck.map.mention else 0.0)
    y = inner.y
    sections = (("sites", t("map.sites"), deck.sites, "site"),
                ("imaginaries", t("map.imaginaries"), deck.imaginaries, "imaginary"))
    for _kind, heading, entities, icon in sections:
        if not entities:
            continue
        lines, h = fit_block(ctx, [TextSpan(heading.upper(), "bold")], inner.w - 9, 9, ink,
                              hyphenate=False)
        y = clear_below(y - 0.5, max(h + 1.0, 7.0), ctx.creases, WORD_CLEAR + 0.5) + 0.5
        items += pictogram(icon, 7, inner.x, y - 0.5, ink, pal["accent"], WHITE)
        items.append(place_lines(lines, Rect(inner.x + 9, y + 1.0, inner.w - 9, h),
                                 TextStyle(BODY, 9, 1.2, ink), "title"))
        y += max(h, 6.5) + 2.5
        for e in entities:
            # a run-in head: the name in bold opens its own paragraph
            spans = ctx.spans(e.title, "bold")
            if e.text:  # a site or an imaginary may be given its title only
                spans += [TextSpan(" — ")] + ctx.spans(e.text)
            st = TextStyle(BODY, 7.5, 1.2, ink)
            lines, _ = fit_block(ctx, spans, inner.w, 7.5, ink)
            h = text_height(1, st)
            step = 7.5 * st.leading * PT
            # a paragraph whole on one side of a fold (below it when it would straddle it);
            # line by line, each stepping over the fold, only if taller than a fold's panel
            whole = h + step * (len(lines) - 1)
            if whole < PANEL_MIN:
                y = clear_below(y, whole, ctx.creases, WORD_CLEAR + 0.5)
            for line in lines:
                y = clear_below(y, h, ctx.creases, WORD_CLEAR + 0.5)
                items.append(place_lines([line], Rect(inner.x, y, inner.w, h), st, "body"))
                y += step
            y += h - step + 2.4
        y += 3.0
    top = legend_top(inner, legend_h, ctx.creases)
    if y > top:
        first = (deck.sites or deck.imaginaries)[0]
        raise KitError(Diagnostic(first.loc, "la carte de poche : les sites et imaginaires ne"
                                             " tiennent pas dans la colonne de droite ;"
                                             " raccourcissez leurs"
                                             " textes ou retirez-en"))
    mention = MENTION_H if deck.map.mention else 0.0
    items += draw_legend(ctx, Rect(inner.x, top, inner.w, legend_h - mention), drawn)
    if mention:
        items += draw_mention(ctx, Rect(inner.x, top + legend_h - mention + 1.5, inner.w,
                                        mention - 1.5))
    return items


MENTION_H = 13.0
#: a paragraph shorter than this (mm) never straddles a fold: the column's panels between
#: the horizontal folds are at least this tall
PANEL_MIN = 100.0


def draw_mention(ctx: MapContext, box: Rect) -> list:
    """The deck's mention as a stamp: a double rounded frame, a tick, the words in italics."""
    pal = ctx.palette
    ink = pal["stage"]
    items: list = [Shape(rounded_rect_path(box, 2.0), Style(stroke=ink, width=0.45)),
                   Shape(rounded_rect_path(box.inset(0.9), 1.4), Style(stroke=ink, width=0.2))]
    cx, cy = box.x + 5.5, box.cy
    items.append(Shape(circle_path(cx, cy, 2.6), Style(fill=ink)))
    items.append(Shape(polyline([(cx - 1.3, cy + 0.1), (cx - 0.3, cy + 1.1), (cx + 1.4, cy - 1.0)]),
                       Style(stroke=WHITE, width=0.5, cap="round", join="round")))
    width = box.w - 12.0
    spans = ctx.spans(ctx.deck.map.mention, "italic")
    for size in (8.0, 7.5, 7.0):
        lines, h = fit_block(ctx, spans, width, size, ink, hyphenate=False, family=DISPLAY)
        if h <= box.h - 2.0 or size == 7.0:
            break
    if h > box.h - 2.0:
        raise KitError(Diagnostic(ctx.deck.loc, "la carte de poche : la mention (map.mention)"
                                                " ne tient pas au pied de la légende ;"
                                                " raccourcissez-la"))
    items.append(place_lines(lines, Rect(box.x + 10.0, box.cy - h / 2, width, h),
                             TextStyle(DISPLAY, size, 1.2, ink), "label"))
    return items


def legend_top(inner: Rect, legend_h: float, creases) -> float:
    """The legend sits at the foot of the column, or just above a fold that would cross it."""
    top = inner.y2 - legend_h
    for axis, at in sorted(creases, key=lambda c: -c[1]):
        if axis == "y" and top - WORD_CLEAR < at < top + legend_h + WORD_CLEAR:
            top = at - WORD_CLEAR - legend_h
    return top


def legend_arrows(cx: float, cy: float, colour) -> list:
    """Three small curved arrows converging on a point, as a current is drawn on the chart
    (kit.products.map.chart.current_arrow)."""
    items: list = []
    tip_x = cx + 3.6
    for k, spread in enumerate((0.0, -2.2, 2.2)):
        # a gentle curve from its tail to a tip a little apart from the others'
        pts = [(cx - 3.6 + 7.2 * t, cy + spread * (1 - t) ** 1.6 + spread * 0.42 * t)
               for t in (i / 12 for i in range(13))]
        pts[-1] = (tip_x, pts[-1][1])
        items += current_arrow(pts, colour, 0.34 if k == 0 else 0.28, head=0.9, clear=0.8,
                               smooth=False)
    return items


def draw_legend(ctx: MapContext, box: Rect, drawn: frozenset[str] = frozenset()) -> list:
    """The legend: pictogram and name of each kind of sign the chart draws (`drawn`: the
    kinds; every kind when empty), in two columns."""
    pal, t = ctx.palette, ctx.t
    ink = pal["ink"]
    items: list = [Shape(polyline([(box.x, box.y), (box.x2, box.y)]),
                         Style(stroke=ink, width=0.3))]
    lines, h = fit_block(ctx, [TextSpan(t("map.legend").upper(), "bold")], box.w, 9, ink)
    items.append(place_lines(lines, Rect(box.x, box.y + 3, box.w, h),
                             TextStyle(BODY, 9, 1.2, ink), "title"))
    top = box.y + 3 + h + 2.5
    landmark = ctx.deck.pillars[0].landmark if ctx.deck.pillars else "volcano"
    rows = (
        ("pillar", t("map.pillar")),
        ("stage", t("map.stage")),
        ("route", t("map.route")),
        ("trail", t("map.trail")),
        ("site", t("map.site")),
        ("beacon", t("map.beacon")),
        ("current", t("map.current")),
        ("harbour", t("map.harbour")),
        ("arrival", t("map.arrival")),
    )
    if drawn:
        rows = tuple(row for row in rows if row[0] in drawn)
    col_w = box.w / 2
    y_col = [top, top]
    for k, (kind, label) in enumerate(rows):
        col = 0 if k < (len(rows) + 1) // 2 else 1
        x0, y = box.x + col * col_w, y_col[col]
        cx, cy = x0 + 3.5, y + 2.2
        if kind == "pillar":
            items += pictogram(landmark, 6.5, cx - 3.25, cy - 3.25, ink, pal["pillar"], WHITE)
        elif kind == "stage":
            items.append(Shape(circle_path(cx, cy, 2.4), Style(fill=pal["stage"])))
        elif kind == "route":
            items.append(Shape(polyline([(cx - 3.5, cy), (cx + 3.5, cy)]),
                               Style(stroke=pal["stage"], width=0.7, dash=(2.6, 1.6), cap="butt")))
        elif kind == "trail":
            # as the chart draws it (kit.products.map.landart)
            items.append(Shape(polyline([(cx - 3.5, cy), (cx + 3.5, cy)]),
                               Style(stroke=pal["pillar"], width=TRAIL_WIDTH, dash=TRAIL_DASH,
                                     cap="round")))
        elif kind == "site":
            items += pictogram("site", 5.5, cx - 2.75, cy - 2.75, ink, pal["accent"], WHITE)
        elif kind == "beacon":
            items += pictogram("beacon", 6, cx - 3, cy - 3, ink, pal["beacon"], WHITE)
        elif kind == "current":
            items += legend_arrows(cx, cy, pal["current"])
        elif kind == "harbour":
            items += pictogram("harbour", 6, cx - 3, cy - 3, ink, pal["stage"], WHITE)
        elif kind == "arrival":
            items += pictogram("anchor", 6, cx - 3, cy - 3, ink, pal["stage"], WHITE)
        lines, lh = fit_block(ctx, ctx.spans(label), col_w - 10, 7.5, ink, hyphenate=False)
        items.append(place_lines(lines, Rect(x0 + 9, y + 0.2, col_w - 10, lh),
                                 TextStyle(BODY, 7.5, 1.2, ink), "label"))
        y_col[col] = y + max(lh, 4.5) + 2.2
    if max(y_col) > box.y2 + 1e-6:
        raise KitError(Diagnostic(ctx.deck.loc, "la carte de poche : la légende déborde de sa"
                                                " colonne"))
    return items
