"""Every key of the deck format in French (kit.model.schema.FRENCH_KEYS), accented or not: the
same deck as in English, in YAML, in spreadsheets, merged either way, in the JSON Schema."""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from fulldeck import FULL, key_paths, renamed, write

from kit.api import diff_decks
from kit.errors import KitError
from kit.load.deck import load_deck
from kit.load.keys import REFERENCE_FIELDS
from kit.load.yamlsrc import load_yaml, plain
from kit.model.schema import (
    CANVAS_WORDING,
    DECK_FIELDS,
    FRENCH_KEYS,
    french_names,
    json_schema,
    key_names,
)

DATA = Path(__file__).resolve().parent.parent / "data"
#: (path in FULL, French spelling): every key in every place, in each of its spellings
RENAMINGS = [(path, french) for path in key_paths() if not isinstance(path[-1], int)
             for french in french_names(path[-1])]


def field_names(fields) -> set[str]:
    out = set()
    for f in fields:
        out.add(f.name)
        out |= field_names(f.fields)
    return out


def test_the_table_names_every_key_of_the_format():
    names = field_names(DECK_FIELDS) | field_names(REFERENCE_FIELDS) | field_names(CANVAS_WORDING)
    assert names <= FRENCH_KEYS.keys(), names - FRENCH_KEYS.keys()
    # no French spelling stands for two keys, none is another key's English name
    spellings = [s for name in FRENCH_KEYS for s in french_names(name)]
    assert len(spellings) == len(set(spellings))
    assert not set(spellings) & FRENCH_KEYS.keys()


def test_every_accented_name_has_its_plain_spelling():
    assert {"étapes", "etapes"} <= set(key_names("stages"))
    assert {"crédits", "credits"} <= set(key_names("credits"))
    assert {"repère", "repere"} <= set(key_names("landmark"))
    assert {"éviter", "eviter"} <= set(key_names("avoid"))
    assert {"étend", "etend"} <= set(key_names("extends"))


def test_the_full_deck_reaches_every_key():
    assert {path[-1] for path in key_paths()} >= field_names(DECK_FIELDS) - {"extends", "remove"}


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    folder = tmp_path_factory.mktemp("anglais")
    return load_deck(write(folder, FULL), folder)


@pytest.mark.parametrize(("path", "french"), RENAMINGS,
                         ids=[".".join(map(str, p)) + f"→{f}" for p, f in RENAMINGS])
def test_each_key_in_french_gives_the_same_deck(tmp_path, english, path, french):
    deck = load_deck(write(tmp_path, renamed(path, french)), tmp_path)
    # the logo is the same file name in another folder
    assert Path(deck.territory.logo).name == Path(english.territory.logo).name
    deck = replace(deck, territory=replace(deck.territory, logo=english.territory.logo))
    assert deck == english
    assert deck.canvases == english.canvases and deck.credits == english.credits


@pytest.mark.parametrize(("first", "second", "where"), [
    ("title", "titre", ()),
    ("stages", "étapes", ()),
    ("text", "texte", ("stages", 0)),
    ("name", "nom", ("territory",)),
])
def test_one_key_in_both_languages_is_an_error_at_the_second(tmp_path, first, second, where):
    data = renamed((*where, first), first)
    parent = data
    for step in where:
        parent = parent[step]
    parent[second] = copy.deepcopy(parent[first])  # no YAML alias
    path = write(tmp_path, data)
    with pytest.raises(KitError) as info:
        load_deck(path, tmp_path)
    (problem,) = info.value.diagnostics
    assert problem.message.startswith(f"« {second} » et « {first} » (ligne ")
    assert "sont la même clé, en deux langues : gardez-en une" in problem.message
    line = path.read_text(encoding="utf-8").splitlines().index(
        next(x for x in path.read_text(encoding="utf-8").splitlines()
             if x.strip().startswith(f"{second}:")))
    assert problem.loc.line == line + 1


@pytest.mark.parametrize(("written", "suggested", "french_deck"), [
    ("balise", "balises", True),
    ("courant", "courants", True),
    ("imaginaire", "imaginaires", True),
    ("titel", "title", False),
    ("titr", "titre", True),
    ("sous-titr", "sous-titre", True),
    ("territoir", "territoire", True),
])
def test_suggestions_consider_both_languages(tmp_path, written, suggested, french_deck):
    head = "kit: 1\nid: cas\n" + ("titre: Cas\nlangue: fr\n" if french_deck
                                  else "title: Cas\nlanguage: fr\n")
    (tmp_path / "deck.yaml").write_text(head + f"{written}: x\n", encoding="utf-8")
    with pytest.raises(KitError) as info:
        load_deck(tmp_path / "deck.yaml", tmp_path)
    messages = [d.message for d in info.value.diagnostics]
    assert f"clé « {written} » inconnue au premier niveau ; vouliez-vous dire « {suggested} » ?" \
        in messages, messages


