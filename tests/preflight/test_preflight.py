"""Preflight catches each fault in small bad PDFs made here, and passes the kit's own files."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from click.testing import CliRunner
from reportlab.lib.colors import CMYKColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from kit.api import BuildOptions, build_deck
from kit.cli import main
from kit.preflight import check_pdf, preflight
from kit.render import fonts

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)


def pdf(draw, size=A4, trim=None, bleed=None, font="body-regular", **kwargs) -> bytes:
    fonts.ensure("body")
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=size, invariant=1, initialFontName=font, **kwargs)
    if trim:
        c.setTrimBox(trim)
    if bleed:
        c.setBleedBox(bleed)
    draw(c)
    c.showPage()
    c.save()
    return buf.getvalue()


def messages(data: bytes) -> list[str]:
    problems, _ = check_pdf(data, "test.pdf")
    return [p.message for p in problems]


def text(size: float, x: float = 30 * MM, y: float = 150 * MM, font: str = "body-regular"):
    def draw(c):
        c.setFont(font, size)
        c.setFillGray(0)
        c.drawString(x, y, "Une question")
    return draw


def test_a_clean_office_page_passes():
    assert messages(pdf(text(9))) == []


def test_text_under_7_pt():
    [m] = messages(pdf(text(6.5)))
    assert "sous 7 pt" in m and "6.5" in m


def test_text_scaled_down_by_the_graphics_state_is_caught_too():
    def draw(c):
        c.scale(0.5, 0.5)
        text(10, 60 * MM, 300 * MM)(c)
    [m] = messages(pdf(draw))
    assert "5.0 pt" in m


def test_text_in_a_form_is_measured_where_the_form_is_drawn():
    def draw(c):
        c.beginForm("f")
        text(10, 0, 0)(c)
        c.endForm()
        c.saveState()
        c.translate(50 * MM, 100 * MM)
        c.scale(0.6, 0.6)
        c.doForm("f")
        c.restoreState()
    [m] = messages(pdf(draw))
    assert "6.0 pt" in m


def test_credits_may_go_down_to_6_pt_but_not_below():
    def credits(size):
        def draw(c):
            c.addLiteral("/KitCredits BMC")
            text(size)(c)
            c.addLiteral("EMC")
        return draw
    assert messages(pdf(credits(6.2))) == []
    assert any("sous 7 pt" in m for m in messages(pdf(credits(5.5))))


def test_unembedded_font():
    found = messages(pdf(text(9, font="Helvetica"), font="Helvetica"))
    assert any("non incorporée : Helvetica" in m for m in found)


def test_ink_in_the_office_band():
    def draw(c):
        c.setFillGray(0)
        c.rect(2 * MM, 100 * MM, 20 * MM, 20 * MM, fill=1, stroke=0)
    assert any("6 mm du bord" in m for m in messages(pdf(draw)))


def test_wrong_page_size_for_an_office_file():
    assert any("format de page" in m for m in messages(pdf(text(9), size=(200 * MM, 200 * MM))))


def _press(draw, trim_mm=(10, 10, 200, 287), bleed_mm=(7, 7, 203, 290), **kwargs):
    trim = tuple(v * MM for v in trim_mm)
    bleed = tuple(v * MM for v in bleed_mm) if bleed_mm else None
    return pdf(draw, trim=trim, bleed=bleed, **kwargs)


def cmyk_text(size=9, x=30 * MM, y=150 * MM):
    def draw(c):
        c.setFont("body-regular", size)
        c.setFillColor(CMYKColor(0, 0, 0, 1))
        c.drawString(x, y, "Texte")
    return draw


def test_a_clean_press_page_passes():
    assert messages(_press(cmyk_text())) == []


def test_rgb_in_a_press_file():
    def draw(c):
        c.setFillColorRGB(0.8, 0.1, 0.1)
        c.rect(50 * MM, 50 * MM, 20 * MM, 20 * MM, fill=1, stroke=0)
        cmyk_text()(c)
    assert any("RVB" in m for m in messages(_press(draw)))


def test_rgb_images_in_a_press_file_inline_or_in_a_form():
    from PIL import Image

    photo = Image.new("RGB", (4, 4), (200, 30, 30))

    def inline(c):
        c.drawInlineImage(photo, 50 * MM, 50 * MM, 10 * MM, 10 * MM)
        cmyk_text()(c)

    def in_a_form(c):
        c.beginForm("logo")
        c.drawImage(ImageReader(photo), 0, 0, 10 * MM, 10 * MM)
        c.endForm()
        c.doForm("logo")
        cmyk_text()(c)

    for draw in (inline, in_a_form):
        assert any("RVB" in m for m in messages(_press(draw))), draw.__name__


def test_rgb_in_a_form_whose_name_is_written_with_escapes():
    import pikepdf

    data = _press(cmyk_text())
    with pikepdf.open(io.BytesIO(data)) as doc:
        form = pikepdf.Stream(doc, b"0.8 0.1 0.1 rg 0 0 10 10 re f")
        form.Type, form.Subtype = pikepdf.Name.XObject, pikepdf.Name.Form
        form.BBox = [0, 0, 10, 10]
        page = doc.pages[0]
        page.obj.Resources.XObject = pikepdf.Dictionary({"/Logo Rouge": form})
        page.contents_add(b"/Logo#20Rouge Do")  # the name's space written as #20
        out = io.BytesIO()
        doc.save(out)
    assert any("RVB" in m for m in messages(out.getvalue()))


def _handmade_pdf(objects: list[bytes]) -> bytes:
    """A PDF from its numbered objects (1, 2, …), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def test_fonts_written_directly_in_resources_inherited_from_the_page_tree_are_each_checked():
    """Two direct (unnumbered) font dictionaries in resources the page inherits from its page
    tree: both are looked at and reported, and the 5 pt text found."""
    content = b"BT /F1 5 Tf 100 400 Td (Petit) Tj /F2 9 Tf 0 -20 Td (Autre) Tj ET"
    data = _handmade_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 595.2756 841.8898]"
        b" /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
        b" /F2 << /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >> >> >> >>",
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ])
    problems, pages = check_pdf(data, "test.pdf", band_check=False)
    found = [p.message for p in problems]
    assert pages == 1
    assert any("non incorporée : Helvetica" in m for m in found), found
    assert any("non incorporée : Times-Roman" in m for m in found), found
    assert any("sous 7 pt (le plus petit : 5.0 pt)" in m for m in found), found


