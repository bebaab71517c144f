"""The printing guide written with every build (LISEZ-MOI-impression.pdf / README-printing.pdf):
which file on which paper, duplex, 100 %, cutting and folding, assembling tiles — from the
files this build actually produced and the options it used."""

from __future__ import annotations

import re

from kit.i18n import Messages
from kit.layout.geometry import (
    WHITE,
    Document,
    Group,
    PageSpec,
    Rect,
    Shape,
    Style,
    polyline,
    rect_path,
)
from kit.layout.text import (
    Measure,
    break_lines,
    place_lines,
    styled,
    text_height,
)
from kit.layout.text import Style as TextStyle
from kit.layout.theme import palette_for
from kit.model.deck import Deck

A4 = (210.0, 297.0)
MARGIN = 20.0
BODY, DISPLAY = "body", "display"


def guide_name(language: str) -> str:
    return Messages(language)("printing.file_name")


def _paragraphs(deck: Deck, files: dict, options, summary: str | None) -> list[tuple]:
    """(kind, text) blocks in reading order, for what this build wrote."""
    t = Messages(deck.language)
    names = set(files)
    blocks: list[tuple] = [("h1", t("printing.title")), ("sub", deck.title),
                           ("p", t("printing.intro").format(
                               deck=deck.title, profile=t(f"printing.profile_{options.profile}")))]
    if "map.pdf" in names:
        blocks += [("h2", t("printing.map")), ("p", t("printing.map_print")),
                   ("duplex", "short"), ("p", f"**{t('guide.fold_title')}**"),
                   ("fold", getattr(options, "fold", "half-concertina")),
                   ("p", t("printing.map_hang"))]
        tiled = sorted(n for n in names if n.startswith("map-tiled-"))
        for name in tiled:
            paper = name.removeprefix("map-tiled-").removesuffix(".pdf")
            n = _tile_count(files[name])
            blocks.append(("p", t("printing.map_tiled").format(file=name, n=n, paper=paper)))
    if "cards.pdf" in names:
        duplex = t("printing.cards_duplex_long" if options.duplex == "long-edge"
                   else "printing.cards_duplex_short")
        sheets = _page_count(files["cards.pdf"]) // 2
        blocks += [("h2", t("printing.cards")),
                   ("p", t("printing.cards_print").format(sheets=sheets, paper=options.paper,
                                                          duplex=duplex)),
                   ("duplex", "long" if options.duplex == "long-edge" else "short"),
                   ("p", t("printing.cards_cut"))]
        if "cards-calibration.pdf" in names or options.back_offset != (0.0, 0.0):
            blocks.append(("p", t("printing.cards_calibration")))
        if "cards-foldover.pdf" in names:
            blocks.append(("p", t("printing.cards_foldover")))
        if "cards-1up.pdf" in names:
            from kit.load.layouts import load_card_format

            fmt = load_card_format(options.card_format)
            blocks.append(("p", t("printing.cards_press").format(w=f"{fmt.width:g}",
                                                                 h=f"{fmt.height:g}",
                                                                 bleed=f"{options.bleed:g}")))
    if "canvases.pdf" in names:
        blocks += [("h2", t("printing.canvases")),
                   ("p", t("printing.canvases_print").format(size=options.canvas_size))]
        if options.tile:
            blocks.append(("p", t("printing.canvases_tiled").format(
                paper=options.tile, overlap=f"{options.overlap:g}")))
    if options.profile == "press":
        blocks += [("h2", t("printing.press")),
                   ("p", t("printing.press_text").format(bleed=f"{options.bleed:g}"))]
    if summary:
        blocks.append(("note", t("printing.checked").format(summary=summary)))
    return blocks


def _page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def _tile_count(pdf: bytes) -> int:
    return max(0, _page_count(pdf) - 1)  # the first page is the assembly plan


