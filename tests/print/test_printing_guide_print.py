"""Issue 15, items 0 and 8 in the printing guide: its colour sentences come from what the
build's check found, never stated blindly; with --large-print its text is 14 pt or more."""

from __future__ import annotations

import io

import printcheck as P
import pytest
from pypdf import PdfReader

from kit.api import BuildOptions
from kit.layout.geometry import Clip, Group, TextBlock
from kit.load.deck import load_deck
from kit.preflight import Problem, Report
from kit.products.printing import plan_guide
from kit.render import fonts
from kit.render.images import cmyk_profile


def _text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(page.extract_text() for page in reader.pages).replace("\n", " ")


def _sizes(items):
    for item in items:
        if isinstance(item, TextBlock):
            yield item.size
        elif isinstance(item, (Group, Clip)):
            yield from _sizes(item.items)


def _text_bottom(items) -> float:
    """How far down the page its top-level text blocks reach (mm)."""
    return max(b.box.y2 for b in items if isinstance(b, TextBlock))


def _guide_words(doc) -> str:
    words = []
    for page in doc.pages:
        for item in page.items:
            if isinstance(item, TextBlock):
                words += ["".join(s.text for s in line.spans) for line in item.lines]
    return " ".join(words).replace("\u00a0", " ").replace("\u202f", " ")


def test_a_press_build_with_a_png_logo_says_what_its_files_are(tmp_path):
    if cmyk_profile() is None:
        pytest.skip("no CMYK ICC profile: .ci/run installs Ghostscript, which brings one")
    deck = P.territory_deck(tmp_path, "logo.png")
    P.png_with_alpha(deck.parent / "logo.png")
    files = P.build(tmp_path, deck, profile="press", only=("map",))
    text = _text(files["LISEZ-MOI-impression.pdf"])
    assert "tout est en CMJN" in text and "aucun RVB" in text
    assert "PDF/X-1a:2003" in text and "FOGRA39" in text
    assert "profil ICC" in text


def test_the_colour_sentence_follows_the_check_not_the_profile():
    deck = load_deck("cooperation")
    fonts.use_deck_fonts({})
    options = BuildOptions(profile="press", only=("map",))
    files = {"map.pdf": b"%PDF-1.4 /GTS_PDFXVersion", "map-recto.pdf": b""}
    clean = Report(files=2, pages=2, problems=[])
    found = Report(files=2, pages=2, problems=[
        Problem("out/cooperation/map-recto.pdf", 1, "couleur RVB dans un fichier imprimeur"
                                                    " (CMJN attendu)")])
    ok = _guide_words(plan_guide(deck, files, options, fonts.measure, "2 fichiers", clean))
    bad = _guide_words(plan_guide(deck, files, options, fonts.measure, "2 fichiers", found))
    assert "tout est en CMJN" in ok and "RVB dans" not in ok
    assert "tout est en CMJN" not in bad
    assert "trouvé du RVB dans 1 fichier(s) (map-recto.pdf)" in bad
    # and an office build says nothing of the kind
    office = _guide_words(plan_guide(deck, files, BuildOptions(only=("map",)), fonts.measure,
                                     "2 fichiers", clean))
    assert "CMJN" not in office


def test_the_large_print_guide_is_14_pt_and_more():
    deck = load_deck("cooperation")
    fonts.use_deck_fonts({})
    files = {"map.pdf": b"", "cards.pdf": b"/Type /Page " * 4, "canvases.pdf": b""}
    options = BuildOptions(large_print=True, calibration=True)
    doc = plan_guide(deck, files, options, fonts.measure, "3 fichiers, 8 pages, aucun problème",
                     Report(files=3, pages=8, problems=[]))
    sizes = [s for page in doc.pages for s in _sizes(page.items)]
    assert sizes and min(sizes) >= 14
    normal = plan_guide(deck, files, BuildOptions(calibration=True), fonts.measure, "x")
    # the same words, bigger: more pages, or as many with the last one fuller
    assert (len(doc.pages), _text_bottom(doc.pages[-1].items)) > \
        (len(normal.pages), _text_bottom(normal.pages[-1].items))
    assert min(s for page in normal.pages for s in _sizes(page.items)) == 7


def test_the_large_print_build_writes_its_guide_at_14_pt(tmp_path):
    deck = P.territory_deck(tmp_path)
    files = P.build(tmp_path, deck, only=("cards",), large_print=True, card_format="a5")
    from kit.preflight import check_pdf

    data = files["LISEZ-MOI-impression.pdf"]
    assert check_pdf(data, "guide")[0] == []
    reader = PdfReader(io.BytesIO(data))
    import re

    sizes = set()
    for page in reader.pages:
        sizes |= {float(v) for v in re.findall(rb"/\S+ ([\d.]+) Tf", page.get_contents()
                                               .get_data())}
    assert sizes and min(sizes) >= 14
