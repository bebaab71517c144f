"""Entity lists read from CSV and XLSX files beside the deck: `questions: {from: questions.csv}`."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kit.errors import KitError, Loc
from kit.load.deck import load_deck
from kit.load.sheets import cell_text, join_list, split_list
from kit.model.deck import Pin, Resource

DATA = Path(__file__).resolve().parent.parent / "data"
HEAD = "kit: 1\nid: cas\ntitle: Cas\nlanguage: fr\n"


def write_workbook(path: Path, sheets: dict[str, list[list]], formats: dict | None = None):
    """A workbook as a spreadsheet program leaves it: typed cells (numbers, dates, booleans)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    sheet.cell(row=r, column=c, value=value)
    for (name, ref), number_format in (formats or {}).items():
        book[name][ref].number_format = number_format
    book.save(path)


def write_deck(folder: Path, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "deck.yaml"
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def errors_of(path: Path, cwd: Path) -> list[str]:
    with pytest.raises(KitError) as info:
        load_deck(path, cwd)
    return [str(d) for d in info.value.diagnostics]


STAGES = [["id", "title", "text"], ["depart", "Départ", "On part."]]


# -- CSV --------------------------------------------------------------------------------------


def test_csv_files_with_comma_semicolon_and_bom_read_like_yaml():
    deck = load_deck(DATA / "sheets" / "csv" / "deck.yaml", DATA)
    depart, arrivee = deck.stages
    assert (depart.id, depart.title, depart.tagline) == ("depart", "Départ", "No")
    assert depart.text == "On part, ensemble."
    assert depart.beacons == ("carnet", "boussole")
    assert depart.map == Pin(20.0, 70.0)
    assert (arrivee.title, arrivee.text) == ("0777", "Deux lignes\ndans une cellule")
    assert arrivee.map == Pin(12.5, 33.333)
    carnet, boussole = deck.beacons
    assert carnet.questions == ("Qui écrit ?", "Qui lit ?")
    assert carnet.tracks == ("Écrire chaque soir",)
    assert carnet.resources == (
        Resource("CERDD", "https://www.cerdd.org/"),
        Resource("Blog ; bis", "https://exemple.org/a"),
    )
    assert boussole.questions == () and boussole.resources == ()
    q_depart, q_carnet = deck.questions
    assert (q_depart.text, q_depart.stage, q_depart.beacon) == (
        "Avec qui partir, et quand ?", "depart", None
    )
    assert (q_carnet.text, q_carnet.beacon) == ("2025-07-02", "carnet")


def test_csv_locations_are_file_row_column_and_empty_rows_are_skipped():
    deck = load_deck(DATA / "sheets" / "csv" / "deck.yaml", DATA)
    # row 3 of etapes.csv is empty; a quoted cell spanning two lines is still one row
    assert deck.stages[1].loc == Loc("sheets/csv/etapes.csv", 4, 1)
    assert deck.stages[1].where("text") == Loc("sheets/csv/etapes.csv", 4, 4)
    assert deck.questions[1].where("beacon") == Loc("sheets/csv/questions.csv", 4, 4)
    assert deck.beacons[0].where("resources") == Loc("sheets/csv/balises.csv", 2, 5)


@pytest.mark.parametrize(
    ("data", "delimiter"),
    [
        ("id;title;text\r\ndepart;Départ;Un, deux.\r\n", ";"),
        ("\ufeffid;title;text\r\ndepart;Départ;Un, deux.\r\n", ";"),
        ("id,title,text\ndepart,Départ,\"Un, deux.\"\n", ","),
        ("\ufeffid,title,text\ndepart,Départ,\"Un, deux.\"\n", ","),
    ],
)
def test_csv_delimiter_is_sniffed_with_or_without_bom(tmp_path, data, delimiter):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "stages.csv").write_bytes(data.encode("utf-8"))
    path = write_deck(tmp_path / "d", "stages: {from: stages.csv}\n")
    (stage,) = load_deck(path, tmp_path).stages
    assert (stage.id, stage.title, stage.text) == ("depart", "Départ", "Un, deux.")


