"""The pocket map in the hands: every shipped scheme folded as a person folds it, opened as a
person opens it, and its pages read from the verso PDF the kit built.

The folding and the reading are tests/fold/paper.py and tests/fold/reader.py (they share
nothing with kit.layout.fold*); which way up each panel is printed and what it says come from
the PDF, read back with pypdf. The expected spreads are stated here as facts, from PRINT.md:
a French booklet opens with its cover hinged on the left and reads each spread left page, then
right page; a road map is read opened out, row by row.
"""

from __future__ import annotations

import pytest
import reader
import versopdf
from paper import Panel, seen_upright

from kit.finish import pdf_bytes
from kit.i18n import Messages
from kit.layout.fold_reading import read
from kit.layout.geometry import Document
from kit.load.deck import load_deck
from kit.load.folds import load_fold_scheme
from kit.products.map import plan_verso
from kit.render import fonts

SCHEMES = ("half-concertina", "road-map")
DECKS = ("cooperation", "faire-ensemble", "cooperation-en")
T, B = 0, 1  # rows, from the top of the verso

#: the spreads a reader meets, named by the verso cells (col, row) they show
BOOK_SPREADS = {
    "half-concertina": [
        ("left", (3, T), (2, T)),  # the cover turns left: its back, then the next leaf
        ("right", (1, B), (2, B)),
        ("left", (1, T), (0, T)),
    ],
}
COVERS = {"half-concertina": ((3, B), (0, B)), "road-map": ((3, B), (3, T))}


@pytest.fixture(scope="module")
def versos():
    """The verso PDF of every deck with every scheme (planned and rendered, no recto)."""
    families = {"body": None, "display": None}
    for role in families:
        fonts.ensure(role)
    out = {}
    for ref in DECKS:
        deck = load_deck(ref)
        for name in SCHEMES:
            page = plan_verso(deck, fonts.measure, name)
            out[ref, name] = deck, pdf_bytes(Document((page,)), families)
    return out


def pages_in_order(name: str) -> list[tuple[int, int]]:
    """The verso cells in the order a reader meets them, from the paper and the reader."""
    scheme = load_fold_scheme(name)
    front, back = reader.covers(scheme)
    if scheme.opens == "flat":
        inner = [c for row in reader.flat_rows(scheme) for c in row
                 if c not in (front.cell, back.cell)]
    else:
        inner = [s.cell for spread in reader.spreads(scheme) for s in (spread.first, spread.second)]
    return [front.cell, *inner, back.cell]


# -- the folding, with no PDF --------------------------------------------------------------------


@pytest.mark.parametrize("name", SCHEMES)
def test_the_folded_packet_has_its_covers_where_print_md_says(name):
    scheme = load_fold_scheme(name)
    front, back = reader.covers(scheme)
    assert (front.cell, back.cell) == COVERS[name]
    assert front.verso and back.verso  # panels outside, the map inside


@pytest.mark.parametrize("name", SCHEMES)
def test_the_cover_opens_like_a_french_book(name):
    """Its leaf is bound on its left edge (a road map once its half fold is undone)."""
    assert reader.cover_hinge(load_fold_scheme(name)) == {"left"}


def test_the_booklet_reads_its_spreads_left_page_then_right_page():
    scheme = load_fold_scheme("half-concertina")
    spreads = reader.spreads(scheme)
    assert [(s.hinge, s.first.cell, s.second.cell) for s in spreads] == \
        BOOK_SPREADS["half-concertina"]
    assert all(s.first.verso and s.second.verso for s in spreads)  # the map stays inside


@pytest.mark.parametrize("name", SCHEMES)
def test_the_kit_reads_the_packet_as_the_reader_does(name):
    """kit.layout.fold_reading (which the verso's layout follows) agrees with the paper."""
    scheme = load_fold_scheme(name)
    reading = read(scheme)
    assert [(p.col, p.row) for p in reading.pages] == pages_in_order(name)
    if scheme.opens == "book":
        kit_spreads = [(v.hinge.side, *((s.face.col, s.face.row) for s in v.seen))
                       for v in reading.views if v.kind == "spread"]
        assert kit_spreads == BOOK_SPREADS[name]


def test_the_road_map_opened_flat_reads_left_to_right_in_both_rows():
    order = pages_in_order("road-map")
    inner = order[1:-1]
    assert inner == [(0, T), (1, T), (2, T), (0, B), (1, B), (2, B)]


# -- the built verso in the hands ----------------------------------------------------------------


@pytest.mark.parametrize("name", SCHEMES)
@pytest.mark.parametrize("ref", DECKS)
def test_every_page_reads_upright_where_the_reader_holds_it(versos, ref, name):
    scheme = load_fold_scheme(name)
    _, data = versos[ref, name]
    printed = versopdf.panels(data, scheme)
    front, back = reader.covers(scheme)
    for seen in (front, back):
        panel = _panel(scheme, seen.cell, seen.m)
        assert seen_upright(panel, printed[seen.cell].rotation), seen.cell
    if scheme.opens == "flat":
        for cell in pages_in_order(name)[1:-1]:  # upright on the sheet opened out
            assert printed[cell].rotation == 0, cell
    else:
        for spread in reader.spreads(scheme):
            for seen in (spread.first, spread.second):
                panel = _panel(scheme, seen.cell, seen.m)
                assert seen_upright(panel, printed[seen.cell].rotation), seen.cell


