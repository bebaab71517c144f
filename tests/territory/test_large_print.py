"""--large-print: every card and guide text at 14 pt or more."""

from __future__ import annotations

from kit.api import BuildOptions, build_deck
from kit.layout.geometry import Group, TextBlock


def _sizes(items):
    for item in items:
        if isinstance(item, TextBlock):
            yield item.size
        elif isinstance(item, Group):
            yield from _sizes(item.items)


def test_large_print_cards_and_booklet_never_go_under_14_pt(tmp_path):
    from kit.layout.theme import palette_for
    from kit.load.deck import load_deck
    from kit.load.layouts import load_card_format
    from kit.products import cards
    from kit.products.guide import plan_booklet
    from kit.render import fonts

    deck = load_deck("cooperation")
    fonts.use_deck_fonts({})
    fmt = cards.large_print_format(load_card_format("a5"))
    ctx = cards.make_context(deck, fmt, fonts.measure, 0.0)
    for card in cards.deck_cards(deck, ctx.t):
        sizes = list(_sizes(cards.front_items(ctx, card)))
        assert sizes and min(sizes) >= 14, card.name
    for kind in cards.KIND_ORDER:
        assert min(_sizes(cards.back_form(ctx, kind).items)) >= 14
    pages = plan_booklet(deck, fonts.measure, palette_for(deck))
    assert len(pages) > 4
    for page in pages:
        assert min(_sizes(page.items)) >= 14


def test_large_print_build_writes_a5_cards_and_the_booklet(tmp_path):
    result = build_deck("cooperation", tmp_path, BuildOptions(only=("cards", "map"),
                                                              card_format="a5",
                                                              large_print=True))
    names = {p.rsplit("/", 1)[-1] for p in result.written}
    assert {"cards.pdf", "map-guide-large-print.pdf", "map.pdf"} <= names
    assert not result.preflight.problems
