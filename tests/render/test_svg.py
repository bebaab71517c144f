"""The SVG renderer: valid XML in millimetres, geometry written unchanged, forms defined once,
deterministic bytes, and the same geometry as the PDF renderer."""

from __future__ import annotations

import base64
import io
import math
import re
import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from kit.layout.geometry import (
    MM_TO_PT,
    WHITE,
    Clip,
    Color,
    Document,
    Form,
    FormRef,
    Group,
    Image,
    Link,
    PageSpec,
    Rect,
    Shape,
    Style,
    TextBlock,
    TextLine,
    TextSpan,
    circle_path,
    polyline,
    rect_path,
    rounded_rect_path,
)
from kit.render.pdf import render_pdf
from kit.render.svg import num, render_svg

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

BLACK = Color.gray(0)
BLUE = Color.from_hex("#1d5c7a")
ORANGE = Color.from_hex("#e07b39")

FRAME = rect_path(Rect(10, 10, 80, 40))
DISC = circle_path(50, 30, 15)
ZIGZAG = polyline([(10, 60), (50, 90), (90, 60)])
TAG = rect_path(Rect(0, 0, 30, 10))
FIRST_LINE = (
    TextSpan("Éléments d’un territoire\u00a0: "),
    TextSpan("coopération", "bold"),
    TextSpan(" à l’échelle", "italic"),
)

BACK = Form("card back", 30, 40, (
    Shape(rounded_rect_path(Rect(0, 0, 30, 40), 3), Style(fill=BLUE)),
    Shape(circle_path(15, 20, 12), Style(stroke=WHITE, width=1)),
))
UNUSED = Form("unused", 10, 10, (Shape(rect_path(Rect(0, 0, 10, 10)), Style(fill=BLACK)),))

PAGE = PageSpec(
    180,
    200,
    (
        Shape(FRAME, Style(fill=Color.gray(0.9), stroke=BLACK, width=0.5)),
        Shape(DISC, Style(fill=ORANGE, opacity=0.6)),
        Shape(ZIGZAG, Style(stroke=ORANGE, width=1.5, dash=(3, 1.5), cap="butt", join="miter")),
        TextBlock(
            (TextLine(12, 110, FIRST_LINE, 100), TextLine(12, 116, (TextSpan("Bis"),), 10)),
            "body", 11, BLACK, Rect(10, 100, 120, 20),
        ),
        Group((Shape(TAG, Style(fill=ORANGE)),), dx=160, dy=70, rotate=30, scale=1.2),
        FormRef("card back", Rect(10, 140, 30, 40)),
        FormRef("card back", Rect(50, 140, 45, 40)),
    ),
    trim=Rect(3, 3, 174, 194),
    bleed=Rect(0, 0, 180, 200),
)
FORMS = (BACK, UNUSED)


@pytest.fixture(scope="module")
def svg_bytes() -> bytes:
    return render_svg(PAGE, FORMS, title="Essai")


@pytest.fixture(scope="module")
def root(svg_bytes: bytes) -> ET.Element:
    return ET.fromstring(svg_bytes)


def parse_d(d: str) -> list[tuple]:
    """SVG path data as written by the renderer → [("M", x, y), ("C", …), ("Z",)]."""
    return [
        (op, *(float(v) for v in args.split()))
        for op, args in re.findall(r"([MLCZ])([^MLCZ]*)", d)
    ]


def page_paths(root: ET.Element) -> list[ET.Element]:
    """<path> elements drawn on the page itself (not inside <defs>), in document order."""
    defs = {id(el) for d in root.iter(f"{SVG}defs") for el in d.iter()}
    return [el for el in root.iter(f"{SVG}path") if id(el) not in defs]


def assert_same_path(got: list[tuple], expected, tol: float) -> None:
    assert [c[0] for c in got] == [c[0] for c in expected]
    for g, e in zip(got, expected, strict=True):
        assert g[1:] == pytest.approx(e[1:], abs=tol)


