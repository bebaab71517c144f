"""Card backs: one design per kind, stored once in each PDF as a form XObject."""

from __future__ import annotations

import cardcheck as K
import pytest

from kit.api import BuildOptions, build_deck
from kit.products import cards as C


def kinds(deck_id: str) -> set[str]:
    return {c.kind for c in K.context(deck_id)[1]}


@pytest.mark.parametrize("deck_id", K.DECKS)
def test_the_plan_has_one_back_form_per_kind_and_every_back_names_its_card_s_kind(deck_id):
    doc = K.sheets(deck_id)
    backs = [f.name for f in doc.forms if f.name.startswith("back-")]
    assert sorted(backs) == sorted(f"back-{k}" for k in kinds(deck_id))
    _, cards = K.context(deck_id)
    per_sheet = len(K.front_groups(doc.pages[0]))
    backs = [ref for page in doc.pages[1::2] for ref in K.back_refs(page)]
    assert len(backs) == len(cards)
    for s, page in enumerate(doc.pages[1::2]):
        chunk = cards[s * per_sheet:(s + 1) * per_sheet]
        assert sorted(r.name for r in K.back_refs(page)) == sorted(f"back-{c.kind}" for c in chunk)


def front_designs(cards) -> int:
    """Shared front furniture: one band per kind and pictogram, one footer."""
    return len({(c.kind, c.pictogram) for c in cards}) + 1


def assert_backs_stored_once(data: bytes, kinds_present: set[str], name: str,
                             fronts: int) -> None:
    """One form per back design and per shared front design, each stored once."""
    r = K.reader(data)
    forms = K.form_xobjects(r)
    expected = len(kinds_present) + fronts
    assert len(forms) == expected, f"{name}: {len(forms)} forms for {kinds_present}"
    # nowhere else in the file hides a copy: count every form XObject object
    everywhere = [i for i, obj in K.all_objects(r)
                  if hasattr(obj, "get") and obj.get("/Subtype") == "/Form"]
    assert len(everywhere) == expected, name
    # the pages that draw backs reference these forms, by name, with Do
    names_by_id = {}
    for page in r.pages:
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        for key, ref in xobjects.items():
            names_by_id.setdefault(ref.idnum, set()).add(key.lstrip("/").encode())
    used: set[int] = set()
    back_pages = 0
    for page in r.pages:
        drawn = K.page_form_names(page)
        if drawn:
            back_pages += 1
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        for key, ref in xobjects.items():
            if key.lstrip("/").encode() in drawn:
                used.add(ref.idnum)
    assert used == set(forms), f"{name}: forms never drawn: {set(forms) - used}"
    assert back_pages > 0


@pytest.mark.parametrize("deck_id", K.DECKS)
def test_each_back_is_stored_once_in_the_office_files(deck_id, build):
    built = build(deck_id, calibration=deck_id == "cooperation")
    _, cards = K.context(deck_id)
    for name in ("cards.pdf", "cards-foldover.pdf"):
        assert_backs_stored_once(built[name], kinds(deck_id), name, front_designs(cards))
    # cards.pdf: back pages draw one form per card, front pages two (band and footer)
    r = K.reader(built["cards.pdf"])
    back_draws = front_draws = 0
    for i, page in enumerate(r.pages):
        data = page.get_contents().get_data()
        count = data.count(b" Do\n") + data.count(b" Do ")
        if i % 2 == 0:
            front_draws += count
        else:
            back_draws += count
    assert back_draws == len(cards)
    assert front_draws == 2 * len(cards)


def test_each_back_is_stored_once_in_the_press_files(build):
    built = build("cooperation", profile="press", calibration=True)
    _, cards = K.context("cooperation")
    for name in ("cards.pdf", "cards-foldover.pdf", "cards-1up.pdf"):
        assert_backs_stored_once(built[name], kinds("cooperation"), name, front_designs(cards))


def test_a_deck_with_fewer_kinds_has_fewer_back_designs(tmp_path):
    folder = tmp_path / "decks" / "court"
    folder.mkdir(parents=True)
    (folder / "deck.yaml").write_text(
        "kit: 1\nid: court\ntitle: Deck court\nlanguage: fr\n"
        "beacons:\n  - id: phare\n    title: Le phare\n    questions:\n      - Qui ?\n"
        "  - id: bouee\n    title: La bouée\n"
        "currents:\n  - id: v\n    title: La vague\n    text: Une vague.\n",
        encoding="utf-8",
    )
    build_deck("court", tmp_path / "out", BuildOptions(only=("cards",)), cwd=tmp_path)
    data = (tmp_path / "out" / "court" / "cards.pdf").read_bytes()
    # beacons and currents share their band; questions from beacons too: 3 bands, 1 footer
    assert_backs_stored_once(data, {"beacon", "current", "question"}, "court/cards.pdf", 4)


@pytest.mark.parametrize("deck_id", K.DECKS)
def test_back_designs_differ_by_kind(deck_id):
    ctx, _ = K.context(deck_id)
    forms = [C.back_form(ctx, k) for k in sorted(kinds(deck_id))]
    fills = [next(i.style.fill for i in f.items if getattr(i, "style", None) and i.style.fill)
             for f in forms]
    assert len(set(fills)) == len(forms), "two kinds share a back colour"
    for form in forms:
        assert (form.w, form.h) == (ctx.fmt.width, ctx.fmt.height)
