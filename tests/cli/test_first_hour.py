"""Issue #14, a facilitator's first hour: each failure a newcomer met, through the command line
in a temporary folder (click's CliRunner, or a real process where a pipe or a locale is at
stake)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from kit.cli import main
from kit.outputs import MANIFEST

ROOT = Path(__file__).resolve().parents[2]
#: the smallest deck that builds (the canvases want two stages and a pillar)
SMALL = """\
kit: 1
id: {id}
title: Petit kit
language: fr
territory:
  name: Pays de Morlaix
stages:
  - id: depart
    title: Départ
    text: On part.
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
    questions:
      - Qui tient le carnet ?
questions:
  - id: q1
    text: Avec qui partir ?
    stage: depart
"""


@pytest.fixture
def runner(tmp_path, monkeypatch) -> CliRunner:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KIT_LANG", raising=False)
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    return CliRunner()


def deck(root: Path, folder: str, text: str | None = None, deck_id: str | None = None) -> Path:
    path = root / "decks" / folder / "deck.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text if text is not None else SMALL.format(id=deck_id or folder),
                    encoding="utf-8")
    return path


def guide_text(folder: Path) -> str:
    reader = PdfReader(io.BytesIO((folder / "LISEZ-MOI-impression.pdf").read_bytes()))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


# -- 1. kit new, then kit build, from every shipped base ---------------------------------------


@pytest.mark.parametrize("base", ["cooperation", "cooperation-en", "faire-ensemble"])
def test_a_new_deck_builds_as_written_from_every_shipped_base(runner, tmp_path, base):
    made = runner.invoke(main, ["new", "essai-brut", "--from", base])
    assert made.exit_code == 0, made.output
    text = (tmp_path / "decks" / "essai-brut" / "deck.yaml").read_text(encoding="utf-8")
    assert ("My territory" if base.endswith("-en") else "Mon territoire") in text
    check = runner.invoke(main, ["validate", "essai-brut"])
    assert check.exit_code == 0, check.output
    built = runner.invoke(main, ["build", "essai-brut"])
    assert built.exit_code == 0, built.output
    folder = tmp_path / "output" / "essai-brut"
    guide = "README-printing.pdf" if base.endswith("-en") else "LISEZ-MOI-impression.pdf"
    assert {"cards.pdf", "map.pdf", "canvases.pdf", guide} <= {p.name for p in folder.iterdir()}
    assert built.stdout.rstrip().splitlines()[-1].startswith(
        f"À ouvrir d'abord : output/essai-brut/{guide}")


# -- 3. a repeated id in a territory deck -------------------------------------------------------


def test_an_id_repeated_in_a_territory_deck_is_an_error_at_both_lines(runner, tmp_path):
    deck(tmp_path, "morlaix", "kit: 1\nid: morlaix\nextends: cooperation\nbeacons:\n"
                              "  - id: ma-balise\n    title: Une\n"
                              "  - id: ma-balise\n    title: Deux\n")
    for command in ("validate", "build"):
        result = runner.invoke(main, [command, "morlaix"])
        assert result.exit_code == 1, result.output
        lines = result.stderr.splitlines()
        assert lines[0].startswith("decks/morlaix/deck.yaml:5:9: identifiant « ma-balise »"
                                   " repris plus loin (balise, decks/morlaix/deck.yaml:7:9)")
        assert lines[1].startswith("decks/morlaix/deck.yaml:7:9: identifiant « ma-balise »"
                                   " déjà utilisé (balise, decks/morlaix/deck.yaml:5:9)")
    assert not (tmp_path / "output").exists()


def test_an_id_of_the_base_is_still_merged(runner, tmp_path):
    deck(tmp_path, "morlaix", "kit: 1\nid: morlaix\nextends: cooperation\nbeacons:\n"
                              "  - id: enqueter-en-interne\n    title: Notre enquête\n")
    result = runner.invoke(main, ["validate", "morlaix"])
    assert result.exit_code == 0, result.output
    assert "4 balises" in result.stdout


# -- 4. a copied deck folder --------------------------------------------------------------------


def test_a_copied_folder_with_the_old_id_says_what_to_write(runner, tmp_path):
    deck(tmp_path, "morlaix-v2", deck_id="pays-de-morlaix")
    for command in ("validate", "build"):
        result = runner.invoke(main, [command, "morlaix-v2"])
        assert result.exit_code == 1
        assert result.stderr.splitlines()[0] == (
            "decks/morlaix-v2/deck.yaml:2:5: l'identifiant « pays-de-morlaix » ne correspond"
            " pas au dossier du deck (decks/morlaix-v2/) : écrivez « id: morlaix-v2 » (ou"
            " renommez le dossier en « pays-de-morlaix ») ; deux decks ne peuvent pas partager"
            " un identifiant")
    assert not (tmp_path / "output").exists()


def test_a_build_never_writes_into_another_decks_folder(runner, tmp_path):
    deck(tmp_path, "morlaix")
    assert runner.invoke(main, ["build", "morlaix", "--only", "cards"]).exit_code == 0
    before = (tmp_path / "output" / "morlaix" / "cards.pdf").read_bytes()
    other = tmp_path / "ailleurs" / "deck.yaml"  # the same id, from another file
    other.parent.mkdir()
    other.write_text(SMALL.format(id="morlaix").replace("Petit kit", "Autre kit"))
    result = runner.invoke(main, ["build", "ailleurs", "--only", "cards"])
    assert result.exit_code == 1
    assert "output/morlaix/ contient le kit de decks/morlaix/deck.yaml" in result.stderr
    assert "--out" in result.stderr
    assert (tmp_path / "output" / "morlaix" / "cards.pdf").read_bytes() == before
    # elsewhere it builds; and once the first deck is gone, the folder may be taken over
    assert runner.invoke(main, ["build", "ailleurs", "--only", "cards", "--out",
                                "autre"]).exit_code == 0
    (tmp_path / "decks" / "morlaix" / "deck.yaml").unlink()
    assert runner.invoke(main, ["build", "ailleurs", "--only", "cards"]).exit_code == 0


# -- 5. partial builds keep the other files, and the guide says so ------------------------------


def test_a_partial_build_keeps_earlier_files_and_the_guide_describes_them(runner, tmp_path):
    deck(tmp_path, "morlaix")
    folder = tmp_path / "output" / "morlaix"
    assert runner.invoke(main, ["build", "morlaix", "--only", "cards", "--format", "tarot"]
                         ).exit_code == 0
    cards = (folder / "cards.pdf").read_bytes()
    result = runner.invoke(main, ["build", "morlaix", "--only", "map"])
    assert result.exit_code == 0, result.output
    assert (folder / "cards.pdf").read_bytes() == cards  # last week's cards are still there
    text = guide_text(folder)
    assert "Dans ce dossier" in text
    assert "cards.pdf : les cartes à jouer, planches recto-verso — construction précédente," \
           " avec --format tarot" in text
    assert "map.pdf : la carte de poche" in text
    assert "map.pdf : la carte de poche, recto (la carte) et verso (le guide), en A3 —" \
        not in text  # built now: not marked
    assert "Les cartes" in text and "La carte de poche" in text  # how to print both
    # a full build again: nothing is « earlier » any more
    assert runner.invoke(main, ["build", "morlaix", "--only", "cards", "--only", "map"]
                         ).exit_code == 0
    assert "construction précédente" not in guide_text(folder)


def test_the_guide_lists_files_the_kit_did_not_make(runner, tmp_path):
    deck(tmp_path, "morlaix")
    folder = tmp_path / "output" / "morlaix"
    folder.mkdir(parents=True)
    (folder / "notes.txt").write_text("à moi")
    assert runner.invoke(main, ["build", "morlaix", "--only", "cards"]).exit_code == 0
    assert "notes.txt : fichier ajouté à la main, pas fait par le kit" in guide_text(folder)
    assert (folder / "notes.txt").read_text() == "à moi"


def test_a_write_failing_part_way_says_what_was_replaced(runner, tmp_path):
    deck(tmp_path, "morlaix")
    folder = tmp_path / "output" / "morlaix"
    assert runner.invoke(main, ["build", "morlaix", "--only", "cards"]).exit_code == 0
    old_guide = (folder / "LISEZ-MOI-impression.pdf").read_bytes()
    (folder / "cards.pdf").unlink()
    (folder / "cards.pdf").mkdir()  # a folder in the way of the second file
    path = deck(tmp_path, "morlaix")
    path.write_text(path.read_text().replace("On part.", "On part demain."))
    result = runner.invoke(main, ["build", "morlaix", "--only", "cards"])
    assert result.exit_code == 1
    first, tail = result.stderr.splitlines()
    assert first == (
        "output/morlaix/cards.pdf: écriture impossible : un dossier porte ce nom — 1 fichier(s)"
        " remplacé(s) : cards-foldover.pdf ; 1 fichier(s) inchangé(s), de la construction"
        " précédente : LISEZ-MOI-impression.pdf ; 1 fichier(s) non écrit(s) : cards.pdf ;"
        " corrigez puis relancez la construction")
    assert tail == "1 erreur."  # not « rien n'a été écrit »
    assert (folder / "LISEZ-MOI-impression.pdf").read_bytes() == old_guide
    assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == []


def test_the_manifest_is_small_and_has_no_date(runner, tmp_path):
    deck(tmp_path, "morlaix")
    assert runner.invoke(main, ["build", "morlaix", "--only", "cards", "--paper", "a3"]
                         ).exit_code == 0
    text = (tmp_path / "output" / "morlaix" / MANIFEST).read_text()
    assert '"cards.pdf": {"options": {"paper": "A3"}, "product": "cards"}' in text
    assert str(tmp_path / "decks" / "morlaix" / "deck.yaml") in text
    assert "20" + "2" not in text.replace(str(tmp_path), "")  # no year, no date


# -- 6. the README's first screen ----------------------------------------------------------------


def test_the_readme_opens_in_french_with_the_two_commands_first():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in text.split("```sh\n")[1:]]
    assert blocks[0].strip() == "python3 -m venv .venv && .venv/bin/pip install . &&" \
                                " .venv/bin/kit build"
    second = 'python3 -m venv .venv && .venv/bin/pip install ".[test]" &&' \
             ' .venv/bin/python -m pytest'
    assert blocks[1].strip() == second
    assert second in (ROOT / ".ci" / "run").read_text()
    first_screen = text.split("\n## ")[0]
    for words in ("Windows", "macOS", "Linux", r".venv\Scripts\kit.exe", "LISEZ-MOI-impression",
                  "activate"):
        assert words in first_screen, words
    assert "benchmark" not in first_screen.lower() and "Speed" not in first_screen


def test_the_installed_kit_ships_exactly_the_decks_of_the_repository():
    """pyproject lists the shipped decks one by one: a facilitator's deck made in this folder
    (README: kit new, then pip install . again) must not become a « shipped » deck."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    included = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    shipped = {src for src in included if src.startswith("decks/")}
    # (not a glob of decks/: a facilitator working in this folder keeps their decks there)
    assert shipped == {"decks/cooperation", "decks/cooperation-en", "decks/faire-ensemble"}
    assert all((ROOT / src / "deck.yaml").is_file() for src in shipped)
    assert "decks" not in included


