"""The PDF renderer: text state does not leak from one block to the next, text written as
operators reads back, links land where their group put them."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from kit.layout.geometry import (
    MM_TO_PT,
    Color,
    Document,
    Group,
    Link,
    PageSpec,
    Rect,
    TextBlock,
    TextLine,
    TextSpan,
)
from kit.render.pdf import render_pdf


def _block(y: float, spacing: float) -> TextBlock:
    return TextBlock((TextLine(20, y, (TextSpan("Espacé"),), 30),), "body", 10,
                     Color.gray(0), Rect(20, y - 4, 60, 6), letter_spacing=spacing)


def test_letter_spacing_is_reset_after_its_block(tmp_path):
    data = render_pdf(Document((PageSpec(210, 297, (_block(30, 2.0), _block(50, 0.0))),)))
    path = tmp_path / "t.pdf"
    path.write_bytes(data)
    stream = PdfReader(path).pages[0].get_contents().get_data().decode("latin-1")
    spacings = [(m.start(), float(m.group(1))) for m in re.finditer(r"([-\d.]+) Tc", stream)]
    shows = [m.start() for m in re.finditer(r"T[jJ]\b", stream)]
    assert spacings[0][1] == 2.0 and len(shows) == 2
    # a reset to 0 comes after the spaced block and before the next one is shown
    assert any(value == 0.0 and shows[0] < at < shows[1] for at, value in spacings)


def test_text_written_as_operators_reads_back_with_its_accents_and_faces(tmp_path):
    line = TextLine(20, 30, (TextSpan("Former l’équipage", "bold"), TextSpan(" : "),
                             TextSpan("à bord\u00a0!", "italic")), 80)
    block = TextBlock((line,), "body", 10, Color.gray(0), Rect(20, 26, 90, 6))
    path = tmp_path / "t.pdf"
    path.write_bytes(render_pdf(Document((PageSpec(210, 297, (block,)),))))
    page = PdfReader(path).pages[0]
    assert page.extract_text().replace("\u00a0", " ") == "Former l’équipage : à bord !"
    names = {str(font["/BaseFont"]).split("+", 1)[1] for font in
             page["/Resources"]["/Font"].values()}
    assert names == {"AtkinsonHyperlegible-Bold", "AtkinsonHyperlegible-Regular",
                     "AtkinsonHyperlegible-Italic"}


def test_a_link_lands_where_its_nested_rotated_and_scaled_groups_put_it(tmp_path):
    link = Link("https://example.org/balise", Rect(0, 0, 5, 3))
    inner = Group((link,), dx=10, dy=20, rotate=90)  # (x, y) → (10 - y, 20 + x)
    outer = Group((inner,), dx=30, dy=40, scale=2)  # (x, y) → (30 + 2x, 40 + 2y)
    path = tmp_path / "t.pdf"
    path.write_bytes(render_pdf(Document((PageSpec(210, 297, (outer,)),))))
    [annot] = [a.get_object() for a in PdfReader(path).pages[0]["/Annots"]]
    assert annot["/A"]["/URI"] == "https://example.org/balise"
    # in page mm (y down): x from 30 + 2·7 to 30 + 2·10, y from 40 + 2·20 to 40 + 2·25
    expected = (44 * MM_TO_PT, (297 - 90) * MM_TO_PT, 50 * MM_TO_PT, (297 - 80) * MM_TO_PT)
    assert [float(v) for v in annot["/Rect"]] == pytest.approx(expected, abs=1e-3)