def test_valid_xml_in_millimetres(root: ET.Element) -> None:
    assert root.tag == f"{SVG}svg"
    assert root.get("width") == "180mm"
    assert root.get("height") == "200mm"
    assert root.get("viewBox") == "0 0 180 200"
    assert root.find(f"{SVG}title").text == "Essai"


def test_path_data_is_the_geometry(root: ET.Element) -> None:
    frame, disc, zigzag, tag = page_paths(root)
    assert frame.get("d") == "M10 10 L90 10 L90 50 L10 50 Z"
    assert_same_path(parse_d(disc.get("d")), DISC, 5e-4)
    assert_same_path(parse_d(zigzag.get("d")), ZIGZAG, 5e-4)
    assert frame.get("fill") == "#e6e6e6"
    assert frame.get("stroke") == "#000000"
    assert frame.get("stroke-width") == "0.5"
    assert disc.get("fill-opacity") == "0.6"
    assert disc.get("stroke") is None


def test_dashed_stroke(root: ET.Element) -> None:
    zigzag = page_paths(root)[2]
    assert zigzag.get("fill") == "none"
    assert zigzag.get("stroke-dasharray") == "3 1.5"
    assert zigzag.get("stroke-linecap") == "butt"
    assert zigzag.get("stroke-linejoin") == "miter"
    assert zigzag.get("stroke-miterlimit") == "10"  # PDF's default, not SVG's 4


def test_text_keeps_accents_and_no_break_spaces(root: ET.Element) -> None:
    first, second = [t for t in root.iter(f"{SVG}text")]
    assert (first.get("x"), first.get("y")) == ("12", "110")
    assert first.get(XML_SPACE) == "preserve"
    assert first.get("font-family") == "'Atkinson Hyperlegible', sans-serif"
    assert float(first.get("font-size")) == pytest.approx(11 * 25.4 / 72, abs=1e-4)
    spans = first.findall(f"{SVG}tspan")
    assert [s.text for s in spans] == [s.text for s in FIRST_LINE]
    assert "territoire\u00a0:" in spans[0].text
    assert spans[0].get("font-weight") is None and spans[0].get("font-style") is None
    assert spans[1].get("font-weight") == "bold"
    assert spans[2].get("font-style") == "italic"
    assert second.findall(f"{SVG}tspan")[0].text == "Bis"


def test_group_transform(root: ET.Element) -> None:
    (group,) = [g for g in root.findall(f"{SVG}g") if g.get("transform")]
    assert group.get("transform") == "translate(160 70) rotate(30) scale(1.2)"


def test_form_defined_once_used_twice(root: ET.Element) -> None:
    defined = [g for g in root.iter(f"{SVG}g") if g.get("id", "").startswith("form-")]
    assert [g.get("id") for g in defined] == ["form-card-back"]  # the unused form is left out
    uses = root.findall(f"{SVG}use")
    assert [u.get(XLINK_HREF) for u in uses] == ["#form-card-back"] * 2
    assert uses[0].get("transform") == "translate(10 140)"
    assert uses[1].get("transform") == "translate(50 140) scale(1.5 1)"


def test_form_clips_to_its_box_like_a_pdf_form(root: ET.Element) -> None:
    form = root.find(f"{SVG}defs/{SVG}g[@id='form-card-back']")
    assert form.get("clip-path") == "url(#clip-0_0_30_40)"
    rect = root.find(f"{SVG}defs/{SVG}clipPath[@id='clip-0_0_30_40']/{SVG}rect")
    assert [rect.get(k) for k in ("x", "y", "width", "height")] == ["0", "0", "30", "40"]


