"""cards-calibration.pdf: a front with crosses, a back with rulers behind them; held against
the light, the number under each line is the duplex misregistration.

The sheet is drawn the way the cards are: backs for the duplex edge the build uses, shifted
by the build's --back-offset. So what a reader sees is always the error left *after* that
offset, and the instructions printed on the sheet, generated from the same options, say so:
"new offset = the offset this sheet was printed with + the reading". A printer misplacing
backs by e reads −(offset + e); a calibrated printer reads 0 and keeps its offset.
"""

from __future__ import annotations

from kit.layout import impose
from kit.layout.geometry import Document, Group, PageSpec, Rect, Shape, Style, TextSpan, polyline
from kit.layout.text import Style as TextStyle
from kit.layout.text import break_lines, place_lines, text_height
from kit.products.card_content import BODY, CardContext
from kit.products.card_sheets import SheetOptions

#: the two crosses, as fractions of the sheet (away from the centre lines, where a mirrored
#: mistake would go unseen)
POINTS = ((0.3, 0.45), (0.7, 0.72))


def _mm(value: float, language: str) -> str:
    """0.5 → '0,5' in French, '0.5' in English; −1 with a real minus."""
    text = f"{value:g}".replace("-", "\u2212")
    return text.replace(".", ",") if language == "fr" else text


def _cli(value: float) -> str:
    """A number as the command line takes it (dot, ASCII minus)."""
    return f"{value:g}"


def instructions(ctx: CardContext, opts: SheetOptions) -> list[tuple[str, int, str]]:
    """(text, size in pt, face) of the sheet's instructions, from the options it is built
    with: the duplex edge, the offset it carries, the gutter of the card sheets."""
    t, lang = ctx.t, ctx.deck.language
    edge = t("printing.cards_duplex_long" if opts.duplex == "long-edge"
             else "printing.cards_duplex_short")
    dx, dy = opts.back_offset
    lines = [(t("calibration.title"), 16, "bold"),
             (t("calibration.step1").format(edge=edge), 10, "regular"),
             (t("calibration.step2"), 10, "regular"),
             (t("calibration.step3"), 10, "regular")]
    if (dx, dy) == (0.0, 0.0):
        lines.append((t("calibration.step4"), 10, "regular"))
    else:
        lines.append((t("calibration.step4_offset").format(
            offset=f"{_cli(dx)},{_cli(dy)}", x=_mm(dx, lang), y=_mm(dy, lang)), 10, "regular"))
    if opts.profile != "press" and opts.gutter > 0:
        lines.append((t("calibration.gutter").format(gutter=_mm(opts.gutter, lang),
                                                     half=_mm(opts.gutter / 2, lang)),
                      10, "italic"))
    return lines


def plan_calibration(ctx: CardContext, opts: SheetOptions) -> Document:
    """Two pages: a front with crosshairs, a back with rulers; read the offset against light."""
    page_w, page_h = impose.PAPERS[opts.paper]
    pal = ctx.palette
    ink, muted = pal["ink"], pal["muted"]
    points = [(page_w * fx, page_h * fy) for fx, fy in POINTS]
    line = Style(stroke=ink, width=0.2)
    front: list = []
    y = 20.0
    for text, size, face in instructions(ctx, opts):
        st = TextStyle(BODY, size, 1.25, ink)
        lines = break_lines([TextSpan(ctx.typo(text), face)], page_w - 40, st, ctx.measure,
                            ctx.deck.language)
        h = text_height(len(lines), st)
        front.append(place_lines(lines, Rect(20, y, page_w - 40, h), st, "body"))
        y += h + 3
    for px, py in points:
        front.append(Shape(polyline([(px - 25, py), (px + 25, py)]), line))
        front.append(Shape(polyline([(px, py - 25), (px, py + 25)]), line))
        lst = TextStyle(BODY, 7, 1.0, muted)
        text = ctx.t("calibration.front_mark")
        w = ctx.measure(text, "regular", BODY, 7)
        front.append(place_lines([([TextSpan(text)], w)], Rect(px + 2, py - 26, w, 3), lst,
                                 "label"))
    back: list = []
    for px, py in points:
        if opts.duplex == "long-edge":
            bx, by = page_w - px, py
        else:
            bx, by = px, page_h - py
        back += _ruler(ctx, bx, by, horizontal=True)
        back += _ruler(ctx, bx, by, horizontal=False)
    dx, dy = opts.back_offset
    back_items = [Group(tuple(back), dx, dy)]
    # a press set is checked page by page: the sheet is its own trim, in CMYK like the rest
    sheet = Rect(0, 0, page_w, page_h) if opts.profile == "press" else None
    return Document((PageSpec(page_w, page_h, tuple(front), sheet, sheet),
                     PageSpec(page_w, page_h, tuple(back_items), sheet, sheet)),
                    title=f"{ctx.deck.title} — {ctx.t('documents.calibration')}",
                    subject="calibration",
                    cmyk=opts.profile == "press")


def _ruler(ctx: CardContext, x: float, y: float, horizontal: bool) -> list:
    """A ruler centred on (x, y): a tick every mm from −10 to +10, labelled every 5 mm.

    Read on the back, the tick under the front's line is what to add to the offset the sheet
    was printed with: a back printed s mm too far puts the line on −s.
    """
    ink = ctx.palette["ink"]
    items: list = []
    st = TextStyle(BODY, 8, 1.0, ink)
    for v in range(-10, 11):
        length = 7 if v == 0 else (5 if v % 5 == 0 else 3)
        if horizontal:
            seg = [(x + v, y + 14), (x + v, y + 14 + length)]
        else:
            seg = [(x + 14, y + v), (x + 14 + length, y + v)]
        items.append(Shape(polyline(seg), Style(stroke=ink, width=0.15, cap="butt")))
        if v % 5 == 0:
            label = (f"+{v}" if v > 0 else f"\u2212{-v}") if v else "0"  # a real minus
            w = ctx.measure(label, "regular", BODY, 8)
            box = Rect(x + v - w / 2, y + 22.5, w, 3) if horizontal else \
                Rect(x + 22.5, y + v - 1.4, w, 3)
            items.append(place_lines([([TextSpan(label)], w)], box, st, "label"))
    text = ctx.t("calibration.ruler_x" if horizontal else "calibration.ruler_y")
    w = ctx.measure(text, "italic", BODY, 8)
    box = Rect(x - w / 2, y + 27.5, w, 3) if horizontal else Rect(x + 30, y - 1.4, w, 3)
    items.append(place_lines([([TextSpan(text, "italic")], w)], box, st, "label"))
    return items