# -- 7. click in French, or English; choices in any case ---------------------------------------

MESSAGES = [
    (["build", "--help"], "Utilisation : kit build [OPTIONS] [DECK]",
     "Usage: kit build [OPTIONS] [DECK]"),
    (["build", "--help"], "Options :", "Options:"),
    (["build", "--help"], "Afficher cette aide et quitter.", "Show this message and exit."),
    (["--help"], "Afficher la version et quitter.", "Show the version and exit."),
    (["--help"], "Commandes :", "Commands:"),
    (["build", "--help"], "[par défaut : A4]", "[default: A4]"),
    (["build", "--foo"], "Erreur : option « --foo » inconnue.", "Error: No such option '--foo'."),
    (["build", "--foo"], "Essayez « kit build --help » pour l’aide.",
     "Try 'kit build --help' for help."),
    (["new"], "Erreur : argument manquant : 'NOM'.", "Error: Missing argument 'NOM'."),
    (["build", "--paper", "B5"], "valeur invalide pour '--paper' : « B5 » n’est pas l’un de",
     "Invalid value for '--paper': 'B5' is not one of"),
    (["build", "--bleed", "9"], "9.0 n’est pas dans l’intervalle 2<=x<=5.",
     "9.0 is not in the range 2<=x<=5."),
    (["nope"], "Erreur : commande « nope » inconnue.", "Error: No such command 'nope'."),
    (["build", "--out"], "l’option « --out » attend une valeur.",
     "Option '--out' requires an argument."),
    (["list", "extra"], "argument en trop (extra)", "Got unexpected extra argument (extra)"),
]


