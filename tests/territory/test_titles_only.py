"""A first draft: stages, pillars, beacons, currents, sites and imaginaries with a title only,
French keys, plain credits (tests/data/titles-only.yaml), built through every product."""

from __future__ import annotations

from pathlib import Path

import pytest

from kit.api import BuildOptions, build_deck, diff_decks
from kit.layout.geometry import Group, TextBlock
from kit.load.deck import load_deck
from kit.load.layouts import load_card_format
from kit.products import cards as C
from kit.products.card_footer import footer_room
from kit.products.guide import flow_blocks
from kit.render import fonts

DATA = Path(__file__).resolve().parent.parent / "data"
DRAFT = DATA / "titles-only.yaml"


@pytest.fixture(scope="module")
def draft():
    return load_deck(DRAFT, DATA)


def test_the_draft_builds_through_every_product(tmp_path, draft):
    options = BuildOptions(only=("cards", "map", "canvases", "site"))
    result = build_deck(DRAFT, tmp_path, options, DATA)
    written = {Path(p).name for p in result.written}
    assert {"cards.pdf", "map.pdf", "canvases.pdf", "index.html",
            "LISEZ-MOI-impression.pdf"} <= written
    assert result.preflight.problems == []
    assert draft.credits.text == "Merci à toutes les structures du territoire."


def blocks(items, dy=0.0):
    for item in items:
        if isinstance(item, Group):
            yield from blocks(item.items, dy + item.dy)
        elif isinstance(item, TextBlock):
            yield item, dy


def test_a_card_with_its_title_only_shows_it_centred_and_larger(draft):
    fonts.use_deck_fonts({})
    fmt = load_card_format("poker")
    ctx = C.make_context(draft, fmt, fonts.measure, 0.0)
    cards = C.deck_cards(draft, ctx.t)
    stage = next(c for c in cards if c.kind == "stage")
    assert stage.sections == ()
    title, dy = next((b, dy) for b, dy in blocks(C.front_items(ctx, stage))
                     if b.role == "title")
    top, bottom = fmt.header + 2.8, footer_room(ctx) - 3.0
    middle = dy + title.box.y + title.box.h / 2
    assert abs(middle - (top + bottom) / 2) < 1.0
    assert title.size > fmt.type.title  # larger than a title with text under it
    for line in title.lines:  # each line centred in the card's width
        assert abs((line.x - title.box.x) - (title.box.w - line.width) / 2) < 0.05


def test_the_guide_gives_a_title_only_current_its_row_and_no_dangling_label(draft):
    from kit.i18n import Messages

    kinds = [(b.kind, b.section, b.icon) for b in flow_blocks(draft, Messages("fr"))]
    assert ("title", "currents", "current") in kinds
    texts = " ".join(str(b.text) for b in flow_blocks(draft, Messages("fr")))
    assert "Pour l’éviter" not in texts and " — " not in texts


def test_a_current_with_its_avoid_but_no_text(tmp_path):
    (tmp_path / "deck.yaml").write_text(
        "kit: 1\nid: c\ntitle: C\nlanguage: fr\ncurrents:\n  - id: vite\n    title: Trop vite\n"
        "    avoid: Prendre le temps.\n", encoding="utf-8")
    deck = load_deck(tmp_path / "deck.yaml", tmp_path)
    from kit.i18n import Messages

    blocks_ = flow_blocks(deck, Messages("fr"))
    assert [b.kind for b in blocks_] == ["heading", "title", "text"]
    assert blocks_[2].text.endswith("Prendre le temps.")


def test_kit_diff_lists_the_questions_a_remove_took_along():
    diff = diff_decks("cooperation", str(DATA / "remove-with-dependants" / "deck.yaml"), DATA)
    removed = {row["id"]: row.get("with") for row in diff["removed"]}
    assert removed["embarquement"] is None
    assert removed["q-trinome"] == "embarquement"
    assert removed["q-petit-nom"] == "documenter-au-fil-de-l-eau"
    assert sum(1 for w in removed.values() if w) == 9
    changed = {row["id"]: row["fields"] for row in diff["changed"]}
    assert changed["ulysse"] == ["beacons"]  # the removed beacon left its list
