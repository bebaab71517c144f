"""Workshop canvases: templates, deck sources, sizes and the reading-size rule, tiling."""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from kit.api import BuildOptions, build_deck
from kit.errors import KitError
from kit.layout import impose
from kit.layout.geometry import Group, Shape, TextBlock
from kit.load.canvases import load_template, read_template
from kit.load.deck import load_deck
from kit.products.canvases import SIZES, min_size, page_size, plan_canvas, scale_for
from kit.render import fonts
from kit.resources import layout_files

HERE = Path(__file__).resolve().parent
BROKEN = sorted((HERE / "broken").glob("*.yaml"))
TEMPLATES = sorted(layout_files("canvases"))
DECKS = ("cooperation", "faire-ensemble")
MM_TO_PT = 72 / 25.4


@pytest.fixture(scope="module")
def decks():
    fonts.use_deck_fonts({})
    return {d: load_deck(d) for d in DECKS}


def _walk(items, scale=1.0):
    for item in items:
        if isinstance(item, Group):
            yield from _walk(item.items, scale * item.scale)
        else:
            yield item, scale


def test_at_least_eight_canvases_are_shipped():
    assert len(TEMPLATES) >= 8
    assert {"equipage", "parties-prenantes", "logique-intervention", "qui-fait-quoi",
            "itineraire", "carnet-de-bord", "charte", "appel-a-projets"} <= set(TEMPLATES)


@pytest.mark.parametrize(("deck_id", "name", "size"),
                         list(itertools.product(DECKS, TEMPLATES, SIZES)))
def test_every_template_plans_for_both_decks_at_every_size_and_type_grows(decks, deck_id,
                                                                          name, size):
    deck = decks[deck_id]
    template = load_template(name, deck.language)
    page = plan_canvas(deck, template, size, fonts.measure)
    w, h = page_size(template, size)
    assert (page.width, page.height) == (w, h)
    sizes = [item.size * s for item, s in _walk(page.items) if isinstance(item, TextBlock)]
    assert sizes and min(sizes) >= min_size(size) - 1e-6
    # the reading-size rule: 6 pt at A3 at least, proportionally larger on bigger sheets
    assert min(sizes) >= 6 * scale_for(size) - 1e-6


def test_the_reading_size_rule_numbers():
    assert min_size("A3") == 6
    assert min_size("A1") >= 12
    assert min_size("A0") >= 16.9
    assert min_size("A2") == pytest.approx(6 * 594 / 420)
    assert min_size("A4") == 6  # read from closer, never smaller


def test_line_weights_grow_with_the_sheet(decks):
    deck = decks["cooperation"]
    template = load_template("charte")

    def widest(size):
        page = plan_canvas(deck, template, size, fonts.measure)
        return max(i.style.width for i, _ in _walk(page.items)
                   if isinstance(i, Shape) and i.style.stroke is not None)

    assert widest("A1") == pytest.approx(2 * widest("A3"), rel=0.05)


def test_canvases_pull_the_deck_own_content(decks):
    for deck_id in DECKS:
        deck = decks[deck_id]
        page = plan_canvas(deck, load_template("itineraire", deck.language), "A3", fonts.measure)
        text = " ".join(s.text for item, _ in _walk(page.items) if isinstance(item, TextBlock)
                        for line in item.lines for s in line.spans)
        for stage in deck.stages:
            assert stage.title.split()[0] in text
        page = plan_canvas(deck, load_template("piliers", deck.language), "A3", fonts.measure)
        text = " ".join(s.text for item, _ in _walk(page.items) if isinstance(item, TextBlock)
                        for line in item.lines for s in line.spans)
        for pillar in deck.pillars:
            assert pillar.title.split()[-1] in text


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_each_broken_template_is_reported_at_its_line(path):
    expected = re.match(r"# expect: (\d+):(\d+): (.+)", path.read_text(encoding="utf-8"))
    line, column, message = int(expected.group(1)), int(expected.group(2)), expected.group(3)
    with pytest.raises(KitError) as info:
        read_template(path, path.stem)
    found = [(d.loc.line, d.loc.column, d.message) for d in info.value.diagnostics]
    assert any(ln == line and col == column and message in msg for ln, col, msg in found), found
    assert all(d.loc.file.endswith(f"{path.stem}.yaml") for d in info.value.diagnostics)


def _template(tmp_path, zone: str, grid: str = "{columns: 1, rows: 1}") -> Path:
    path = tmp_path / "t.yaml"
    path.write_text(f"title: Test\norientation: landscape\ngrid: {grid}\n"
                    "zones:\n" + zone, encoding="utf-8")
    return path


@pytest.mark.parametrize(("source", "message"), [
    ("questions:no-such-id", "n'a pas d'étape, de pilier ni de balise « no-such-id »"),
    ("questions:stage:9", "n'a que 5 étape(s)"),
])
def test_a_source_the_deck_lacks_is_an_error_at_the_template_line(decks, tmp_path, source,
                                                                  message):
    path = _template(tmp_path, f"  - type: note\n    title: A\n    source: {source}\n"
                               "    area: [1, 1, 1, 1]\n")
    template = read_template(path, "t")
    with pytest.raises(KitError) as info:
        plan_canvas(decks["cooperation"], template, "A3", fonts.measure)
    [d] = info.value.diagnostics
    assert (d.loc.line, d.loc.column) == (7, 13) and message in d.message
    assert d.loc.file.endswith("t.yaml")


