"""The map's files, as a print shop and a browser will see them, for both built-in decks.

Office: map.pdf (recto + verso, A3 landscape), map-recto.pdf, map-verso.pdf, map.svg and the
A4 mosaic (an assembly plan then the tiles); nothing printed within 6 mm of the sheet's edge.
Press: TrimBox and BleedBox on every page. Both: the same deck gives the same bytes, and the
PDF, the SVG and the plan agree on the geometry.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest

from kit.api import BuildOptions, build_deck
from kit.layout import impose
from kit.layout.geometry import MM_TO_PT
from kit.load.deck import load_deck
from kit.products.map import plan_recto
from kit.render import fonts

ROOT = Path(__file__).resolve().parents[2]
DECKS = ("cooperation", "faire-ensemble")
MAP_FILES = ("map.pdf", "map-recto.pdf", "map-verso.pdf", "map.svg")
W, H = 420.0, 297.0
MM = 1 / MM_TO_PT  # mm per pt
SVG = "{http://www.w3.org/2000/svg}"


def build(ref: str, out: Path, profile: str = "office") -> dict[str, bytes]:
    result = build_deck(ref, out, BuildOptions(only=("map",), profile=profile), cwd=ROOT)
    folder = out / result.deck.id
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name.startswith("map")}


@pytest.fixture(scope="module", params=DECKS)
def office(request, tmp_path_factory):
    ref = request.param
    return ref, build(ref, tmp_path_factory.mktemp(f"office-{ref}"))


@pytest.fixture(scope="module", params=DECKS)
def press(request, tmp_path_factory):
    ref = request.param
    return ref, build(ref, tmp_path_factory.mktemp(f"press-{ref}"), "press")


def pdf(data: bytes) -> pypdf.PdfReader:
    import io

    return pypdf.PdfReader(io.BytesIO(data))


def size_mm(box) -> tuple[float, float]:
    return float(box.width) * MM, float(box.height) * MM


# -- office files ------------------------------------------------------------------------------


def test_every_map_file_is_built(office):
    _, files = office
    for name in (*MAP_FILES, "map-tiled-A4.pdf"):
        assert name in files and files[name], name


def test_map_pdf_is_two_a3_landscape_pages(office):
    _, files = office
    for name, count in (("map.pdf", 2), ("map-recto.pdf", 1), ("map-verso.pdf", 1)):
        reader = pdf(files[name])
        assert len(reader.pages) == count, name
        for page in reader.pages:
            w, h = size_mm(page.mediabox)
            assert w == pytest.approx(W, abs=0.01) and h == pytest.approx(H, abs=0.01), name


def test_svg_is_an_a3_landscape_drawing(office):
    _, files = office
    root = ET.fromstring(files["map.svg"])
    assert root.tag == f"{SVG}svg"
    assert root.get("width") == "420mm" and root.get("height") == "297mm"
    assert root.get("viewBox") == "0 0 420 297"


def test_tiled_a4_has_a_plan_then_the_tiles(office):
    _, files = office
    reader = pdf(files["map-tiled-A4.pdf"])
    tiles = impose.tile_poster(W, H, "A4", 10.0)
    assert len(tiles) >= 2
    assert len(reader.pages) == 1 + len(tiles)
    for page in reader.pages:
        w, h = sorted(size_mm(page.mediabox))
        assert (w, h) == (pytest.approx(210.0, abs=0.01), pytest.approx(297.0, abs=0.01))
    # the assembly plan says which sheet goes where: it has text on it
    assert reader.pages[0].extract_text().strip()


def test_nothing_printed_in_the_office_band(office):
    """Office printers lose 4–5 mm at the edge: the outer 6 mm stay blank, on both sides."""
    _, files = office
    doc = pdfium.PdfDocument(files["map.pdf"])
    try:
        for index in range(len(doc)):
            image = doc[index].render(scale=100 / 72).to_pil().convert("L")
            width, height = image.size
            band = int(6.0 / 25.4 * 100)  # 6 mm at 100 dpi, rounded down: 23 px
            for box in ((0, 0, width, band), (0, height - band, width, height),
                        (0, 0, band, height), (width - band, 0, width, height)):
                darkest, _ = image.crop(box).getextrema()
                assert darkest >= 250, f"page {index + 1}: printed in the band {box}"
    finally:
        doc.close()


# -- press files --------------------------------------------------------------------------------


def test_press_pages_have_trim_and_bleed(press):
    _, files = press
    for name in ("map.pdf", "map-recto.pdf", "map-verso.pdf"):
        reader = pdf(files[name])
        for page in reader.pages:
            trim, bleed = page.trimbox, page.bleedbox
            tw, th = size_mm(trim)
            assert tw == pytest.approx(W, abs=0.01) and th == pytest.approx(H, abs=0.01), name
            for t, b, sign in ((trim.left, bleed.left, -1), (trim.bottom, bleed.bottom, -1),
                               (trim.right, bleed.right, 1), (trim.top, bleed.top, 1)):
                assert (float(b) - float(t)) * MM * sign == pytest.approx(3.0, abs=0.01), name
            # the media box holds the bleed and the crop marks around it
            mw, mh = size_mm(page.mediabox)
            assert mw > W + 6 and mh > H + 6


def test_each_side_alone_is_that_page_of_map_pdf_with_the_same_declarations(press):
    """map-recto.pdf and map-verso.pdf are cut from map.pdf (kit.finish.pages_of): the same
    page, drawn the same, and the whole file declared as map.pdf is."""
    import io

    import pikepdf

    _, files = press
    with pikepdf.open(io.BytesIO(files["map.pdf"])) as both:
        for index, name in enumerate(("map-recto.pdf", "map-verso.pdf")):
            with pikepdf.open(io.BytesIO(files[name])) as alone:
                assert len(alone.pages) == 1, name
                page, source = alone.pages[0], both.pages[index]
                assert page.Contents.read_bytes() == source.Contents.read_bytes(), name
                for box in ("/MediaBox", "/TrimBox", "/BleedBox"):
                    assert list(page.obj[box]) == list(source.obj[box]), (name, box)
                assert str(alone.Root.Lang) == str(both.Root.Lang)
                assert (alone.Root.OutputIntents[0].OutputConditionIdentifier
                        == both.Root.OutputIntents[0].OutputConditionIdentifier)
                for key in ("/Title", "/Subject", "/GTS_PDFXVersion", "/Trapped"):
                    assert alone.docinfo[key] == both.docinfo[key], (name, key)
                assert (alone.open_metadata()["dc:title"]
                        == both.open_metadata()["dc:title"]), name
                # nothing of the other side's is written: a verso alone holds no chart
                assert len(files[name]) < len(files["map.pdf"]), name


# -- reproducible, and the same geometry everywhere ----------------------------------------------


@pytest.mark.parametrize("profile", ["office", "press"])
def test_rebuild_is_byte_identical(profile, office, press, tmp_path):
    ref, files = office if profile == "office" else press
    again = build(ref, tmp_path, profile)
    assert again.keys() == files.keys()
    for name in files:
        assert again[name] == files[name], name


NUMBER = re.compile(r"-?\d*\.?\d+(?:e-?\d+)?")


def planned_coast(ref: str) -> list[float]:
    for role in ("body", "display"):
        fonts.ensure(role)
    recto = plan_recto(load_deck(ref, ROOT), fonts.measure)
    coast = recto.island.outline(0)
    return [v for cmd in coast for v in cmd[1:]]


def svg_path_from(files: dict[str, bytes], start: tuple[float, float], n: int) -> list[float]:
    root = ET.fromstring(files["map.svg"])
    for path in root.iter(f"{SVG}path"):
        values = [float(v) for v in NUMBER.findall(path.get("d", ""))]
        if (len(values) == n and abs(values[0] - start[0]) < 0.01
                and abs(values[1] - start[1]) < 0.01):
            return values
    raise AssertionError(f"no SVG path of {n} numbers starts at {start}")


def pdf_path_from(files: dict[str, bytes], start: tuple[float, float], n: int) -> list[float]:
    """The coordinates of the first path drawn on page 1 that starts at `start` (the page is
    drawn in mm, y down, under one transform) and has n numbers before it closes."""
    reader = pdf(files["map.pdf"])
    content = reader.pages[0].get_contents().get_data().decode("latin-1")
    assert "2.834646 0 0 -2.834646 0 841.8898 cm" in content  # mm, y down
    tokens = re.findall(r"-?\d*\.?\d+|[A-Za-z*']+", content)
    for i in range(2, len(tokens)):
        if tokens[i] != "m":
            continue
        try:
            x, y = float(tokens[i - 2]), float(tokens[i - 1])
        except ValueError:
            continue
        if abs(x - start[0]) >= 0.01 or abs(y - start[1]) >= 0.01:
            continue
        values = [x, y]
        for token in tokens[i + 1:]:
            if token in ("h", "f", "S", "B", "n", "Q"):
                break
            if token not in ("c", "l", "m"):
                values.append(float(token))
        if len(values) == n:
            return values
    raise AssertionError(f"no PDF path of {n} numbers starts at {start}")


def test_pdf_svg_and_plan_agree_on_the_coastline(office):
    ref, files = office
    plan = planned_coast(ref)
    start = (plan[0], plan[1])
    in_svg = svg_path_from(files, start, len(plan))
    in_pdf = pdf_path_from(files, start, len(plan))
    assert in_svg == pytest.approx(plan, abs=0.01)
    assert in_pdf == pytest.approx(plan, abs=0.01)
    assert in_pdf == pytest.approx(in_svg, abs=0.01)
