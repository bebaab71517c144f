"""Paths: an --out that is a file or cannot be written, assets behind symlinks leaving the deck
folder, folders with spaces and accents, Windows line endings. Each either works (exit 0) or
says what is wrong in French (exit 1), never with a traceback."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from deckgen import is_french

from kit.cli import main
from kit.errors import KitError
from kit.load.deck import load_deck

TINY = """\
kit: 1
id: tiny
title: Petit deck
language: fr
stages:
  - id: depart
    title: Départ
    text: On part.
"""
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" ' \
       'height="10"/></svg>\n'


def kit(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    assert "Traceback" not in result.output and "erreur interne" not in result.output, \
        result.output
    return result


def refused(*args: str) -> list[str]:
    """The command fails with exit 1: its located messages, each in French."""
    result = kit(*args)
    assert result.exit_code == 1, result.output
    *messages, tail = result.stderr.splitlines()
    assert messages and tail.endswith(("erreur.", "erreurs.", "rien n'a été écrit.")), tail
    for line in messages:
        assert is_french(line.split(": ", 1)[1]), line
    return messages


@pytest.fixture
def here(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tiny").mkdir()
    (tmp_path / "tiny" / "deck.yaml").write_text(TINY, encoding="utf-8")
    return tmp_path


# -- --out ------------------------------------------------------------------------------------


@pytest.mark.parametrize("out", ["somefile", "somefile/sous-dossier", "somefile/a/b"])
def test_an_out_that_is_a_file_is_refused_at_once(here, out):
    (here / "somefile").write_text("pas un dossier")
    [message] = refused("build", "tiny", "--only", "cards", "--out", out)
    assert message == ("somefile: c'est un fichier, pas un dossier : choisissez un autre"
                       " dossier de sortie (--out)")
    assert (here / "somefile").read_text() == "pas un dossier"


def test_an_out_whose_deck_folder_is_a_file_is_refused(here):
    (here / "out").mkdir()
    (here / "out" / "tiny").write_text("un fichier au nom du deck")
    [message] = refused("build", "tiny", "--only", "cards", "--out", "out")
    assert message.startswith("out/tiny: c'est un fichier, pas un dossier")


def test_a_read_only_out_is_refused(here):
    out = here / "lecture-seule"
    out.mkdir()
    out.chmod(0o555)
    try:
        if os.access(out, os.W_OK):
            pytest.skip("running as root: chmod does not stop writing")
        [message] = refused("build", "tiny", "--only", "cards", "--out", str(out))
        assert "pas le droit d'écrire ici" in message
        assert list(out.iterdir()) == []
    finally:
        out.chmod(0o755)


@pytest.mark.parametrize("code,words", [
    (errno.EACCES, "pas le droit d'écrire ici"),
    (errno.EROFS, "disque en lecture seule"),
    (errno.ENOSPC, "disque plein"),
    (errno.ENAMETOOLONG, "nom de fichier trop long"),
    (errno.ELOOP, "erreur du système (ELOOP)"),
])
def test_an_out_that_cannot_be_created_says_why_in_french(here, monkeypatch, code, words):
    real = Path.mkdir

    def mkdir(self, *args, **kwargs):
        if "sortie" in self.parts:
            raise OSError(code, os.strerror(code))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", mkdir)
    [message] = refused("build", "tiny", "--only", "cards", "--out", "sortie")
    assert words in message and "--out" in message, message


def test_an_out_with_spaces_and_accents_works(here):
    result = kit("build", "tiny", "--only", "cards", "--out", "Sortie été/à imprimer")
    assert result.exit_code == 0, result.output
    assert (here / "Sortie été" / "à imprimer" / "tiny" / "cards.pdf").is_file()


# -- symlinks leaving the deck folder ------------------------------------------------------------


def _deck_with_logo(folder: Path, logo: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "deck.yaml"
    path.write_text(TINY + f"territory:\n  name: Ici\n  logo: {logo}\n", encoding="utf-8")
    return path


def test_a_symlinked_asset_leaving_the_deck_folder_is_refused(here):
    (here / "ailleurs").mkdir()
    (here / "ailleurs" / "logo.svg").write_text(LOGO)
    deck = _deck_with_logo(here / "d", "logo.svg")
    (here / "d" / "logo.svg").symlink_to(here / "ailleurs" / "logo.svg")
    [message] = refused("validate", str(deck.relative_to(here)))
    assert message == "d/deck.yaml:11:9: territory → logo : « logo.svg » sort du dossier du deck"


def test_a_symlinked_folder_leaving_the_deck_folder_is_refused(here):
    (here / "ailleurs").mkdir()
    (here / "ailleurs" / "logo.svg").write_text(LOGO)
    deck = _deck_with_logo(here / "d", "images/logo.svg")
    (here / "d" / "images").symlink_to(here / "ailleurs", target_is_directory=True)
    [message] = refused("validate", str(deck.relative_to(here)))
    assert message.endswith("« images/logo.svg » sort du dossier du deck")


def test_a_dangling_or_looping_symlink_is_a_missing_file(here):
    _deck_with_logo(here / "d", "boucle.svg")
    (here / "d" / "boucle.svg").symlink_to(here / "d" / "boucle.svg")
    [message] = refused("validate", "d/deck.yaml")
    assert "boucle.svg" in message and message.startswith("d/deck.yaml:11:9:")


def test_a_symlink_staying_inside_the_deck_folder_is_fine(here):
    deck = _deck_with_logo(here / "d", "raccourci.svg")
    (here / "d" / "images").mkdir()
    (here / "d" / "images" / "logo.svg").write_text(LOGO)
    (here / "d" / "raccourci.svg").symlink_to(Path("images") / "logo.svg")
    assert load_deck(deck, here).territory.logo.endswith("images/logo.svg")


def test_a_symlinked_sheet_leaving_the_deck_folder_is_refused(here):
    (here / "ailleurs").mkdir()
    (here / "ailleurs" / "etapes.csv").write_text("id,title,text\na,A,Texte\n")
    (here / "d").mkdir()
    (here / "d" / "deck.yaml").write_text(
        "kit: 1\nid: d\ntitle: D\nlanguage: fr\nstages: {from: etapes.csv}\n")
    (here / "d" / "etapes.csv").symlink_to(here / "ailleurs" / "etapes.csv")
    [message] = refused("validate", "d/deck.yaml")
    assert message == "d/deck.yaml:5:16: stages → from : « etapes.csv » sort du dossier du deck"


# -- spaces, accents, Windows line endings -----------------------------------------------------

TERRITORY = """\
kit: 1
id: ile-de-re
extends: cooperation
title: La coopération sur l’île de Ré
territory:
  name: Île de Ré
  logo: logo été.svg