def test_csv_not_utf8_is_refused_with_its_line(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "stages.csv").write_bytes("id;title;text\nd;Été;x\n".encode("cp1252"))
    path = write_deck(tmp_path / "d", "stages: {from: stages.csv}\n")
    (error,) = errors_of(path, tmp_path)
    assert error.startswith("d/stages.csv:2:3: le fichier n'est pas encodé en UTF-8")
    assert "CSV UTF-8" in error


# -- XLSX -------------------------------------------------------------------------------------


def test_xlsx_cells_read_as_the_text_they_show(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    write_workbook(
        folder / "deck.xlsx",
        {
            "stages": [
                ["id", "title", "tagline", "text", "map.x", "map.y"],
                ["depart", "No", 3, dt.date(2025, 7, 2), 0.2, 70],
                ["arrivee", True, 2.5, dt.time(12, 30), 12.5, 0.5],
            ],
        },
        formats={("stages", "E2"): "0%"},
    )
    path = write_deck(folder, "stages: {from: deck.xlsx, sheet: stages}\n")
    depart, arrivee = load_deck(path, tmp_path).stages
    assert (depart.title, depart.tagline, depart.text) == ("No", "3", "2025-07-02")
    assert depart.map == Pin(20.0, 70.0)  # 20 % typed in the spreadsheet
    assert (arrivee.title, arrivee.tagline, arrivee.text) == ("VRAI", "2.5", "12:30")
    assert depart.loc == Loc("d/deck.xlsx[stages]", 2, 1)
    assert depart.where("text") == Loc("d/deck.xlsx[stages]", 2, 4)


@pytest.mark.parametrize(
    ("value", "number_format", "text"),
    [
        (None, "General", None),
        ("  ", "General", None),
        (" a\r\nb ", "General", "a\nb"),
        (3, "General", "3"),
        (3.0, "0.00", "3"),
        (0.1 + 0.2, "General", "0.3"),
        (0.25, "0%", "25%"),
        (dt.datetime(2025, 7, 2), "yyyy-mm-dd", "2025-07-02"),
        (dt.datetime(2025, 7, 2, 9, 5), "yyyy-mm-dd hh:mm", "2025-07-02 09:05"),
        (dt.time(12, 30), "h:mm", "12:30"),
        (False, "General", "FAUX"),
        ("No", "General", "No"),
        ("0777", "@", "0777"),
    ],
)
def test_cell_text(value, number_format, text):
    assert cell_text(value, number_format) == text


def test_xlsx_empty_rows_are_skipped_and_rows_keep_their_numbers(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    write_workbook(
        folder / "t.xlsx",
        {"questions": [["id", "text"], ["q1", "Un ?"], [None, None], ["", "  "], ["q2", "Deux ?"]]},
    )
    path = write_deck(folder, "questions: {from: t.xlsx}\n")  # the sheet named like the list
    q1, q2 = load_deck(path, tmp_path).questions
    assert (q1.id, q2.id) == ("q1", "q2")
    assert q2.loc == Loc("d/t.xlsx[questions]", 5, 1)


def test_xlsx_with_a_single_sheet_needs_no_sheet_name(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    write_workbook(folder / "etapes.xlsx", {"Feuil1": STAGES})
    path = write_deck(folder, "stages: {from: etapes.xlsx}\n")
    assert [s.id for s in load_deck(path, tmp_path).stages] == ["depart"]


def test_one_workbook_can_hold_every_list(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    write_workbook(
        folder / "deck.xlsx",
        {
            "stages": STAGES,
            "questions": [["id", "text", "stage"], ["q1", "Qui ?", "depart"]],
        },
    )
    path = write_deck(
        folder,
        "stages: {from: deck.xlsx, sheet: stages}\nquestions: {from: deck.xlsx}\n",
    )
    deck = load_deck(path, tmp_path)
    assert deck.questions[0].stage == "depart"


# -- lists ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "items"),
    [
        ("a ; b ;c;", ["a", "b", "c"]),
        (" ; ", []),
        ("Qui ;; quoi ? ; Comment ?", ["Qui ; quoi ?", "Comment ?"]),
        ("a;;", ["a;"]),
    ],
)
def test_split_list(cell, items):
    assert split_list(cell) == items


@given(st.lists(st.text(min_size=1).map(str.strip).filter(bool), max_size=6))
def test_join_then_split_gives_the_items_back(items):
    assert split_list(join_list(items)) == items


# -- errors, each at its cell -----------------------------------------------------------------


def test_unknown_column_is_reported_once_at_its_header_cell(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "q.csv").write_text(
        "id;txt;stage\nq1;Un ?;\nq2;Deux ?;\n", encoding="utf-8"
    )
    write_workbook(folder / "w.xlsx", {"étapes": [["id", "title", "text", "titel"], *[
        ["depart", "Départ", "On part.", "x"], ["arrivee", "Arrivée", "On arrive.", "y"]]]})
    path = write_deck(
        folder, "stages: {from: w.xlsx, sheet: étapes}\nquestions: {from: q.csv}\n"
    )
    errors = errors_of(path, tmp_path)
    assert "d/q.csv:1:2: clé « txt » inconnue dans question « q1 » ;" \
           " vouliez-vous dire « text » ?" in errors
    assert "d/w.xlsx[étapes]:1:4: clé « titel » inconnue dans étape « depart » ;" \
           " vouliez-vous dire « title » ?" in errors
    assert sum("inconnue" in e for e in errors) == 2
    # the required column it replaces is missing in each row, cited at the row
    assert "d/q.csv:2:1: question « q1 » : champ obligatoire « text » manquant" in errors


def test_bad_reference_in_a_cell_is_reported_at_that_cell(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    write_workbook(
        folder / "deck.xlsx",
        {
            "stages": [
                ["id", "title", "text", "beacons"], ["depart", "D", "T", "carnet ; boussol"]
            ],
            "beacons": [["id", "title"], ["carnet", "C"], ["boussole", "B"]],
            "questions": [["id", "text", "stage"], ["q1", "?", "depar"]],
        },
    )
    path = write_deck(
        folder,
        "stages: {from: deck.xlsx}\nbeacons: {from: deck.xlsx}\nquestions: {from: deck.xlsx}\n",
    )
    assert errors_of(path, tmp_path) == [
        "d/deck.xlsx[questions]:2:3: étape « depar » inconnue ; vouliez-vous dire « depart » ?",
        "d/deck.xlsx[stages]:2:4: balise « boussol » inconnue ;"
        " vouliez-vous dire « boussole » ?",
    ]


def test_cell_problems_and_yaml_problems_come_together(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "s.csv").write_text(
        "id,title,text,map.x\nDépart,D,T,120\nok,,T,\n", encoding="utf-8"
    )
    path = write_deck(folder, "subtitel: x\nstages: {from: s.csv}\n")
    errors = errors_of(path, tmp_path)
    assert any(e.startswith("d/deck.yaml:5:1: clé « subtitel » inconnue") for e in errors)
    assert any(e.startswith("d/s.csv:2:1: étape « Départ » → id : identifiant « Départ »")
               for e in errors)
    assert "d/s.csv:2:4: étape « Départ » → map : champ obligatoire « y » manquant" in errors
    assert "d/s.csv:2:4: étape « Départ » → map → x : pourcentage de 0 à 100 attendu," \
           " trouvé « 120 »" in errors
    assert "d/s.csv:3:1: étape « ok » : champ obligatoire « title » manquant" in errors


def test_missing_file_with_suggestion(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "questions.csv").write_text("id,text\n", encoding="utf-8")
    path = write_deck(folder, "questions: {from: question.csv}\n")
    assert errors_of(path, tmp_path) == [
        "d/deck.yaml:5:19: questions → from : fichier « question.csv » introuvable dans le"
        " dossier du deck ; vouliez-vous dire « questions.csv » ?"
    ]


def test_missing_sheet_lists_the_sheets_with_a_suggestion(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    write_workbook(folder / "deck.xlsx", {"stages": STAGES, "questions": [["id", "text"]]})
    path = write_deck(folder, "questions: {from: deck.xlsx, sheet: Question}\n")
    assert errors_of(path, tmp_path) == [
        "d/deck.yaml:5:37: questions → sheet : feuille « Question » absente de d/deck.xlsx"
        " (feuilles : stages, questions) ; vouliez-vous dire « questions » ?"
    ]


def test_workbook_without_a_sheet_named_like_the_list(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    write_workbook(folder / "deck.xlsx", {"Feuil1": STAGES, "Feuil2": STAGES})
    path = write_deck(folder, "stages: {from: deck.xlsx}\n")
    (error,) = errors_of(path, tmp_path)
    assert error.startswith("d/deck.yaml:5:16: stages : aucune feuille « étapes » ni « stages »"
                            " dans d/deck.xlsx")
    assert "(feuilles : Feuil1, Feuil2)" in error


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("../dehors.csv", "« ../dehors.csv » sort du dossier du deck"),
        ("sous/../../dehors.csv", "sort du dossier du deck"),
        ("lien.csv", "« lien.csv » sort du dossier du deck"),
        ("/etc/passwd.csv", "chemin absolu interdit"),
        ("deck.yaml", "format « .yaml » non pris en charge ; attendu un fichier .csv, .ods ou"
                      " .xlsx"),
        ("vieux.xls", "l'ancien format Excel .xls n'est pas lu"),
    ],
)
def test_sheet_files_follow_the_asset_rules(tmp_path, value, message):
    (tmp_path / "dehors.csv").write_text("id,title,text\n", encoding="utf-8")
    folder = tmp_path / "d"
    folder.mkdir()
    os.symlink(tmp_path / "dehors.csv", folder / "lien.csv")
    path = write_deck(folder, f"stages:\n  from: {value}\n")
    (error,) = errors_of(path, tmp_path)
    assert error.startswith("d/deck.yaml:6:9: stages → from : "), error
    assert message in error


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "stages: {from: s.csv, title: Départ}\n",
            "d/deck.yaml:5:23: stages : clé « title » inattendue",
        ),
        ("stages: {form: s.csv}\n", "vouliez-vous dire « from » ?"),
        ("stages: {sheet: stages}\n", "d/deck.yaml:5:9: stages : « from » manquant"),
        ("stages: {from: s.csv, sheet: x}\n", "d/deck.yaml:5:30: stages → sheet : un fichier CSV"),
        ("stages: {from: [s.csv]}\n", "d/deck.yaml:5:16: stages → from : attendu le nom"),
    ],
)
def test_malformed_references(tmp_path, body, expected):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "s.csv").write_text("id,title,text\nd,D,T\n", encoding="utf-8")
    path = write_deck(folder, body)
    errors = errors_of(path, tmp_path)
    assert any(expected in e for e in errors), errors


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("s.csv", b"", "d/s.csv:1:1: la feuille est vide"),
        ("s.csv", b"\n;;\n", "d/s.csv:1:1: la feuille est vide"),
        ("s.csv", "depart,Départ,On part.\n".encode(), "d/s.csv:1:1: pas de ligne d'en-tête"),
        ("s.csv", b"\n\nid,title,text\n", "d/s.csv:1:1: pas de ligne d'en-tête"),
        ("s.csv", b"id,title,id\n", "d/s.csv:1:3: colonne « id » en double (déjà colonne 1)"),
        ("s.csv", b"id,title,text\nd,D,T,oups\n", "d/s.csv:2:4: valeur dans une colonne sans nom"),
        ("s.csv", b"id,title,text,map\nd,D,T,1\n", "d/s.csv:1:4: colonne « map » : donnez-la"),
        ("s.csv", b"PK\x03\x04rest", "d/s.csv:1:1: c'est un classeur (ODS ou XLSX), pas un"
                                     " texte CSV"),
        ("s.xlsx", b"id,title,text\n", "d/s.xlsx:1:1: ce n'est pas un classeur XLSX"),
        ("s.ods", b"id,title,text\n", "d/s.ods:1:1: ce n'est pas un classeur ODS"),
        ("s.csv", b"id,titre,title\n", "d/s.csv:1:3: colonne « title » en double (déjà colonne 2,"
                                      " « titre », le même champ)"),
    ],
)
def test_unreadable_or_headerless_files(tmp_path, name, content, expected):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / name).write_bytes(content)
    path = write_deck(folder, f"stages: {{from: {name}}}\n")
    errors = errors_of(path, tmp_path)
    assert any(e.startswith(expected) for e in errors), errors