@pytest.mark.parametrize(("args", "french", "english"), MESSAGES,
                         ids=[f"{' '.join(a)} {f[:12]}" for a, f, _ in MESSAGES])
def test_clicks_words_in_french_and_in_english(runner, args, french, english):
    for env, expected, unexpected in (({}, french, english),
                                      ({"KIT_LANG": "en"}, english, french),
                                      ({"LANG": "en_GB.UTF-8"}, english, french),
                                      ({"LANG": "fr_FR.UTF-8"}, french, english),
                                      ({"LANG": "en_US.UTF-8", "KIT_LANG": "fr"}, french,
                                       english)):
        result = runner.invoke(main, args, env=env, prog_name="kit")
        assert expected in result.output, (env, result.output)
        assert unexpected not in result.output, (env, result.output)


@pytest.mark.parametrize("args", [["--canvas-size", "a2", "--only", "canvases"],
                                  ["--format", "A6", "--only", "cards"],
                                  ["--profile", "PRESS", "--only", "cards"],
                                  ["--duplex", "Short-Edge", "--only", "cards"],
                                  ["--fold", "Road-Map", "--only", "map"],
                                  ["--only", "CARDS", "--paper", "Letter"]])
def test_choices_ignore_case(runner, tmp_path, args):
    deck(tmp_path, "morlaix")
    result = runner.invoke(main, ["build", "Morlaix", *args, "-q"])  # a deck id too
    assert result.exit_code == 0, result.output


