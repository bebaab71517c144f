"""A canvas split across office sheets (--tile A4|A3): tile geometry as plain numbers, then the
pages tile_pages lays out (plan first, one page per sheet, labels and alignment marks)."""

from __future__ import annotations

import itertools
import re

import pytest
from canvascheck import text_lines, walk

from kit.layout import impose
from kit.layout.geometry import Clip, Group, PageSpec, Rect, Shape
from kit.load.canvases import load_template
from kit.load.deck import load_deck
from kit.products.canvases import SIZES, page_size, plan_canvas
from kit.products.poster import MARK, tile_pages
from kit.render import fonts

BAND = impose.OFFICE_BAND
#: every canvas size in both orientations, on either office paper, with the default overlap, the
#: CLI's extremes and one in between
POSTERS = [(w, h) for size in SIZES for w, h in (impose.PAPERS[size], impose.PAPERS[size][::-1])]
CASES = [(w, h, paper, overlap) for (w, h) in POSTERS for paper in ("A4", "A3")
         for overlap in (5.0, 10.0, 17.5, 30.0)]


def case_id(case) -> str:
    w, h, paper, overlap = case
    return f"{w:g}x{h:g}-on-{paper}-{overlap:g}mm"


def brute_force_count(poster_w, poster_h, paper, overlap, band=BAND + 4.0) -> int:
    """The fewest sheets: try every grid up to 12 × 12 in both orientations of the paper."""
    best = None
    for page_w, page_h in (impose.PAPERS[paper], impose.PAPERS[paper][::-1]):
        win_w, win_h = page_w - 2 * band, page_h - 2 * band
        for cols, rows in itertools.product(range(1, 13), repeat=2):
            covers_w = cols * win_w - (cols - 1) * overlap >= poster_w - 1e-9
            covers_h = rows * win_h - (rows - 1) * overlap >= poster_h - 1e-9
            if covers_w and covers_h and (best is None or cols * rows < best):
                best = cols * rows
    return best


def label_of(col: int, row: int) -> str:
    return f"{'ABCDEFGHIJKL'[col]}{row + 1}"


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_tiles_cover_the_poster_with_exact_overlaps(case):
    poster_w, poster_h, paper, overlap = case
    tiles = impose.tile_poster(poster_w, poster_h, paper, overlap)
    # the fewest sheets, whichever way the paper is turned
    assert len(tiles) == brute_force_count(poster_w, poster_h, paper, overlap)
    cols = max(t.col for t in tiles) + 1
    rows = max(t.row for t in tiles) + 1
    assert len(tiles) == cols * rows
    assert {(t.col, t.row) for t in tiles} == set(itertools.product(range(cols), range(rows)))
    # labels: column letter, row number, unique
    labels = [t.label for t in tiles]
    assert len(set(labels)) == len(labels)
    for t in tiles:
        assert re.fullmatch(r"[A-Z][1-9]\d*", t.label)
        assert t.label == label_of(t.col, t.row)
    # every sheet is the paper, in one orientation for the whole poster
    assert {(t.page_w, t.page_h) for t in tiles} in (
        {impose.PAPERS[paper]}, {impose.PAPERS[paper][::-1]})
    by_place = {(t.col, t.row): t for t in tiles}
    for t in tiles:
        # printed at 100 %: the window is as large on the sheet as on the poster
        assert (t.at.w, t.at.h) == pytest.approx((t.source.w, t.source.h))
        # inside the paper minus the office band
        assert Rect(BAND, BAND, t.page_w - 2 * BAND, t.page_h - 2 * BAND).contains(t.at)
        # a regular grid: same column, same x; same row, same y
        assert t.source.x == pytest.approx(by_place[t.col, 0].source.x)
        assert t.source.y == pytest.approx(by_place[0, t.row].source.y)
        # neighbours share exactly the overlap
        if (t.col + 1, t.row) in by_place:
            assert t.source.x2 - by_place[t.col + 1, t.row].source.x == pytest.approx(overlap)
        if (t.col, t.row + 1) in by_place:
            assert t.source.y2 - by_place[t.col, t.row + 1].source.y == pytest.approx(overlap)
    # the windows cover the whole poster, and no sheet is blank
    assert min(t.source.x for t in tiles) <= 1e-9
    assert max(t.source.x2 for t in tiles) >= poster_w - 1e-9
    assert min(t.source.y for t in tiles) <= 1e-9
    assert max(t.source.y2 for t in tiles) >= poster_h - 1e-9
    poster = Rect(0, 0, poster_w, poster_h)
    for t in tiles:
        assert t.source.overlap_area(poster) > 0


