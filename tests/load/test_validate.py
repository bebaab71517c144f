"""Validation of whole decks: the shipped decks, and every error of a deck in one run."""

from __future__ import annotations

from pathlib import Path

import pytest

from kit.api import summary, validation_report
from kit.errors import KitError
from kit.load.deck import load_deck
from kit.resources import deck_ids

DATA = Path(__file__).resolve().parent.parent / "data"
HEAD = "kit: 1\nid: cas\ntitle: Cas\nlanguage: fr\n"


def test_both_default_decks_are_shipped_and_valid():
    ids = deck_ids()
    assert {"cooperation", "faire-ensemble"} <= set(ids)
    for deck_id in ("cooperation", "faire-ensemble"):
        assert load_deck(deck_id).id == deck_id


def test_cooperation_content():
    deck = load_deck("cooperation")
    assert len(deck.stages) == 5
    assert [p.landmark for p in deck.pillars] == ["volcano", "semaphore", "bivouac"]
    assert len(deck.beacons) == 4
    assert len(deck.currents) >= 8
    assert len(deck.questions) >= 30
    assert deck.language == "fr"


def test_faire_ensemble_content():
    deck = load_deck("faire-ensemble")
    assert len(deck.stages) >= 3
    assert len(deck.questions) >= 10


@pytest.mark.parametrize("deck_id", ["cooperation", "faire-ensemble"])
def test_every_question_of_a_default_deck_has_a_target(deck_id):
    deck = load_deck(deck_id)
    assert all(q.target for q in deck.questions)


