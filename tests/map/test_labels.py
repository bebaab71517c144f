"""The recto's automatic layout across the whole range of decks the issue promises.

For corner-case decks (1/8 pillars × 1/12 beacons × 0/12 currents × 2/8 stages) and seeded
random decks with French titles of random lengths, plan_recto must give: no label over another
label, over a pictogram or over the cartouche and compass rose; every label inside the safe
area; no text under 7 pt; no two pictograms overlapping; pillars on land, the rest at sea.
A pinned element lands where the deck says; an impossible deck fails by name.
"""

from __future__ import annotations

import itertools

import pytest
from chartcheck import chart_problems
from map_decks import (
    crammed_deck_dict,
    deck_dict,
    largest_deck_dict,
    random_deck_dict,
    smallest_deck_dict,
    write_deck,
)

from kit.errors import KitError
from kit.products.map import MIN_PT, plan_recto
from kit.render import fonts


@pytest.fixture(scope="module", autouse=True)
def _fonts():
    for role in ("body", "display"):
        fonts.register(role)


def check_recto(recto, sides: bool = True) -> None:
    """Every acceptance criterion of the chart that can be read off the plan (sides: the
    pillars and sites on land and the rest at sea, unless the deck pinned something)."""
    problems = chart_problems(recto, sides, MIN_PT)
    assert not problems, "\n".join(problems[:30])


GRID = list(itertools.product((1, 8), (1, 12), (0, 12), (2, 8)))


@pytest.mark.parametrize(("pillars", "beacons", "currents", "stages"), GRID,
                         ids=[f"p{p}-b{b}-c{c}-s{s}" for p, b, c, s in GRID])
def test_corner_decks(tmp_path, pillars, beacons, currents, stages):
    titles = "long" if pillars + beacons + currents + stages > 20 else "random"
    deck = write_deck(tmp_path, deck_dict(pillars, beacons, currents, stages, seed=3,
                                          titles=titles))
    check_recto(plan_recto(deck, fonts.measure))


@pytest.mark.parametrize("seed", range(30))
def test_random_decks(tmp_path, seed):
    deck = write_deck(tmp_path, random_deck_dict(seed))
    check_recto(plan_recto(deck, fonts.measure))


@pytest.mark.parametrize("maker", [largest_deck_dict, smallest_deck_dict],
                         ids=["largest", "smallest"])
def test_extreme_decks(tmp_path, maker):
    deck = write_deck(tmp_path, maker())
    check_recto(plan_recto(deck, fonts.measure))


BELOW = [(0, 0, 0, 0), (0, 1, 1, 1), (3, 0, 2, 1), (2, 3, 0, 0)]


@pytest.mark.parametrize(("pillars", "beacons", "currents", "stages"), BELOW,
                         ids=[f"p{p}-b{b}-c{c}-s{s}" for p, b, c, s in BELOW])
def test_decks_still_being_written(tmp_path, pillars, beacons, currents, stages):
    """Below the range (no stage yet, no pillar…): still a clean chart, not a traceback."""
    deck = write_deck(tmp_path, deck_dict(pillars, beacons, currents, stages, seed=8))
    check_recto(plan_recto(deck, fonts.measure))


@pytest.mark.parametrize("deck_ref", ["cooperation", "faire-ensemble"])
def test_default_decks(deck_ref):
    from kit.load.deck import load_deck

    check_recto(plan_recto(load_deck(deck_ref), fonts.measure))


@pytest.mark.parametrize("kind", ["stages", "beacons", "currents", "pillars"])
def test_pinned_element_lands_where_the_deck_says(tmp_path, kind):
    tree = deck_dict(3, 4, 4, 4, seed=5)
    tree[kind][0]["map"] = {"x": 20, "y": 30}
    deck = write_deck(tmp_path, tree)
    recto = plan_recto(deck, fonts.measure)
    feature = next(f for f in recto.features if f.key == tree[kind][0]["id"])
    assert (feature.x, feature.y) == pytest.approx((84.0, 89.1), abs=1e-9)
    # its label is placed by the same rules as the others, and the rest makes way for it
    check_recto(recto, sides=False)


def test_same_deck_same_plan(tmp_path):
    deck = write_deck(tmp_path, random_deck_dict(7))
    a, b = plan_recto(deck, fonts.measure), plan_recto(deck, fonts.measure)
    assert a.page == b.page


def test_a_crammed_deck_is_clean_or_fails_by_name(tmp_path):
    """Every count at the top of the range and every title near 60 characters: at the limit
    of what an A3 chart holds. Either a clean chart (trails without room are left to the
    cards and the guide) or a failure naming elements and their deck lines — never a
    cramped chart or an unexplained error."""
    deck = write_deck(tmp_path, crammed_deck_dict())
    try:
        recto = plan_recto(deck, fonts.measure)
    except KitError as exc:
        assert exc.diagnostics
        assert all(d.loc.line > 0 and "la carte de poche : pas de place pour" in d.message
                   for d in exc.diagnostics)
    else:
        check_recto(recto)


def test_beyond_the_range_fails_by_name(tmp_path):
    """The same with four currents more than the range: no room, and the message names
    elements and their deck lines rather than printing a cramped chart."""
    tree = crammed_deck_dict()
    tree["currents"] += [dict(c, id=c["id"] + "-bis", title=c["title"] + " bis")
                         for c in tree["currents"][:4]]
    deck = write_deck(tmp_path, tree)
    with pytest.raises(KitError) as caught:
        plan_recto(deck, fonts.measure)
    assert all(d.loc.line > 0 and "la carte de poche : pas de place pour" in d.message
               for d in caught.value.diagnostics)


def test_impossible_deck_fails_by_name(tmp_path):
    tree = deck_dict(4, 6, 0, 5, seed=2)
    tree["currents"] = [{"id": f"courant-{i}", "text": "Un courant.",
                         "title": f"Le courant numéro {i} qui emporte tout sur son passage et"
                                  " ne laisse rien derrière lui"}
                        for i in range(60)]
    deck = write_deck(tmp_path, tree)
    with pytest.raises(KitError) as caught:
        plan_recto(deck, fonts.measure)
    message = str(caught.value)
    assert "courant" in message
    assert "Le courant numéro" in message
    # cites the deck line of the element
    assert "deck.yaml:" in message
