"""Issue 15, items 2, 7 and 9: what the files declare about themselves.

2. Press files declare PDF/X-1a:2003 (their PDF 1.4 allows it) with what that version needs.
7. Every file says its language (/Lang, dc:language) and carries XMP matching its Info
   dictionary; builds stay byte-identical.
9. Every font subset is named after its content: never two subsets under one name.
"""

from __future__ import annotations

import hashlib

import pikepdf
import printcheck as P
import pytest
from pypdf import PdfReader

from kit import __version__
from kit.api import BuildOptions, build_deck
from kit.declare import PDFX_VERSION, subset_tag


@pytest.fixture(scope="module")
def press(tmp_path_factory):
    out = tmp_path_factory.mktemp("press")
    build_deck("cooperation", out, BuildOptions(profile="press", only=("map", "cards")))
    return out / "cooperation"


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    out = tmp_path_factory.mktemp("en")
    build_deck("cooperation-en", out, BuildOptions(only=("cards",)))
    return out / "cooperation-en"


def _pdfs(folder):
    return sorted(folder.rglob("*.pdf"))


# -- 2. PDF/X-1a:2003 -----------------------------------------------------------------------------


def test_press_files_declare_pdfx_1a_2003_in_pdf_1_4(press):
    declared = 0
    for path in _pdfs(press):
        with pikepdf.open(path) as pdf:
            if "/OutputIntents" not in pdf.Root:
                assert "/GTS_PDFXVersion" not in pdf.docinfo, path.name  # the guide: no trim
                continue
            declared += 1
            assert pdf.pdf_version == "1.4"
            info = pdf.docinfo
            assert str(info.GTS_PDFXVersion) == "PDF/X-1a:2003" == PDFX_VERSION
            assert "/GTS_PDFXConformance" not in info
            assert info.Trapped == pikepdf.Name("/False")
            assert str(info.Title) and str(info.CreationDate) and str(info.ModDate)
            (intent,) = pdf.Root.OutputIntents
            assert intent.S == pikepdf.Name.GTS_PDFX
            assert str(intent.OutputConditionIdentifier) == "FOGRA39"
            assert str(intent.RegistryName) == "http://www.color.org"
            assert "/ID" in pdf.trailer
            for page in pdf.pages:
                assert "/TrimBox" in page.obj and "/BleedBox" in page.obj
                assert "/ArtBox" not in page.obj
                assert "/Annots" not in page.obj, "PDF/X: no annotation inside the trim"
    assert declared >= 5


def test_pypdf_reads_the_same_declaration(press):
    reader = PdfReader(press / "cards-1up.pdf")
    assert reader.pdf_header == "%PDF-1.4"
    assert reader.metadata["/GTS_PDFXVersion"] == "PDF/X-1a:2003"
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert "PDF/X-1a:2003" in xmp.rdf_root.toxml()


def test_press_files_use_only_cmyk_gray_and_the_all_separation(press):
    for path in _pdfs(press):
        with pikepdf.open(path) as pdf:
            for obj in pdf.objects:
                if isinstance(obj, pikepdf.Array) and len(obj) and obj[0] == "/Separation":
                    assert obj[1] == "/All", path.name
                if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image":
                    assert obj.ColorSpace in ("/DeviceCMYK", "/DeviceGray"), path.name
                    assert "/SMask" not in obj
                if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/ExtGState":
                    assert float(obj.get("/ca", 1)) == 1 and float(obj.get("/CA", 1)) == 1
                    assert "/SMask" not in obj or obj.SMask == pikepdf.Name.None_


# -- 7. language and XMP --------------------------------------------------------------------------


def _xmp(pdf) -> dict:
    meta = pdf.open_metadata()
    return {key: meta.get(key) for key in ("dc:title", "dc:description", "dc:creator",
                                            "dc:language", "pdf:Producer", "xmp:CreateDate",
                                            "xmp:ModifyDate", "pdfx:GTS_PDFXVersion")}