def test_a_deck_with_many_different_errors_reports_all_of_them_at_once(tmp_path):
    text = (
        "kit: 1\n"                                    # 1
        "id: Mon Deck\n"                              # 2  bad slug
        "title: [a, b]\n"                             # 3  list where text expected
        "language: fr\n"                              # 4
        "subtitel: x\n"                               # 5  unknown key, did you mean
        "territory:\n"                                # 6
        "  logo: ../dehors.png\n"                     # 7  asset leaves the folder
        "theme:\n"                                    # 8
        "  palette:\n"                                # 9
        "    mer: bleu\n"                             # 10 bad colour
        "stages:\n"                                   # 11
        "  - id: depart\n"                            # 12 missing title
        "    tagline: Départ\n"                       # 13
        "    beacons: [carnett]\n"                    # 14 dangling, did you mean
        "beacons:\n"                                  # 15
        "  - id: carnet\n"                            # 16
        "    title: Carnet\n"                         # 17
        "    resources:\n"                            # 18
        "      - title: Site\n"                       # 19
        "        url: exemple.org\n"                  # 20 bad URL
        "pillars:\n"                                  # 21
        "  - id: carnet\n"                            # 22 duplicate id
        "    title: Volcan\n"                         # 23
        "    text: \"\"\n"                            # 24 empty text
        "    landmark: volcan\n"                      # 25 unknown landmark
        "questions:\n"                                # 26
        "  - id: q1\n"                                # 27
        "    text: Qui ?\n"                           # 28
        "    stage: depart\n"                         # 29
        "    beacon: carnet\n"                        # 30 two targets
        "    colour: red\n"                           # 31 unknown entity key
    )
    (tmp_path / "deck.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(KitError) as info:
        load_deck(tmp_path / "deck.yaml", tmp_path)
    found = {(d.loc.line, d.loc.column): d.message for d in info.value.diagnostics}
    expected = {
        (2, 5): "identifiant « Mon Deck » invalide",
        (3, 8): "title : un seul texte, pas une liste (« - » ou [ ]) : écrivez-le après"
                " « title: »",
        (5, 1): "vouliez-vous dire « subtitle »",
        (7, 9): "sort du dossier du deck",
        (10, 10): "couleur « bleu » invalide",
        (12, 5): "champ obligatoire « title » manquant",
        (14, 15): "balise « carnett » inconnue ; vouliez-vous dire « carnet »",
        (16, 9): "identifiant « carnet » repris plus loin",  # an id given twice: both lines
        (20, 14): "adresse « exemple.org » invalide",
        (22, 9): "identifiant « carnet » déjà utilisé",
        (24, 11): "text est vide",
        (25, 15): "vouliez-vous dire « volcano »",
        (30, 5): "une seule cible",
        (31, 5): "clé « colour » inconnue dans question « q1 »",
    }
    for where, message in expected.items():
        assert where in found and message in found[where], (where, message, found)
    assert len(info.value.diagnostics) == len(expected)
    assert all(d.loc.file == "deck.yaml" for d in info.value.diagnostics)


def test_errors_are_sorted_and_printed_as_file_line_column(tmp_path):
    (tmp_path / "deck.yaml").write_text(HEAD + "zz: 1\naa: 2\n", encoding="utf-8")
    with pytest.raises(KitError) as info:
        load_deck(tmp_path / "deck.yaml", tmp_path)
    assert str(info.value).splitlines() == [
        "deck.yaml:5:1: clé « zz » inconnue au premier niveau",
        "deck.yaml:6:1: clé « aa » inconnue au premier niveau",
    ]


def test_a_reference_to_an_entity_with_another_error_is_not_unknown(tmp_path):
    text = HEAD + (
        "stages:\n  - id: depart\n    text: Départ\n"
        "questions:\n  - id: q1\n    text: Qui ?\n    stage: depart\n"
    )
    (tmp_path / "deck.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(KitError) as info:
        load_deck(tmp_path / "deck.yaml", tmp_path)
    assert [d.message for d in info.value.diagnostics] == [
        "étape « depart » : champ obligatoire « title » manquant"
    ]


def test_top_level_missing_fields_read_naturally(tmp_path):
    (tmp_path / "deck.yaml").write_text("kit: 1\nid: cas\n", encoding="utf-8")
    with pytest.raises(KitError) as info:
        load_deck(tmp_path / "deck.yaml", tmp_path)
    assert [str(d) for d in info.value.diagnostics] == [
        "deck.yaml:1:1: champ obligatoire « title » manquant",
    ]


def test_a_deck_without_language_is_french(tmp_path):
    (tmp_path / "deck.yaml").write_text("kit: 1\nid: cas\ntitre: Cas\n", encoding="utf-8")
    assert load_deck(tmp_path / "deck.yaml", tmp_path).language == "fr"


def test_the_shipped_test_asset_is_accepted(tmp_path):
    (tmp_path / "logo.svg").write_bytes((DATA / "assets" / "logo.svg").read_bytes())
    (tmp_path / "deck.yaml").write_text(HEAD + "territory:\n  logo: logo.svg\n", encoding="utf-8")
    deck = load_deck(tmp_path / "deck.yaml", tmp_path)
    assert deck.territory.logo == str((tmp_path / "logo.svg").resolve())


def test_an_asset_in_a_sub_folder_is_accepted(tmp_path):
    (tmp_path / "images").mkdir()
    from PIL import Image

    Image.new("RGB", (8, 8), "navy").save(tmp_path / "images" / "logo.png")
    (tmp_path / "deck.yaml").write_text(
        HEAD + "territory:\n  logo: images/logo.png\n", encoding="utf-8"
    )
    deck = load_deck(tmp_path / "deck.yaml", tmp_path)
    assert deck.territory.logo == str((tmp_path / "images" / "logo.png").resolve())


def test_valid_report_and_summary(tmp_path):
    text = HEAD + "stages:\n  - id: depart\n    title: Départ\n    text: On part.\n"
    (tmp_path / "deck.yaml").write_text(text, encoding="utf-8")
    # fit=False: the deck loads; a one-stage deck does not build (the canvases want more)
    report = validation_report("deck.yaml", tmp_path, fit=False)
    assert report["valid"] is True and report["deck"] == "cas"
    assert summary(report) == (
        "deck « cas » valide : 1 étape, 0 pilier, 0 balise, 0 courant, 0 question,"
        " 0 site, 0 imaginaire"
    )


def test_invalid_report_names_the_deck_and_lists_errors(tmp_path):
    (tmp_path / "deck.yaml").write_text(HEAD.replace(": fr", ": de"), encoding="utf-8")
    report = validation_report("deck.yaml", tmp_path)
    assert report["deck"] == "cas"
    assert report["valid"] is False
    assert report["errors"] == [
        {
            "file": "deck.yaml",
            "line": 4,
            "column": 11,
            "message": "language : « de » inconnu ; choix possibles : fr, en",
        }
    ]


def test_a_broken_image_is_refused_at_its_line(tmp_path):
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n truncated")
    (tmp_path / "deck.yaml").write_text(HEAD + "territory:\n  logo: logo.png\n",
                                        encoding="utf-8")
    with pytest.raises(KitError) as info:
        load_deck(tmp_path / "deck.yaml", tmp_path)
    [d] = info.value.diagnostics
    assert (d.loc.line, d.loc.column) == (HEAD.count("\n") + 2, 9)
    assert "illisible" in d.message and str(tmp_path) not in d.message


def test_the_control_character_search_is_exactly_category_cc_but_newline_and_tab():
    import sys
    import unicodedata

    from kit.validate_values import _CONTROL, _SURROGATE

    for code in range(sys.maxunicode + 1):
        c = chr(code)
        expected = unicodedata.category(c) == "Cc" and c not in "\n\t"
        assert bool(_CONTROL.search(c)) == expected, hex(code)
        assert bool(_SURROGATE.search(c)) == (0xD800 <= code <= 0xDFFF), hex(code)
