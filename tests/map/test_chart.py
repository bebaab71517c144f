"""The chart's own promises, read off the plan: currents beside what they threaten, the
islands asked for, names along curves never upside down, trails from their landmark, sites
ashore, the same plan twice; the geometry free of PDF libraries."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest
from chartcheck import blocks, chart_problems
from map_decks import deck_dict, write_deck

from kit.load.deck import load_deck
from kit.products.map import plan_recto
from kit.products.map.terrain import island_count
from kit.render import fonts


@pytest.fixture(scope="module", autouse=True)
def _fonts():
    for role in ("body", "display"):
        fonts.register(role)


@pytest.fixture(scope="module")
def cooperation():
    deck = load_deck("cooperation")
    return deck, plan_recto(deck, fonts.measure)


def _gap(rects, x: float, y: float) -> float:
    return min(math.hypot(max(r.x - x, 0, x - r.x2), max(r.y - y, 0, y - r.y2)) for r in rects)


#: how far a current's arrows may be from the stage or beacon it is near, mm; from a landmark
#: (drawn at sea facing it, past the coast and the route's ring)
NEAR, NEAR_LANDMARK = 60.0, 110.0


def near_problems(deck, recto) -> list[str]:
    features = {f.key: f for f in recto.features}
    problems = []
    for current in recto.currents:
        near = deck.entity(current.key).near
        if not near:
            continue
        target = features[near]
        limit = NEAR_LANDMARK if target.kind == "pillar" else NEAR
        gap = _gap(current.boxes, target.x, target.y)
        if gap > limit:
            problems.append(f"{current.key} is {gap:.0f} mm from {near}")
    return problems


def test_currents_are_drawn_beside_what_they_threaten(cooperation):
    deck, recto = cooperation
    assert sum(1 for c in deck.currents if c.near) == len(deck.currents) == len(recto.currents)
    assert not near_problems(deck, recto)
    # the original map's: the bouteilles à la mer beside « Enquêter en interne »
    bouteilles = next(c for c in recto.currents if c.key == "bouteilles-a-la-mer")
    beacon = next(f for f in recto.features if f.key == "enqueter-en-interne")
    assert _gap(bouteilles.boxes, beacon.x, beacon.y) < NEAR


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_near_is_honoured_in_generated_decks(tmp_path, seed):
    deck = write_deck(tmp_path, deck_dict(3 + seed, 5, 8, 6, seed=seed, near=True))
    recto = plan_recto(deck, fonts.measure)
    assert not near_problems(deck, recto)


def test_currents_without_near_follow_the_route(tmp_path):
    deck = write_deck(tmp_path, deck_dict(3, 3, 6, 5, seed=4))
    recto = plan_recto(deck, fonts.measure)
    route = recto.route
    for current in recto.currents:
        x, y = current.lines[1][len(current.lines[1]) // 2]
        assert min(math.hypot(x - rx, y - ry) for rx, ry in route) < 80.0, current.key


@pytest.mark.parametrize("islands", [1, 2, 3, 4])
def test_the_deck_gets_the_islands_it_asks_for(tmp_path, islands):
    tree = deck_dict(4, 3, 3, 5, seed=islands, titles="short", sites=2, islands=islands)
    for pillar in tree["pillars"]:
        pillar.pop("trails", None)
    recto = plan_recto(write_deck(tmp_path, tree), fonts.measure)
    assert len(recto.island) == islands
    assert not chart_problems(recto)
    # each island holds its share of the landmarks
    on = [recto.island.nearest(f.x, f.y) for f in recto.features if f.kind == "pillar"]
    assert set(on) == set(range(min(islands, 4)))


@pytest.mark.parametrize(("pillars", "expected"), [(1, 1), (3, 1), (5, 2), (8, 3)])
def test_islands_follow_the_number_of_pillars(tmp_path, pillars, expected):
    deck = write_deck(tmp_path, deck_dict(pillars, 2, 2, 3, seed=1, titles="short"))
    assert island_count(deck) == expected
    assert len(plan_recto(deck, fonts.measure).island) <= expected


def test_default_decks_keep_one_island(cooperation):
    _, recto = cooperation
    assert len(recto.island) == 1
    assert len(plan_recto(load_deck("faire-ensemble"), fonts.measure).island) == 1


def test_names_along_curves_stand_upright(cooperation):
    _, recto = cooperation
    glyphs = [g for t in recto.trails for g in t.glyphs]
    assert glyphs  # some trails are named along them
    # a trail's name reads left to right, within 40° of horizontal; the currents' names never
    # stand on their heads
    assert all(abs(g.angle) <= 40.0 for g in glyphs)
    assert all(abs(g.angle) <= 100.0 for c in recto.currents for g in c.glyphs)


def test_trails_name_what_the_deck_says(cooperation):
    deck, recto = cooperation
    # the deck's short labels are what the map writes, along the trail or beside it
    written = {"".join(g.text for g in t.glyphs) for t in recto.trails if t.glyphs}
    labels = {p.trail_label(k).replace(" ", "") for p in deck.pillars for k in range(len(p.trails))}
    assert written and written <= labels
    beside = {t.end.title for t in recto.trails if t.end is not None}
    assert beside <= {p.trail_label(k) for p in deck.pillars for k in range(len(p.trails))}


def test_sites_are_places_ashore(cooperation):
    deck, recto = cooperation
    sites = [f for f in recto.features if f.kind == "site"]
    assert [f.key for f in sites] == [s.id for s in deck.sites]
    assert all(recto.island.contains(f.x, f.y, f.radius) for f in sites)


def test_the_same_deck_gives_the_same_chart(cooperation):
    deck, recto = cooperation
    assert plan_recto(deck, fonts.measure).page == recto.page


CHECK = """
import importlib, pkgutil, sys
import kit.products.map as package
for info in pkgutil.iter_modules(package.__path__):
    if info.name != "files":  # build(): the one part that writes files, through kit.finish
        importlib.import_module("kit.products.map." + info.name)
loaded = sorted(n for n in sys.modules if n.split(".")[0] in ("reportlab", "svgwrite", "pypdf"))
print(loaded)
sys.exit(1 if loaded else 0)
"""


def test_the_chart_is_planned_without_a_pdf_library():
    result = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def _side_labels(recto) -> set[str]:
    return {"".join(s.text for s in line.spans).strip()
            for b, _ in blocks(recto.page.items) if b.role == "label"
            for line in b.lines if line.x > 320}


def test_the_legend_explains_what_the_chart_draws(tmp_path, cooperation):
    """Every kind of sign the chart draws has its row, the arrival's anchor too; a chart
    without sites, currents or trails does not list them."""
    _, recto = cooperation
    full = _side_labels(recto)
    assert {"Pilier de la coopération", "Étape de l’itinéraire", "Route conseillée", "Sentier",
            "Site à ne pas manquer", "Balise", "Courant dangereux", "Port d’embarquement",
            "Arrivée"} <= full
    deck = write_deck(tmp_path, deck_dict(1, 1, 0, 2, seed=1, titles="short", sites=0,
                                          imaginaries=0, deck_id="sans-courant"))
    small = plan_recto(deck, fonts.measure)
    rows = _side_labels(small)
    assert "Courant dangereux" not in rows and "Site à ne pas manquer" not in rows
    assert {"Pilier de la coopération", "Balise", "Arrivée"} <= rows
    assert ("Sentier" in rows) == bool(small.trails)