@pytest.mark.parametrize(("size", "paper", "count"), [
    # worked by hand: an A3 poster (420 × 297) over A4 windows of 277 × 190 (landscape)
    # needs 2 × 2; A1 (594 × 841) over A3 windows needs 3 × 3 of 277 × 400 (portrait) or
    # 2 × 4 of 400 × 277 (landscape): eight; A0 over A4 is 5 × 5 portrait (4 × 7 landscape)
    ("A3", "A4", 4), ("A3", "A3", 2), ("A4", "A4", 2), ("A4", "A3", 1),
    ("A1", "A3", 8), ("A0", "A4", 25), ("A0", "A3", 15),
])
def test_tile_counts_worked_by_hand(size, paper, count):
    w, h = impose.PAPERS[size]
    assert len(impose.tile_poster(w, h, paper, 10.0)) == count
    assert len(impose.tile_poster(h, w, paper, 10.0)) == count


def test_a_larger_overlap_never_takes_fewer_sheets():
    for (w, h), paper in itertools.product(POSTERS, ("A4", "A3")):
        counts = [len(impose.tile_poster(w, h, paper, o)) for o in (5.0, 10.0, 20.0, 30.0)]
        assert counts == sorted(counts)


# -- the pages ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def deck():
    deck = load_deck("cooperation")
    fonts.use_deck_fonts(dict(deck.theme.fonts))
    return deck


def tiled(deck, name: str, size: str, paper: str, overlap: float = 10.0):
    page = plan_canvas(deck, load_template(name), size, fonts.measure)
    tiles = impose.tile_poster(page.width, page.height, paper, overlap)
    pages = tile_pages(page.items, page.width, page.height, paper, overlap, fonts.measure,
                       deck.language, f"Canevas ({size})")
    return page, tiles, pages


def crosses(page: PageSpec) -> list[tuple[float, float]]:
    """Centres of the alignment crosses: a short horizontal and vertical stroke in MARK."""
    marks = [p.item for p in walk(page.items) if isinstance(p.item, Shape)
             and p.item.style.stroke == MARK and len(p.item.path) == 2]
    horizontal = {(round((s.path[0][1] + s.path[1][1]) / 2, 6), round(s.path[0][2], 6))
                  for s in marks if s.path[0][2] == s.path[1][2]}
    vertical = {(round(s.path[0][1], 6), round((s.path[0][2] + s.path[1][2]) / 2, 6))
                for s in marks if s.path[0][1] == s.path[1][1]}
    return sorted(horizontal & vertical)


