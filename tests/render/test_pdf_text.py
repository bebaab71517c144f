"""The PDF renderer's text state does not leak from one block to the next."""

from __future__ import annotations

import re

from pypdf import PdfReader

from kit.layout.geometry import Color, Document, PageSpec, Rect, TextBlock, TextLine, TextSpan
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