def test_a_page_whose_content_is_an_array_of_streams_is_read_whole():
    import pikepdf

    data = pdf(text(5))
    with pikepdf.open(io.BytesIO(data)) as doc:
        page = doc.pages[0]
        page.contents_add(b"q Q", prepend=True)  # the page's /Contents becomes an array
        assert isinstance(page.obj.Contents, pikepdf.Array)
        out = io.BytesIO()
        doc.save(out)
    assert any("sous 7 pt" in m for m in messages(out.getvalue()))


def test_missing_bleed_box():
    assert any("BleedBox manquante" in m for m in messages(_press(cmyk_text(), bleed_mm=None)))


def test_inconsistent_boxes():
    found = messages(_press(cmyk_text(), bleed_mm=(12, 12, 198, 285)))
    assert any("incohérentes" in m for m in found)


def test_bleed_narrower_than_2_mm():
    found = messages(_press(cmyk_text(), bleed_mm=(9, 9, 201, 288)))
    assert any("fond perdu" in m for m in found)


def test_text_outside_the_trim():
    found = messages(_press(cmyk_text(x=3 * MM, y=5 * MM)))
    assert any("hors du format fini" in m for m in found)


def test_not_a_pdf():
    [m] = messages(b"%PDF-1.4 this is not really a PDF")
    assert "illisible" in m or "aucune page" in m


@pytest.fixture(scope="module")
def press_builds(tmp_path_factory):
    out = tmp_path_factory.mktemp("press")
    for deck in ("cooperation", "faire-ensemble"):
        build_deck(deck, out, BuildOptions(profile="press", calibration=True))
    return out


