"""The recto's automatic layout across the whole range of decks the issue promises.

For corner-case decks (1/8 pillars × 1/12 beacons × 0/12 currents × 2/8 stages) and seeded
random decks with French titles of random lengths, plan_recto must give: no label over another
label, over a pictogram or over the cartouche and compass rose; every label inside the safe
area; no text under 7 pt; no two pictograms overlapping; pillars on land, the rest at sea.
A pinned element lands where the deck says; an impossible deck fails by name.
"""

from __future__ import annotations

import itertools
import math

import pytest
from map_decks import deck_dict, largest_deck_dict, random_deck_dict, smallest_deck_dict, write_deck

from kit.errors import KitError
from kit.layout.geometry import Group, Rect, TextBlock
from kit.products.map import MIN_PT, plan_recto
from kit.render import fonts

TOL = 1e-6


@pytest.fixture(scope="module", autouse=True)
def _fonts():
    for role in ("body", "display"):
        fonts.register(role)


def text_blocks(items):
    for item in items:
        if isinstance(item, TextBlock):
            yield item
        elif isinstance(item, Group):
            yield from text_blocks(item.items)


def overlap(a: Rect, b: Rect) -> bool:
    return a.intersects(b, tol=TOL)


def check_recto(recto, sides: bool = True) -> None:
    """Every acceptance criterion of the issue that can be read off the plan (sides: the
    pillars on land and the rest at sea, unless the deck pinned something elsewhere)."""
    labels = recto.labels
    problems: list[str] = []
    keys = {f.key for f in recto.features}
    placed = {p.key for p in labels}
    missing = keys - placed
    if missing:
        problems.append(f"features without a label: {sorted(missing)}")
    for a, b in itertools.combinations(labels, 2):
        if overlap(a.rect, b.rect):
            problems.append(f"label {a.key} overlaps label {b.key}")
    for p in labels:
        if not recto.safe.contains(p.rect, tol=TOL):
            problems.append(f"label {p.key} leaves the safe area: {p.rect}")
        for owner, rect in recto.obstacles:
            if owner != p.key and overlap(p.rect, rect):
                problems.append(f"label {p.key} overlaps the pictogram of {owner}")
    for (ka, ra), (kb, rb) in itertools.combinations(recto.obstacles, 2):
        if overlap(ra, rb):
            problems.append(f"pictograms of {ka} and {kb} overlap")
    for block in text_blocks(recto.page.items):
        if block.size < MIN_PT - 1e-9:
            text = "".join(s.text for line in block.lines for s in line.spans)
            problems.append(f"text at {block.size} pt: {text[:40]!r}")
    island = recto.island
    for f in recto.features if sides else ():
        ring = [(f.x + math.cos(a) * f.radius, f.y + math.sin(a) * f.radius)
                for a in (k * math.pi / 4 for k in range(8))] + [(f.x, f.y)]
        if f.kind == "pillar" and not all(island.contains(x, y) for x, y in ring):
            problems.append(f"pillar {f.key} is not on land")
        if f.kind in ("stage", "beacon", "current") and any(island.contains(x, y)
                                                              for x, y in ring):
            problems.append(f"{f.kind} {f.key} is not at sea")
    assert not problems, "\n".join(problems)


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
