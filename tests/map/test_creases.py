"""The chart clear of its creases: the map is read folded and unfolded, so no word on the recto
comes within 3 mm of a fold and no pictogram is cut by one (PRINT.md) — over both default
decks, the English one, generated decks of 1 to 8 pillars, and a scheme's own folds."""

from __future__ import annotations

import pytest
from chartcheck import SIGN_KINDS, blocks, crease_distance, word_boxes
from map_decks import deck_dict, write_deck

from kit.layout.fold import crease_lines
from kit.load.deck import load_deck
from kit.load.folds import load_fold_scheme
from kit.products.map import plan_recto
from kit.products.map.creases import scheme_creases
from kit.render import fonts

A3 = [("x", 105.0), ("x", 210.0), ("x", 315.0), ("y", 148.5)]


@pytest.fixture(scope="module", autouse=True)
def _fonts():
    for role in ("body", "display"):
        fonts.register(role)


def crease_problems(recto, creases) -> list[str]:
    problems = []
    for word, box in word_boxes(recto.page.items, fonts.measure):
        d = crease_distance(box, creases)
        if d < 3.0 - 1e-6:
            problems.append(f"« {word} » {d:.1f} mm from a fold at {box}")
    signs = [(f.key, f.footprint) for f in recto.features if f.kind in SIGN_KINDS]
    signs += [(k, r) for k, r in recto.obstacles if k in ("cartouche", "compass")]
    for owner, rect in signs:
        if crease_distance(rect, creases) == 0.0:
            problems.append(f"the sign of {owner} is cut by a fold: {rect}")
    return problems


def test_the_default_scheme_folds_at_quarters_and_half_height():
    assert sorted(scheme_creases()) == sorted(A3)
    assert sorted(crease_lines(load_fold_scheme("road-map"))) == sorted(A3)


@pytest.mark.parametrize("ref", ["cooperation", "faire-ensemble", "cooperation-en"])
def test_default_decks_keep_clear_of_the_folds(ref):
    recto = plan_recto(load_deck(ref), fonts.measure)
    assert not crease_problems(recto, A3)


@pytest.mark.parametrize("pillars", range(1, 9))
def test_generated_decks_keep_clear_of_the_folds(tmp_path, pillars):
    tree = deck_dict(pillars, 2 + pillars, 2 + pillars, 3 + pillars % 4, seed=pillars,
                     sites=pillars % 5, imaginaries=2)
    recto = plan_recto(write_deck(tmp_path, tree), fonts.measure)
    assert not crease_problems(recto, A3)


def test_a_schemes_own_folds_are_kept_clear(tmp_path):
    folds = (("x", 150.0), ("y", 100.0))
    tree = deck_dict(3, 4, 6, 5, seed=4)
    recto = plan_recto(write_deck(tmp_path, tree), fonts.measure, creases=folds)
    assert not crease_problems(recto, folds)


def test_the_side_column_steps_over_the_horizontal_fold():
    """It used to run its 7.5 pt text 1 mm from the fold."""
    recto = plan_recto(load_deck("cooperation"), fonts.measure)
    side = [(w, b) for w, b in word_boxes(recto.page.items, fonts.measure) if b.x > 320]
    assert any(b.y2 < 145.5 for _, b in side) and any(b.y > 151.5 for _, b in side)
    assert all(crease_distance(b, [("y", 148.5)]) >= 3.0 for _, b in side)


@pytest.mark.parametrize("ref", ["cooperation", "faire-ensemble", "cooperation-en"])
def test_the_side_columns_paragraphs_never_straddle_a_fold(ref):
    """A site's or an imaginary's paragraph stands whole on one side of the horizontal fold:
    every paragraph after the gap opens on its bold run-in head, never mid-sentence."""
    recto = plan_recto(load_deck(ref), fonts.measure)
    side = sorted(((b, m) for b, m in blocks(recto.page.items)
                   if b.role == "body" and b.lines and b.lines[0].x > 320),
                  key=lambda bm: bm[0].lines[0].y)
    assert side
    after = [b for b, _ in side if b.lines[0].y > 148.5]
    if after:  # the column runs on below the fold
        first = after[0].lines[0].spans[0]
        assert first.face == "bold", first.text  # a head, not the rest of a paragraph
