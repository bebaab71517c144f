"""Territory decks: `extends` lookup, merge by id, `remove`, cycles; decks built in tmp_path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kit.cli import main
from kit.errors import KitError
from kit.load.deck import load_deck

BASE = """\
kit: 1
id: base
title: Le deck de base
language: fr
territory:
  name: Base
theme:
  palette:
    sea: "#1d5c7a"
    land: "#e8d8b0"
stages:
  - id: depart
    title: Départ
    tagline: On y va
    text: On part.
    beacons: [carnet]
  - id: arrivee
    title: Arrivée
    text: On arrive.
pillars:
  - id: volcan
    title: Le volcan
    text: Les projets communs.
    landmark: volcano
beacons:
  - id: carnet
    title: Le carnet de bord
currents:
  - id: vite
    title: Partir trop vite
    text: Sans carte ni boussole.
    avoid: Prendre le temps.
questions:
  - id: q-depart
    text: Avec qui partir ?
    stage: depart
sites:
  - id: mairie
    title: La mairie
    text: Y passer.
imaginaries:
  - id: ulysse
    title: Ulysse
    text: Le retour.
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def child(tmp_path: Path, body: str, name: str = "enfant", base: str = "base") -> Path:
    write(tmp_path / "decks" / "base" / "deck.yaml", BASE)
    header = f"kit: 1\nid: {name}\nextends: {base}\n"
    return write(tmp_path / "decks" / name / "deck.yaml", header + body)


def errors(path: Path, cwd: Path) -> list[str]:
    with pytest.raises(KitError) as info:
        load_deck(path, cwd)
    return [str(d) for d in info.value.diagnostics]


def test_child_inherits_everything_it_does_not_say(tmp_path):
    deck = load_deck(child(tmp_path, ""), tmp_path)
    assert deck.id == "enfant"
    assert deck.extends == "base"
    assert deck.title == "Le deck de base"
    assert deck.counts() == {kind: 1 for kind in deck.counts()} | {"stages": 2}


def test_override_one_field_keeps_the_others(tmp_path):
    path = child(tmp_path, "currents:\n  - id: vite\n    avoid: Notre façon, ici.\n")
    (current,) = load_deck(path, tmp_path).currents
    assert current.avoid == "Notre façon, ici."
    assert (current.title, current.text) == ("Partir trop vite", "Sans carte ni boussole.")
    # each field still cites where it was written
    assert current.where("avoid").file == "decks/enfant/deck.yaml"
    assert current.where("title").file == "decks/base/deck.yaml"


def test_nested_mappings_merge_key_by_key(tmp_path):
    body = 'title: Mon deck\nterritory:\n  name: Ici\ntheme:\n  palette:\n    sea: "#000000"\n'
    deck = load_deck(child(tmp_path, body), tmp_path)
    assert (deck.title, deck.territory.name) == ("Mon deck", "Ici")
    assert dict(deck.theme.palette) == {"sea": "#000000", "land": "#e8d8b0"}


def test_new_ids_are_appended_in_order(tmp_path):
    body = (
        "stages:\n"
        "  - id: escale\n    title: Escale\n    text: On s'arrête.\n"
        "  - id: depart\n    title: Le vrai départ\n"
        "  - id: cap\n    title: Cap\n    text: On repart.\n"
    )
    stages = load_deck(child(tmp_path, body), tmp_path).stages
    assert [s.id for s in stages] == ["depart", "arrivee", "escale", "cap"]
    assert stages[0].title == "Le vrai départ"
    assert stages[0].tagline == "On y va"


def test_remove_drops_from_every_kind(tmp_path):
    body = "remove: [arrivee, volcan, vite, q-depart, mairie, ulysse]\n"
    deck = load_deck(child(tmp_path, body), tmp_path)
    assert deck.counts() == {
        "stages": 1, "pillars": 0, "beacons": 1, "currents": 0,
        "questions": 0, "sites": 0, "imaginaries": 0,
    }
    assert [s.id for s in deck.stages] == ["depart"]


def test_remove_a_beacon_the_base_refers_to_drops_the_reference_with_one_note(tmp_path):
    # the territory author cannot edit the base: no error there, one note at the remove line
    deck = load_deck(child(tmp_path, "remove: [carnet]\n"), tmp_path)
    assert deck.stages[0].beacons == ()
    assert [str(n) for n in deck.notes] == [
        "decks/enfant/deck.yaml:4:10: balise « carnet » retirée, et n'est plus citée par"
        " « depart »"
    ]


