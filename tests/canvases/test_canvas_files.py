"""What `kit build --only canvases` writes: one PDF per canvas at the chosen size, all of them in
canvases.pdf, the tiled files with --tile; office and press boxes; the same bytes twice."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from kit.api import BuildOptions, build_deck
from kit.cli import main
from kit.layout import impose
from kit.load.canvases import load_template
from kit.products.canvases import page_size
from kit.resources import layout_files

DECKS = ("cooperation", "faire-ensemble")
TEMPLATES = sorted(layout_files("canvases"))
PT = 72 / 25.4
BLEED = 3.0


def read_all(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def canvas_files(files: dict[str, bytes]) -> set[str]:
    return {name for name in files if name.startswith("canvases")}


def mm(box) -> tuple[float, ...]:
    return tuple(round(float(v) / PT, 2) for v in box)


def pages(data: bytes):
    return PdfReader(io.BytesIO(data)).pages


def expected_names(tile: str | None) -> set[str]:
    names = {"canvases.pdf"} | {f"canvases/{n}.pdf" for n in TEMPLATES}
    if tile:
        names |= {f"canvases/{n}-tiled-{tile}.pdf" for n in TEMPLATES}
    return names


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> dict[str, dict[str, bytes]]:
    """Both default decks at the default size (A3), tiled on A4."""
    out = tmp_path_factory.mktemp("office")
    built = {}
    for deck_id in DECKS:
        result = build_deck(deck_id, out, BuildOptions(only=("canvases",), tile="A4"))
        assert result.deck.id == deck_id
        built[deck_id] = read_all(out / deck_id)
    return built


@pytest.mark.parametrize("deck_id", DECKS)
def test_office_files_one_page_each_at_the_sheet_size(office, deck_id):
    files = office[deck_id]
    assert canvas_files(files) == expected_names("A4")
    for name in TEMPLATES:
        [page] = pages(files[f"canvases/{name}.pdf"])
        w, h = page_size(load_template(name), "A3")
        assert mm(page.mediabox) == (0, 0, w, h)  # the template's orientation
        # office: the exact sheet, no trim to cut
        assert "/TrimBox" not in page or mm(page.trimbox) == mm(page.mediabox)
    together = pages(files["canvases.pdf"])
    assert len(together) == len(TEMPLATES)
    for name, page in zip(TEMPLATES, together, strict=True):
        assert mm(page.mediabox)[2:] == page_size(load_template(name), "A3")


@pytest.mark.parametrize("deck_id", DECKS)
def test_tiled_files_plan_then_one_a4_page_per_sheet(office, deck_id):
    files = office[deck_id]
    for name in TEMPLATES:
        w, h = page_size(load_template(name), "A3")
        tiles = impose.tile_poster(w, h, "A4", 10.0)
        sheets = pages(files[f"canvases/{name}-tiled-A4.pdf"])
        assert len(sheets) == 1 + len(tiles)
        for sheet in sheets:
            assert sorted(mm(sheet.mediabox)[2:]) == [210.0, 297.0]
        plan = sheets[0].extract_text()
        assert all(tile.label in plan for tile in tiles)
        for tile, sheet in zip(tiles, sheets[1:], strict=True):
            assert tile.label in sheet.extract_text()


@pytest.mark.parametrize("deck_id", DECKS)
def test_canvases_carry_the_deck(office, deck_id):
    from kit.load.deck import load_deck

    deck = load_deck(deck_id)
    text = pages(office[deck_id]["canvases/itineraire.pdf"])[0].extract_text()
    assert deck.title.split()[0] in text
    for stage in deck.stages:
        assert stage.title.split()[-1].rstrip("?") in " ".join(text.split())


def test_same_input_same_bytes(office, tmp_path):
    build_deck("cooperation", tmp_path, BuildOptions(only=("canvases",), tile="A4"))
    again = read_all(tmp_path / "cooperation")
    first = office["cooperation"]
    assert again.keys() == first.keys()
    for name in first:
        assert again[name] == first[name], name


@pytest.fixture(scope="module")
def press(tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("press")
    build_deck("faire-ensemble", out, BuildOptions(only=("canvases",), profile="press",
                                                   canvas_size="A2", bleed=BLEED))
    return read_all(out / "faire-ensemble")


def test_press_every_page_has_trim_and_bleed(press):
    assert canvas_files(press) == expected_names(None)
    checked = 0
    for name, data in press.items():
        if not name.startswith("canvases"):
            continue
        for k, page in enumerate(pages(data)):
            template = TEMPLATES[k] if name == "canvases.pdf" else Path(name).stem
            w, h = page_size(load_template(template), "A2")
            assert "/TrimBox" in page and "/BleedBox" in page, name
            trim, bleed, media = mm(page.trimbox), mm(page.bleedbox), mm(page.mediabox)
            # the trim is the sheet, the bleed 3 mm around it, marks beyond that
            assert (trim[2] - trim[0], trim[3] - trim[1]) == pytest.approx((w, h), abs=0.02)
            assert bleed == pytest.approx((trim[0] - BLEED, trim[1] - BLEED,
                                           trim[2] + BLEED, trim[3] + BLEED), abs=0.02)
            assert media[0] <= bleed[0] - 2 and media[2] >= bleed[2] + 2
            assert media[1] <= bleed[1] - 2 and media[3] >= bleed[3] + 2
            checked += 1
    assert checked == 2 * len(TEMPLATES)


def test_cli_sizes_tiles_and_overlap(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["build", "cooperation", "--only", "canvases", "--out",
                                  str(tmp_path), "--canvas-size", "A1", "--tile", "A3",
                                  "--overlap", "15"])
    assert result.exit_code == 0, result.output
    files = read_all(tmp_path / "cooperation")
    assert canvas_files(files) == expected_names("A3")
    for name in ("equipage", "charte"):
        w, h = page_size(load_template(name), "A1")
        assert mm(pages(files[f"canvases/{name}.pdf"])[0].mediabox) == (0, 0, w, h)
        tiles = impose.tile_poster(w, h, "A3", 15.0)
        sheets = pages(files[f"canvases/{name}-tiled-A3.pdf"])
        assert len(sheets) == 1 + len(tiles)
        assert all(sorted(mm(s.mediabox)[2:]) == [297.0, 420.0] for s in sheets)
        assert "15" in sheets[0].extract_text()  # the plan tells the glue strip's width


def test_cli_defaults_and_choices():
    build = main.commands["build"]
    params = {p.name: p for p in build.params}
    assert params["canvas_size"].default == "A3"
    assert list(params["canvas_size"].type.choices) == ["A4", "A3", "A2", "A1", "A0"]
    assert params["tile"].default is None
    assert list(params["tile"].type.choices) == ["A4", "A3"]
    assert params["overlap"].default == 10.0
    assert BuildOptions().canvas_size == "A3" and BuildOptions().overlap == 10.0


def test_cli_refuses_an_unknown_size(tmp_path):
    result = CliRunner().invoke(main, ["build", "--only", "canvases", "--out", str(tmp_path),
                                       "--canvas-size", "A5"])
    assert result.exit_code == 2
    assert not (tmp_path / "cooperation").exists()
