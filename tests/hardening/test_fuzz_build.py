"""Property-based, all the way to PDF: small generated decks (1–6 entities) with French text,
other scripts, emoji, very long words and markup are laid out; each build ends in PDFs that
pypdf opens, or in a KitError whose every diagnostic cites a file, a line and a column, in
French. Nothing else may come out of build_deck.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from deckgen import (
    CJK,
    EMOJI,
    FALLBACK_SCRIPTS,
    KINDS,
    LATIN,
    RTL,
    SCALE,
    assert_precise,
    clean_decks,
    examples,
    long_words,
    words,
    write_yaml,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from kit.api import BuildOptions, build_deck
from kit.errors import KitError

#: printable French with markup, and Greek or Cyrillic words the fallback font prints
PIECES = st.one_of(
    words(max_size=12),
    words(max_size=12),
    st.sampled_from(["**gras**", "*italique*", "« guillemets »", "l'équipe", "100 %",
                     "12:30", "https://exemple.org", "10 000 €", "Œuvre", "…", "—"]),
    st.text(st.sampled_from(FALLBACK_SCRIPTS + LATIN), min_size=1, max_size=8),
)
TEXT = st.lists(PIECES, min_size=1, max_size=8).map(lambda ps: " ".join(p for p in ps if p)
                                                    or "texte")
#: what no font of the kit prints
EXOTIC = st.sampled_from(EMOJI + list(CJK) + RTL.split())
TEXT_FIELDS = ("title", "text", "tagline", "avoid")


@st.composite
def build_decks(draw, min_entities: int = 1, max_entities: int = 6, max_words: int = 6,
                require: tuple[str, ...] = ()):
    """(deck, twist, path): a clean deck, sometimes with one entity text given an emoji or
    another script no kit font has (twist "exotic") or a very long word ("long-word")."""
    deck = draw(clean_decks(min_entities, max_entities, text=TEXT, max_words=max_words,
                            require=require))
    twist = draw(st.sampled_from(["none", "none", "exotic", "long-word"]))
    fields = [(kind, i, key) for kind in KINDS for i, e in enumerate(deck.get(kind, []))
              for key in e if key in TEXT_FIELDS]
    if twist == "none" or not fields:
        return deck, "none", None
    kind, i, key = path = draw(st.sampled_from(fields))
    piece = draw(EXOTIC if twist == "exotic" else long_words())
    deck[kind][i][key] = f"{deck[kind][i][key]} {piece}"
    return deck, twist, (path, piece)


def outputs(result) -> list[Path]:
    return [Path(p) if Path(p).is_absolute() else Path.cwd() / p for p in result.written]


def check_files(paths: list[Path]) -> None:
    assert paths, "a build that succeeds writes files"
    for path in paths:
        data = path.read_bytes()
        if path.suffix == ".pdf":
            reader = PdfReader(io.BytesIO(data), strict=False)
            assert len(reader.pages) >= 1, path
            assert data.rstrip().endswith(b"%%EOF"), path
        elif path.suffix == ".svg":
            ET.fromstring(data)


def build_property(only: tuple[str, ...], n: int, decks, deck_files_only: bool):
    """A test running `n` generated decks through build_deck(only=…); returns the outcomes."""

    def run(tmp_path_factory) -> Counter:
        outcomes: Counter = Counter()
        folder = tmp_path_factory.mktemp("deck")
        out = tmp_path_factory.mktemp("out")

        @settings(max_examples=examples(n))
        @given(made=decks, style=st.sampled_from(["double", "plain", "single"]))
        def one(made, style):
            deck, twist, where = made
            written = write_yaml(deck, style)
            (folder / "deck.yaml").write_text(written.text, encoding="utf-8")
            try:
                result = build_deck(folder / "deck.yaml", out, BuildOptions(only=only), folder)
            except KitError as exc:
                files = ("deck.yaml",) if deck_files_only else None
                assert_precise(exc, folder, deck_files=files)
                if twist == "exotic":  # cited at the field, naming the character
                    path, piece = where
                    line, column = written.values[path]
                    code = f"U+{ord(piece[0]):04X}"
                    assert any((d.loc.line, d.loc.column) == (line, column) and code in d.message
                               for d in exc.diagnostics), f"{line}:{column} {code}\n{exc}"
                outcomes[f"refused ({twist})"] += 1
                return
            assert twist != "exotic", f"{where} was printed"
            if not result.written:  # e.g. cards of a deck with only sites: nothing to print
                assert any(n.startswith("rien à construire") for n in result.notes)
                outcomes["nothing to build"] += 1
                return
            check_files(outputs(result))
            outcomes[f"built ({twist})"] += 1

        one()
        print(f"{only}: {dict(outcomes)}")  # shown with pytest -s
        return outcomes

    return run


SMALL = build_decks()


def test_cards_of_generated_decks(tmp_path_factory):
    outcomes = build_property(("cards",), 150, SMALL, deck_files_only=True)(tmp_path_factory)
    # clean decks print; an emoji is refused at its line; a long word is either hyphenated
    # or refused at its line
    assert outcomes["built (none)"] >= 30 * SCALE, outcomes
    assert outcomes["refused (exotic)"] >= 10 * SCALE, outcomes


def test_map_of_generated_decks(tmp_path_factory):
    outcomes = build_property(("map",), 20, SMALL, deck_files_only=True)(tmp_path_factory)
    assert outcomes["built (none)"] >= 1, outcomes


def test_map_of_a_deck_without_stages(tmp_path):
    # once an IndexError in kit/products/map.py (_route_points with no stage)
    deck = {"kit": "1", "id": "sans-etape", "title": "Sans étape", "language": "fr",
            "pillars": [{"id": "p", "title": "Pilier", "text": "Texte.", "landmark": "star"}]}
    (tmp_path / "deck.yaml").write_text(write_yaml(deck).text, encoding="utf-8")
    try:
        result = build_deck(tmp_path / "deck.yaml", tmp_path / "out",
                            BuildOptions(only=("map",)), tmp_path)
    except KitError as exc:
        assert_precise(exc, tmp_path, deck_files=("deck.yaml",))
        return
    check_files(outputs(result))


#: the canvases pull two stages, the pillars and the currents: give them some
CANVAS_DECKS = build_decks(min_entities=0, max_entities=4, max_words=4,
                           require=("stages", "stages", "pillars", "currents"))


def test_canvases_of_generated_decks(tmp_path_factory):
    # a canvas template may ask for more stages than the deck has: that error is cited in the
    # template file (layouts/canvases/…), with its line, so any file is accepted here
    outcomes = build_property(("canvases",), 20, CANVAS_DECKS,
                              deck_files_only=False)(tmp_path_factory)
    assert outcomes["built (none)"] >= 1, outcomes


@pytest.mark.parametrize("text", ["Un mot " + "x" * 400, "🌊 " * 3, "Ωμέγα Жизнь αβγ"])
def test_one_long_or_foreign_text_either_prints_or_is_cited(tmp_path, text):
    deck = {"kit": "1", "id": "un", "title": "Un", "language": "fr",
            "currents": [{"id": "c", "title": "Courant", "text": text}]}
    (tmp_path / "deck.yaml").write_text(write_yaml(deck).text, encoding="utf-8")
    try:
        result = build_deck(tmp_path / "deck.yaml", tmp_path / "out",
                            BuildOptions(only=("cards",)), tmp_path)
    except KitError as exc:
        assert_precise(exc, tmp_path, deck_files=("deck.yaml",))
        assert any(d.loc.line == 8 for d in exc.diagnostics), str(exc)
        return
    check_files(outputs(result))
