"""The text of a card's front: its title and sections stacked, set at the largest size
that fits the room left under the band, and the overflow message (field, height missing,
about how many characters to cut) when nothing fits even at the format's minimum size."""

from __future__ import annotations

from kit.errors import Diagnostic, KitError
from kit.layout.geometry import Color, Rect, Shape, Style, TextSpan, circle_path
from kit.layout.text import (
    PT,
    Overflow,
    break_lines,
    place_lines,
    strip_markup,
    styled,
    text_height,
)
from kit.layout.text import Style as TextStyle
from kit.products.card_content import BODY, Card, CardContext


def card_spans(ctx: CardContext, text: str, face: str = "regular") -> list[TextSpan]:
    return styled(text, ctx.deck.language, face)


def _layout_sections(ctx: CardContext, card: Card, width: float, body: float, title: float,
                     colour: Color) -> tuple[list, float, dict]:
    """Stack title and sections from y = 0; returns (items, height, height per field)."""
    m = ctx.measure
    lang = ctx.deck.language
    ink = ctx.palette["ink"]
    items: list = []
    per_field: dict[str, float] = {}
    y = 0.0
    if card.title:
        # a card with its title only (a first draft's stage) shows it centred, like a question
        st = TextStyle(BODY, title, 1.12, ink, "left" if card.sections else "center")
        spans = [TextSpan(s.text, "bolditalic" if s.face == "italic" else "bold")
                 for s in card_spans(ctx, card.title)]
        try:
            lines = break_lines(spans, width, st, m, lang, hyphenate=False)
        except Overflow as exc:
            exc.field = "title"
            raise
        h = text_height(len(lines), st)
        items.append(place_lines(lines, Rect(0, y, width, h), st, "title"))
        per_field["title"] = h
        y += h + body * 0.75 * PT
    for sec in card.sections:
        start = y
        if sec.heading:
            st = TextStyle(BODY, body, 1.2, colour)
            lines = break_lines(card_spans(ctx, sec.heading), width, st, m, lang)
            lines = [([TextSpan(s.text, "bold") for s in spans], w) for spans, w in lines]
            lines = break_lines([s for spans, _ in lines for s in spans], width, st, m, lang)
            h = text_height(len(lines), st)
            items.append(place_lines(lines, Rect(0, y, width, h), st, "body"))
            y += h + body * 0.35 * PT
        st = TextStyle(BODY, body, 1.22, ink)
        indent = body * 0.9 * PT if sec.bullets else 0.0
        # a question card's one question reads best unbroken; body text may hyphenate
        whole = card.kind == "question"
        for k, text in enumerate(sec.texts):
            try:
                lines = break_lines(card_spans(ctx, text, sec.face), width - indent, st, m, lang,
                                    hyphenate=not whole)
            except Overflow as exc:
                exc.field = sec.field  # blame the field the word is in, not the first one
                raise
            h = text_height(len(lines), st)
            box = Rect(indent, y, width - indent, h)
            items.append(place_lines(lines, box, st, "body"))
            if sec.bullets:
                r = body * 0.13 * PT
                items.append(Shape(circle_path(r, y + body * 0.55 * PT, r), Style(fill=colour)))
            y += h + (body * 0.3 * PT if k < len(sec.texts) - 1 else 0)
        per_field[sec.field] = per_field.get(sec.field, 0) + y - start
        y += body * 0.7 * PT
    return items, y - body * 0.7 * PT, per_field


def fit_content(ctx: CardContext, card: Card, width: float, avail: float, colour: Color):
    """Largest sizes (body down to the format's minimum) at which the card's text fits."""
    t = ctx.fmt.type
    body_max = t.title if card.kind == "question" else t.body
    size = body_max
    last: dict = {}
    last_used = 0.0
    # a title with nothing under it is set as large as a question
    title_max = t.title * 1.25 if not card.sections else t.title
    while size >= t.min - 1e-9:
        title = max(t.min, title_max - (body_max - size) * 1.2) if card.title else 0
        try:
            items, used, per_field = _layout_sections(ctx, card, width, size, title, colour)
        except Overflow as exc:
            last = {"_word": exc}
            size -= 0.25
            continue
        if used <= avail + 1e-6:
            return items, used
        last, last_used = per_field, used
        size -= 0.25
    if "_word" in last:
        exc = last["_word"]
        raise overflow_error(card, exc.field or card.sections[0].field, exc.needed, exc.available,
                             exc.longest_word, t.min)
    blame = max(last, key=last.get) if last else "text"
    raise overflow_error(card, blame, last_used, avail, minimum=t.min,
                         excess_chars=_excess_chars(card, blame, last.get(blame, 0.0),
                                                    last_used - avail))


def _excess_chars(card: Card, field_name: str, field_height: float, excess: float) -> int:
    """About how many characters of a field to cut for the card to fit: its share of the
    height missing, rounded up to 5 (0 when cutting that field alone would not do)."""
    if field_name == "title":
        texts: tuple[str, ...] = (card.title or "",)
    else:
        texts = tuple(t for sec in card.sections if sec.field == field_name for t in sec.texts)
    chars = sum(len(strip_markup(t)) for t in texts)
    if field_height <= 0 or excess >= field_height:
        return 0
    cut = -(-chars * excess // field_height)  # ceiling
    return int(min(chars, -(-cut // 5) * 5))


def overflow_error(card: Card, field_name: str, needed: float, available: float,
                   word: str = "", minimum: float = 7.0, excess_chars: int = 0) -> KitError:
    loc = card.entity.where(field_name)
    if word:
        detail = f"le mot « {word} » est plus large que la carte, même coupé"
    else:
        # one decimal when whole millimetres would read "57 mm … only 57"
        digits = 0 if round(needed) != round(available) else 1
        cut = f" d'environ {excess_chars} caractères" if excess_chars else ""
        detail = (f"le texte demande {mm(needed, digits)} de haut, {mm(available, digits)}"
                  f" disponibles même en {minimum:g} pt : raccourcissez-le{cut}")
    return KitError(Diagnostic(loc, f"la carte à jouer {card.name} déborde"
                                    f" (champ « {field_name} ») : {detail}"))


def mm(value: float, digits: int = 0) -> str:
    """A length as a French reader writes it: « 56,9 mm »."""
    return f"{value:.{digits}f}".replace(".", ",") + " mm"