def test_missing_fields_are_named_in_the_language_the_keys_are_written_in(tmp_path):
    (tmp_path / "deck.yaml").write_text(
        "kit: 1\nid: cas\ntitre: Cas\nlangue: fr\nétapes:\n  - id: a\n    texte: T\n",
        encoding="utf-8")
    with pytest.raises(KitError) as info:
        load_deck(tmp_path / "deck.yaml", tmp_path)
    assert [d.message for d in info.value.diagnostics] == [
        "étape « a » : champ obligatoire « titre » manquant"
    ]


def test_a_french_territory_deck_extends_an_english_keyed_base_and_back(tmp_path):
    french = DATA / "canvas-wording-morlaix" / "deck.yaml"  # French keys over cooperation
    deck = load_deck(french, DATA)
    base = load_deck("cooperation")
    assert deck.extends == "cooperation" and deck.territory.name == "Pays de Morlaix"
    assert deck.stages == base.stages and deck.credits == base.credits
    diff = diff_decks("cooperation", str(french), DATA)
    assert diff["deck_fields"] == ["title", "territory"] and not diff["removed"]
    # an English-keyed territory deck over a French-keyed base
    write_base = tmp_path / "decks" / "base" / "deck.yaml"
    write_base.parent.mkdir(parents=True)
    write_base.write_text("kit: 1\nid: base\ntitre: Base\nlangue: fr\nétapes:\n"
                          "  - id: depart\n    titre: Départ\n    texte: On part.\n",
                          encoding="utf-8")
    child = tmp_path / "decks" / "enfant" / "deck.yaml"
    child.parent.mkdir(parents=True)
    child.write_text("kit: 1\nid: enfant\nextends: base\nstages:\n  - id: depart\n"
                     "    text: On part vite.\n  - id: arrivee\n    title: Arrivée\n",
                     encoding="utf-8")
    deck = load_deck(child, tmp_path)
    assert [(s.id, s.title, s.text) for s in deck.stages] == [
        ("depart", "Départ", "On part vite."), ("arrivee", "Arrivée", None)]
    changed = diff_decks(str(write_base), str(child), tmp_path)["changed"]
    assert changed == [{"kind": "stages", "id": "depart", "fields": ["text"]}]


def test_a_csv_list_with_french_column_names(tmp_path):
    (tmp_path / "etapes.csv").write_text("id;titre;texte;carte.x;carte.y\n"
                                         "depart;Départ;On part.;20;70\n", encoding="utf-8")
    (tmp_path / "deck.yaml").write_text("kit: 1\nid: cas\ntitre: Cas\nlangue: fr\n"
                                        "étapes: {fichier: etapes.csv}\n", encoding="utf-8")
    (stage,) = load_deck(tmp_path / "deck.yaml", tmp_path).stages
    assert (stage.title, stage.text, stage.map.x, stage.map.y) == ("Départ", "On part.", 20, 70)


def schema_validator():
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_json_schema_takes_french_keys_and_refuses_both_spellings_of_one():
    validator = schema_validator()
    data = plain(load_yaml((DATA / "titles-only.yaml").read_bytes(), "titles-only.yaml"))
    assert [e.message for e in validator.iter_errors(data)] == []
    territory = plain(load_yaml((DATA / "canvas-wording-morlaix" / "deck.yaml").read_bytes(),
                                "deck.yaml"))
    assert [e.message for e in validator.iter_errors(territory)] == []
    assert not validator.is_valid({**data, "title": "Aussi en anglais"})
    assert not validator.is_valid({k: v for k, v in data.items() if k != "titre"})
    assert validator.is_valid({**{k: v for k, v in data.items() if k != "titre"}, "title": "T"})
    # the plain credits and the sheet reference in French
    assert validator.is_valid({**data, "étapes": {"fichier": "deck.ods", "feuille": "étapes"}})
    assert not validator.is_valid({**data, "étapes": {"fichier": "deck.ods", "from": "x.ods"}})


@pytest.mark.parametrize(("path", "french"), RENAMINGS[:: max(1, len(RENAMINGS) // 12)],
                         ids=lambda x: str(x))
def test_the_json_schema_takes_each_french_key(path, french):
    data = renamed(path, french)
    errors = [e.message for e in schema_validator().iter_errors(data)]
    assert errors == []


def test_messages_about_references_name_the_keys_as_written(tmp_path):
    """`près:` and `retirer:` in a French territory deck: the messages say « près » and
    « retirer », not the English names (a deck's top mapping kept its spellings through the
    spreadsheet pass too)."""
    deck = tmp_path / "decks" / "essai" / "deck.yaml"
    deck.parent.mkdir(parents=True)
    deck.write_text("kit: 1\nid: essai\nétend: cooperation\nretirer: [Les silos]\n"
                    "courants:\n  - id: nouveau\n    titre: Un courant\n"
                    "    près: etape-inconnue\n", encoding="utf-8")
    with pytest.raises(KitError) as info:
        load_deck(deck, tmp_path)
    messages = sorted(d.message for d in info.value.diagnostics)
    assert messages[0].startswith("courant « nouveau » : près « etape-inconnue » n'est ni")
    assert messages[1].startswith("retirer : aucun élément « Les silos »")
    assert "? retirer prend l'identifiant" in messages[1]
