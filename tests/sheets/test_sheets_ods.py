"""LibreOffice workbooks: lists read from .ods, `kit export-sheet --out deck.ods`, and exports
that read back and export again to the same bytes (ODS and XLSX)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import yaml
from test_sheets_export import TRICKY

from kit.api import export_sheet
from kit.errors import KitError
from kit.load.deck import load_deck
from kit.load.workbooks import open_workbook
from kit.model.deck import ENTITY_KINDS, Pin
from kit.model.schema import key_names

DATA = Path(__file__).resolve().parent.parent / "data"


def test_lists_read_from_an_ods_workbook_as_libreoffice_writes_it():
    deck = load_deck(DATA / "ods-lists" / "deck.yaml", DATA)
    depart, arrivee = deck.stages
    assert (depart.title, depart.text, depart.beacons) == ("Le départ", None, ("carnet",))
    # a date cell reads as the date it shows, the row number skips nothing
    assert arrivee.text == "2025-07-02"
    assert arrivee.loc.file == "ods-lists/deck.ods[étapes]" and arrivee.loc.line == 4
    assert deck.beacons[0].tracks == ("Écrire", "Relire")
    # 20 % typed in the sheet is 20, not 0.2 (the percentage cells are found with odfpy)
    assert deck.sites[0].map == Pin(20.0, 70.0)
    (question,) = deck.questions
    assert (question.text, question.stage) == ("3", "depart")


def test_a_damaged_ods_is_refused_at_its_file(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    with zipfile.ZipFile(folder / "listes.ods", "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    (folder / "deck.yaml").write_text("kit: 1\nid: d\ntitle: D\nlanguage: fr\n"
                                      "stages: {from: listes.ods}\n", encoding="utf-8")
    with pytest.raises(KitError) as info:
        load_deck(folder / "deck.yaml", tmp_path)
    (problem,) = info.value.diagnostics
    assert str(problem).startswith("d/listes.ods:1:1: classeur ODS illisible")
    assert "enregistrez-le à nouveau au format .ods" in problem.message


def read_back(source: Path, workbook: Path, cwd: Path) -> Path:
    """A deck like `source` whose every list is read from `workbook`, beside it."""
    tree = yaml.safe_load(source.read_text(encoding="utf-8"))
    book = open_workbook(workbook, workbook.name)
    for kind in ENTITY_KINDS:
        tree.pop(kind, None)
        for name in book.sheetnames:
            if name in key_names(kind):
                tree[kind] = {"from": workbook.name, "sheet": name}
    book.close()
    path = workbook.parent / "deck.yaml"
    path.write_text(yaml.safe_dump(tree, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", [".ods", ".xlsx"])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_export_read_back_export_is_byte_identical(tmp_path, suffix, language):
    source = tmp_path / "piege" / "deck.yaml"
    source.parent.mkdir()
    source.write_text(TRICKY.replace("language: fr", f"language: {language}"),
                      encoding="utf-8")
    first = tmp_path / "relu" / f"piege{suffix}"
    first.parent.mkdir()
    export_sheet(source, first, tmp_path)
    again = read_back(source, first, tmp_path)
    assert load_deck(again, tmp_path).stages == load_deck(source, tmp_path).stages
    second = tmp_path / f"encore{suffix}"
    export_sheet(again, second, tmp_path)
    assert second.read_bytes() == first.read_bytes()


def test_a_default_deck_goes_through_ods_unchanged(tmp_path):
    first = tmp_path / "relu" / "coop.ods"
    export_sheet("cooperation", first, tmp_path)
    original = load_deck("cooperation", tmp_path)
    source = tmp_path / "coop.yaml"
    source.write_text("kit: 1\nid: cooperation\ntitle: Carte topo-méthodo de la coopération\n"
                      "language: fr\n", encoding="utf-8")
    again = load_deck(read_back(source, first, tmp_path), tmp_path)
    for kind in ENTITY_KINDS:
        assert getattr(again, kind) == getattr(original, kind), kind
    export_sheet(again.folder + "/deck.yaml", tmp_path / "encore.ods", tmp_path)
    assert (tmp_path / "encore.ods").read_bytes() == first.read_bytes()


def test_the_ods_is_a_valid_package_another_reader_opens(tmp_path):
    export_sheet("faire-ensemble", tmp_path / "a.ods", tmp_path)
    export_sheet("faire-ensemble", tmp_path / "b.ods", tmp_path)
    data = (tmp_path / "a.ods").read_bytes()
    assert data == (tmp_path / "b.ods").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.ods") as archive:
        first = archive.infolist()[0]
        # ODF: the mimetype first, stored, so that `file` and LibreOffice recognise it
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    from odf.opendocument import load
    from odf.table import Table

    names = [t.getAttribute("name") for t in load(str(tmp_path / "a.ods"))
             .spreadsheet.getElementsByType(Table)]
    assert names == ["étapes", "piliers", "balises", "courants", "questions", "sites",
                     "imaginaires"]
    # odfpy declares the namespaces every document of the process used: after reading one,
    # the export must still be the same bytes
    export_sheet("faire-ensemble", tmp_path / "c.ods", tmp_path)
    assert (tmp_path / "c.ods").read_bytes() == data
