"""The two faces of a card: the front (the kind's band and label, the QR code of a beacon's
resource, a question's context, the fitted text, the footer) in card coordinates, and one back
per kind, stored once in the PDF as a form."""

from __future__ import annotations

from kit.errors import KitError
from kit.layout.geometry import (
    WHITE,
    Form,
    Group,
    Link,
    Rect,
    Shape,
    Style,
    TextSpan,
    circle_path,
    rect_path,
)
from kit.layout.pictograms import pictogram
from kit.layout.qr import QUIET_MODULES, qr_matrix, qr_path
from kit.layout.text import PT, Overflow, break_lines, place_lines, text_height
from kit.layout.text import Style as TextStyle
from kit.products.card_content import BODY, KIND_ORDER, KIND_PICTOGRAM, Card, CardContext
from kit.products.card_footer import footer_group, footer_lines, footer_room
from kit.products.card_text import card_spans, fit_content, overflow_error

HAIRLINE = 0.25 * PT  # 0.25 pt in mm


def _translate(items: list, dx: float, dy: float) -> Group:
    return Group(tuple(items), dx, dy)


def head_band(ctx: CardContext, card: Card, bleed: float | None = None) -> Group:
    """The coloured band with the kind's pictogram in its disc: the same on every card of a
    kind (and landmark), so the renderer stores it once. bleed: how far the band runs past
    the card (the context's bleed unless given: an office sheet's half gutter)."""
    b = ctx.bleed if bleed is None else bleed
    name = f"head-{card.kind}-{card.pictogram}-{b:g}"
    if name not in ctx.shared:
        fmt, pal = ctx.fmt, ctx.palette
        colour = pal[card.kind]
        # coloured band, running into the bleed on three sides
        items: list = [Shape(rect_path(Rect(-b, -b, fmt.width + 2 * b, fmt.header + b)),
                             Style(fill=colour))]
        disc_r = fmt.header * 0.34
        cx, cy = fmt.safe + disc_r, fmt.header / 2
        items.append(Shape(circle_path(cx, cy, disc_r), Style(fill=WHITE)))
        size = disc_r * 1.45
        items += pictogram(card.pictogram, size, cx - size / 2, cy - size / 2, pal["ink"],
                           colour, WHITE)
        ctx.shared[name] = Group(tuple(items), share=f"{ctx.deck.id}-{fmt.name}-{b:g}-{name}")
    return ctx.shared[name]


def front_items(ctx: CardContext, card: Card) -> list:
    """The front of one card in card coordinates (0, 0 at the trim's top-left corner)."""
    fmt, pal = ctx.fmt, ctx.palette
    w, safe = fmt.width, fmt.safe
    colour = pal[card.kind]
    items: list = [head_band(ctx, card)]
    disc_r = fmt.header * 0.34
    cx, cy = safe + disc_r, fmt.header / 2
    label = f"{ctx.t('kind.' + card.kind)} · {card.number}/{card.total}"
    lsize = fmt.type.label + 1
    st = TextStyle(BODY, lsize, 1.1, WHITE)
    label_x = cx + disc_r + 2.2
    number_w = 0.0
    if card.big_number:
        nst = TextStyle(BODY, fmt.type.number, 1.0, WHITE)
        spans = [TextSpan(card.big_number, "bold")]
        number_w = ctx.measure(card.big_number, "bold", BODY, fmt.type.number)
        nh = fmt.type.number * 0.72 * PT
        items.append(place_lines([(spans, number_w)],
                                 Rect(w - safe - number_w,
                                      cy - nh / 2 - fmt.type.number * 0.18 * PT,
                                      number_w, nh), nst, "label"))
    label_w = w - safe - label_x - (number_w + 2 if number_w else 0)
    lines = break_lines([TextSpan(label, "bold")], label_w, st, ctx.measure, ctx.deck.language)
    lh = text_height(len(lines), st)
    items.append(place_lines(lines, Rect(label_x, cy - lh / 2, label_w, lh), st, "label"))

    # footer: a hairline and the deck's title and territory, the same on every card, in a
    # room of fixed height: the body's room does not depend on the deck's title
    inner_w = w - 2 * safe
    footer_top = footer_room(ctx)
    items.append(footer_group(ctx))

    top = fmt.header + 2.8
    bottom = footer_top - 3.0
    if card.qr:
        q = fmt.qr
        quiet = QUIET_MODULES * q / len(qr_matrix(card.qr[1]))  # four of this code's modules
        # the quiet zone stays clear of the footer's hairline too
        qbox = Rect(w - safe - q, min(bottom, footer_top - 1.6 - HAIRLINE / 2 - quiet) - q, q, q)
        path, module = qr_path(card.qr[1], qbox)
        items.append(Shape(path, Style(fill=pal["ink"])))
        items.append(Link(card.qr[1], qbox))
        rst = TextStyle(BODY, fmt.type.label, 1.15, pal["muted"])
        text = f"{ctx.t('card.resource')} : {card.qr[0]}" if ctx.deck.language == "fr" else \
            f"{ctx.t('card.resource')}: {card.qr[0]}"
        rw = qbox.x - safe - quiet
        try:
            lines = break_lines(card_spans(ctx, text), rw, rst, ctx.measure, ctx.deck.language)
        except Overflow as exc:
            raise overflow_error(card, "resources", exc.needed, exc.available,
                                 minimum=fmt.type.label) from None
        rh = text_height(len(lines), rst)
        if rh > q:
            raise overflow_error(card, "resources", rh, q, minimum=fmt.type.label)
        items.append(place_lines(lines, Rect(safe, qbox.y2 - rh, rw, rh), rst, "label"))
        bottom = qbox.y - quiet
    if card.context:
        cst = TextStyle(BODY, fmt.type.label, 1.15, colour)
        try:
            lines = break_lines(card_spans(ctx, card.context, "italic"), inner_w, cst, ctx.measure,
                                ctx.deck.language)
        except Overflow as exc:
            raise overflow_error(card, "context", exc.needed, exc.available,
                                 minimum=fmt.type.label) from None
        chh = text_height(len(lines), cst)
        items.append(place_lines(lines, Rect(safe, bottom - chh, inner_w, chh), cst, "label"))
        bottom -= chh + 3.0
    avail = bottom - top
    content, used = fit_content(ctx, card, inner_w, avail, colour)
    # a question stands alone, and so does a title without text: centre it in its space;
    # other cards read from the top
    alone = card.kind == "question" or not card.sections
    dy = top + (avail - used) / 2 if alone else top
    items.append(_translate(content, safe, dy))
    return items


