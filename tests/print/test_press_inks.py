"""Issue 15, items 1, 3 and 6: what the plates and the toners really get.

1. 100 % K text overprints (/OP /op true, /OPM 1): Ghostscript's separations keep the yellow
   under the black text; white text never overprints.
3. Registration marks in the /Separation /All colour at tint 1, never 400 % DeviceCMYK.
6. Office files write near-neutral text and grey fills as Gray (g), not RGB.
"""

from __future__ import annotations

import io
import re

import pikepdf
import printcheck as P
import pytest
from pypdf import PdfReader

from kit.api import BuildOptions, build_deck
from kit.layout.geometry import (
    WHITE,
    Color,
    Document,
    PageSpec,
    Rect,
    TextBlock,
    TextLine,
    TextSpan,
)
from kit.layout.press import SHAPE_CHROMA, TEXT_CHROMA, for_press, office_grey, overprints


@pytest.fixture(scope="module")
def press_map(tmp_path_factory):
    out = tmp_path_factory.mktemp("press-map")
    build_deck("cooperation", out, BuildOptions(profile="press", only=("map",)))
    return out / "cooperation"


@pytest.fixture(scope="module")
def office_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("office")
    build_deck("cooperation", out, BuildOptions(only=("map", "cards")))
    return out / "cooperation"


# -- 1. overprint ---------------------------------------------------------------------------------


def test_every_overprinting_state_sets_opm_1_for_the_k_text(press_map):
    with pikepdf.open(press_map / "map-recto.pdf") as pdf:
        states = {name: dict(gs) for name, gs in pdf.pages[0].Resources.ExtGState.items()}
        data = pdf.pages[0].Contents.read_bytes()
    # each overprinted text: q, then /op true, /OP true and /OPM 1, then 0 0 0 1 k, then text
    blocks = re.findall(rb"q\n((?:/\S+ gs\n)+)0 0 0 1 k\nBT", data)
    assert len(blocks) > 20
    for block in blocks:
        applied = {}
        for name in re.findall(rb"/(\S+) gs", block):
            applied.update(states["/" + name.decode()])
        assert applied == {"/op": True, "/OP": True, "/OPM": 1}


def test_the_yellow_under_black_text_survives_on_the_separations(press_map, tmp_path):
    """Ghostscript's tiffsep plates of the map's recto: of the pixels printed at 100 % K,
    most keep the yellow of the land under them (the audit measured 168 of 13,643 before
    /OPM 1; at 72 dpi this file gave 124 of 8,156 before and 7,926 of 8,156 after)."""
    P.need_gs()
    pdf = tmp_path / "map-recto.pdf"
    pdf.write_bytes((press_map / "map-recto.pdf").read_bytes())
    full_k, with_yellow = P.yellow_under_full_black(P.separations(pdf, 72))
    assert full_k > 2000
    assert with_yellow / full_k > 0.9, (with_yellow, full_k)


def test_without_opm_the_same_page_knocks_the_yellow_out(press_map, tmp_path):
    """The measurement can fail: the same file with /OPM 0 loses the yellow under the text."""
    P.need_gs()
    pdf = tmp_path / "no-opm.pdf"
    with pikepdf.open(press_map / "map-recto.pdf") as doc:
        for _, gs in doc.pages[0].Resources.ExtGState.items():
            if "/OPM" in gs:
                gs.OPM = 0
        doc.save(pdf)
    full_k, with_yellow = P.yellow_under_full_black(P.separations(pdf, 72))
    assert with_yellow / full_k < 0.1, (with_yellow, full_k)


def _text(colour: Color, overprint: bool = False) -> TextBlock:
    return TextBlock((TextLine(10, 20, (TextSpan("Texte"),), 20.0),), "body", 9, colour,
                     Rect(10, 15, 20, 6), overprint=overprint)


def test_white_and_tinted_text_never_overprint():
    doc = Document((PageSpec(210, 297, (_text(WHITE, True), _text(Color.from_hex("#1f2933")),
                                        _text(Color.from_hex("#966105"), True),
                                        _text(Color.gray(0.5)))),))
    white, ink, brown, grey = for_press(doc).pages[0].items
    assert not white.overprint and not brown.overprint and not grey.overprint
    assert ink.overprint and (ink.color.c, ink.color.m, ink.color.y, ink.color.k) == (0, 0, 0, 1)
    assert not overprints(WHITE) and overprints(Color(0, 0, 0, 0, 0, 0, 1))


# -- 3. registration ------------------------------------------------------------------------------


def test_crop_marks_use_the_all_separation_never_400_percent(press_map):
    for name in ("map.pdf", "map-recto.pdf", "map-verso.pdf"):
        data = (press_map / name).read_bytes()
        streams = P.content_streams(data)
        assert not any(re.search(rb"\b1 1 1 1 [kK]\b", s) for s in streams), name
        assert any(re.search(rb"/All CS 1 SCN", s) for s in streams), name
        reader = PdfReader(io.BytesIO(data))  # the independent parser sees the same space
        space = reader.pages[0]["/Resources"]["/ColorSpace"]["/All"]
        assert [str(space[0]), str(space[1]), str(space[2])] == ["/Separation", "/All",
                                                                  "/DeviceCMYK"]
        function = space[3].get_object()
        assert function["/FunctionType"] == 4
        # tint 1 gives 100 % of every process ink: the conventional /All alternate
        assert function.get_data().split() == [b"{dup", b"1.0", b"mul", b"exch", b"dup", b"1.0",
                                               b"mul", b"exch", b"dup", b"1.0", b"mul", b"exch",
                                               b"1.0", b"mul}"]


# -- 6. office greys ------------------------------------------------------------------------------


def test_office_text_in_the_ink_colour_is_grey_not_rgb(office_build):
    for name in ("cards.pdf", "map-recto.pdf", "map-verso.pdf"):
        counts = P.text_colours((office_build / name).read_bytes())
        assert counts.get("g", 0) > 50, (name, counts)


@pytest.mark.parametrize("name", ["cards.pdf", "map-recto.pdf", "map-verso.pdf"])
def test_only_coloured_text_stays_rgb_in_office_files(office_build, name):
    """Every text drawn in RGB really is coloured (chroma above the text tolerance): the
    kinds' colours, the route's blue, the trails' names set letter by letter in their
    pillar's colour — never the ink or the muted grey."""
    data = (office_build / name).read_bytes()
    found = 0
    for stream in P.content_streams(data):
        for r, g, b in re.findall(rb"([\d.]+) ([\d.]+) ([\d.]+) rg\s*BT", stream):
            rgb = [float(v) for v in (r, g, b)]
            assert max(rgb) - min(rgb) > TEXT_CHROMA, rgb
            found += 1
    assert found, name  # the check looked at something


def test_the_grey_rules():
    ink = Color.from_hex("#1f2933")  # the palette's body text: 100 % black toner
    assert office_grey(ink, text=True) == 0
    assert office_grey(Color.from_hex("#52606d"), text=True) is not None  # muted text
    assert office_grey(Color.from_hex("#966105"), text=True) is None  # a kind's colour
    # fills: only within 3/255 of a grey
    assert office_grey(Color.from_hex("#808083"), text=False) == pytest.approx(0.5059, abs=1e-3)
    assert office_grey(Color.from_hex("#808084"), text=False) is None
    assert office_grey(ink, text=False) is None  # a blue-grey area keeps its colour
    assert SHAPE_CHROMA == 3 / 255
