"""`kit export-sheet`: one sheet per kind, read back by `{from: …, sheet: …}` to the same deck."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from kit.api import export_sheet
from kit.cli import main
from kit.errors import KitError
from kit.load.deck import load_deck, read_file, resolve_deck
from kit.load.workbooks import open_workbook
from kit.load.yamlsrc import plain
from kit.model.deck import ENTITY_KINDS, Pin, Resource
from kit.model.schema import key_names

TRICKY = """\
kit: 1
id: piege
title: Deck piégé
language: fr
stages:
  - id: depart
    title: "0777"
    tagline: "No"
    text: |-
      =SOMME(A1:A2) n'est pas une formule ;
      et ceci est une deuxième ligne.
    beacons: [carnet]
    map: {x: 12.5, y: 33.333333}
pillars:
  - id: volcan
    title: Volcan
    text: Projets.
    landmark: volcano
    trails: ["Un ; deux", "Trois;", "2025-07-02"]
    map: {x: "0", y: "100"}
beacons:
  - id: carnet
    title: Carnet
    questions: ["Qui ; quoi ?"]
    resources:
      - title: "A | B ; C"
        url: https://exemple.org/a;b?c=1
      - title: Deux
        url: https://exemple.org/
questions:
  - id: q1
    text: "1e3"
    pillar: volcan
imaginaries:
  - id: tendre
    title: Tendre
    text: "@mention +33 -1"
    url: https://exemple.org/tendre
