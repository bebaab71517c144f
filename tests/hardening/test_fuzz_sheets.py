"""Property-based: entity lists read from a CSV or XLSX file beside the deck. Whatever the file
holds, the deck loads or every diagnostic cites the deck or the sheet, with a row and a column,
in French."""

from __future__ import annotations

import csv
import io
import random

from deckgen import HOSTILE_PIECES, assert_precise, examples, words
from hypothesis import event, given, settings
from hypothesis import strategies as st

from kit.errors import KitError
from kit.load.deck import load_deck
from kit.model.deck import Deck

DECK = "kit: 1\nid: tableur\ntitle: Tableur\nlanguage: fr\nstages: {from: etapes.%s}\n"
HEADERS = ["id", "title", "text", "tagline", "beacons", "map.x", "map.y", "map", "titre", "",
           " id ", "ID", "text", "🌊"]
CELLS = st.one_of(
    st.sampled_from(["depart", "arrivee", "Départ", "On part.", "50", "120", "", " ", "a ; b",
                     "a ;; b", "=SUM(A1)", "\"", "'", "12:30", "2025-07-02", "VRAI"]),
    words(max_size=15),
    st.lists(HOSTILE_PIECES, max_size=12).map("".join),
)


#: rows as a spreadsheet user writes them: an id, a title, a text, now and then odd cells
GOOD_ROWS = st.lists(st.tuples(st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True),
                               words(max_size=20), words(max_size=30),
                               st.one_of(words(max_size=10), words(max_size=10), CELLS))
                     .map(lambda r: [r[0], r[1].strip() or "T", r[2].strip() or "Texte",
                                     r[3]]), max_size=6)


@settings(max_examples=examples(150))
@given(headers=st.one_of(st.just(["id", "title", "text", "tagline"]),
                         st.just(["id", "title", "text", "tagline"]),
                         st.lists(st.sampled_from(HEADERS), min_size=0, max_size=6)),
       rows=st.one_of(GOOD_ROWS, st.lists(st.lists(CELLS, max_size=7), max_size=6)),
       delimiter=st.sampled_from([",", ";", ",", ";", "\t"]),
       newline=st.sampled_from(["\n", "\r\n", "\r"]),
       bom=st.booleans(), encoding=st.sampled_from(["utf-8"] * 4 + ["cp1252"]),
       seed=st.integers(0, 2**16))
def test_any_csv_loads_or_is_cited(tmp_path, headers, rows, delimiter, newline, bom, encoding,
                                   seed):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline,
                        quoting=random.Random(seed).choice([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
    for row in [headers, *rows]:
        writer.writerow(row)
    data = buffer.getvalue().encode(encoding, "surrogatepass" if encoding == "utf-8" else
                                    "replace")
    (tmp_path / "etapes.csv").write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    (tmp_path / "deck.yaml").write_text(DECK % "csv", encoding="utf-8")
    try:
        deck = load_deck(tmp_path / "deck.yaml", tmp_path)
    except KitError as exc:
        assert_precise(exc, tmp_path, deck_files=("deck.yaml", "etapes.csv"))
        event("refused")
        return
    assert isinstance(deck, Deck)
    event(f"loaded, {len(deck.stages)} stage(s)")


@settings(max_examples=examples(25))
@given(rows=st.lists(st.lists(st.one_of(CELLS, st.integers(-10**6, 10**6),
                                        st.floats(allow_nan=True), st.booleans(), st.none()),
                              max_size=5), max_size=5),
       headers=st.lists(st.sampled_from(HEADERS[:8]), min_size=1, max_size=5),
       sheet=st.sampled_from(["stages", "Feuil1", "étapes 🌊"]))
def test_any_workbook_loads_or_is_cited(tmp_path, rows, headers, sheet):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = sheet
    for row in [headers, *rows]:
        # openpyxl refuses control characters in cells, as Excel does
        book.active.append([c if not isinstance(c, str) or c.isprintable() else "x"
                            for c in row])
    book.save(tmp_path / "etapes.xlsx")
    (tmp_path / "deck.yaml").write_text(DECK % "xlsx", encoding="utf-8")
    try:
        deck = load_deck(tmp_path / "deck.yaml", tmp_path)
    except KitError as exc:
        assert_precise(exc, tmp_path, deck_files=None)
        assert all(d.loc.file == "deck.yaml" or d.loc.file.startswith("etapes.xlsx")
                   for d in exc.diagnostics), str(exc)
        event("refused")
        return
    assert isinstance(deck, Deck)
    event("loaded")


@settings(max_examples=examples(25))
@given(data=st.binary(max_size=300), suffix=st.sampled_from(["csv", "xlsx"]))
def test_any_bytes_as_a_sheet_are_cited(tmp_path, data, suffix):
    (tmp_path / f"etapes.{suffix}").write_bytes(data)
    (tmp_path / "deck.yaml").write_text(DECK % suffix, encoding="utf-8")
    try:
        load_deck(tmp_path / "deck.yaml", tmp_path)
    except KitError as exc:
        assert_precise(exc, tmp_path, deck_files=None)