def back_form(ctx: CardContext, kind: str, bleed: float | None = None) -> Form:
    """One back per kind, stored once in the PDF: colour, pictogram, kind, deck title; its
    colour runs `bleed` mm past the card (the context's bleed unless given)."""
    fmt, pal = ctx.fmt, ctx.palette
    b = ctx.bleed if bleed is None else bleed
    w, h = fmt.width + 2 * b, fmt.height + 2 * b
    colour = pal[kind]
    cx, cy = w / 2, h * 0.43
    items: list = [Shape(rect_path(Rect(0, 0, w, h)), Style(fill=colour))]
    r = fmt.width * 0.24
    tint = colour.mix(WHITE, 0.16)
    for k in (3, 2, 1):  # soft rings, like a compass card: tolerant of duplex misregistration
        items.append(Shape(circle_path(cx, cy, r * (1 + 0.22 * k)),
                           Style(stroke=tint, width=0.45 + 0.1 * k)))
    items.append(Shape(circle_path(cx, cy, r), Style(fill=WHITE)))
    size = r * 1.3
    items += pictogram(KIND_PICTOGRAM[kind], size, cx - size / 2, cy - size / 2, pal["ink"],
                       colour, WHITE)
    inner = fmt.width - 2 * fmt.safe
    st = TextStyle(BODY, fmt.type.title, 1.1, WHITE)
    word = ctx.t(f"kind_plural.{kind}").upper()
    lines = break_lines([TextSpan(word, "bold")], inner, st, ctx.measure, ctx.deck.language)
    th = text_height(len(lines), st)
    ty = cy + r * 1.66 + 3
    items.append(place_lines(lines, Rect(b + fmt.safe, ty, inner, th),
                             TextStyle(BODY, fmt.type.title, 1.1, WHITE, "center"), "title"))
    fst = TextStyle(BODY, fmt.type.label, 1.15, WHITE, "center")
    lines = footer_lines(ctx, inner, territory=False)
    fh = text_height(len(lines), fst)
    items.append(place_lines(lines, Rect(b + fmt.safe, h - b - fmt.safe - fh, inner, fh), fst,
                             "label"))
    return Form(f"back-{kind}", w, h, tuple(items))


def back_forms(ctx: CardContext, cards: list[Card],
               bleed: float | None = None) -> list[Form]:
    """The backs of the kinds present."""
    return [back_form(ctx, kind, bleed) for kind in KIND_ORDER
            if any(c.kind == kind for c in cards)]


def card_fronts(ctx: CardContext, cards: list[Card]) -> list[tuple[Card, list]]:
    """Every front laid out; every card that does not fit is reported, not just the first."""
    if ctx._faces is not None:
        return ctx._faces
    faces, problems = [], []
    for card in cards:
        try:
            faces.append((card, front_items(ctx, card)))
        except KitError as exc:
            problems += exc.diagnostics
    if problems:
        raise KitError(problems)
    ctx._faces = faces
    return faces