currents:
  - id: mon-courant
    title: Le courant du pertuis
    text: Il emporte les projets trop légers.
"""


@pytest.fixture
def accented(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "Mon dossier été"
    folder = root / "decks" / "île de ré"
    folder.mkdir(parents=True)
    (folder / "deck.yaml").write_text(TERRITORY, encoding="utf-8")
    (folder / "logo été.svg").write_text(LOGO)
    monkeypatch.chdir(root)
    return root


@pytest.mark.parametrize("ref", ["île de ré", "decks/île de ré", "decks/île de ré/deck.yaml"])
def test_folders_with_spaces_and_accents_validate(accented, ref):
    result = kit("validate", ref)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("deck « ile-de-re » valide, étend « cooperation »")


def test_folders_with_spaces_and_accents_build(accented):
    result = kit("build", "decks/île de ré", "--only", "cards", "--out", "sortie à imprimer")
    assert result.exit_code == 0, result.output
    assert (accented / "sortie à imprimer" / "ile-de-re" / "cards.pdf").is_file()


def test_an_error_in_an_accented_folder_is_cited_with_its_path(accented):
    deck = accented / "decks" / "île de ré" / "deck.yaml"
    deck.write_text(TERRITORY.replace("logo été.svg", "logo hiver.svg"), encoding="utf-8")
    [message] = refused("validate", "île de ré")
    assert message.startswith("decks/île de ré/deck.yaml:7:9: territory → logo : fichier"
                              " « logo hiver.svg » introuvable")


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_windows_and_old_mac_line_endings_build(accented, newline):
    deck = accented / "decks" / "île de ré" / "deck.yaml"
    deck.write_bytes(b"\xef\xbb\xbf" + TERRITORY.replace("\n", newline).encode("utf-8"))
    result = kit("build", "île de ré", "--only", "cards", "--out", "sortie")
    assert result.exit_code == 0, result.output
    loaded = load_deck(deck, accented)
    assert loaded.territory.name == "Île de Ré"
    assert loaded.currents[-1].text == "Il emporte les projets trop légers."


def test_errors_in_a_windows_file_keep_their_lines(accented):
    deck = accented / "decks" / "île de ré" / "deck.yaml"
    text = TERRITORY.replace("    text: Il emporte", "    txte: Il emporte")
    deck.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    with pytest.raises(KitError) as info:
        load_deck(deck, accented)
    cited = [(d.loc.line, d.loc.column) for d in info.value.diagnostics]
    assert (11, 5) in cited, str(info.value)  # the misspelt key
    assert all(line <= 11 for line, _ in cited)
