"""`kit preflight` finds the audit's press faults (issue 15, items 1–3) in PDFs made here by
hand with reportlab, and passes the same pages made right."""

from __future__ import annotations

import io

import pikepdf
import pytest
from reportlab.lib.colors import CMYKColorSep
from reportlab.pdfgen.canvas import Canvas

from kit.preflight import check_pdf
from kit.render import fonts

MM = 72 / 25.4
SIZE = (100 * MM, 100 * MM)
TRIM = (10 * MM, 10 * MM, 90 * MM, 90 * MM)
BLEED = (7 * MM, 7 * MM, 93 * MM, 93 * MM)


def press_pdf(draw, pdfx: str | None = None, version: str | None = None) -> bytes:
    fonts.ensure("body")
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=SIZE, invariant=1, initialFontName="body-regular")
    c.setTrimBox(TRIM)
    c.setBleedBox(BLEED)
    c.setFillColorCMYK(0, 0, 1, 0)  # a yellow background under everything
    c.rect(0, 0, *SIZE, fill=1, stroke=0)
    draw(c)
    c.showPage()
    c.save()
    data = buf.getvalue()
    if pdfx or version:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if pdfx:
                pdf.docinfo["/GTS_PDFXVersion"] = pdfx
            out = io.BytesIO()
            pdf.save(out, force_version=version) if version else pdf.save(out)
            data = out.getvalue()
    return data


def messages(data: bytes) -> list[str]:
    problems, _ = check_pdf(data, "test.pdf")
    return [p.message for p in problems]


def k_text(opm: bool, colour=(0, 0, 0, 1)):
    def draw(c):
        c.saveState()
        c.setFillOverprint(True)
        if opm:
            c.setOverprintMask(1)
        c.setFillColorCMYK(*colour)
        c.setFont("body-regular", 12)
        c.drawString(30 * MM, 50 * MM, "Texte noir")
        c.restoreState()
    return draw


def test_k_text_overprinted_without_opm_1():
    [m] = messages(press_pdf(k_text(opm=False)))
    assert "1 texte(s) 100 % K en surimpression sans /OPM 1" in m


def test_k_text_overprinted_with_opm_1_passes():
    assert messages(press_pdf(k_text(opm=True))) == []


def test_white_text_overprinted():
    [m] = messages(press_pdf(k_text(opm=True, colour=(0, 0, 0, 0))))
    assert "blanc(s) en surimpression" in m


def test_overprint_set_in_a_form_counts_where_the_form_is_drawn():
    def draw(c):
        c.beginForm("label")
        c.setFillColorCMYK(0, 0, 0, 1)
        c.setFont("body-regular", 12)
        c.drawString(0, 0, "Texte")
        c.endForm()
        c.saveState()
        c.setFillOverprint(True)  # no OPM: the form's K text knocks out
        c.translate(30 * MM, 50 * MM)
        c.doForm("label")
        c.restoreState()
    [m] = messages(press_pdf(draw))
    assert "sans /OPM 1" in m


def test_pdfx_1a_2001_in_a_pdf_1_4_file():
    found = messages(press_pdf(lambda c: None, pdfx="PDF/X-1:2001", version="1.4"))
    assert any("déclare PDF/X-1:2001, qui exige PDF 1.3 au plus, dans un fichier PDF 1.4" in m
               for m in found), found


def test_pdfx_1a_2001_in_a_pdf_1_3_file_and_2003_in_1_4_pass():
    assert messages(press_pdf(lambda c: None, pdfx="PDF/X-1:2001", version="1.3")) == []
    assert messages(press_pdf(lambda c: None, pdfx="PDF/X-1a:2003")) == []


def test_an_unknown_pdfx_version():
    [m] = messages(press_pdf(lambda c: None, pdfx="PDF/X-9z"))
    assert "version PDF/X inconnue" in m


@pytest.mark.parametrize("how", ["stroke", "fill"])
def test_400_percent_registration(how):
    def draw(c):
        c.setLineWidth(0.25)
        if how == "stroke":
            c.setStrokeColorCMYK(1, 1, 1, 1)
            c.line(1 * MM, 10 * MM, 6 * MM, 10 * MM)
            c.line(10 * MM, 1 * MM, 10 * MM, 6 * MM)
        else:
            c.setFillColorCMYK(1, 1, 1, 1)
            c.rect(1 * MM, 1 * MM, 2 * MM, 2 * MM, fill=1, stroke=0)
    [m] = messages(press_pdf(draw))
    assert ("2 tracé(s)" if how == "stroke" else "1 tracé(s)") in m and "400 %" in m


def test_registration_in_the_all_separation_passes():
    def draw(c):
        c.setStrokeColor(CMYKColorSep(1, 1, 1, 1, spotName="All", density=1))
        c.line(1 * MM, 10 * MM, 6 * MM, 10 * MM)
    assert messages(press_pdf(draw)) == []


def test_an_office_file_is_not_held_to_press_rules():
    """No trim: an office file; overprint and 400 % there are not the preflight's business."""
    fonts.ensure("body")
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(210 * MM, 297 * MM), invariant=1, initialFontName="body-regular")
    k_text(opm=False)(c)
    c.showPage()
    c.save()
    assert messages(buf.getvalue()) == []