"""


def sheet_deck(original_path: Path, folder: Path, workbook: Path, cwd: Path) -> Path:
    """The original deck.yaml with every entity list replaced by `{from: …, sheet: NAME}`,
    NAME the sheet named like the kind in either language (étapes for stages…)."""
    tree = plain(read_file(original_path, cwd))
    book = open_workbook(workbook, workbook.name)
    for kind in ENTITY_KINDS:
        tree.pop(kind, None)
        for name in book.sheetnames:
            if name in key_names(kind):
                tree[kind] = {"from": workbook.name, "sheet": name}
    book.close()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "deck.yaml"
    path.write_text(yaml.safe_dump(tree, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def assert_same_entities(a, b):
    for kind in ENTITY_KINDS:
        # Entity equality leaves out loc and locs: only the fields are compared
        assert getattr(a, kind) == getattr(b, kind), kind


@pytest.mark.parametrize("deck_id", ["cooperation", "faire-ensemble"])
def test_round_trip_of_a_default_deck(tmp_path, deck_id):
    folder = tmp_path / "relu"
    folder.mkdir()
    written = export_sheet(deck_id, Path("relu/deck.xlsx"), tmp_path)
    assert written == "relu/deck.xlsx"
    original = load_deck(deck_id, tmp_path)
    path = sheet_deck(resolve_deck(deck_id, tmp_path), folder, folder / "deck.xlsx", tmp_path)
    again = load_deck(path, tmp_path)
    assert_same_entities(original, again)
    assert again.title == original.title and again.counts() == original.counts()
    # a French deck's sheets are named in French
    sheet = "étapes" if original.language == "fr" else "stages"
    assert again.stages[0].loc.file == f"relu/deck.xlsx[{sheet}]"


def test_round_trip_of_pins_separators_and_text_that_looks_like_something_else(tmp_path):
    source = tmp_path / "piege" / "deck.yaml"
    source.parent.mkdir()
    source.write_text(TRICKY, encoding="utf-8")
    original = load_deck(source, tmp_path)
    assert original.stages[0].map == Pin(12.5, 33.333333)
    export_sheet(source, tmp_path / "relu" / "piege.xlsx", tmp_path)
    folder = tmp_path / "relu"
    again = load_deck(sheet_deck(source, folder, folder / "piege.xlsx", tmp_path), tmp_path)
    assert_same_entities(original, again)
    assert again.pillars[0].trails == ("Un ; deux", "Trois;", "2025-07-02")
    assert again.beacons[0].resources[0] == Resource("A | B ; C", "https://exemple.org/a;b?c=1")
    assert again.stages[0].text.startswith("=SOMME(A1:A2)")
    assert again.pillars[0].map == Pin(0.0, 100.0)


def test_workbook_layout(tmp_path):
    from openpyxl import load_workbook

    source = tmp_path / "piege" / "deck.yaml"
    source.parent.mkdir()
    # an English deck: English sheet and column names (a French deck's are tested below)
    source.write_text(TRICKY.replace("language: fr", "language: en"), encoding="utf-8")
    export_sheet(source, tmp_path / "piege.xlsx", tmp_path)
    book = load_workbook(tmp_path / "piege.xlsx")
    # one sheet per kind present, in the deck's order
    assert book.sheetnames == ["stages", "pillars", "beacons", "questions", "imaginaries"]
    stages = book["stages"]
    assert [c.value for c in stages[1]] == [
        "id", "title", "tagline", "text", "beacons", "map.x", "map.y"
    ]
    assert all(c.font.b for c in stages[1])
    assert stages.freeze_panes == "A2"
    row = {h.value: c for h, c in zip(stages[1], stages[2], strict=True)}
    assert row["title"].value == "0777" and row["title"].data_type == "s"
    assert row["text"].data_type == "s" and row["text"].value.startswith("=SOMME")
    assert (row["map.x"].value, row["map.y"].value) == ("12.5", "33.333333")
    assert all(c.number_format == "@" for c in stages[2])
    widths = [stages.column_dimensions[letter].width for letter in "ABCDEFG"]
    assert all(8 <= w <= 60 for w in widths) and widths[3] > widths[0]
    # only the fields used by that kind: questions here have no stage and no beacon
    assert [c.value for c in book["questions"][1]] == ["id", "text", "pillar"]
    assert [c.value for c in book["beacons"][1]] == ["id", "title", "questions", "resources"]
    assert book["beacons"]["C2"].value == "Qui ;; quoi ?"
    assert book["beacons"]["D2"].value == "A | B ;; C | https://exemple.org/a;;b?c=1 ; " \
                                          "Deux | https://exemple.org/"


@pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
def test_a_french_deck_gets_french_sheet_and_column_names(tmp_path, suffix):
    source = tmp_path / "piege" / "deck.yaml"
    source.parent.mkdir()
    source.write_text(TRICKY, encoding="utf-8")
    export_sheet(source, tmp_path / f"piege{suffix}", tmp_path)
    book = open_workbook(tmp_path / f"piege{suffix}", "piege")
    assert book.sheetnames == ["étapes", "piliers", "balises", "questions", "imaginaires"]
    assert next(book.rows("étapes")) == [
        "id", "titre", "accroche", "texte", "balises", "carte.x", "carte.y"
    ]
    assert next(book.rows("piliers"))[:5] == ["id", "titre", "texte", "repère", "sentiers"]
    assert next(book.rows("questions")) == ["id", "texte", "pilier"]
    assert next(book.rows("balises")) == ["id", "titre", "questions", "ressources"]
    book.close()


def test_two_exports_are_byte_identical(tmp_path):
    export_sheet("faire-ensemble", tmp_path / "a.xlsx", tmp_path)
    export_sheet("faire-ensemble", tmp_path / "b.xlsx", tmp_path)
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_export_of_a_deck_without_entities(tmp_path):
    source = tmp_path / "vide" / "deck.yaml"
    source.parent.mkdir()
    source.write_text("kit: 1\nid: vide\ntitle: Vide\nlanguage: fr\n", encoding="utf-8")
    with pytest.raises(KitError, match="aucun élément à exporter"):
        export_sheet(source, tmp_path / "vide.xlsx", tmp_path)
    assert not (tmp_path / "vide.xlsx").exists()


# -- the command ------------------------------------------------------------------------------


@pytest.fixture
def runner(tmp_path, monkeypatch) -> CliRunner:
    monkeypatch.chdir(tmp_path)
    return CliRunner()


def test_cli_export_sheet(runner, tmp_path):
    result = runner.invoke(main, ["export-sheet", "cooperation", "--out", "sortie/coop.xlsx"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "écrit sortie/coop.xlsx"
    data = (tmp_path / "sortie" / "coop.xlsx").read_bytes()
    assert data.startswith(b"PK")
    # no temporary file left beside it
    assert [p.name for p in (tmp_path / "sortie").iterdir()] == ["coop.xlsx"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export-sheet", "cooperation", "--out", "coop.csv"], "coop.csv: --out : le classeur"
                                                                " doit finir par .ods"
                                                                " (LibreOffice) ou .xlsx"),
        (["export-sheet", "cooperaton", "--out", "coop.xlsx"], "deck introuvable"),
    ],
)
def test_cli_export_sheet_errors(runner, tmp_path, args, message):
    result = runner.invoke(main, args)
    assert result.exit_code == 1, result.output
    assert message in result.stderr
    assert result.stderr.splitlines()[-1] == "1 erreur."
    assert not list(tmp_path.glob("*.xlsx"))


def test_cli_export_sheet_needs_out(runner):
    result = runner.invoke(main, ["export-sheet", "cooperation"])
    assert result.exit_code == 2
    assert "--out" in result.output