def test_press_builds_of_both_default_decks_pass_preflight(press_builds):
    report = preflight([press_builds])
    assert report.files >= 2 * 16
    assert report.problems == []


def test_press_files_are_cmyk_with_an_output_intent(press_builds):
    from pypdf import PdfReader

    reader = PdfReader(press_builds / "cooperation" / "map.pdf")
    intents = reader.trailer["/Root"]["/OutputIntents"]
    assert intents[0]["/OutputConditionIdentifier"] == "FOGRA39"
    assert reader.metadata["/GTS_PDFXVersion"] == "PDF/X-1a:2003"
    assert "/GTS_PDFXConformance" not in reader.metadata  # a key of the 2001 versions


def test_press_build_with_reportlab_enforcing_cmyk(tmp_path, monkeypatch):
    """reportlab's enforceColorSpace='cmyk' raises on any RGB colour: a press build passes."""
    import reportlab.pdfgen.canvas as canvas_module

    seen = []
    original = canvas_module.Canvas.__init__

    def init(self, *args, **kwargs):
        seen.append(kwargs.get("enforceColorSpace"))
        original(self, *args, **kwargs)

    monkeypatch.setattr(canvas_module.Canvas, "__init__", init)
    build_deck("faire-ensemble", tmp_path, BuildOptions(profile="press", only=("cards", "map")))
    assert seen and set(seen) == {"sep_cmyk"}  # CMYK, or the registration separation


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is installed by .ci/run")
def test_qpdf_finds_no_error_in_press_files(press_builds):
    for path in sorted(press_builds.rglob("*.pdf")):
        proc = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert proc.returncode == 0, (path, proc.stdout[-500:], proc.stderr[-500:])


def test_preflight_command_exit_status(tmp_path, press_builds):
    runner = CliRunner()
    good = runner.invoke(main, ["preflight", str(press_builds / "cooperation")])
    assert good.exit_code == 0 and "aucun problème" in good.output
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(pdf(text(5)))
    result = runner.invoke(main, ["preflight", str(bad)])
    assert result.exit_code == 1 and "sous 7 pt" in result.output


def test_profile_is_inferred_from_each_file(press_builds, tmp_path):
    office = tmp_path / "o"
    build_deck("cooperation", office, BuildOptions(only=("cards",)))
    report = preflight([office / "cooperation" / "cards.pdf",
                        press_builds / "cooperation" / "cards-1up.pdf"])
    assert report.problems == []


# -- the build's checks on the plan ------------------------------------------------------------

def _doc(items, trim=None, bleed=None, forms=()):
    from kit.layout.geometry import Document, PageSpec

    return Document((PageSpec(210, 297, tuple(items), trim, bleed),), tuple(forms))


def _text_block(size, x=30.0, y=150.0, role="body"):
    from kit.layout.geometry import Color, Rect, TextBlock, TextLine, TextSpan

    return TextBlock((TextLine(x, y, (TextSpan("Texte"),), 20.0),), "body", size,
                     Color.gray(0), Rect(x, y - 5, 20, 6), role)


def test_plan_check_finds_small_text_even_inside_a_scaled_group_or_form():
    from kit.layout.geometry import Form, FormRef, Group, Rect
    from kit.preflight import check_plan

    assert check_plan(_doc([_text_block(9)]), "x") == []
    [p] = check_plan(_doc([Group((_text_block(10),), 0, 0, scale=0.6)]), "x")
    assert "6.0 pt" in p.message
    form = Form("f", 50, 20, (_text_block(10, 2, 10),))
    [p] = check_plan(_doc([FormRef("f", Rect(30, 30, 25, 10))], forms=[form]), "x")
    assert "5.0 pt" in p.message
    assert check_plan(_doc([_text_block(6.5, role="credits")]), "x") == []


