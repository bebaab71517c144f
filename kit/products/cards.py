"""Question cards: one card per question, beacon, current, pillar and stage.

The card files of a deck, built: `build` lays out every front once, then plans and renders
cards.pdf, cards-foldover.pdf, cards-1up.pdf (press) and cards-calibration.pdf. The work is
done in the modules it imports, in the order data flows: card_content (what goes on each
card), card_text (fitting the text), card_faces (fronts and backs), card_sheets (imposition),
calibration. Their public names used by the rest of the kit and by the tests are re-exported
here, so `kit.products.cards` stays the one place to plan cards from.
"""

from __future__ import annotations

from dataclasses import replace

from kit.layout import impose
from kit.layout.text import PT
from kit.load.layouts import CardFormat
from kit.model.deck import Deck
from kit.products.calibration import plan_calibration
from kit.products.card_content import (
    BODY,
    KIND_ORDER,
    Card,
    CardContext,
    Section,
    deck_cards,
    make_context,
)
from kit.products.card_faces import back_form, card_fronts, front_items
from kit.products.card_sheets import SheetOptions, plan_foldover, plan_one_up, plan_sheets

__all__ = ["BODY", "KIND_ORDER", "LARGE_PRINT", "Card", "CardContext", "Section",
           "SheetOptions", "back_form", "build", "deck_cards", "front_items",
           "large_print_format", "make_context", "plan_calibration", "plan_foldover",
           "plan_one_up", "plan_sheets"]

LARGE_PRINT = 14.0


def large_print_format(fmt: CardFormat) -> CardFormat:
    """The same format with every text at 14 pt or more (titles a step above)."""
    from kit.load.layouts import CardType

    t = fmt.type
    big = CardType(title=max(t.title, LARGE_PRINT + 3), body=max(t.body, LARGE_PRINT),
                   number=max(t.number, LARGE_PRINT + 6), label=max(t.label, LARGE_PRINT),
                   min=max(t.min, LARGE_PRINT))
    header = max(fmt.header, LARGE_PRINT * PT * 2.6)
    return replace(fmt, type=big, header=header, title=f"{fmt.title} (gros caractères)")


def build(deck: Deck, options) -> dict[str, bytes]:
    """Every card file of the deck, rendered in memory: {file name: PDF bytes}."""
    from kit.finish import render_checked
    from kit.load.layouts import load_card_format
    from kit.render import fonts

    fmt = load_card_format(options.card_format)
    if getattr(options, "large_print", False):
        fmt = large_print_format(fmt)
    fonts.ensure(BODY)
    press = options.profile == "press"
    bleed = options.bleed if press else 0.0
    ctx = make_context(deck, fmt, fonts.measure, bleed)
    cards = deck_cards(deck, ctx.t)
    choice = tuple(getattr(options, "cards", ()) or ())
    stem = "cards"
    if choice:  # a few cards to reprint: their own files, never mistaken for the whole set
        from kit.products.card_selection import select_cards

        cards, stem = select_cards(cards, choice), "cards-selection"
    if not cards:
        return {}
    opts = SheetOptions(options.paper, options.profile, options.duplex, bleed,
                        options.back_offset, getattr(options, "gutter", impose.OFFICE_GUTTER))
    card_fronts(ctx, cards)  # every front laid out once (and every overflow reported) here
    plans = {}  # the longest first: each process takes the next file (kit.parallel)
    if press:
        plans[f"{stem}-1up.pdf"] = lambda: plan_one_up(ctx, cards)  # two pages a card
    plans[f"{stem}.pdf"] = lambda: plan_sheets(ctx, cards, opts)
    plans[f"{stem}-foldover.pdf"] = lambda: plan_foldover(ctx, cards, opts)
    if options.calibration:
        plans["cards-calibration.pdf"] = lambda: plan_calibration(ctx, opts)
    return render_checked(plans)
