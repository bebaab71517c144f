"""What every PDF the kit writes says about itself, added once reportlab has drawn it (qpdf,
through pikepdf, saved deterministically: the same input gives the same bytes):

- each embedded font subset named after its own content (`ABCDEF+Face`), so two different
  subsets never share a name across files and one subset always gets the same one;
- an XMP metadata stream that says what the Info dictionary says (title, the deck's
  territory as subject, the kit as producer, the same dates) and the document's language;
- for press files, the PDF/X-1a:2003 identification (the version a PDF 1.4 file can be), the
  FOGRA39 output intent and `/Trapped /False`, in the Info dictionary and in XMP.

This declares; nothing offline certifies PDF/X (see docs/printing.md). The catalog's /Lang
itself is written by reportlab (kit.render.pdf).
"""

from __future__ import annotations

import hashlib
import io
import re

from kit import __version__

#: BCP 47 tags for the decks' languages
LANGUAGE_TAGS = {"fr": "fr-FR", "en": "en-GB"}
#: PDF/X-1a:2003 (ISO 15930-4) allows PDF 1.4, which reportlab writes; X-1a:2001 needs 1.3
PDFX_VERSION = "PDF/X-1a:2003"
#: the registered characterisation printers expect for coated offset paper in Europe
FOGRA39 = {
    "identifier": "FOGRA39",
    "info": "Coated FOGRA39 (ISO 12647-2:2004)",
    "registry": "http://www.color.org",
}
PRODUCER = f"kit {__version__} (reportlab)"

_TAGGED = re.compile(r"^[A-Z]{6}\+")


def language_tag(code: str) -> str:
    """'fr' → 'fr-FR'; a language without a known region keeps its bare code."""
    return LANGUAGE_TAGS.get(code, code)


def subset_tag(*parts: bytes) -> str:
    """Six capital letters from a hash of the subset's content (PDF 32000-1, 9.6.4)."""
    number = int.from_bytes(hashlib.sha256(b"\0".join(parts)).digest()[:8], "big")
    letters = []
    for _ in range(6):
        number, digit = divmod(number, 26)
        letters.append(chr(65 + digit))
    return "".join(letters)


def _retag_subsets(pdf) -> None:
    """Rename every tagged font subset after its embedded program, its glyph widths and its
    character map (reportlab tags the first subset of every font AAAAAA)."""
    import pikepdf
    from pikepdf import Name

    seen: set = set()
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != "/Font":
            continue
        if obj.objgen in seen:
            continue
        seen.add(obj.objgen)
        base = str(obj.get("/BaseFont", ""))[1:]
        descriptor = obj.get("/FontDescriptor")
        if not _TAGGED.match(base) or descriptor is None:
            continue
        bare = base[7:]
        program = b""
        for key in ("/FontFile2", "/FontFile3", "/FontFile"):
            if key in descriptor:
                program = descriptor[key].read_bytes()
                break
        cmap = obj.get("/ToUnicode")
        mapping = cmap.read_bytes().replace(base.encode(), bare.encode()) if cmap else b""
        widths = repr([float(w) for w in obj.get("/Widths", [])]).encode()
        name = f"{subset_tag(bare.encode(), program, widths, mapping)}+{bare}"
        obj.BaseFont = Name("/" + name)
        descriptor.FontName = Name("/" + name)
        if cmap is not None:
            cmap.write(mapping.replace(bare.encode(), name.encode()))  # qpdf compresses it


def _add_pdfx(pdf) -> None:
    import pikepdf
    from pikepdf import Name, String

    intent = pdf.make_indirect(pikepdf.Dictionary(
        Type=Name.OutputIntent,
        S=Name.GTS_PDFX,
        OutputConditionIdentifier=String(FOGRA39["identifier"]),
        OutputCondition=String(FOGRA39["info"]),
        RegistryName=String(FOGRA39["registry"]),
        Info=String(FOGRA39["info"]),
    ))
    pdf.Root.OutputIntents = pikepdf.Array([intent])
    info = pdf.docinfo
    info[Name.GTS_PDFXVersion] = String(PDFX_VERSION)
    if Name.GTS_PDFXConformance in info:  # a PDF/X-1a:2001 key: the 2003 version drops it
        del info[Name.GTS_PDFXConformance]
    info[Name.Trapped] = Name("/False")


def _add_xmp(pdf, language: str, pdfx: bool) -> None:
    """XMP from the Info dictionary (pikepdf maps title, subject, producer, dates), dates
    untouched: they come from SOURCE_DATE_EPOCH or reportlab's fixed date."""
    from pikepdf import Name

    info = pdf.docinfo
    mapped = {key: info[key] for key in ("/Title", "/Author", "/Subject", "/Keywords",
                                         "/Creator", "/Producer", "/CreationDate", "/ModDate")
              if key in info and str(info[key])}
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta.load_from_docinfo(mapped)
        if language:
            meta["dc:language"] = [language]
        if Name.Trapped in info:
            meta["pdf:Trapped"] = str(info[Name.Trapped])[1:]
        if pdfx:
            meta["pdfx:GTS_PDFXVersion"] = PDFX_VERSION
            meta["pdfxid:GTS_PDFXVersion"] = PDFX_VERSION


def declare(data: bytes, language: str = "", pdfx: bool = False) -> bytes:
    """The PDF with its subsets named from their content, its XMP and, for a press file with
    a trim, its PDF/X-1a:2003 keys and output intent. language: a BCP 47 tag or ''."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        _retag_subsets(pdf)
        if pdfx:
            _add_pdfx(pdf)
        _add_xmp(pdf, language, pdfx)
        out = io.BytesIO()
        # the same bytes for the same input: no random /ID, no qpdf version stamp
        pdf.save(out, deterministic_id=True, qdf=False, static_id=False,
                 fix_metadata_version=False)
        return out.getvalue()