def test_a_beacon_removed_but_named_by_the_deck_itself_is_an_error_in_the_deck(tmp_path):
    body = "remove: [carnet]\nstages:\n  - id: depart\n    beacons: [carnet]\n"
    messages = errors(child(tmp_path, body), tmp_path)
    assert messages == [
        "decks/enfant/deck.yaml:7:15: balise « carnet » retirée du deck de base"
        " (decks/enfant/deck.yaml:4:10) mais encore référencée ici par « depart »"
    ]


def test_remove_then_give_again_replaces_the_entity(tmp_path):
    body = "remove: [vite]\ncurrents:\n  - id: vite\n    title: Neuf\n    text: Tout neuf.\n"
    (current,) = load_deck(child(tmp_path, body), tmp_path).currents
    assert (current.title, current.text, current.avoid) == ("Neuf", "Tout neuf.", None)


def test_remove_of_an_unknown_id_suggests_the_close_one(tmp_path):
    messages = errors(child(tmp_path, "remove: [vitee]\n"), tmp_path)
    assert messages == [
        "decks/enfant/deck.yaml:4:10: remove : aucun élément « vitee » dans le deck de base"
        " ; vouliez-vous dire « vite » ?"
    ]


def test_merge_problems_and_validation_problems_come_together(tmp_path):
    body = "remove: [nope]\npillars:\n  - id: volcan\n    landmark: volcan\n"
    messages = errors(child(tmp_path, body), tmp_path)
    assert len(messages) == 2
    assert "aucun élément « nope »" in messages[0]
    assert "decks/enfant/deck.yaml:7:15:" in messages[1] and "« volcano »" in messages[1]


def test_a_new_entity_reusing_an_id_of_another_kind_is_a_duplicate(tmp_path):
    body = "sites:\n  - id: vite\n    title: Site\n    text: Texte.\n"
    (message,) = errors(child(tmp_path, body), tmp_path)
    assert message.startswith("decks/enfant/deck.yaml:5:9: identifiant « vite » déjà utilisé")
    assert "courant, decks/base/deck.yaml:" in message


def test_wrong_kind_of_value_in_the_child_is_reported_once(tmp_path):
    (message,) = errors(child(tmp_path, "stages:\n  id: depart\n"), tmp_path)
    assert message == (
        "decks/enfant/deck.yaml:5:3: stages : mettez un tiret « - » devant chaque élément"
        " (« - id: … »)"
    )


def test_child_must_say_its_own_format_version(tmp_path):
    write(tmp_path / "decks" / "base" / "deck.yaml", BASE)
    path = write(tmp_path / "decks" / "x" / "deck.yaml", "id: x\nextends: base\n")
    assert errors(path, tmp_path) == ["decks/x/deck.yaml:1:1: champ obligatoire « kit » manquant"]


def test_chained_extends(tmp_path):
    write(tmp_path / "decks" / "b" / "deck.yaml",
          "kit: 1\nid: b\nextends: cooperation\ntitle: B\nremove: [bouteilles-a-la-mer]\n")
    path = write(tmp_path / "decks" / "a" / "deck.yaml",
                 "kit: 1\nid: a\nextends: b\nsubtitle: A\n"
                 "currents:\n  - id: nouveau\n    title: Nouveau\n    text: Un courant de A.\n")
    deck = load_deck(path, tmp_path)
    builtin = load_deck("cooperation", tmp_path)
    assert (deck.id, deck.extends, deck.title, deck.subtitle) == ("a", "b", "B", "A")
    assert deck.language == builtin.language
    ids = [c.id for c in deck.currents]
    assert "bouteilles-a-la-mer" not in ids and ids[-1] == "nouveau"
    assert len(ids) == len(builtin.currents)
    assert deck.questions == builtin.questions


@pytest.mark.parametrize("ref", ["../base/deck.yaml", "../base", "./../base/deck.yaml"])
def test_extends_by_relative_path(tmp_path, ref):
    write(tmp_path / "ailleurs" / "base" / "deck.yaml", BASE.replace("id: base", "id: autre"))
    path = write(tmp_path / "ailleurs" / "moi" / "deck.yaml",
                 f"kit: 1\nid: moi\nextends: {ref}\n")
    deck = load_deck(path, tmp_path)
    assert (deck.extends, deck.title) == ("autre", "Le deck de base")


def test_extends_by_a_missing_path(tmp_path):
    path = write(tmp_path / "moi" / "deck.yaml", "kit: 1\nid: moi\nextends: ../rien/deck.yaml\n")
    (message,) = errors(path, tmp_path)
    assert message.startswith("moi/deck.yaml:3:10: deck de base « ../rien/deck.yaml » introuvable")