def test_clip_shared_group_and_id_prefix() -> None:
    tile = Shape(rect_path(Rect(0, 0, 50, 50)), Style(fill=BLUE))
    band = Group((Shape(TAG, Style(fill=ORANGE)),), dx=5, dy=5, share="band")
    page = PageSpec(60, 60, (Clip(Rect(10, 10, 20.5, 20), (tile, band)),
                             Clip(Rect(10, 10, 20.5, 20), (tile,)),
                             FormRef("card back", Rect(0, 0, 30, 40))))
    root = ET.fromstring(render_svg(page, FORMS, id_prefix="c7-"))
    clips = root.findall(f"{SVG}defs/{SVG}clipPath")
    assert [c.get("id") for c in clips] == ["c7-clip-0_0_30_40", "c7-clip-10_10_20.5_20"]
    clipped = [g for g in root.findall(f"{SVG}g") if g.get("clip-path")]
    assert [g.get("clip-path") for g in clipped] == ["url(#c7-clip-10_10_20.5_20)"] * 2
    # the shared group is drawn where it stands, with its transform
    assert clipped[0][1].get("transform") == "translate(5 5)"
    assert root.find(f"{SVG}use").get(XLINK_HREF) == "#c7-form-card-back"


def test_fallback_family_for_one_span() -> None:
    line = TextLine(5, 10, (TextSpan("Ω "), TextSpan("ⴰⵣ", family="fallback")), 20)
    page = PageSpec(60, 20, (TextBlock((line,), "body", 9, BLACK, Rect(0, 0, 60, 20)),))
    root = ET.fromstring(render_svg(page, embed_fonts=True))
    own, fallback = root.findall(f"{SVG}text/{SVG}tspan")
    assert own.get("font-family") is None
    assert fallback.get("font-family") == "'Noto Sans', sans-serif"
    css = root.find(f"{SVG}defs/{SVG}style").text
    assert re.findall(r"font-family:'([^']+)'", css) == ["Atkinson Hyperlegible", "Noto Sans"]


def test_page_boxes_are_recorded_not_drawn(root: ET.Element) -> None:
    boxes = root.find(f"{SVG}g[@id='page-boxes']")
    assert boxes.get("display") == "none"
    trim = boxes.find(f"{SVG}rect[@id='trim-box']")
    assert [trim.get(k) for k in ("x", "y", "width", "height")] == ["3", "3", "174", "194"]


def test_same_input_same_bytes(svg_bytes: bytes) -> None:
    assert render_svg(PAGE, FORMS, title="Essai") == svg_bytes
    assert render_svg(PAGE, FORMS, embed_fonts=True) == render_svg(PAGE, FORMS, embed_fonts=True)


def test_embedded_fonts_are_the_faces_used() -> None:
    root = ET.fromstring(render_svg(PAGE, FORMS, embed_fonts=True))
    css = root.find(f"{SVG}defs/{SVG}style").text
    faces = re.findall(r"font-weight:(\d+);font-style:(\w+)", css)
    assert faces == [("400", "normal"), ("700", "normal"), ("400", "italic")]
    for data in re.findall(r"base64,([A-Za-z0-9+/=]+)", css):
        assert base64.b64decode(data)[:4] == b"\x00\x01\x00\x00"  # TrueType
    assert ET.fromstring(render_svg(PAGE, FORMS)).find(f"{SVG}defs/{SVG}style") is None


def test_image_and_link(tmp_path) -> None:
    from PIL import Image as PILImage

    png = tmp_path / "pic.png"
    PILImage.new("RGB", (4, 2), (200, 60, 30)).save(png)
    page = PageSpec(50, 50, (Image(str(png), Rect(5, 5, 20, 10)),
                             Link("https://example.org/?a=1&b=2", Rect(5, 5, 20, 10))))
    root = ET.fromstring(render_svg(page))
    image = root.find(f"{SVG}image")
    assert image.get(XLINK_HREF) == "data:image/png;base64," + base64.b64encode(
        png.read_bytes()).decode()
    assert [image.get(k) for k in ("x", "y", "width", "height")] == ["5", "5", "20", "10"]
    link = root.find(f"{SVG}a")
    assert link.get(XLINK_HREF) == "https://example.org/?a=1&b=2"
    assert link.find(f"{SVG}rect").get("pointer-events") == "all"