def test_plan_check_finds_ink_in_the_office_band_and_text_outside_the_trim():
    from kit.layout.geometry import Color, Rect, Shape, Style, rect_path
    from kit.preflight import check_plan

    ink = Shape(rect_path(Rect(3, 100, 10, 10)), Style(fill=Color.gray(0)))
    [p] = check_plan(_doc([ink]), "x")
    assert "6 mm" in p.message
    trim, bleed = Rect(20, 20, 170, 257), Rect(17, 17, 176, 263)
    [p] = check_plan(_doc([_text_block(9, x=5, y=10)], trim, bleed), "x")
    assert "hors du format fini" in p.message


def test_the_build_check_and_the_full_pdf_check_agree_on_the_kit_own_files(tmp_path):
    from kit.preflight import check_built

    files = {}
    from kit.load.deck import load_deck
    from kit.products import BUILDERS

    deck = load_deck("faire-ensemble")
    for name in ("cards", "map"):
        files.update(BUILDERS[name](deck, BuildOptions()))
    for name, data in files.items():
        if name.endswith(".pdf"):
            # the plan travels with the bytes, or the plan's check was made where they were
            # rendered (kit.finish.render_checked)
            assert (getattr(data, "document", None) is not None
                    or getattr(data, "checked", None) is not None), name
            assert check_built(data, name) == check_pdf(data, name), name


def test_press_colours_black_text_is_k_only_and_overprinted_and_ink_stays_under_300(
        press_builds):
    """Walk the press plans: dark text 100 % K (overprinted), every colour ≤ 300 % ink."""
    from kit.layout.geometry import REGISTRATION, Clip, Group, Shape, TextBlock
    from kit.layout.press import total_ink
    from kit.load.deck import load_deck
    from kit.products import BUILDERS

    deck = load_deck("cooperation")
    files = {}
    for name in ("cards", "map"):
        files.update(BUILDERS[name](deck, BuildOptions(profile="press")))
    seen_text = 0

    def walk(items):
        nonlocal seen_text
        for item in items:
            if isinstance(item, TextBlock):
                colour = item.color
                assert total_ink(colour) <= 3.0
                if colour.luminance() < 0.05:
                    assert (colour.c, colour.m, colour.y, colour.k) == (0, 0, 0, 1.0)
                    assert item.overprint
                    seen_text += 1
            elif isinstance(item, Shape):
                for colour in (item.style.fill, item.style.stroke):
                    # crop marks are in registration colour (every plate at 100 %) by design
                    if colour is not None and colour != REGISTRATION:
                        assert total_ink(colour) <= 3.0 + 1e-9
            elif isinstance(item, (Group, Clip)):
                walk(item.items)

    for name, data in files.items():
        doc = getattr(data, "document", None)
        if doc is None:
            continue
        assert doc.cmyk, name
        for page in doc.pages:
            walk(page.items)
        for form in doc.forms:
            walk(form.items)
    assert seen_text > 100


def test_press_files_have_no_transparency(press_builds):
    """PDF/X-1a: no soft mask, no constant alpha below 1 in any graphics state."""
    from pypdf import PdfReader

    for path in sorted(press_builds.rglob("*.pdf")):
        reader = PdfReader(path)
        if "/OutputIntents" not in reader.trailer["/Root"]:
            continue
        for page in reader.pages:
            states = (page.get("/Resources") or {}).get("/ExtGState") or {}
            for state in states.values():
                state = state.get_object()
                assert float(state.get("/ca", 1)) == 1 and float(state.get("/CA", 1)) == 1, path
                assert state.get("/SMask", "/None") == "/None", path


def test_an_unreadable_pdf_is_named_in_french_without_the_reader_s_internals(tmp_path):
    """qpdf's message names an in-memory stream (an address that changes from run to run) and
    speaks English: the preflight says what it means instead."""
    from kit.preflight_pdf import check_pdf

    problems, pages = check_pdf(b"%PDF-1.4\nthis is no pdf\n", "abime.pdf")
    assert pages == 0
    [problem] = problems
    assert problem.message.startswith("PDF illisible : le fichier est abîmé")
    assert "0x" not in problem.message and "BytesIO" not in problem.message