# -- 8. where decks are looked for ----------------------------------------------------------------


def test_an_unknown_deck_says_where_decks_are_looked_for(runner, tmp_path):
    result = runner.invoke(main, ["build", "pays-de-nulle-part"])
    assert result.exit_code == 1
    message = result.stderr.splitlines()[0]
    assert "deck introuvable" in message
    assert f"cherché dans {tmp_path / 'decks'}/" in message
    assert "puis parmi les decks fournis avec le kit (cooperation, cooperation-en," \
           " faire-ensemble)" in message


def test_a_bare_build_says_which_deck_it_builds_and_from_where(runner, tmp_path):
    deck(tmp_path, "morlaix")
    result = runner.invoke(main, ["build", "--only", "cards"])
    assert result.exit_code == 0, result.output
    first, second = result.stdout.splitlines()[:2]
    assert first == "deck « cooperation » (deck fourni avec le kit) → output/cooperation/"
    assert second == ("sans DECK, je construis le deck « cooperation » ; pour le vôtre :"
                      " kit build morlaix (vos decks dans ./decks/ : morlaix)")
    named = runner.invoke(main, ["build", "morlaix", "--only", "cards"])
    assert named.stdout.splitlines()[0] == \
        "deck « morlaix » (decks/morlaix/deck.yaml) → output/morlaix/"


# -- 9. kit watch follows the base deck and says « corrigé » -------------------------------------


