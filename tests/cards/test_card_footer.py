"""The card footer: the deck's title and territory in a room of fixed height, wrapped, then
shortened at a word with an ellipsis; the body's room never depends on them (issue #14: the
longer title `kit new` wrote pushed three cards of the base deck into overflow)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kit.load.deck import load_deck
from kit.load.layouts import load_card_format
from kit.products.card_footer import FOOTER_LINES, footer_lines, footer_room, footer_style
from kit.products.cards import make_context
from kit.render import fonts

LONG_WORD = "Intercommunalité" * 6
TITLES = [
    ("Petit kit", "Morlaix"),
    ("Carte topo-méthodo de la coopération — Mon territoire", "Mon territoire"),
    ("Faire ensemble : structurer une communauté d’action", "Morlaix et Mulhouse"),
    (" ".join(["Un titre de kit vraiment interminable"] * 8), "Communauté de communes du"
     " Pays de Landivisiau et des Monts d’Arrée réunis"),
    (f"Le kit {LONG_WORD}", None),
    (" ".join(["Sans territoire mais très long"] * 6), None),
]


def context(title: str, territory: str | None, fmt: str = "poker"):
    fonts.ensure("body")
    deck = load_deck("cooperation")
    deck = replace(deck, title=title, territory=replace(deck.territory, name=territory))
    return make_context(deck, load_card_format(fmt), fonts.measure, 0.0)


def text_of(line) -> str:
    return "".join(span.text for span in line[0])


@pytest.mark.parametrize("fmt", ["poker", "a5"])
@pytest.mark.parametrize(("title", "territory"), TITLES, ids=lambda v: (v or "-")[:20])
def test_the_footer_takes_at_most_two_lines_of_the_card_width(title, territory, fmt):
    ctx = context(title, territory, fmt)
    width = ctx.fmt.width - 2 * ctx.fmt.safe
    lines = footer_lines(ctx, width)
    assert 1 <= len(lines) <= FOOTER_LINES
    st = footer_style(ctx)
    for line in lines:
        measured = sum(ctx.measure(s.text, s.face, s.family or st.family, st.size)
                       for s in line[0])
        assert measured <= width + 1e-6, (text_of(line), measured, width)
    for line in lines:
        text = text_of(line)
        if text.endswith("…"):  # shortened between two words (or inside one too long)
            head = text.removesuffix("…")
            words = title.split() + (territory or "").split()
            assert head and (head.split()[-1] in words or LONG_WORD.startswith(
                head.split()[-1]) or head.split()[-1].rstrip(" —:") in words), text


def test_the_body_keeps_its_room_whatever_the_title():
    rooms = {footer_room(context(title, territory)) for title, territory in TITLES}
    assert len(rooms) == 1


def test_title_and_territory_share_a_line_when_they_fit():
    lines = footer_lines(context("Petit kit", "Morlaix"), 55.0)
    assert [text_of(line) for line in lines] == ["Petit kit · Morlaix"]


def test_a_territory_already_in_the_title_is_not_repeated():
    ctx = context("Carte de la coopération du Pays de Morlaix", "Pays de Morlaix")
    lines = [text_of(line) for line in footer_lines(ctx, 55.0)]
    assert lines == ["Carte de la coopération du Pays de Morlaix"]


def test_a_long_title_is_shortened_at_a_word_and_the_territory_kept():
    ctx = context(TITLES[3][0], "Pays de Morlaix")
    first, second = (text_of(line) for line in footer_lines(ctx, 55.0))
    assert first.endswith("…") and TITLES[3][0].startswith(first.removesuffix("…"))
    assert TITLES[3][0][len(first) - 1] == " "  # cut between two words
    assert second == "Pays de Morlaix"
