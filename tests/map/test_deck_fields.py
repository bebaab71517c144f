"""The deck fields of the map: a trail's short `label`, a current's `near`, `map.islands`,
`map.tagline` and `map.mention` — read, checked at their line, and in the JSON Schema."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from kit.errors import KitError
from kit.load.deck import load_deck
from kit.model.schema import json_schema

DECK = """\
kit: 1
id: champs
title: Champs de la carte
language: fr
map: {islands: 2, tagline: "Planifiez votre voyage !", mention: Compatible}
stages:
  - {id: embarquer, title: Embarquer, text: Un texte.}
pillars:
  - id: volcan
    title: Volcan
    text: Un texte.
    landmark: volcano
    trails:
      - Un sentier sans nom court
      - text: Co-construire le cahier des charges d’un appel à projets commun
        label: Cahier des charges
beacons:
  - {id: enqueter, title: Enquêter}
currents:
  - {id: bouteilles, title: Les bouteilles à la mer, text: Un texte., near: enqueter}
  - {id: silos, title: Les silos, text: Un texte., near: volcan}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def errors(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(KitError) as caught:
        load_deck(write(tmp_path, text), tmp_path)
    return [f"{d.loc.line}:{d.loc.column}: {d.message}" for d in caught.value.diagnostics]


def test_the_fields_are_read(tmp_path):
    deck = load_deck(write(tmp_path, DECK), tmp_path)
    volcan = deck.pillars[0]
    # the cards and the guide keep the texts; the map takes the label when there is one
    assert volcan.trails == ("Un sentier sans nom court",
                             "Co-construire le cahier des charges d’un appel à projets commun")
    assert [volcan.trail_label(i) for i in range(2)] == ["Un sentier sans nom court",
                                                         "Cahier des charges"]
    assert [c.near for c in deck.currents] == ["enqueter", "volcan"]
    assert (deck.map.islands, deck.map.tagline, deck.map.mention) == (
        2, "Planifiez votre voyage !", "Compatible")


def test_near_names_an_element_of_the_deck_at_its_line(tmp_path):
    found = errors(tmp_path, DECK.replace("near: enqueter", "near: enqeter"))
    assert found == ["20:77: courant « bouteilles » : near « enqeter » n'est ni une étape, ni"
                     " une balise, ni un pilier du deck ; vouliez-vous dire « enqueter » ?"]


def test_near_cannot_name_a_site_or_another_current(tmp_path):
    found = errors(tmp_path, DECK.replace("near: volcan", "near: bouteilles"))
    assert len(found) == 1 and found[0].startswith("21:58:")
    assert "ni une étape, ni une balise, ni un pilier" in found[0]


def test_islands_are_one_to_four(tmp_path):
    found = errors(tmp_path, DECK.replace("islands: 2", "islands: 5"))
    assert len(found) == 1 and found[0].startswith("5:16:") and "1 à 4" in found[0]


def test_a_trail_mapping_needs_its_text_and_knows_its_keys(tmp_path):
    text = DECK.replace("        label: Cahier des charges",
                        "        lable: Cahier des charges")
    found = errors(tmp_path, text)
    assert len(found) == 1 and found[0].startswith("16:9:")
    assert "« lable » inconnue" in found[0] and "« label »" in found[0]
    found = errors(tmp_path, DECK.replace("- text: Co-construire", "- txt: Co-construire"))
    assert any("« text » manquant" in f for f in found)


def test_the_schema_knows_the_fields():
    import yaml

    validator = jsonschema.Draft202012Validator(json_schema())
    data = yaml.safe_load(DECK)
    assert list(validator.iter_errors(data)) == []
    data["map"]["islands"] = 6
    assert not validator.is_valid(data)
    data = yaml.safe_load(DECK)
    data["pillars"][0]["trails"][1]["lable"] = "x"
    assert not validator.is_valid(data)
