"""The `kit` command: exit codes, messages, JSON, and that nothing is written into the repo."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kit import __version__
from kit.cli import main
from kit.model.schema import json_schema

DATA = Path(__file__).resolve().parent.parent / "data"
COUNT_KEYS = {"stages", "pillars", "beacons", "currents", "questions", "sites", "imaginaries"}
LOCATED = re.compile(r"^\S+:\d+:\d+: \S")
#: the smallest deck that builds: the canvases want two stages and a pillar
TINY = """\
kit: 1
id: tiny
title: Petit deck
language: fr
stages:
  - id: depart
    title: Départ
    text: On part.
  - id: arrivee
    title: Arrivée
    text: On arrive.
questions:
  - id: q1
    text: Avec qui partir ?
    stage: depart
pillars:
  - id: volcan
    title: Le volcan
    text: Les projets communs.
    landmark: volcano
"""


@pytest.fixture
def runner(tmp_path, monkeypatch) -> CliRunner:
    monkeypatch.chdir(tmp_path)
    return CliRunner()


def write_deck(folder: Path, text: str = TINY) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "deck.yaml").write_text(text, encoding="utf-8")
    return folder / "deck.yaml"


def no_crash(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert "erreur interne" not in result.output


# -- validate -------------------------------------------------------------------------------------


def test_validate_default_deck(runner):
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("deck « cooperation » valide : 5 étapes, 3 piliers, 4 balises")
    assert len(result.stdout.splitlines()) == 1


@pytest.mark.parametrize("ref", ["faire-ensemble", "tiny", "tiny/deck.yaml", "./tiny"])
def test_validate_by_id_folder_or_file(runner, tmp_path, ref):
    write_deck(tmp_path / "tiny")
    result = runner.invoke(main, ["validate", ref])
    assert result.exit_code == 0, result.output
    assert "valide" in result.stdout


def test_validate_invalid_deck_prints_every_error_located(runner, tmp_path):
    write_deck(tmp_path / "bad", TINY.replace("language: fr", "language: de")
               .replace("stage: depart", "stage: depar") + "titel: x\n")
    result = runner.invoke(main, ["validate", "bad"])
    no_crash(result)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines == [
        "bad/deck.yaml:4:11: language : « de » inconnu ; choix possibles : fr, en",
        "bad/deck.yaml:15:12: étape « depar » inconnue ; vouliez-vous dire « depart » ?",
        "bad/deck.yaml:21:1: clé « titel » inconnue au premier niveau ;"
        " vouliez-vous dire « title » ?",
        "3 erreurs.",
    ]
    assert result.stdout == ""


def test_validate_json_valid(runner):
    result = runner.invoke(main, ["validate", "cooperation", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report) == {"deck", "valid", "counts", "errors"}
    assert report["deck"] == "cooperation" and report["valid"] is True
    assert set(report["counts"]) == COUNT_KEYS
    assert report["counts"]["stages"] == 5 and report["counts"]["questions"] >= 30
    assert report["errors"] == []
    assert result.stderr == ""


def test_validate_json_invalid(runner, tmp_path):
    write_deck(tmp_path / "bad", TINY.replace("title: Départ", "title: [a]"))
    result = runner.invoke(main, ["validate", "bad", "--json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert set(report) == {"deck", "valid", "counts", "errors"}
    assert (report["deck"], report["valid"]) == ("tiny", False)
    assert report["errors"] == [
        {
            "file": "bad/deck.yaml",
            "line": 7,
            "column": 12,
            "message": "étape « depart » → title : un seul texte, pas une liste (« - » ou [ ]) :"
                       " écrivez-le après « title: »",
        }
    ]
    assert result.stderr == ""


def test_validate_unknown_deck(runner):
    result = runner.invoke(main, ["validate", "cooperaton"])
    no_crash(result)
    assert result.exit_code == 1
    assert "deck introuvable" in result.stderr and "cooperation" in result.stderr


def all_cases() -> list[Path]:
    return sorted([*DATA.glob("*.yaml"), *DATA.glob("*/deck.yaml")])


def is_valid_case(path: Path) -> bool:
    """A case announcing `# valid` in its header must load (tests/load/test_edge_cases.py)."""
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.startswith("#"):
            return False
        if re.match(r"#\s*valid\b", line):
            return True
    return False


def cases() -> list[Path]:
    return [path for path in all_cases() if not is_valid_case(path)]


@pytest.mark.parametrize(
    "path", [p for p in all_cases() if is_valid_case(p)],
    ids=lambda p: p.parent.name if p.name == "deck.yaml" else p.stem
)
def test_every_valid_case_passes_with_its_notes_located(path, monkeypatch):
    monkeypatch.chdir(DATA)
    result = CliRunner().invoke(main, ["validate", str(path.relative_to(DATA))])
    no_crash(result)
    assert result.exit_code == 0, result.output
    *notes, summary = result.stdout.splitlines()
    assert all(LOCATED.match(line) for line in notes), result.stdout
    assert " valide" in summary


@pytest.mark.parametrize(
    "path", cases(), ids=lambda p: p.parent.name if p.name == "deck.yaml" else p.stem
)
def test_every_edge_case_fails_cleanly_in_both_outputs(path, monkeypatch):
    monkeypatch.chdir(DATA)
    runner = CliRunner()
    ref = str(path.relative_to(DATA))
    text = runner.invoke(main, ["validate", ref])
    no_crash(text)
    assert text.exit_code == 1
    *located, tail = text.stderr.splitlines()
    assert located and all(LOCATED.match(line) for line in located), text.stderr
    assert re.fullmatch(r"\d+ erreurs?\.", tail)
    as_json = runner.invoke(main, ["validate", ref, "--json"])
    no_crash(as_json)
    assert as_json.exit_code == 1
    report = json.loads(as_json.stdout)
    assert report["valid"] is False and len(report["errors"]) == len(located)
    assert all(set(e) == {"file", "line", "column", "message"} for e in report["errors"])


# -- options, help, version -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--bogus"],
        ["nope"],
        ["build", "--only", "poster"],
        ["build", "--bleed", "9"],
        ["build", "--back-offset", "abc"],
        ["new"],
    ],
)
def test_usage_errors_exit_2(runner, args):
    result = runner.invoke(main, args)
    assert result.exit_code == 2, result.output
    assert not (Path.cwd() / "output").exists()


def test_version(runner):
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"kit, version {__version__}"


def all_commands() -> list[list[str]]:
    paths = [[]]

    def walk(group: click.Group, prefix: list[str]) -> None:
        for name, command in group.commands.items():
            paths.append([*prefix, name])
            if isinstance(command, click.Group):
                walk(command, [*prefix, name])

    walk(main, [])
    return paths


def test_the_commands_the_issue_asks_for_exist():
    assert {"validate", "build", "new", "schema", "list"} <= set(main.commands)


@pytest.mark.parametrize("path", all_commands(), ids=lambda p: " ".join(p) or "kit")
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_everywhere(runner, path, flag):
    result = runner.invoke(main, [*path, flag])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Utilisation : ")  # click's words in French too
    command = main
    for name in path:
        command = command.commands[name]
    assert command.help and command.help.strip(), f"{path} has no help text"


# -- new ------------------------------------------------------------------------------------------


def test_new_writes_a_deck_that_validates(runner, tmp_path):
    result = runner.invoke(main, ["new", "mon-territoire"])
    assert result.exit_code == 0, result.output
    path = tmp_path / "decks" / "mon-territoire" / "deck.yaml"
    text = path.read_text(encoding="utf-8")
    # a French base: French keys (kit.model.schema.FRENCH_KEYS)
    assert "étend: cooperation" in text and "id: mon-territoire" in text
    assert "# retirer:" in text and "# balises:" in text  # commented examples
    check = runner.invoke(main, ["validate", "mon-territoire"])
    assert check.exit_code == 0, check.output
    assert "« mon-territoire » valide, étend « cooperation »" in check.stdout


def test_new_from_another_base(runner, tmp_path):
    result = runner.invoke(main, ["new", "chez-nous", "--from", "faire-ensemble"])
    assert result.exit_code == 0, result.output
    check = runner.invoke(main, ["validate", "chez-nous", "--json"])
    report = json.loads(check.stdout)
    assert report["valid"] is True and report["counts"]["questions"] >= 10


def test_new_from_a_deck_given_by_path(runner, tmp_path):
    write_deck(tmp_path / "ailleurs" / "tiny")
    result = runner.invoke(main, ["new", "chez-nous", "--from", "ailleurs/tiny"])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "decks" / "chez-nous" / "deck.yaml").read_text(encoding="utf-8")
    assert "étend: ../../ailleurs/tiny/deck.yaml" in text
    assert runner.invoke(main, ["validate", "chez-nous"]).exit_code == 0


def test_new_refuses_to_overwrite(runner, tmp_path):
    assert runner.invoke(main, ["new", "mon-territoire"]).exit_code == 0
    path = tmp_path / "decks" / "mon-territoire" / "deck.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# mes notes\n", encoding="utf-8")
    before = path.read_bytes()
    again = runner.invoke(main, ["new", "mon-territoire"])
    no_crash(again)
    assert again.exit_code == 1
    assert "existe déjà" in again.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize("name", ["Mon Territoire", "été"])
def test_new_refuses_a_bad_name(runner, tmp_path, name):
    result = runner.invoke(main, ["new", name])
    no_crash(result)
    assert result.exit_code == 1
    assert "nom de deck invalide" in result.stderr
    assert not (tmp_path / "decks").exists()


def test_new_from_an_unknown_base(runner, tmp_path):
    result = runner.invoke(main, ["new", "x", "--from", "nope"])
    no_crash(result)
    assert result.exit_code == 1
    assert not (tmp_path / "decks").exists()


# -- schema, list ---------------------------------------------------------------------------------


def test_schema_prints_the_json_schema(runner):
    result = runner.invoke(main, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json_schema()


def test_list_shows_decks_and_card_formats(runner, tmp_path):
    write_deck(tmp_path / "decks" / "tiny")
    result = runner.invoke(main, ["list"])
    assert result.exit_code == 0, result.output
    names = {line.split()[0] for line in result.stdout.splitlines() if line.startswith("  ")}
    assert {"cooperation", "faire-ensemble", "tiny"} <= names
    assert {"poker", "tarot", "a6", "a7", "square"} <= names
    assert "Petit deck" in result.stdout


def test_list_survives_a_broken_local_deck(runner, tmp_path):
    write_deck(tmp_path / "decks" / "casse", "kit: 1\nid: casse\ntitle: [\n")
    result = runner.invoke(main, ["list"])
    assert result.exit_code == 0, result.output
    (line,) = [line for line in result.stdout.splitlines() if line.split()[:1] == ["casse"]]
    assert "invalide : 1 erreur" in line


# -- build ----------------------------------------------------------------------------------------


def test_build_cards_of_a_tiny_deck(runner, tmp_path):
    write_deck(tmp_path / "tiny")
    out = tmp_path / "sortie"
    result = runner.invoke(main, ["build", "tiny", "--only", "cards", "--out", str(out)])
    assert result.exit_code == 0, result.output
    pdf = out / "tiny" / "cards.pdf"
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")
    assert "écrit" in result.stdout and "cards.pdf" in result.stdout


def test_build_of_an_invalid_deck_writes_nothing(runner, tmp_path):
    write_deck(tmp_path / "tiny", TINY.replace("text: On part.", "text: ''") + "x: 1\n")
    out = tmp_path / "sortie"
    result = runner.invoke(main, ["build", "tiny", "--only", "cards", "--out", str(out)])
    no_crash(result)
    assert result.exit_code == 1
    *located, tail = result.stderr.splitlines()
    assert located == [
        "tiny/deck.yaml:8:11: étape « depart » → text est vide",
        "tiny/deck.yaml:21:1: clé « x » inconnue au premier niveau",
    ]
    assert "rien n'a été écrit" in tail
    assert not out.exists()


def test_new_deck_points_editors_at_a_schema_that_travels_with_it(runner, tmp_path):
    runner.invoke(main, ["new", "mon-territoire"])
    folder = tmp_path / "decks" / "mon-territoire"
    first = (folder / "deck.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=deck.schema.json"  # relative: it travels
    assert json.loads((folder / "deck.schema.json").read_text()) == json_schema()
    # mailed to a colleague: the folder alone still validates, schema included
    elsewhere = tmp_path / "ailleurs" / "decks"
    elsewhere.mkdir(parents=True)
    folder.rename(elsewhere / "mon-territoire")
    assert (elsewhere / "mon-territoire" / "deck.schema.json").is_file()
    assert str(tmp_path) not in (elsewhere / "mon-territoire" / "deck.yaml").read_text()


def test_validate_an_empty_file_and_a_folder_without_deck(runner, tmp_path):
    (tmp_path / "vide.yaml").write_bytes(b"")
    result = runner.invoke(main, ["validate", "vide.yaml"])
    no_crash(result)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "vide.yaml:1:1: le fichier est vide"
    (tmp_path / "dossier").mkdir()
    result = runner.invoke(main, ["validate", "dossier"])
    no_crash(result)
    assert result.exit_code == 1
    assert "ne contient pas de deck.yaml" in result.stderr


@pytest.mark.parametrize("moment", ["parsing", "after the command"])
def test_an_interrupt_outside_the_command_still_exits_130_not_aborted(moment, tmp_path):
    """Ctrl-C while click parses the arguments, or once the command is done and click closes
    its context: the kit says "interrompu" and exits 130, as during the command."""
    import subprocess
    import sys

    hook = "parse_args" if moment == "parsing" else "close"
    owner = "click.Group" if hook == "parse_args" else "click.Context"
    script = (
        "import os, signal, click\n"
        "import kit.cli\n"
        f"original = {owner}.{hook}\n"
        "def hooked(self, *args, **kwargs):\n"
        "    result = original(self, *args, **kwargs)\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        "    return result\n"
        f"{owner}.{hook} = hooked\n"
        "import sys; sys.argv = ['kit', 'list']\n"
        "kit.cli.run()\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=tmp_path, timeout=60)
    assert proc.returncode == 130, proc.stderr
    assert "interrompu" in proc.stderr and "Aborted" not in proc.stderr