def test_numbers_are_compact() -> None:
    assert [num(v) for v in (10.0, 2.5, -0.0001, 1 / 3, -12.3456)] == [
        "10", "2.5", "0", "0.333", "-12.346"]


# -- the PDF and the SVG draw the same geometry ------------------------------------------


def _mul(a: tuple, b: tuple) -> tuple:
    """Affine matrices (a b c d e f) as in PDF: a applied first, then b."""
    return (
        a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5],
    )


def _apply(m: tuple, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def pdf_paths(pdf: bytes) -> list[list[tuple]]:
    """Paths painted by the first page's content stream, mapped back to page mm, y down."""
    reader = PdfReader(io.BytesIO(pdf))
    page = reader.pages[0]
    height_pt = float(page.mediabox.height)
    stream = ContentStream(page.get_contents(), reader)
    ctm, stack, current, painted = (1, 0, 0, 1, 0, 0), [], [], []

    def to_mm(x: float, y: float) -> tuple[float, float]:
        px, py = _apply(ctm, x, y)
        return (px / MM_TO_PT, (height_pt - py) / MM_TO_PT)

    for operands, op in stream.operations:
        op = op.decode()
        vals = [float(v) for v in operands] if op in ("cm", "m", "l", "c") else []
        if op == "q":
            stack.append(ctm)
        elif op == "Q":
            ctm = stack.pop()
        elif op == "cm":
            ctm = _mul(tuple(vals), ctm)
        elif op in ("m", "l", "c"):
            pts = [c for i in range(0, len(vals), 2) for c in to_mm(vals[i], vals[i + 1])]
            current.append(({"m": "M", "l": "L", "c": "C"}[op], *pts))
        elif op == "h":
            current.append(("Z",))
        elif op in ("f", "f*", "F", "S", "s", "B", "B*", "b", "b*", "n") and current:
            painted.append(current)
            current = []
    return painted


def svg_transform(spec: str) -> tuple:
    """'translate(a b) rotate(d) scale(s)' → affine matrix, innermost applied first."""
    m = (1, 0, 0, 1, 0, 0)
    for name, args in re.findall(r"(\w+)\(([^)]*)\)", spec):
        v = [float(a) for a in args.split()]
        if name == "translate":
            t = (1, 0, 0, 1, v[0], v[1])
        elif name == "rotate":
            ca, sa = math.cos(math.radians(v[0])), math.sin(math.radians(v[0]))
            t = (ca, sa, -sa, ca, 0, 0)
        else:
            t = (v[0], 0, 0, v[-1], 0, 0)
        m = _mul(t, m)
    return m


def test_pdf_and_svg_agree(root: ET.Element) -> None:
    pdf = pdf_paths(render_pdf(Document((PAGE,), forms=FORMS)))
    parents = {child: parent for parent in root.iter() for child in parent}
    svg = []
    for el in page_paths(root):
        m, node = (1, 0, 0, 1, 0, 0), el
        while node in parents:
            m = _mul(m, svg_transform(node.get("transform", "")))
            node = parents[node]
        svg.append([(c[0], *(p for i in range(1, len(c), 2) for p in _apply(m, c[i], c[i + 1])))
                    for c in parse_d(el.get("d"))])
    # frame, disc, zigzag on the page; the orange tag inside the rotated, scaled group
    assert len(pdf) == len(svg) == 4
    for got_pdf, got_svg in zip(pdf, svg, strict=True):
        assert_same_path(got_svg, got_pdf, 0.01)
    tag_corner = svg[3][1][1:]  # (30, 0) scaled 1.2, turned 30° clockwise on the page
    assert tag_corner == pytest.approx((160 + 36 * math.cos(math.pi / 6), 70 + 18), abs=0.01)
