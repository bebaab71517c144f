"""What goes on the cards: one per question, beacon, current, pillar and stage, with its label.

Checked on the planned fronts (kit.products.cards.front_items): plain numbers and text runs."""

from __future__ import annotations

from collections import Counter

import cardcheck as K
import pytest

from kit.layout.geometry import Link, Shape
from kit.layout.qr import qr_path
from kit.products import cards as C

#: the kind labels in French, as the issue writes them ("Balise · 3/4")
FRENCH_KINDS = {"stage": "Étape", "pillar": "Pilier", "beacon": "Balise",
                "current": "Courant dangereux", "question": "Question"}


def front(deck_id: str, card, fmt: str = "poker") -> list:
    ctx, _ = K.context(deck_id, fmt)
    return C.front_items(ctx, card)


def front_letters(deck_id: str, card, fmt: str = "poker") -> str:
    return "".join(K.letters(K.block_text(b)) for b in K.text_blocks(front(deck_id, card, fmt)))


def cards_of(deck_id: str, kind: str) -> list:
    return [c for c in K.context(deck_id)[1] if c.kind == kind]


@pytest.mark.parametrize("deck_id", K.DECKS)
def test_one_card_per_stage_pillar_beacon_current_and_question(deck_id):
    deck = K.deck(deck_id)
    counts = Counter(c.kind for c in K.context(deck_id)[1])
    questions = len(deck.questions) + sum(len(b.questions) for b in deck.beacons)
    assert counts == {
        "stage": len(deck.stages),
        "pillar": len(deck.pillars),
        "beacon": len(deck.beacons),
        "current": len(deck.currents),
        "question": questions,
    }
    assert all(counts[k] > 0 for k in FRENCH_KINDS), counts


@pytest.mark.parametrize("deck_id", K.DECKS)
def test_every_question_of_the_deck_and_of_its_beacons_is_on_a_card(deck_id):
    deck = K.deck(deck_id)
    texts = [q.text for q in deck.questions] + [t for b in deck.beacons for t in b.questions]
    on_cards = [front_letters(deck_id, c) for c in cards_of(deck_id, "question")]
    for text in texts:
        hits = [i for i, body in enumerate(on_cards) if K.letters(text) in body]
        assert len(hits) >= 1, f"question missing from the cards: {text!r}"
    # and each question card carries exactly one of them, in deck order
    assert len(on_cards) == len(texts)
    for body, text in zip(on_cards, texts, strict=True):
        assert K.letters(text) in body


@pytest.mark.parametrize("deck_id", K.DECKS)
def test_beacon_card_has_title_first_question_tracks_and_a_qr_code_of_its_resource(deck_id):
    deck = K.deck(deck_id)
    ctx, _ = K.context(deck_id)
    for beacon, card in zip(deck.beacons, cards_of(deck_id, "beacon"), strict=True):
        items = front(deck_id, card)
        body = front_letters(deck_id, card)
        assert K.letters(beacon.title) in body
        if beacon.questions:
            assert K.letters(beacon.questions[0]) in body
        for later in beacon.questions[1:]:
            assert K.letters(later) not in body, "only the first question goes on the beacon"
        for track in beacon.tracks:
            assert K.letters(track) in body, f"{beacon.id}: track missing: {track!r}"
        if beacon.tracks:
            assert K.letters(ctx.t("card.tracks")) in body
        placed = list(K.walk(items))
        links = [p for p in placed if isinstance(p.item, Link)]
        if not beacon.resources:
            assert not links
            continue
        url = beacon.resources[0].url
        assert [p.item.url for p in links] == [url]
        box = links[0].item.at
        expected, _ = qr_path(url, box)
        codes = [p for p in placed if isinstance(p.item, Shape) and p.item.path == expected]
        assert len(codes) == 1, f"{beacon.id}: no QR code of {url} under its link"
        assert K.close(box.w, ctx.fmt.qr, 1e-6) and K.close(box.h, ctx.fmt.qr, 1e-6)