def test_watch_rebuilds_when_the_base_deck_changes_and_says_corrected(tmp_path):
    from kit.api import BuildOptions
    from kit.watch import Watch

    base = deck(tmp_path, "base")
    child = deck(tmp_path, "morlaix", "kit: 1\nid: morlaix\nextends: base\n")
    lines: list[str] = []
    watch = Watch("morlaix", tmp_path / "out", BuildOptions(only=("cards",)), lines.append,
                  tmp_path)
    watch.start()
    assert watch.watched == [child.parent, base.parent]
    assert "decks/base (deck de base)" in watch.describe()
    cards = tmp_path / "out" / "morlaix" / "cards.pdf"
    first = cards.read_bytes()
    good = base.read_text()
    base.write_text(good.replace("Avec qui partir ?", "Avec qui partir demain ?"))
    assert watch.changed([base]) is False
    assert lines[-1].startswith("reconstruit en ") and ": cards (" in lines[-1]
    assert cards.read_bytes() != first
    rebuilt = cards.read_bytes()
    base.write_text(good.replace("title: Départ", "titel: Départ"))  # broken in the base
    watch.changed([base])
    assert lines[-1].startswith("erreurs : les fichiers précédents restent en place")
    assert any("decks/base/deck.yaml:" in line and "titel" in line for line in lines)
    assert cards.read_bytes() == rebuilt
    base.write_text(good.replace("Avec qui partir ?", "Avec qui partir, enfin ?"))
    watch.changed([base])
    assert lines[-1].startswith("corrigé — reconstruit en ") and ": cards (" in lines[-1]


def test_watch_says_corrected_even_when_nothing_needs_rebuilding(tmp_path):
    from kit.api import BuildOptions
    from kit.watch import Watch

    path = deck(tmp_path, "morlaix")
    lines: list[str] = []
    watch = Watch("morlaix", tmp_path / "out", BuildOptions(only=("cards",)), lines.append,
                  tmp_path)
    watch.start()
    good = path.read_text()
    path.write_text(good + "titel: x\n")
    watch.changed([path])
    path.write_text(good)  # put back as it was: the files on disk are already right
    watch.changed([path])
    assert lines[-1].startswith("corrigé : le deck est de nouveau bon")


def test_watch_follows_a_new_extends(tmp_path):
    from kit.api import BuildOptions
    from kit.watch import Watch

    deck(tmp_path, "base")
    child = deck(tmp_path, "morlaix")
    watch = Watch("morlaix", tmp_path / "out", BuildOptions(only=("cards",)), lambda _: None,
                  tmp_path)
    watch.start()
    assert watch.watched == [child.parent]
    child.write_text("kit: 1\nid: morlaix\nextends: base\n")
    assert watch.changed([child]) is True  # the loop then watches the base's folder too
    assert watch.watched == [child.parent, tmp_path / "decks" / "base"]


def test_a_logo_edit_rebuilds_the_map(tmp_path):
    from kit.api import BuildOptions
    from kit.load.deck import load_deck
    from kit.watch import affected_by_images

    path = deck(tmp_path, "morlaix")
    logo = path.parent / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
                    '<rect width="10" height="10"/></svg>')
    path.write_text(path.read_text().replace("  name: Pays de Morlaix\n",
                                             "  name: Pays de Morlaix\n  logo: logo.svg\n"))
    loaded = load_deck("morlaix", tmp_path)
    assert affected_by_images([logo], loaded) == {"map"}
    assert affected_by_images([path.parent / "autre.png"], loaded) == set()
    assert BuildOptions().only == ()


# -- 10. small things ---------------------------------------------------------------------------