@pytest.mark.parametrize(("name", "size", "paper"), [
    ("equipage", "A3", "A4"), ("charte", "A2", "A4"), ("parties-prenantes", "A1", "A3"),
    ("qui-fait-quoi", "A0", "A3"),
])
def test_tiled_pages_plan_first_then_every_sheet(deck, name, size, paper):
    page, tiles, pages = tiled(deck, name, size, paper)
    assert len(pages) == 1 + len(tiles)
    sheet = sorted(impose.PAPERS[paper])
    for p in pages:
        assert sorted((p.width, p.height)) == sheet
    # the plan names every sheet
    plan_words = {line.text for line in text_lines(pages[0].items)}
    assert {t.label for t in tiles} <= plan_words
    for tile, p in zip(tiles, pages[1:], strict=True):
        assert p.label == tile.label
        # the poster, moved so that the tile's window lands on its place, clipped to it
        [content] = [item for item in p.items if isinstance(item, Group)]
        [clip] = content.items
        assert isinstance(clip, Clip) and clip.rect == tile.at
        [moved] = clip.items
        assert moved.items == page.items
        assert (moved.dx, moved.dy) == pytest.approx(
            (tile.at.x - tile.source.x, tile.at.y - tile.source.y))
        # its label, on the sheet, outside the office band and off the poster's window
        label_lines = [line for line in text_lines(p.items) if tile.label in line.text
                       and line.size <= 10]
        assert label_lines, f"no label on sheet {tile.label}"
        for line in label_lines:
            assert Rect(BAND, BAND, p.width - 2 * BAND, p.height - 2 * BAND).contains(line.box)
            assert not line.box.intersects(tile.at)


@pytest.mark.parametrize(("name", "size", "paper", "overlap"), [
    ("equipage", "A3", "A4", 10.0), ("logique-intervention", "A1", "A3", 10.0),
    ("carnet-de-bord", "A1", "A4", 25.0),
])
def test_alignment_crosses_meet_on_neighbouring_sheets(deck, name, size, paper, overlap):
    _, tiles, pages = tiled(deck, name, size, paper, overlap)
    on_poster = {}
    for tile, p in zip(tiles, pages[1:], strict=True):
        # where each cross lands on the poster, and every cross inside a glue strip
        points = [(x - tile.at.x + tile.source.x, y - tile.at.y + tile.source.y)
                  for x, y in crosses(p)]
        on_poster[tile.col, tile.row] = {(round(x, 4), round(y, 4)) for x, y in points}
        for x, y in crosses(p):
            in_strip = (x - tile.at.x < overlap or tile.at.x2 - x < overlap
                        or y - tile.at.y < overlap or tile.at.y2 - y < overlap)
            assert in_strip
    pairs = 0
    for (c, r), marks in on_poster.items():
        for neighbour in ((c + 1, r), (c, r + 1)):
            if neighbour in on_poster:
                shared = marks & on_poster[neighbour]
                assert len(shared) >= 2, f"sheets {(c, r)} and {neighbour} share no crosses"
                pairs += 1
    cols = max(t.col for t in tiles) + 1
    rows = max(t.row for t in tiles) + 1
    assert pairs == (cols - 1) * rows + cols * (rows - 1)


def test_a_canvas_smaller_than_the_paper_is_one_sheet(deck):
    page, tiles, pages = tiled(deck, "charte", "A4", "A3")
    assert len(tiles) == 1 and len(pages) == 2
    assert tiles[0].source == Rect(0, 0, page.width, page.height)
    assert page_size(load_template("charte"), "A4") == (page.width, page.height)


def test_a_tiled_document_draws_the_poster_once_and_places_it_on_every_sheet(deck):
    from kit.layout.geometry import FormRef
    from kit.products.poster import POSTER_FORM, tiled_document

    page = plan_canvas(deck, load_template("equipage"), "A3", fonts.measure)
    tiles = impose.tile_poster(page.width, page.height, "A4", 10.0)
    doc = tiled_document(page.items, page.width, page.height, "A4", 10.0, fonts.measure,
                         deck.language, "Canevas (A3)", title="t", subject="canvas-tiled")
    [form] = doc.forms
    assert (form.name, form.w, form.h, form.items) == (POSTER_FORM, page.width, page.height,
                                                       page.items)
    for tile, p in zip(tiles, doc.pages[1:], strict=True):
        [content] = [item for item in p.items if isinstance(item, Group)]
        [clip] = content.items
        [ref] = clip.items
        assert isinstance(ref, FormRef) and clip.rect == tile.at
        assert (ref.at.x, ref.at.y, ref.at.w, ref.at.h) == pytest.approx(
            (tile.at.x - tile.source.x, tile.at.y - tile.source.y, page.width, page.height))