def _duplex_diagram(pal, x: float, y: float, edge: str) -> tuple[list, float]:
    """A sheet turned over its long or short edge: two rectangles and a curved arrow.

    'short' is the landscape map turned about its short (vertical) side, 'long' a portrait
    card sheet turned about its long side: either way the hinge is the right-hand side."""
    w, h = (24.0, 17.0) if edge == "short" else (16.0, 22.0)
    items: list = []
    for k, label_x in enumerate((x, x + w + 22)):
        items.append(Shape(rect_path(Rect(label_x, y, w, h)),
                           Style(fill=pal["cream"] if k == 0 else WHITE, stroke=pal["ink"],
                                 width=0.3)))
    # the hinge: the edge the sheet turns about, drawn thick
    hinge = Style(stroke=pal["stage"], width=0.9)
    items.append(Shape(polyline([(x + w, y), (x + w, y + h)]), hinge))
    arrow = Style(stroke=pal["stage"], width=0.4)
    items.append(Shape((("M", x + w + 2, y + h / 2), ("C", x + w + 8, y + h / 2 - 8,
                                                       x + w + 14, y + h / 2 - 8,
                                                       x + w + 20, y + h / 2)), arrow))
    items.append(Shape(polyline([(x + w + 20, y + h / 2), (x + w + 17, y + h / 2 - 2),
                                 (x + w + 17.6, y + h / 2 + 1.6)], closed=True),
                       Style(fill=pal["stage"])))
    return items, h + 4


def _fold_pieces(deck: Deck, fold: str, options, measure: Measure, pal, width: float) -> list:
    """The folding steps of the build's fold scheme (kit.products.guide_howto)."""
    from kit.layout.fold_steps import instructions
    from kit.load.folds import load_fold_scheme
    from kit.products.guide_howto import Writer, fold_pieces

    large = getattr(options, "large_print", False)  # every text at 14 pt, numbers included
    return fold_pieces(Writer(deck.language, measure, pal), instructions(load_fold_scheme(fold)),
                       width, 14.0 if large else 10.0, beside=True,
                       press=options.profile == "press", scale=1 / 9 if large else 1 / 11,
                       floor=14.0 if large else 7.0, numbers=14.0 if large else 7.0)


def plan_guide(deck: Deck, files: dict, options, measure: Measure,
               summary: str | None = None) -> Document:
    pal = palette_for(deck)
    lang = deck.language
    width = A4[0] - 2 * MARGIN
    pages: list[PageSpec] = []
    items: list = []
    y = MARGIN

    def new_page() -> None:
        nonlocal items, y
        pages.append(PageSpec(*A4, tuple(items)))
        items, y = [], MARGIN

    styles = {
        "h1": (DISPLAY, 24, "regular", pal["ink"], 4.0),
        "sub": (DISPLAY, 12, "italic", pal["muted"], 6.0),
        "h2": (DISPLAY, 15, "regular", pal["stage"], 2.5),
        "p": (BODY, 10, "regular", pal["ink"], 3.0),
        "note": (BODY, 8.5, "italic", pal["muted"], 3.0),
    }
    for kind, text in _paragraphs(deck, files, options, summary):
        if kind == "fold":  # the scheme's own steps, each beside its drawing
            for piece in _fold_pieces(deck, text, options, measure, pal, width):
                if y + piece.h > A4[1] - MARGIN:
                    new_page()
                items.append(Group(piece.items, MARGIN, y))
                y += piece.h
            y += 2.0
            continue
        if kind == "duplex":
            drawn, h = _duplex_diagram(pal, MARGIN + 8, y + 1, text)
            if y + h > A4[1] - MARGIN:
                new_page()
                drawn, h = _duplex_diagram(pal, MARGIN + 8, y + 1, text)
            items += drawn
            y += h
            continue
        family, size, face, colour, gap = styles[kind]
        spans = styled(text, lang, face)
        st = TextStyle(family, size, 1.3, colour)
        lines = break_lines(spans, width, st, measure, lang)
        h = text_height(len(lines), st)
        if kind == "h2":
            y += 3
        if y + h + (12 if kind == "h2" else 0) > A4[1] - MARGIN:
            new_page()
        items.append(place_lines(lines, Rect(MARGIN, y, width, h), st, "body"))
        y += h + gap
        if kind == "h2":
            items.append(Shape(polyline([(MARGIN, y - 1), (MARGIN + width, y - 1)]),
                               Style(stroke=colour, width=0.3)))
            y += 1.5
    new_page()
    # a press build is CMYK from end to end, its guide included
    return Document(tuple(pages), title=f"{deck.title} — {Messages(lang)('printing.title')}",
                    author=deck.territory.name or "", subject="printing guide",
                    cmyk=options.profile == "press")

