"""Places on the land by what they are called (a port, a cape by the sea; a belvédère up
high), site names hugging their pins, names of places apart, and names broken at phrase
boundaries."""

from __future__ import annotations

import math

import pytest

from kit.load.deck import load_deck
from kit.products.map import plan_recto
from kit.products.map.meaning import COAST, HIGH, standing
from kit.products.map.names import balanced_breaks
from kit.render import fonts

#: a place on the coast stands within this of it, mm (a pin's centre keeps ~5 mm inland)
BY_THE_SEA = 12.0


@pytest.fixture(scope="module")
def charts():
    for role in ("body", "display"):
        fonts.register(role)
    return {name: plan_recto(load_deck(name), fonts.measure)
            for name in ("cooperation", "faire-ensemble", "cooperation-en")}


@pytest.mark.parametrize(("title", "landmark", "expected"), [
    ("Le port du contrat de ville", "", COAST),
    ("Le café du cap manager", "", COAST),
    ("L’anse aux idées", "", COAST),
    ("The city contract harbour", "", COAST),
    ("Le belvédère des temps inspirants", "", HIGH),
    ("Lookout of inspiring times", "", HIGH),
    ("Le portage politique", "", ""),  # « portage » is not « port »
    ("Le capitaine", "", ""),
    ("Le portage politique", "harbour", COAST),  # the landmark's own sign speaks first
    ("Le tiers veilleur", "lighthouse", COAST),
    ("Volcan des projets communs", "volcano", HIGH),
    ("Bivouac de la communauté", "bivouac", ""),
])
def test_standing_by_name_and_sign(title, landmark, expected):
    assert standing(title, landmark) == expected


def _by_key(recto):
    return {f.key: f for f in recto.features}


def test_coastal_and_high_places_stand_where_they_say(charts):
    recto = charts["cooperation"]
    land, places = recto.island, _by_key(recto)
    for key in ("site-port-du-contrat-de-ville", "site-cafe-du-cap-manager"):
        assert -land.distance_out(places[key].x, places[key].y) <= BY_THE_SEA, key
    semaphore = places["semaphore"]
    assert -land.distance_out(semaphore.x, semaphore.y) <= semaphore.radius + BY_THE_SEA
    # the belvédère stands higher than every site that does not ask for height
    sites = [f for f in recto.features if f.kind == "site"]
    belvedere = places["site-belvedere-des-temps-inspirants"]
    others = [land.height(f.x, f.y) for f in sites if f is not belvedere]
    assert land.height(belvedere.x, belvedere.y) > max(others)
    fe = charts["faire-ensemble"]
    for key in ("tiers-veilleur", "portage-politique"):
        f = _by_key(fe)[key]
        assert -fe.island.distance_out(f.x, f.y) <= f.radius + BY_THE_SEA, key


def test_a_harbour_ashore_is_not_the_port_of_embarkation(charts):
    portage = _by_key(charts["faire-ensemble"])["portage-politique"]
    assert portage.landmark == "port"  # the quay and its crane, not the pier and boat


def _pin_box(f):
    k = f.radius / 3.2
    return (f.x - 2.0 * k, f.y - 2.9 * k, f.x + 2.0 * k, f.y + 2.9 * k)


def _gap(a, b) -> float:
    """Distance between two boxes (x0, y0, x1, y1), 0 when they touch or overlap."""
    dx = max(0.0, a[0] - b[2], b[0] - a[2])
    dy = max(0.0, a[1] - b[3], b[1] - a[3])
    return math.hypot(dx, dy)


@pytest.mark.parametrize("name", ["cooperation", "faire-ensemble", "cooperation-en"])
def test_site_names_hug_their_pins(charts, name):
    recto = charts[name]
    places = _by_key(recto)
    for p in recto.labels:
        f = places[p.key]
        if f.kind != "site":
            continue
        box = (p.rect.x, p.rect.y, p.rect.x2, p.rect.y2)
        assert _gap(box, _pin_box(f)) <= 1.5, p.key
        assert p.position in ("upper-right", "right", "upper-left", "left", "lower-right",
                              "lower-left", "above")


@pytest.mark.parametrize("name", ["cooperation", "faire-ensemble", "cooperation-en"])
def test_names_of_places_stand_apart(charts, name):
    recto = charts[name]
    places = _by_key(recto)
    labels = [(p.key, (p.rect.x, p.rect.y, p.rect.x2, p.rect.y2)) for p in recto.labels]
    for i, (ka, a) in enumerate(labels):
        for kb, b in labels[i + 1:]:
            if {places[ka].kind, places[kb].kind} & {"site", "pillar"}:
                assert _gap(a, b) >= 3.0 - 1e-6, (ka, kb)


@pytest.mark.parametrize(("words", "n", "expected"), [
    ("SÉMAPHORE DES RESSOURCES", 2, ["SÉMAPHORE", "DES RESSOURCES"]),
    ("SÉMAPHORE DES RESSOURCES", 3, None),  # no lone « DES »
    ("LE PORTAGE POLITIQUE", 3, None),  # no lone « LE »
    ("LE PORTAGE POLITIQUE", 2, ["LE PORTAGE", "POLITIQUE"]),
    ("Le déploiement ad vitam aeternam", 2, ["Le déploiement", "ad vitam aeternam"]),
    ("Rolling out ad vitam aeternam", 3, None),  # the Latin phrase stays whole
    ("La cabane du carnet de bord", 2, ["La cabane", "du carnet de bord"]),
    # an elided article belongs to its noun: a line may end on « l’essoufflement »
    ("L’essoufflement sur le long terme", 2, ["L’essoufflement", "sur le long terme"]),
    ("L’eau de l’étang", 2, None),  # no lone « l’eau » (three letters), nor a line on « de »
])
def test_names_break_at_phrase_boundaries(words, n, expected):
    split = words.split()
    found = balanced_breaks(split, [2.0 * len(w) for w in split], 1.0, n)
    assert (None if found is None else [" ".join(line) for line in found[1]]) == expected