def test_kit_list_into_a_closed_pipe_ends_quietly(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "KIT_DEBUG"}
    proc = subprocess.run(f"{sys.executable} -m kit list | head -1", shell=True, cwd=tmp_path,
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.stdout == "Decks :\n"
    assert proc.stderr == ""
    help_proc = subprocess.run(f"{sys.executable} -m kit build --help | head -1", shell=True,
                               cwd=tmp_path, capture_output=True, text=True, env=env,
                               timeout=120)
    assert help_proc.stderr == ""


def test_kit_list_marks_a_local_deck_that_would_not_build(runner, tmp_path):
    deck(tmp_path, "morlaix")
    long_title = " ".join(["Une balise au titre interminable"] * 12)
    deck(tmp_path, "trop-long", SMALL.format(id="trop-long").replace(
        "title: Le carnet de bord", f"title: {long_title}"))
    result = runner.invoke(main, ["list"])
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line for line in result.stdout.splitlines()
            if line.startswith("  ")}
    assert rows["morlaix"].split(None, 1)[1] == "Petit kit"
    assert rows["trop-long"].split(None, 1)[1] == (
        "Petit kit — ne se construit pas : 1 erreur, voir « kit validate trop-long »")
    assert rows["cooperation"].split(None, 1)[1] == "Carte topo-méthodo de la coopération"


def test_preview_of_one_card_front_and_back(runner, tmp_path):
    from PIL import Image

    deck(tmp_path, "morlaix")
    result = runner.invoke(main, ["preview", "morlaix", "--card", "carnet"])
    assert result.exit_code == 0, result.output
    path = tmp_path / "output" / "morlaix" / "apercu" / "carte-balise-1-carnet.png"
    assert result.stdout.strip() == f"écrit {path.relative_to(tmp_path)}"
    image = Image.open(path)
    # two poker cards side by side at 200 dpi: 63 mm is about 500 pixels
    assert image.width > 2 * 63 / 25.4 * 200 and image.height > 88 / 25.4 * 200
    assert len(list(path.parent.iterdir())) == 1  # nothing else was built
    several = runner.invoke(main, ["preview", "morlaix", "--card", "questions"])
    assert several.exit_code == 1
    assert "--card: « questions » désigne 2 cartes : donnez un identifiant" in several.stderr


def test_some_cards_only_and_the_guide_says_it_is_a_partial_set(runner, tmp_path):
    deck(tmp_path, "morlaix")
    folder = tmp_path / "output" / "morlaix"
    assert runner.invoke(main, ["build", "morlaix", "--only", "cards"]).exit_code == 0
    full = PdfReader(io.BytesIO((folder / "cards.pdf").read_bytes()))
    result = runner.invoke(main, ["build", "morlaix", "--cards", "carnet,Question:1"])
    assert result.exit_code == 0, result.output
    chosen = PdfReader(io.BytesIO((folder / "cards-selection.pdf").read_bytes()))
    assert len(chosen.pages) == 2  # one sheet: fronts, backs
    text = chosen.pages[0].extract_text()
    assert "Balise · 1/1" in text and "Question · 1/2" in text and "Étape · 1/2" not in text
    assert PdfReader(io.BytesIO((folder / "cards.pdf").read_bytes())).pages[0] \
        .extract_text() == full.pages[0].extract_text()  # the whole set is untouched
    guide = guide_text(folder)
    assert "cards-selection.pdf : seulement les cartes choisies (carnet, Question:1)" in guide
    assert "elle remplace celle du même numéro" in guide
    unknown = runner.invoke(main, ["build", "morlaix", "--cards", "carnett"])
    assert unknown.exit_code == 1
    assert "--cards: « carnett » : ni l'identifiant d'une carte" in unknown.stderr
    assert "vouliez-vous dire « carnet » ?" in unknown.stderr


def test_kinds_select_every_card_of_a_kind(tmp_path):
    from kit.i18n import Messages
    from kit.load.deck import load_deck
    from kit.products.card_selection import select_cards
    from kit.products.cards import deck_cards

    cards = deck_cards(load_deck("cooperation"), Messages("fr"))
    assert [c.kind for c in select_cards(cards, ("Piliers",))] == ["pillar"] * 3
    assert len(select_cards(cards, ("étapes", "balise:2"))) == 6
    assert len(select_cards(cards, ("questions",))) == sum(c.kind == "question" for c in cards)
