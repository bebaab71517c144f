"""The decks docs/deck-format.md shows are valid: the complete example, the territory deck, the
canvases' words and the French first draft (a snippet without `kit:` gets a deck's head)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kit.load.deck import load_deck

DOC = Path(__file__).resolve().parent.parent.parent / "docs" / "deck-format.md"
HEAD = "kit: 1\nid: extrait\ntitle: Extrait\nlanguage: fr\n"


def blocks() -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    found = re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)
    # spreadsheet lists need their files, the editor line alone is no deck
    return [b for b in found if "{from:" not in b and "fichier:" not in b
            and b.strip() and not b.strip().startswith("# yaml-language-server: $schema")
            or "kit: 1" in b]


def test_the_doc_shows_the_decks_it_should():
    texts = blocks()
    assert any("canvases:" in b and "language:" in b for b in texts)  # the complete example
    assert any("extends: cooperation" in b for b in texts)
    assert any("étapes:" in b and "crédits:" in b for b in texts)
    assert any(b.startswith("canvases:") for b in texts)


@pytest.mark.parametrize("block", blocks(), ids=lambda b: b.strip().splitlines()[-1][:30])
def test_each_deck_of_the_doc_is_valid(tmp_path, block):
    text = block if re.search(r"^kit: 1\b", block, re.MULTILINE) else HEAD + block
    # a deck in decks/<folder>/ says id: <folder>
    folder = tmp_path / "decks" / re.search(r"^id: *(\S+)", text, re.MULTILINE).group(1)
    folder.mkdir(parents=True)
    (folder / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="1"'
                                     ' height="1"/>', encoding="utf-8")
    (folder / "deck.yaml").write_text(text, encoding="utf-8")
    load_deck(folder / "deck.yaml", tmp_path)  # no KitError