def test_every_file_says_its_language_and_its_xmp_matches_its_info(press, english):
    from pikepdf.models.metadata import DateConverter

    for folder, tag in ((press, "fr-FR"), (english, "en-GB")):
        for path in _pdfs(folder):
            with pikepdf.open(path) as pdf:
                assert str(pdf.Root.Lang) == tag, path.name
                info, xmp = pdf.docinfo, _xmp(pdf)
                assert xmp["dc:title"] == str(info.Title) != ""
                assert xmp["dc:description"] == str(info.Subject) != ""
                assert xmp["pdf:Producer"] == str(info.Producer) == f"kit {__version__} (reportlab)"
                assert set(xmp["dc:language"]) == {tag}
                for key, date in (("xmp:CreateDate", info.CreationDate),
                                  ("xmp:ModifyDate", info.ModDate)):
                    assert xmp[key] == DateConverter.xmp_from_docinfo(str(date))
                if "/OutputIntents" in pdf.Root:
                    assert xmp["pdfx:GTS_PDFXVersion"] == str(info.GTS_PDFXVersion)


def test_the_subject_is_the_territory(press):
    reader = PdfReader(press / "cards.pdf")
    assert reader.metadata.subject == "Métropole Aix-Marseille-Provence"


def test_xmp_dates_follow_source_date_epoch(tmp_path):
    deck = P.territory_deck(tmp_path)
    run = P.kit_cli("build", str(deck), "--only", "cards", "--out", "out", cwd=tmp_path,
                    env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert run.returncode == 0, run.stderr
    with pikepdf.open(tmp_path / "out" / "terr" / "cards.pdf") as pdf:
        assert str(pdf.docinfo.CreationDate) == "D:20231114221320+00'00'"
        assert _xmp(pdf)["xmp:CreateDate"] == "2023-11-14T22:13:20+00:00"


# -- 9. subset tags -------------------------------------------------------------------------------


def _subsets(folder, pattern: str = "*.pdf") -> dict[str, set[str]]:
    """{BaseFont: hashes of the embedded programs carrying that name}, over the files."""
    names: dict[str, set[str]] = {}
    for path in sorted(folder.rglob(pattern)):
        with pikepdf.open(path) as pdf:
            for obj in pdf.objects:
                if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font":
                    program = obj.FontDescriptor.FontFile2.read_bytes()
                    widths = repr([float(w) for w in obj.Widths]).encode()
                    digest = hashlib.sha256(program + widths).hexdigest()
                    names.setdefault(str(obj.BaseFont), set()).add(digest)
                    assert str(obj.FontDescriptor.FontName) == str(obj.BaseFont)
    return names


def test_no_two_different_subsets_share_a_name_across_files(press):
    names = _subsets(press)
    assert len(names) > 10
    assert not any(name.startswith("/AAAAAA+") for name in names)
    shared = {name: digests for name, digests in names.items() if len(digests) > 1}
    assert shared == {}


def test_the_same_subset_gets_the_same_tag(press, tmp_path):
    again = tmp_path / "again"
    build_deck("cooperation", again, BuildOptions(profile="press", only=("map",)))
    first, second = _subsets(press, "map*.pdf"), _subsets(again / "cooperation", "map*.pdf")
    assert first == second  # the map's subsets, named the same as in the first build


def test_the_tag_is_six_capitals_from_the_content():
    a = subset_tag(b"Face", b"program", b"widths")
    assert len(a) == 6 and a.isalpha() and a.isupper()
    assert a == subset_tag(b"Face", b"program", b"widths")
    assert a != subset_tag(b"Face", b"program", b"other widths")


def test_the_renamed_subsets_still_map_to_unicode(press):
    reader = PdfReader(press / "map-recto.pdf")
    text = reader.pages[0].extract_text()
    assert "coopération" in text.lower()


def test_press_files_pass_qpdf(press, tmp_path):
    import shutil
    import subprocess

    if shutil.which("qpdf") is None:
        pytest.skip("qpdf is not installed")
    for path in _pdfs(press):
        run = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert run.returncode == 0 and "No syntax or stream encoding errors" in run.stdout, (
            path.name, run.stdout[-300:], run.stderr[-300:])