def test_empty_sheet_is_reported_with_its_sheet(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    write_workbook(folder / "deck.xlsx", {"stages": [], "questions": [[None], [None, "Qui ?"]]})
    path = write_deck(folder, "stages: {from: deck.xlsx}\nquestions: {from: deck.xlsx}\n")
    errors = errors_of(path, tmp_path)
    assert [e.split(": ")[0] for e in errors] == [
        "d/deck.xlsx[questions]:1:1", "d/deck.xlsx[stages]:1:1"
    ]
    assert "la feuille est vide" in errors[1] and "pas de ligne d'en-tête" in errors[0]


def test_header_only_sheet_is_an_empty_list(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "s.csv").write_text("id,title,text\n", encoding="utf-8")
    path = write_deck(folder, "stages: {from: s.csv}\n")
    assert load_deck(path, tmp_path).stages == ()


def test_every_sheet_problem_is_reported_in_one_run(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    path = write_deck(folder, "stages: {from: a.csv}\nquestions: {from: b.csv}\n")
    errors = errors_of(path, tmp_path)
    assert len(errors) == 2 and all("introuvable" in e for e in errors)


# -- territory decks --------------------------------------------------------------------------


def test_a_territory_deck_can_take_a_list_from_a_sheet(tmp_path):
    write_deck(
        tmp_path / "decks" / "base",
        "stages:\n  - id: depart\n    title: Départ\n    text: On part.\n"
        "    tagline: Allez\n",
    ).write_text(
        (tmp_path / "decks" / "base" / "deck.yaml").read_text(encoding="utf-8").replace(
            "id: cas", "id: base"
        ),
        encoding="utf-8",
    )
    folder = tmp_path / "decks" / "ici"
    folder.mkdir(parents=True)
    # an existing id overrides only the cells given; a new id is appended
    (folder / "etapes.csv").write_text(
        "id;title;text;tagline\ndepart;Départ d'ici;;\nescale;Escale;On s'arrête.;\n",
        encoding="utf-8",
    )
    path = folder / "deck.yaml"
    path.write_text("kit: 1\nid: ici\nextends: base\nstages: {from: etapes.csv}\n",
                    encoding="utf-8")
    deck = load_deck(path, tmp_path)
    depart, escale = deck.stages
    assert (depart.title, depart.text, depart.tagline) == ("Départ d'ici", "On part.", "Allez")
    assert escale.loc == Loc("decks/ici/etapes.csv", 3, 1)
    assert deck.extends == "base"


def test_a_single_entity_without_its_dash_is_left_to_the_validator(tmp_path):
    path = write_deck(tmp_path / "d", "stages:\n  id: depart\n  title: Départ\n  text: T\n")
    (error,) = errors_of(path, tmp_path)
    assert error == "d/deck.yaml:6:3: stages : mettez un tiret « - » devant chaque élément" \
                    " (« - id: … »)"


def test_a_damaged_workbook_is_refused_at_its_file(tmp_path):
    import zipfile

    folder = tmp_path / "d"
    folder.mkdir()
    with zipfile.ZipFile(folder / "deck.xlsx", "w") as archive:
        archive.writestr("bonjour.txt", "pas un classeur")
    path = write_deck(folder, "stages: {from: deck.xlsx}\n")
    (error,) = errors_of(path, tmp_path)
    assert error.startswith("d/deck.xlsx:1:1: classeur XLSX illisible")