def _panel(scheme, cell, m):
    return Panel(cell[0], cell[1], m)


@pytest.mark.parametrize("name", SCHEMES)
@pytest.mark.parametrize("ref", DECKS)
def test_the_content_flows_cover_howto_pillars_beacons_currents_credits(versos, ref, name):
    scheme = load_fold_scheme(name)
    deck, data = versos[ref, name]
    t = Messages(deck.language)
    printed = versopdf.panels(data, scheme)
    pages = [printed[cell] for cell in pages_in_order(name)]
    assert pages[0].lines[0].startswith(deck.title.split()[0])
    assert deck.title.replace(" ", "") in pages[0].text.replace(" ", "")
    assert pages[1].lines[0] == t("guide.howto")
    assert pages[-1].lines[0] == t("guide.credits")
    flow = pages[2:-1]
    text = " ".join(p.text for p in flow)
    # the sections, then every entry, in the deck's order
    marks = [t("guide.pillars"), *(p.title for p in deck.pillars), t("guide.beacons"),
             *(b.title for b in deck.beacons), t("guide.currents"),
             *(c.title for c in deck.currents)]
    where = [text.find(mark) for mark in marks]
    assert -1 not in where, [m for m, w in zip(marks, where, strict=True) if w < 0]
    assert where == sorted(where)
    # every page starts a section or an entry, or says it goes on with one
    starts = {t("guide.pillars"), t("guide.beacons"), t("guide.currents"),
              *(e.title for e in (*deck.pillars, *deck.beacons, *deck.currents))}
    for page in flow:
        first = page.lines[0] if page.lines else ""
        assert any(first.startswith(s) for s in starts) or t("guide.continued") in first, \
            (page.cell, first)


@pytest.mark.parametrize("name", SCHEMES)
@pytest.mark.parametrize("ref", DECKS)
def test_each_entry_that_fits_a_page_is_whole_on_one_page(versos, ref, name):
    """A page that goes on with an entry says so, and that only happens to an entry taller than
    a page (none in the shipped decks)."""
    scheme = load_fold_scheme(name)
    deck, data = versos[ref, name]
    t = Messages(deck.language)
    printed = versopdf.panels(data, scheme)
    assert not any(t("guide.continued") in p.text for p in printed.values())


@pytest.mark.parametrize("name", SCHEMES)
def test_no_text_within_6_mm_of_a_fold_on_the_verso(versos, name):
    scheme = load_fold_scheme(name)
    folds_x = [105.0, 210.0, 315.0]
    for ref in DECKS:
        _, data = versos[ref, name]
        for char, x0, y0, x1, y1 in versopdf.char_boxes(data):
            if char.isdigit() and min(x0, y0, 420 - x1, 297 - y1) < versopdf.MARK_BAND:
                continue  # a fold mark's number, beside its mark in the margin
            for x in folds_x:
                assert x1 <= x - 6 + 0.05 or x0 >= x + 6 - 0.05, (ref, char, x0, x1)
            assert y1 <= scheme.height / 2 - 6 + 0.05 or y0 >= scheme.height / 2 + 6 - 0.05, \
                (ref, char, y0, y1)


def test_an_entry_taller_than_a_page_goes_on_under_its_title_and_suite(tmp_path):
    """A beacon with more questions and leads than a page holds (about a page and a half): the
    page after it opens with the beacon's title and "(suite)", never in the middle of it
    without saying so."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "map"))
    from map_decks import deck_dict, write_deck

    tree = deck_dict(2, 2, 2, 2, seed=3, titles="short", deck_id="longue-balise")
    question = ("Comment associer les habitants, les associations et les services à chaque "
                "étape, sans que la coopération ne repose sur une seule personne ?")
    tree["beacons"][0].update(title="Une balise très longue",
                              questions=[question] * 6, tracks=[question] * 6)
    deck = write_deck(tmp_path / "longue-balise", tree)
    for role in ("body", "display"):
        fonts.ensure(role)
    scheme = load_fold_scheme("half-concertina")
    data = pdf_bytes(Document((plan_verso(deck, fonts.measure, "half-concertina"),)),
                     {"body": None, "display": None})
    printed = versopdf.panels(data, scheme)
    pages = [printed[c] for c in pages_in_order("half-concertina")[2:-1] if c in printed]
    goes_on = [p for p in pages if "(suite)" in p.lines[0]]
    assert [p.lines[0] for p in goes_on] == ["Une balise très longue (suite)"]
    before = pages[pages.index(goes_on[0]) - 1]
    assert "Une balise très longue" in before.text  # it began on the page before
