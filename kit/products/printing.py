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
    circle_path,
    polyline,
    rect_path,
)
from kit.layout.text import (
    PT,
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
ITEM_INDENT = 4.5
BODY, DISPLAY = "body", "display"


def guide_name(language: str) -> str:
    return Messages(language)("printing.file_name")


def _paragraphs(deck: Deck, files: dict, options, summary: str | None,
                report=None, entries=None) -> list[tuple]:
    """(kind, text) blocks in reading order, for the files of the output folder: this build's
    (`files`, with `options`) and the ones earlier builds left (`entries` says which, and with
    which options; their bytes are in `files` too); report (kit.preflight.Report) is what the
    build's check found."""
    from kit.products.printing_files import files_blocks

    t = Messages(deck.language)
    names = set(files)
    earlier = {e.name: e.options for e in entries or () if not e.now and e.options is not None}

    def options_for(name: str):
        """The options the file was built with: this build's, or an earlier one's."""
        return earlier.get(name, options)

    blocks: list[tuple] = [("h1", t("printing.title")), ("sub", deck.title),
                           ("p", t("printing.intro").format(
                               deck=deck.title, profile=t(f"printing.profile_{options.profile}")))]
    blocks += files_blocks(entries, t)
    if "map.pdf" in names:
        blocks += [("h2", t("printing.map")), ("p", t("printing.map_print")),
                   ("duplex", "short"), ("p", f"**{t('guide.fold_title')}**"),
                   ("fold", getattr(options_for("map.pdf"), "fold", "half-concertina")),
                   ("p", t("printing.map_hang"))]
        tiled = sorted(n for n in names if n.startswith("map-tiled-"))
        for name in tiled:
            paper = name.removeprefix("map-tiled-").removesuffix(".pdf")
            n = _tile_count(files[name])
            blocks.append(("p", t("printing.map_tiled").format(file=name, n=n, paper=paper)))
    if "cards.pdf" in names:
        co = options_for("cards.pdf")
        duplex = t("printing.cards_duplex_long" if co.duplex == "long-edge"
                   else "printing.cards_duplex_short")
        sheets = _page_count(files["cards.pdf"]) // 2
        blocks += [("h2", t("printing.cards")),
                   ("p", t("printing.cards_print").format(sheets=sheets, paper=co.paper,
                                                          duplex=duplex)),
                   ("duplex", "long" if co.duplex == "long-edge" else "short"),
                   ("p", t("printing.cards_cut"))]
        gutter = getattr(co, "gutter", 0.0)
        if co.profile != "press" and gutter > 0:
            shown = f"{gutter:g}".replace(".", ",") if deck.language == "fr" else f"{gutter:g}"
            blocks[-1] = ("p", blocks[-1][1] + " " + t("printing.cards_gutter").format(
                gutter=shown))
        if co.back_offset != (0.0, 0.0):
            dx, dy = co.back_offset
            blocks.append(("p", t("printing.cards_calibration_offset").format(
                offset=f"{dx:g},{dy:g}")))
        elif "cards-calibration.pdf" in names:
            blocks.append(("p", t("printing.cards_calibration")))
        if "cards-foldover.pdf" in names:
            blocks.append(("p", t("printing.cards_foldover")))
        if "cards-1up.pdf" in names:
            from kit.load.layouts import load_card_format

            fmt = load_card_format(options_for("cards-1up.pdf").card_format)
            blocks.append(("p", t("printing.cards_press").format(w=f"{fmt.width:g}",
                                                                 h=f"{fmt.height:g}",
                                                                 bleed=f"{co.bleed:g}")))
    if "cards-selection.pdf" in names:
        so = options_for("cards-selection.pdf")
        duplex = t("printing.cards_duplex_long" if so.duplex == "long-edge"
                   else "printing.cards_duplex_short")
        blocks += [("h2", t("printing.cards_selection")),
                   ("p", t("printing.cards_selection_print").format(
                       sheets=_page_count(files["cards-selection.pdf"]) // 2, paper=so.paper,
                       duplex=duplex, selection=", ".join(getattr(so, "cards", ()) or ())))]
    if "canvases.pdf" in names:
        vo = options_for("canvases.pdf")
        blocks += [("h2", t("printing.canvases")),
                   ("p", t("printing.canvases_print").format(size=vo.canvas_size))]
        if vo.tile:
            blocks.append(("p", t("printing.canvases_tiled").format(
                paper=vo.tile, overlap=f"{vo.overlap:g}")))
    if options.profile == "press":
        blocks += [("h2", t("printing.press")),
                   ("p", t("printing.press_text").format(bleed=f"{options.bleed:g}"))]
        blocks += [("p", text) for text in _press_colours(deck, files, t, report)]
    if summary:
        blocks.append(("note", t("printing.checked").format(summary=summary)))
    return blocks


def _press_colours(deck: Deck, files: dict, t: Messages, report) -> list[str]:
    """What the press files are, in colour, as the build's check found them (never stated
    blindly): CMYK, or which files still hold RGB; what they declare; how the logo was
    converted."""
    from kit.declare import PDFX_VERSION

    rgb = sorted({p.file.replace("\\", "/").rsplit("/", 1)[-1] for p in
                  (report.problems if report is not None else []) if "RVB" in p.message})
    out = []
    if report is None:
        pass  # not checked: say nothing about colour rather than something unchecked
    elif rgb:
        out.append(t("printing.press_rgb").format(n=len(rgb), files=", ".join(rgb)))
    else:
        out.append(t("printing.press_cmyk"))
    if any(_declares_pdfx(data) for name, data in files.items() if name.endswith(".pdf")):
        out.append(t("printing.press_pdfx").format(version=PDFX_VERSION))
    logo = deck.territory.logo
    if logo and not logo.lower().endswith(".svg") and "map.pdf" in files:
        from kit.render.images import cmyk_profile, profile_description

        profile = cmyk_profile()
        if profile is not None:
            out.append(t("printing.press_logo").format(profile=profile_description(profile)))
    return out


def _declares_pdfx(pdf: bytes) -> bool:
    return b"/GTS_PDFXVersion" in pdf


def _page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def _tile_count(pdf: bytes) -> int:
    return max(0, _page_count(pdf) - 1)  # the first page is the assembly plan


def _duplex_diagram(pal, x: float, y: float, edge: str,
                    scale: float = 1.0) -> tuple[list, float]:
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
    if scale != 1:
        items = [Group(tuple(items), x - x * scale, y - y * scale, scale)]
    return items, h * scale + 4


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


#: kind → (family, size pt, face, palette colour, space after mm), and in large print (every
#: text at 14 pt or more, like the cards and the map's booklet)
STYLES = {
    "h1": (DISPLAY, 24, "regular", "ink", 4.0),
    "sub": (DISPLAY, 12, "italic", "muted", 6.0),
    "h2": (DISPLAY, 15, "regular", "stage", 2.5),
    "p": (BODY, 10, "regular", "ink", 3.0),
    "note": (BODY, 8.5, "italic", "muted", 3.0),
    "item": (BODY, 9, "regular", "ink", 1.2),
}
LARGE_STYLES = {
    "h1": (DISPLAY, 30, "regular", "ink", 5.0),
    "sub": (DISPLAY, 18, "italic", "muted", 7.0),
    "h2": (DISPLAY, 21, "regular", "stage", 3.5),
    "p": (BODY, 14, "regular", "ink", 4.0),
    "note": (BODY, 14, "italic", "muted", 4.0),
    "item": (BODY, 14, "regular", "ink", 1.8),
}


def plan_guide(deck: Deck, files: dict, options, measure: Measure,
               summary: str | None = None, report=None, entries=None) -> Document:
    """The printing guide: A4 pages describing every file of the output folder (`entries`);
    report (kit.preflight.Report) is what the build's check found, which the colour paragraph
    of a press build says."""
    pal = palette_for(deck)
    large = getattr(options, "large_print", False)
    scale = 1.5 if large else 1.0  # the diagrams and their numbers grow with the text
    lang = deck.language
    width = A4[0] - 2 * MARGIN
    pages: list[PageSpec] = []
    items: list = []
    y = MARGIN

    def new_page() -> None:
        nonlocal items, y
        pages.append(PageSpec(*A4, tuple(items)))
        items, y = [], MARGIN

    styles = {kind: (family, size, face, pal[colour], gap) for kind, (family, size, face,
                                                                   colour, gap)
              in (LARGE_STYLES if large else STYLES).items()}

    for kind, text in _paragraphs(deck, files, options, summary, report, entries):
        if kind == "fold":  # the scheme's own steps, each beside its drawing
            for piece in _fold_pieces(deck, text, options, measure, pal, width):
                if y + piece.h > A4[1] - MARGIN:
                    new_page()
                items.append(Group(piece.items, MARGIN, y))
                y += piece.h
            y += 2.0
            continue
        if kind == "duplex":
            drawn, h = _duplex_diagram(pal, MARGIN + 8, y + 1, text, scale)
            if y + h > A4[1] - MARGIN:
                new_page()
                drawn, h = _duplex_diagram(pal, MARGIN + 8, y + 1, text, scale)
            items += drawn
            y += h
            continue
        family, size, face, colour, gap = styles[kind]
        spans = styled(text, lang, face)
        st = TextStyle(family, size, 1.3, colour)
        indent = ITEM_INDENT if kind == "item" else 0.0  # a list item, after a bullet
        # file names and options (--format) are not hyphenated
        lines = break_lines(spans, width - indent, st, measure, lang, hyphenate=not indent)
        h = text_height(len(lines), st)
        if kind == "h2":
            y += 3
        if y + h + (12 if kind == "h2" else 0) > A4[1] - MARGIN:
            new_page()
        if indent:
            r = size * 0.12 * PT
            items.append(Shape(circle_path(MARGIN + indent / 2, y + size * 0.55 * PT, r),
                               Style(fill=pal["stage"])))
        items.append(place_lines(lines, Rect(MARGIN + indent, y, width - indent, h), st, "body"))
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