def test_a_prompt_that_does_not_fit_is_an_error_at_the_template_line(decks, tmp_path):
    words = " ".join(["Une très longue consigne qui ne tient pas dans la zone."] * 40)
    path = _template(tmp_path, "  - type: columns\n    title: A\n    prompt: " + words + "\n"
                               "    columns: [Un, Deux]\n    area: [1, 1, 1, 1]\n",
                     "{columns: 4, rows: 4}")
    template = read_template(path, "t")
    with pytest.raises(KitError) as info:
        plan_canvas(decks["cooperation"], template, "A4", fonts.measure)
    [d] = info.value.diagnostics
    assert d.loc.file.endswith("t.yaml") and d.loc.line == 7
    assert "ne tient pas" in d.message


# -- tiling ------------------------------------------------------------------------------------


def _brute_force_count(poster_w, poster_h, paper, overlap, band):
    best = None
    for pw, ph in (impose.PAPERS[paper], impose.PAPERS[paper][::-1]):
        win_w, win_h = pw - 2 * band, ph - 2 * band
        cols = next(c for c in range(1, 50) if c * win_w - (c - 1) * overlap >= poster_w - 1e-9)
        rows = next(r for r in range(1, 50) if r * win_h - (r - 1) * overlap >= poster_h - 1e-9)
        best = cols * rows if best is None else min(best, cols * rows)
    return best


@pytest.mark.parametrize(("size", "paper", "overlap"),
                         [(s, p, o) for s in ("A2", "A1", "A0") for p in ("A4", "A3")
                          for o in (10.0, 15.0)] + [("A3", "A4", 10.0)])
def test_tiles_cover_the_poster_with_exact_overlaps(size, paper, overlap):
    pw, ph = impose.PAPERS[size]
    band = impose.OFFICE_BAND + 4.0
    tiles = impose.tile_poster(pw, ph, paper, overlap)
    assert len(tiles) == _brute_force_count(pw, ph, paper, overlap, band)
    labels = [t.label for t in tiles]
    assert len(set(labels)) == len(labels)
    for t in tiles:
        assert re.fullmatch(r"[A-Z]\d+", t.label)
        assert t.label == f"{chr(65 + t.col)}{t.row + 1}"
        assert t.at.x >= impose.OFFICE_BAND and t.at.x2 <= t.page_w - impose.OFFICE_BAND
        assert t.at.y >= impose.OFFICE_BAND and t.at.y2 <= t.page_h - impose.OFFICE_BAND
    by_pos = {(t.col, t.row): t for t in tiles}
    for (c, r), t in by_pos.items():
        if (c + 1, r) in by_pos:
            assert t.source.x2 - by_pos[c + 1, r].source.x == pytest.approx(overlap)
        if (c, r + 1) in by_pos:
            assert t.source.y2 - by_pos[c, r + 1].source.y == pytest.approx(overlap)
    assert min(t.source.x for t in tiles) <= 0 and max(t.source.x2 for t in tiles) >= pw
    assert min(t.source.y for t in tiles) <= 0 and max(t.source.y2 for t in tiles) >= ph


# -- files -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("canvases")
    build_deck("faire-ensemble", out, BuildOptions(only=("canvases",), canvas_size="A1",
                                                   tile="A4"))
    return out / "faire-ensemble"


def test_files_one_page_per_canvas_at_the_chosen_size(built):
    for name in TEMPLATES:
        reader = PdfReader(built / "canvases" / f"{name}.pdf")
        assert len(reader.pages) == 1
        template = load_template(name)
        w, h = page_size(template, "A1")
        box = [float(v) for v in reader.pages[0].mediabox]
        assert box == pytest.approx([0, 0, w * MM_TO_PT, h * MM_TO_PT], abs=0.01)
    assert len(PdfReader(built / "canvases.pdf").pages) == len(TEMPLATES)


def test_tiled_files_have_a_plan_then_every_tile_on_office_paper(built):
    for name in TEMPLATES:
        reader = PdfReader(built / "canvases" / f"{name}-tiled-A4.pdf")
        w, h = page_size(load_template(name), "A1")
        assert len(reader.pages) == 1 + len(impose.tile_poster(w, h, "A4", 10.0))
        for page in reader.pages:
            dims = sorted(round(float(v) / MM_TO_PT, 1) for v in page.mediabox[2:])
            assert dims == [210.0, 297.0]
        plan = reader.pages[0].extract_text()
        assert "A1" in plan and "Plan d" in plan


def test_press_canvases_have_trim_and_bleed(tmp_path):
    build_deck("cooperation", tmp_path, BuildOptions(only=("canvases",), profile="press"))
    for path in (tmp_path / "cooperation" / "canvases").glob("*.pdf"):
        page = PdfReader(path).pages[0]
        trim = [float(v) / MM_TO_PT for v in page.trimbox]
        bleed = [float(v) / MM_TO_PT for v in page.bleedbox]
        assert sorted([round(trim[2] - trim[0]), round(trim[3] - trim[1])]) == [297, 420]
        assert trim[0] - bleed[0] == pytest.approx(3, abs=0.01)


def test_same_input_same_bytes(tmp_path):
    for out in ("a", "b"):
        build_deck("cooperation", tmp_path / out, BuildOptions(only=("canvases",)))
    for path in sorted((tmp_path / "a" / "cooperation").rglob("*.pdf")):
        twin = tmp_path / "b" / path.relative_to(tmp_path / "a")
        assert path.read_bytes() == twin.read_bytes(), path.name
    assert math.isfinite(scale_for("A0"))