@pytest.mark.parametrize("deck_id", K.DECKS)
def test_stage_pillar_and_current_cards_carry_their_texts(deck_id):
    deck = K.deck(deck_id)
    titles = {b.id: b.title for b in deck.beacons}
    for stage, card in zip(deck.stages, cards_of(deck_id, "stage"), strict=True):
        body = front_letters(deck_id, card)
        for text in (stage.title, stage.text, stage.tagline or "",
                     *(titles[b] for b in stage.beacons)):
            assert K.letters(text) in body, (stage.id, text)
    for pillar, card in zip(deck.pillars, cards_of(deck_id, "pillar"), strict=True):
        body = front_letters(deck_id, card)
        for text in (pillar.title, pillar.text, *pillar.trails):
            assert K.letters(text) in body, (pillar.id, text)
    for current, card in zip(deck.currents, cards_of(deck_id, "current"), strict=True):
        body = front_letters(deck_id, card)
        for text in (current.title, current.text, current.avoid or ""):
            assert K.letters(text) in body, (current.id, text)


@pytest.mark.parametrize("deck_id", K.DECKS)
def test_each_card_is_labelled_with_its_kind_and_number_in_french(deck_id):
    by_kind = Counter()
    totals = Counter(c.kind for c in K.context(deck_id)[1])
    for card in K.context(deck_id)[1]:
        by_kind[card.kind] += 1
        label = f"{FRENCH_KINDS[card.kind]} · {by_kind[card.kind]}/{totals[card.kind]}"
        texts = [K.block_text(b) for b in K.text_blocks(front(deck_id, card))]
        assert label in texts, f"{card.name}: no label {label!r} among {texts[:3]}"


def test_the_third_beacon_reads_balise_3_of_4():
    card = cards_of("cooperation", "beacon")[2]
    texts = [K.block_text(b) for b in K.text_blocks(front("cooperation", card))]
    assert "Balise · 3/4" in texts


def test_kind_labels_follow_the_deck_language(tmp_path):
    folder = tmp_path / "decks" / "english"
    folder.mkdir(parents=True)
    (folder / "deck.yaml").write_text(
        "kit: 1\nid: english\ntitle: An English deck\nlanguage: en\n"
        "beacons:\n  - id: lamp\n    title: The lamp\n    questions:\n      - Who lights it?\n"
        "currents:\n  - id: wave\n    title: The wave\n    text: A wave.\n",
        encoding="utf-8",
    )
    from kit.load.deck import load_deck

    deck = load_deck("english", tmp_path)
    ctx, cards = K.context_for(deck)
    labels = [K.block_text(b) for c in cards for b in K.text_blocks(C.front_items(ctx, c))]
    assert "Beacon · 1/1" in labels
    assert "Dangerous current · 1/1" in labels
    assert "Question · 1/1" in labels
    assert not any("Balise" in t for t in labels)


@pytest.mark.parametrize("deck_id", K.DECKS)
@pytest.mark.parametrize("fmt", list(K.FORMATS))
def test_deck_title_and_territory_in_small_type_on_every_front(deck_id, fmt):
    deck = K.deck(deck_id)
    ctx, cards = K.context(deck_id, fmt)
    want = K.letters(deck.title + (deck.territory.name or ""))
    for card in cards:
        blocks = K.text_blocks(C.front_items(ctx, card))
        footers = [b for b in blocks if K.letters(K.block_text(b)) == want]
        assert len(footers) == 1, f"{card.name}: no footer with the deck title and territory"
        footer = footers[0]
        assert footer.size == ctx.fmt.type.label <= 7.5
        # small type: nothing else on the card is set smaller, the title is set larger
        assert footer.size <= min(b.size for b in blocks)
        titles = [b for b in blocks if b.role == "title"]
        assert all(footer.size < t.size for t in titles)


def test_card_formats_have_the_issue_s_sizes():
    from kit.load.layouts import load_card_format

    for name, (w, h) in K.FORMATS.items():
        fmt = load_card_format(name)
        assert (fmt.width, fmt.height) == (w, h), name
        assert fmt.type.min >= 7 and fmt.type.label >= 7
