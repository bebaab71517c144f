"""Cards imposed on paper: cards.pdf (fronts and duplex backs, cut marks), cards-foldover.pdf
(front and back side by side, folded and glued) and cards-1up.pdf (one card a page, for a
print shop)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from kit.errors import Diagnostic, KitError
from kit.layout import impose
from kit.layout.geometry import (
    Clip,
    Color,
    Document,
    FormRef,
    Group,
    PageSpec,
    Rect,
    Shape,
    Style,
    TextSpan,
    polyline,
)
from kit.layout.text import Style as TextStyle
from kit.layout.text import place_lines, text_height
from kit.layout.theme import Palette
from kit.products.card_content import BODY, Card, CardContext
from kit.products.card_faces import HAIRLINE, back_forms, card_fronts, head_band


@dataclass(frozen=True)
class SheetOptions:
    paper: str = "A4"
    profile: str = "office"
    duplex: str = "long-edge"
    bleed: float = 3.0
    back_offset: tuple[float, float] = (0.0, 0.0)
    gutter: float = impose.OFFICE_GUTTER  # between cards on office sheets (press: 2 × bleed)


def _mark_style(press: bool, pal: Palette) -> Style:
    from kit.layout.geometry import REGISTRATION

    return Style(stroke=REGISTRATION if press else Color.gray(0.35), width=HAIRLINE, cap="butt")


def _marks(segments, style: Style) -> list:
    return [Shape(polyline([(x1, y1), (x2, y2)]), style) for x1, y1, x2, y2 in segments]


def _sheet_label(ctx: CardContext, grid: impose.Grid, page_w: float, page_h: float, text: str,
                 limit: float, below: float = impose.MARK_GAP) -> list:
    """A small page label in the bottom margin, between two cut ticks, if there is room;
    `below` mm under the grid (past any bleed)."""
    st = TextStyle(BODY, 7, 1.0, ctx.palette["muted"])
    width = ctx.measure(text, "regular", BODY, 7)
    xs, _ = impose.cut_lines(grid)
    x = xs[0] + 2.0
    room = (xs[1] - 2.0) - x if len(xs) > 1 else 0
    y_top = grid.bounds().y2 + below + 0.5
    h = text_height(1, st)
    if width > room or y_top + h > page_h - limit:
        return []
    return [place_lines([([TextSpan(text)], width)], Rect(x, y_top, width, h), st, "label")]


def plan_sheets(ctx: CardContext, cards: list[Card], opts: SheetOptions) -> Document:
    """cards.pdf: fronts sheet, backs sheet, … on portrait paper, backs mirrored for duplex.

    Office sheets leave a gutter between cards (opts.gutter, 3 mm by default) into which each
    card's background bleeds half-way (kit.layout.impose.office_sheet); press sheets leave
    twice the bleed."""
    fmt = ctx.fmt
    page_w, page_h = impose.PAPERS[opts.paper]
    press = opts.profile == "press"
    area = None  # office: where backgrounds may run (a clip), when the cards bleed
    if press:
        b = ctx.bleed
        grid = impose.fit_grid(page_w, page_h, fmt.width, fmt.height,
                               b + impose.MARK_GAP + 5.0, 2 * b)
        limit, clear_x = 0.0, b + impose.MARK_GAP
        clear_y = clear_x
    else:
        sheet = impose.office_sheet(page_w, page_h, fmt.width, fmt.height, opts.gutter)
        grid = sheet.grid if sheet else None
        b, limit = opts.gutter / 2, impose.OFFICE_BAND
        if sheet:
            clear_x, clear_y = sheet.clear_x, sheet.clear_y
            area = sheet.inked if b else None
    if grid is None:
        raise KitError(Diagnostic(ctx.deck.loc, f"le format {fmt.name} ne tient pas sur"
                                                f" une feuille {opts.paper}"))
    faces = card_fronts(ctx, cards)
    forms = back_forms(ctx, cards, b)
    mark_style = _mark_style(press, ctx.palette)
    pages: list[PageSpec] = []
    n_sheets = (len(faces) + grid.count - 1) // grid.count
    trim = bleed_box = None
    if press:
        trim = grid.bounds()
        bleed_box = trim.outset(b)
    for s in range(n_sheets):
        chunk = faces[s * grid.count:(s + 1) * grid.count]
        fronts: list = []
        backs: list = []
        for k, (card, items) in enumerate(chunk):
            col, row = k % grid.cols, k // grid.cols
            cell = grid.cell(col, row)
            if b != ctx.bleed:  # the band runs into the gutter: the half-gutter head
                items = [head_band(ctx, card, b), *items[1:]]
            fronts.append(Group(tuple(items), cell.x, cell.y))
            bc, br = impose.back_slot(grid, col, row, opts.duplex)
            bcell = grid.cell(bc, br)
            backs.append(FormRef(f"back-{card.kind}", bcell.outset(b) if b else bcell))
        if area is not None:
            fronts, backs = [Clip(area, tuple(fronts))], [Clip(area, tuple(backs))]
        marks = _marks(impose.cut_marks(grid, page_w, page_h, clear_x, limit, clear_y),
                       mark_style)
        t = ctx.t
        label = f"{ctx.deck.id} · {t('sheet.sheet')} {s + 1}/{n_sheets}"
        # the page label sits in the margin: fine at the office, outside the trim for a press
        below = clear_y
        labelled = not press
        fronts += marks + (_sheet_label(ctx, grid, page_w, page_h,
                                        f"{label} · {t('sheet.fronts')}", limit, below)
                           if labelled else [])
        dx, dy = opts.back_offset
        back_items = [Group(tuple(backs), dx, dy)] if (dx or dy) else backs
        back_items += marks + (_sheet_label(ctx, grid, page_w, page_h,
                                            f"{label} · {t('sheet.backs')}", limit, below)
                               if labelled else [])
        pages.append(PageSpec(page_w, page_h, tuple(fronts), trim, bleed_box, f"fronts {s + 1}"))
        pages.append(PageSpec(page_w, page_h, tuple(back_items), trim, bleed_box,
                              f"backs {s + 1}"))
    return Document(tuple(pages), tuple(forms),
                    title=f"{ctx.deck.title} — {ctx.t('documents.cards')}",
                    author=ctx.deck.territory.name or "", subject="cards", cmyk=press)


def plan_foldover(ctx: CardContext, cards: list[Card], opts: SheetOptions) -> Document:
    """cards-foldover.pdf: each card's front and back side by side, fold between, glue.

    The pairs are imposed like the cards of cards.pdf: office sheets leave opts.gutter between
    pairs, into which both faces' backgrounds bleed half-way (never across the fold, which is
    no cut), press sheets twice the bleed; the cut ticks mark each pair's edges, the dashed
    fold ticks its fold."""
    fmt = ctx.fmt
    press = opts.profile == "press"
    pair_w, pair_h = 2 * fmt.width, fmt.height
    best = None
    for pw, ph in (impose.PAPERS[opts.paper], impose.PAPERS[opts.paper][::-1]):
        if press:
            b = ctx.bleed
            g = impose.fit_grid(pw, ph, pair_w, pair_h, b + impose.MARK_GAP + 5.0, 2 * b)
            placed = (g, b, b + impose.MARK_GAP, b + impose.MARK_GAP, None) if g else None
        else:
            sheet = impose.office_sheet(pw, ph, pair_w, pair_h, opts.gutter)
            placed = (sheet.grid, opts.gutter / 2, sheet.clear_x, sheet.clear_y,
                      sheet.inked if opts.gutter else None) if sheet else None
        if placed and (best is None or placed[0].count > best[2][0].count):
            best = (pw, ph, placed)
    if best is None and opts.paper != "A3":
        # a large format's pair (A5: 296 × 210 mm) needs the next sheet size up
        return plan_foldover(ctx, cards, replace(opts, paper="A3"))
    if best is None:
        raise KitError(Diagnostic(ctx.deck.loc, f"le format {fmt.name} plié ne tient pas sur"
                                                f" une feuille {opts.paper}"))
    page_w, page_h, (grid, b, clear_x, clear_y, area) = best
    faces = card_fronts(ctx, cards)
    forms = back_forms(ctx, cards, b)
    limit = 0.0 if press else impose.OFFICE_BAND
    mark_style = _mark_style(press, ctx.palette)
    fold_style = Style(stroke=Color.gray(0.5) if not press else Color(0, 0, 0, 0, 0, 0, 0.5),
                       width=HAIRLINE, dash=(1.5, 1.0), cap="butt")
    top, bottom = grid.bounds().y, grid.bounds().y2
    pages = []
    for s in range(0, len(faces), grid.count):
        inked: list = []
        ticks: list = []
        for k, (card, front) in enumerate(faces[s:s + grid.count]):
            cell = grid.cell(k % grid.cols, k // grid.cols)
            if b != ctx.bleed:  # the band runs into the gutter: the half-gutter head
                front = [head_band(ctx, card, b), *front[1:]]
            inked.append(Group(tuple(front), cell.x, cell.y))
            back = Rect(cell.x + fmt.width, cell.y, fmt.width, fmt.height)
            ref = FormRef(f"back-{card.kind}", back.outset(b) if b else back)
            if b:  # the fold is no cut: the back bleeds on its three other sides only
                ref = Clip(Rect(back.x, back.y - b, back.w + b, back.h + 2 * b), (ref,))
            inked.append(ref)
            fold_x = cell.x + fmt.width
            # fold ticks in the margins, on the extension of the fold line
            for y1, y2 in ((max(limit, top - clear_y - 4), top - clear_y),
                           (bottom + clear_y, min(page_h - limit, bottom + clear_y + 4))):
                if y2 - y1 >= impose.MARK_MIN:
                    ticks.append(Shape(polyline([(fold_x, y1), (fold_x, y2)]), fold_style))
        items = [Clip(area, tuple(inked))] if area is not None else inked
        items += ticks + _marks(impose.cut_marks(grid, page_w, page_h, clear_x, limit, clear_y),
                                mark_style)
        pages.append(PageSpec(page_w, page_h, tuple(items),
                              grid.bounds() if press else None,
                              grid.bounds().outset(b) if press else None))
    return Document(tuple(pages), tuple(forms),
                    title=f"{ctx.deck.title} — {ctx.t('documents.cards_foldover')}",
                    author=ctx.deck.territory.name or "", subject="cards-foldover", cmyk=press)


def plan_one_up(ctx: CardContext, cards: list[Card]) -> Document:
    """cards-1up.pdf for print shops: one card per page, trim + bleed + slug, front then back."""
    fmt, b = ctx.fmt, ctx.bleed
    slug = 7.0
    pw, ph = fmt.width + 2 * (b + slug), fmt.height + 2 * (b + slug)
    trim = Rect(b + slug, b + slug, fmt.width, fmt.height)
    forms = back_forms(ctx, cards)
    from kit.layout.geometry import REGISTRATION

    marks = _marks(impose.crop_marks(trim, b + impose.MARK_GAP, slug - impose.MARK_GAP - 1),
                   Style(stroke=REGISTRATION, width=HAIRLINE, cap="butt"))
    pages = []
    for card, items in card_fronts(ctx, cards):
        pages.append(PageSpec(pw, ph, (Group(tuple(items), trim.x, trim.y), *marks), trim,
                              trim.outset(b), card.name))
        pages.append(PageSpec(pw, ph, (FormRef(f"back-{card.kind}", trim.outset(b)), *marks),
                              trim, trim.outset(b), card.name + " verso"))
    return Document(tuple(pages), tuple(forms),
                    title=f"{ctx.deck.title} — {ctx.t('documents.cards_1up')}",
                    author=ctx.deck.territory.name or "", subject="cards-1up", cmyk=True)
