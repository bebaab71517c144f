"""Preflight of a PDF file, read back as a print shop would, page by page: the profile inferred
from the boxes (a TrimBox smaller than the MediaBox: a press file), then page boxes (press) or
standard paper sizes (office), fonts embedded and subset, text size, text within the trim
(press), colours and declarations (press, kit.preflight_press), ink within the office band."""

from __future__ import annotations

import io

from kit.layout.impose import OFFICE_BAND, PAPERS
from kit.preflight_press import check_colours, check_declarations
from kit.preflight_reading import fonts_of, object_key, page_box, page_resources, text_runs
from kit.preflight_report import MIN_CREDITS, MIN_TEXT, Problem

PT_PER_MM = 72 / 25.4


def _paper_name(w_mm: float, h_mm: float) -> str | None:
    for name, (pw, ph) in PAPERS.items():
        for a, b in ((pw, ph), (ph, pw)):
            if abs(a - w_mm) < 0.6 and abs(b - h_mm) < 0.6:
                return name
    return None


def check_pdf(data: bytes, name: str, band_check: bool = True,
              text_check: bool = True) -> tuple[list[Problem], int]:
    # qpdf (through pikepdf) reads the file: the engine print shops' own checks use, and fast
    # enough to run on every file of every build
    import pikepdf

    problems: list[Problem] = []
    try:
        pdf = pikepdf.open(io.BytesIO(data))
        pages = list(pdf.pages)
    except (pikepdf.PdfError, ValueError, KeyError, OSError):
        # qpdf's own words name its in-memory stream and speak English: say what it means
        return [Problem(name, 0, "PDF illisible : le fichier est abîmé ou n'est pas un PDF"
                                 " (qpdf ne peut pas le lire) ; reconstruisez-le")], 0
    if not pages:
        return [Problem(name, 0, "aucune page")], 0
    first_media = [float(v) for v in pages[0].mediabox]
    first_trim = page_box(pages[0], "/TrimBox")
    press = first_trim is not None and any(
        abs(a - b) > 0.5 for a, b in zip(first_trim, first_media, strict=True))
    seen_fonts: set = set()  # fonts and forms already looked at, for the whole file
    form_cache: dict = {}
    sizes = set()
    for number, page in enumerate(pages, start=1):
        media = [float(v) for v in page.mediabox]
        w_mm = (media[2] - media[0]) / PT_PER_MM
        h_mm = (media[3] - media[1]) / PT_PER_MM
        sizes.add(tuple(sorted((round(w_mm), round(h_mm)))))  # orientation may vary
        trim, bleed = page_box(page, "/TrimBox"), page_box(page, "/BleedBox")
        art = page_box(page, "/ArtBox")
        if press:
            problems += _check_boxes(name, number, media, trim, bleed, art)
        elif _paper_name(w_mm, h_mm) is None:
            problems.append(Problem(name, number, f"format de page {w_mm:.1f} × {h_mm:.1f} mm :"
                                                  " ni A5, A4, A3, A2, A1, A0 ni Letter"))
        problems += _check_fonts(name, number, page, seen_fonts)
        if text_check:
            problems += _check_text(name, number, page, trim if press else None, form_cache)
        if press:
            problems += check_colours(name, number, page, form_cache)
    problems += check_declarations(pdf, name)
    if press and len(sizes) > 1 and not name.endswith("canvases.pdf"):
        problems.append(Problem(name, 0, "pages de tailles différentes dans un fichier imprimeur"))
    if band_check and not press:
        problems += _check_band(data, name)
    return problems, len(pages)


