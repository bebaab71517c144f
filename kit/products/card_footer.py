"""The footer of every card front: the deck's title and territory under a hairline.

The footer has a fixed room, FOOTER_LINES lines of the format's label size, whatever the
deck's title: the body of a card is fitted in what is left, so a longer title (a territory
deck's) never pushes a card into overflow. A title that does not fit is wrapped, then
shortened at a word boundary with an ellipsis.
"""

from __future__ import annotations

from kit.layout.geometry import Group, Rect, Shape, Style, TextSpan, polyline
from kit.layout.text import PT, Overflow, break_lines, place_lines, styled, text_height
from kit.layout.text import Style as TextStyle

FOOTER_LINES = 2
HAIRLINE = 0.25 * PT
HAIRLINE_GAP = 1.6  # from the hairline down to the footer's first line box
ELLIPSIS = "…"
#: what is dropped before an ellipsis: "Carte — Mon…" reads better than "Carte —…"
_TRAILING = " \u00a0\u202f—–-:;,·/("

Line = tuple[list[TextSpan], float]


def footer_style(ctx) -> TextStyle:
    return TextStyle("body", ctx.fmt.type.label, 1.15, ctx.palette["muted"])


def footer_room(ctx) -> float:
    """Where the footer's room starts (mm from the card's top): the hairline's top at most.
    Fixed for a format, so the body's room never depends on the deck's title."""
    fmt = ctx.fmt
    return fmt.height - fmt.safe - text_height(FOOTER_LINES, footer_style(ctx))


def footer_lines(ctx, width: float, territory: bool = True) -> list[Line]:
    """The title and the territory in at most FOOTER_LINES lines of `width` mm:
    « title · territory » on one line; else the title, then the territory on its own line
    (or after the title's second line); else each shortened with an ellipsis. Without the
    territory (a card's back), the title on at most FOOTER_LINES lines."""
    deck = ctx.deck
    st = footer_style(ctx)
    title = deck.title
    territory = deck.territory.name if territory else None
    if territory and territory.casefold() in title.casefold():
        territory = None  # « Carte de la coopération du Pays de Morlaix · Pays de Morlaix »

    def spans(text: str) -> list[TextSpan]:
        return styled(text, deck.language)

    def lines(pieces: list[TextSpan]) -> list[Line]:
        try:
            return break_lines(pieces, width, st, ctx.measure, deck.language, hyphenate=False)
        except Overflow:
            return [([], width), ([], width)]  # wider than the card even cut: shorten it

    separator = [TextSpan(" · ")]
    if not territory:
        wrapped = lines(spans(title))
        if len(wrapped) <= FOOTER_LINES:
            return wrapped
        rest = [s for line, _ in wrapped[FOOTER_LINES - 1:] for s in (*line, TextSpan(" "))]
        return [*wrapped[:FOOTER_LINES - 1], shorten(ctx, rest, width)]
    one = lines([*spans(title), *separator, *spans(territory)])
    if len(one) == 1:
        return one
    title_lines = lines(spans(title))
    place = lines(spans(territory))
    if len(title_lines) == 1 and len(place) == 1:
        return title_lines + place
    if len(title_lines) == 2:
        last = lines([*title_lines[1][0], *separator, *spans(territory)])
        if len(last) == 1:
            return [title_lines[0], *last]
    first = title_lines[0] if len(title_lines) == 1 else shorten(ctx, spans(title), width)
    second = place[0] if len(place) == 1 else shorten(ctx, spans(territory), width)
    return [first, second]


def shorten(ctx, pieces: list[TextSpan], width: float) -> Line:
    """As many whole words as fit `width` with an ellipsis after them (a lone word too wide
    is cut inside)."""
    st = footer_style(ctx)
    lang = ctx.deck.language

    def measure(run: list[TextSpan]) -> float:
        return sum(ctx.measure(s.text, s.face, s.family or st.family, st.size) for s in run)

    room = width - measure([TextSpan(ELLIPSIS)])
    try:
        wrapped = break_lines(pieces, room, st, ctx.measure, lang, hyphenate=False)
    except Overflow:
        wrapped = []
    if len(wrapped) == 1:
        return wrapped[0]
    head = list(wrapped[0][0]) if wrapped else []
    if not head:  # nothing fits, not even cut: letters one by one
        text = "".join(s.text for s in pieces)
        while text and measure([TextSpan(text)]) > room:
            text = text[:-1]
        head = [TextSpan(text)]
    while head and not head[-1].text.rstrip(_TRAILING):
        head.pop()
    if head:
        last = head[-1]
        head[-1] = TextSpan(last.text.rstrip(_TRAILING), last.face, last.family)
    face = head[-1].face if head else "regular"
    out = [*head, TextSpan(ELLIPSIS, face)]
    return out, measure(out)


def footer_group(ctx) -> Group:
    """The footer drawn at the bottom of the card, its hairline just above its first line:
    the same on every card, stored once."""
    if "foot" not in ctx.shared:
        fmt, pal = ctx.fmt, ctx.palette
        w, safe = fmt.width, fmt.safe
        st = footer_style(ctx)
        lines = footer_lines(ctx, w - 2 * safe)
        h = text_height(len(lines), st)
        top = fmt.height - safe - h
        block = place_lines(lines, Rect(safe, top, w - 2 * safe, h), st, "label")
        rule = Shape(polyline([(safe, top - HAIRLINE_GAP), (w - safe, top - HAIRLINE_GAP)]),
                     Style(stroke=pal["muted"], width=HAIRLINE))
        ctx.shared["foot"] = Group((block, rule), share=f"{ctx.deck.id}-{fmt.name}-foot")
    return ctx.shared["foot"]