def test_lookup_order_sibling_then_local_decks_then_builtin(tmp_path):
    project = tmp_path / "projet"
    me = write(project / "moi" / "deck.yaml", "kit: 1\nid: moi\nextends: faire-ensemble\n")
    sibling = write(project / "faire-ensemble" / "deck.yaml",
                    BASE.replace("id: base", "id: faire-ensemble").replace("Le deck", "Voisin"))
    write(tmp_path / "decks" / "faire-ensemble" / "deck.yaml",
          BASE.replace("id: base", "id: faire-ensemble").replace("Le deck", "Local"))
    assert load_deck(me, tmp_path).title == "Voisin de base"
    sibling.unlink()
    assert load_deck(me, tmp_path).title == "Local de base"
    (tmp_path / "decks" / "faire-ensemble" / "deck.yaml").unlink()
    assert load_deck(me, tmp_path).title == load_deck("faire-ensemble", tmp_path).title
    assert load_deck(me, tmp_path).counts()["questions"] >= 10


def test_local_deck_named_like_its_builtin_base_extends_the_builtin(tmp_path):
    path = write(tmp_path / "decks" / "cooperation" / "deck.yaml",
                 "kit: 1\nid: cooperation\nextends: cooperation\ntitle: Chez nous\n")
    deck = load_deck("cooperation", tmp_path)
    assert deck.title == "Chez nous"
    assert deck.extends == "cooperation"
    assert len(deck.stages) == 5
    assert load_deck(path, tmp_path) == deck


def test_cycle_error_names_the_chain(tmp_path):
    write(tmp_path / "decks" / "a" / "deck.yaml", "kit: 1\nid: a\nextends: b\n")
    write(tmp_path / "decks" / "b" / "deck.yaml", "kit: 1\nid: b\nextends: c\n")
    write(tmp_path / "decks" / "c" / "deck.yaml", "kit: 1\nid: c\nextends: a\n")
    assert errors(tmp_path / "decks" / "a" / "deck.yaml", tmp_path) == [
        "decks/c/deck.yaml:3:10: extends forme une boucle : decks/a/deck.yaml"
        " → decks/b/deck.yaml → decks/c/deck.yaml → decks/a/deck.yaml"
    ]


def test_self_extension_is_a_cycle(tmp_path):
    path = write(tmp_path / "moi" / "deck.yaml", "kit: 1\nid: moi\nextends: ./deck.yaml\n")
    (message,) = errors(path, tmp_path)
    assert "extends forme une boucle : moi/deck.yaml → moi/deck.yaml" in message


def test_too_long_a_chain(tmp_path):
    for i in range(12):
        write(tmp_path / "decks" / f"d{i}" / "deck.yaml",
              f"kit: 1\nid: d{i}\nextends: d{i + 1}\n" if i < 11 else BASE)
    (message,) = errors(tmp_path / "decks" / "d0" / "deck.yaml", tmp_path)
    assert "decks enchaînés" in message


def test_json_counts_are_counted_after_merging(tmp_path, monkeypatch):
    body = (
        "remove: [vite, ulysse]\n"
        "stages:\n  - id: escale\n    title: Escale\n    text: On s'arrête.\n"
        "questions:\n  - id: q-escale\n    text: Et ici ?\n    stage: escale\n"
    )
    child(tmp_path, body)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", "enfant", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["deck"] == "enfant" and report["valid"] is True
    assert report["counts"] == {
        "stages": 3, "pillars": 1, "beacons": 1, "currents": 0,
        "questions": 2, "sites": 1, "imaginaries": 0,
    }


def test_removing_what_a_base_current_is_near_takes_the_near_along(tmp_path):
    """cooperation's « Les bouteilles à la mer » is near « enqueter-en-interne »: removing that
    beacon is no error in the base's file; the current loses its near (the map draws it along
    the route) and the note at the remove line says so."""
    folder = tmp_path / "decks" / "sans-enquete"
    folder.mkdir(parents=True)
    (folder / "deck.yaml").write_text("kit: 1\nid: sans-enquete\nextends: cooperation\n"
                                      "remove: [enqueter-en-interne]\n", encoding="utf-8")
    deck = load_deck(folder / "deck.yaml", tmp_path)
    current = next(c for c in deck.currents if c.id == "bouteilles-a-la-mer")
    assert current.near is None
    [note] = [n for n in deck.notes if "enqueter-en-interne" in n.message]
    assert (note.loc.line, note.loc.column) == (4, 10)  # the id inside [ ]
    assert "« bouteilles-a-la-mer »" in note.message