def _check_boxes(name, number, media, trim, bleed, art) -> list[Problem]:
    out = []
    if trim is None:
        out.append(Problem(name, number, "TrimBox manquante"))
    if bleed is None:
        out.append(Problem(name, number, "BleedBox manquante"))
    if trim and art and art != tuple(media):
        out.append(Problem(name, number, "TrimBox et ArtBox à la fois (PDF/X : l'une ou l'autre)"))
    if trim and bleed:
        inside = (bleed[0] <= trim[0] + 0.01 and bleed[1] <= trim[1] + 0.01
                  and bleed[2] >= trim[2] - 0.01 and bleed[3] >= trim[3] - 0.01)
        within = (media[0] <= bleed[0] + 0.01 and media[1] <= bleed[1] + 0.01
                  and media[2] >= bleed[2] - 0.01 and media[3] >= bleed[3] - 0.01)
        if not inside or not within:
            out.append(Problem(name, number, "boîtes incohérentes : il faut TrimBox ⊂ BleedBox ⊂"
                                             " MediaBox"))
        else:
            margin = min(trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2],
                         bleed[3] - trim[3]) / PT_PER_MM
            if margin < 1.9:
                out.append(Problem(name, number, f"fond perdu de {margin:.1f} mm : 2 à 5 mm"
                                                 " attendus"))
    return out


def _check_fonts(name, number, page, seen: set) -> list[Problem]:
    out = []
    for font in fonts_of(page_resources(page), seen):
        key = object_key(font)  # forms are streams, always indirect; a font may be direct
        if key is not None:
            if key in seen:
                continue
            seen.add(key)
        base = str(font.get("/BaseFont", "?")).lstrip("/")
        descriptors = []
        if font.get("/Subtype") == "/Type0":
            for d in font.get("/DescendantFonts", []):
                descriptors.append(d.get("/FontDescriptor"))
        else:
            descriptors.append(font.get("/FontDescriptor"))
        embedded = any(
            d is not None and any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            for d in descriptors)
        if not embedded:
            out.append(Problem(name, number, f"police non incorporée : {base}"))
        elif "+" not in base:
            out.append(Problem(name, number, f"police incorporée en entier (pas de sous-ensemble) :"
                                             f" {base}"))
    return out


def _check_text(name, number, page, trim, form_cache: dict) -> list[Problem]:
    """Every text run's effective size, and (press) its position against the trim."""
    small: list[float] = []
    outside = 0
    try:
        for size, x, y, credits in text_runs(page, form_cache):
            if size < (MIN_CREDITS if credits else MIN_TEXT) - 0.05:
                small.append(size)
            if trim is not None and not (trim[0] - 0.5 <= x <= trim[2] + 0.5
                                         and trim[1] - 0.5 <= y <= trim[3] + 0.5):
                outside += 1
    except Exception:  # a content stream we cannot follow is itself a problem
        return [Problem(name, number, "contenu de la page illisible : le fichier est abîmé ;"
                                      " reconstruisez-le")]
    out = []
    if small:
        out.append(Problem(name, number, f"{len(small)} texte(s) sous 7 pt (le plus petit :"
                                         f" {min(small):.1f} pt)"))
    if outside:
        out.append(Problem(name, number, f"{outside} texte(s) hors du format fini (TrimBox)"))
    return out


def _check_band(data: bytes, name: str, dpi: int = 40) -> list[Problem]:
    """Render each page and look for ink within the office band (6 mm from every edge)."""
    import pypdfium2 as pdfium

    out = []
    pdf = pdfium.PdfDocument(data)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            image = bitmap.to_pil()
            w, h = image.size
            band = max(1, int(OFFICE_BAND / 25.4 * dpi) - 1)  # one pixel of antialiasing slack
            strips = ((0, 0, w, band), (0, h - band, w, h), (0, 0, band, h), (w - band, 0, w, h))
            inked = any(image.crop(box).getextrema()[0] < 250 for box in strips)
            if inked:
                out.append(Problem(name, index + 1, "encre à moins de 6 mm du bord de la feuille"
                                                    " (zone non imprimable des imprimantes de"
                                                    " bureau)"))
            page.close()
    finally:
        pdf.close()
    return out
