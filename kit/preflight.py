"""Preflight: check built PDFs the way a print shop would, page by page.

The profile is inferred from each file: a TrimBox smaller than the MediaBox means a press file,
otherwise an office file. Checks: fonts embedded; boxes present and nested (press); text under
7 pt (6 pt for credits, which the renderer marks as /KitCredits marked content); RGB colour in
a press file, 100 % K text overprinted without /OPM 1, white text overprinted, 400 % marks and
a PDF/X version the file cannot be (kit.preflight_press); ink within the 6 mm unprintable band
of an office file; text outside the trim of a press file; page sizes that are neither a
standard paper nor consistent within the file.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass, replace
from pathlib import Path

from kit.layout.geometry import compose, group_matrix, transform_box, transform_point
from kit.layout.impose import OFFICE_BAND, PAPERS

PT_PER_MM = 72 / 25.4
MIN_TEXT, MIN_CREDITS = 7.0, 6.0


@dataclass(frozen=True)
class Problem:
    file: str
    page: int  # 1-based; 0 for the whole file
    message: str

    def __str__(self) -> str:
        where = f"{self.file}, page {self.page}" if self.page else self.file
        return f"{where} : {self.message}"


@dataclass
class Report:
    files: int = 0
    pages: int = 0
    problems: list[Problem] | None = None

    def printed_summary(self, t) -> str:
        """The summary in the deck's language, for the printing guide (t: kit.i18n.Messages)."""
        n = len(self.problems or [])

        def count(key: str, k: int) -> str:
            return t(f"preflight.{key}_{'one' if k == 1 else 'many'}").format(n=k)

        verdict = t("preflight.ok") if n == 0 else count("problem", n)
        return t("preflight.summary").format(files=count("file", self.files),
                                             pages=count("page", self.pages), verdict=verdict)

    def summary(self) -> str:
        n = len(self.problems or [])
        verdict = "aucun problème" if n == 0 else f"{n} problème{'s' if n > 1 else ''}"
        return (f"contrôle avant impression : {self.files} fichier{'s' if self.files > 1 else ''},"
                f" {self.pages} page{'s' if self.pages > 1 else ''}, {verdict}")


def _pdfs(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(q for q in p.rglob("*.pdf") if q.is_file())
        else:
            out.append(p)
    return out


def preflight(paths: list[Path | str], band_check: bool = True) -> Report:
    """Check every PDF in paths (files or folders)."""
    report = Report(problems=[])
    for path in _pdfs([Path(p) for p in paths]):
        report.files += 1
        try:
            data = path.read_bytes()
        except OSError as exc:
            report.problems.append(Problem(str(path), 0, f"illisible ({exc.strerror})"))
            continue
        problems, pages = check_pdf(data, str(path), band_check)
        report.pages += pages
        report.problems += problems
    return report


def _box(page, name: str):
    obj = page.obj.get(name)
    if obj is None:
        return None
    return tuple(float(v) for v in obj)


def _contents(page) -> bytes | None:
    """A page's content stream (which may be split into an array of streams)."""
    import pikepdf

    contents = page.obj.get("/Contents")
    if contents is None:
        return None
    if isinstance(contents, pikepdf.Array):
        return b"\n".join(part.read_bytes() for part in contents)
    return contents.read_bytes()


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

    from kit.preflight_press import check_colours, check_declarations

    problems: list[Problem] = []
    try:
        pdf = pikepdf.open(io.BytesIO(data))
        pages = list(pdf.pages)
    except (pikepdf.PdfError, ValueError, KeyError, OSError) as exc:
        return [Problem(name, 0, f"PDF illisible ({exc})")], 0
    if not pages:
        return [Problem(name, 0, "aucune page")], 0
    first_media = [float(v) for v in pages[0].mediabox]
    first_trim = _box(pages[0], "/TrimBox")
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
        trim, bleed, art = _box(page, "/TrimBox"), _box(page, "/BleedBox"), _box(page, "/ArtBox")
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


def _key(obj):
    """An indirect object's number; None for a direct one (looked at each time: pikepdf makes
    a new Python object at each access, so there is nothing stable to remember it by)."""
    number = obj.objgen
    return number if number != (0, 0) else None


def _resources(page):
    """A page's resources. Those a page inherits from its page tree are its own here: qpdf
    copies inherited attributes down to each page when it lists the pages (tested)."""
    return page.obj.get("/Resources")


def _fonts_of(resources, seen: set) -> list:
    """Fonts of these resources and of the forms they use, each form visited once per file."""
    out = []
    if resources is None:
        return out
    fonts = resources.get("/Font")
    if fonts is not None:
        out += [font for _, font in fonts.items()]
    xobjects = resources.get("/XObject")
    if xobjects is not None:
        for _, obj in xobjects.items():
            key = _key(obj)
            if key is not None:
                if ("xobject", key) in seen:
                    continue
                seen.add(("xobject", key))
            if obj.get("/Subtype") == "/Form":
                out += _fonts_of(obj.get("/Resources"), seen)
    return out


def _check_fonts(name, number, page, seen: set) -> list[Problem]:
    out = []
    for font in _fonts_of(_resources(page), seen):
        key = _key(font)  # forms are streams, always indirect; a font may be direct
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


_TOKEN = re.compile(
    rb"\((?:\\.|[^\\)])*\)"       # a literal string (reportlab escapes parentheses)
    rb"|<<|>>|<[0-9A-Fa-f\s]*>"     # dictionary delimiters, hex strings
    rb"|\[|\]"                        # arrays (TJ)
    rb"|/[^\s/\[\]()<>{}%]+"           # names
    rb"|[-+]?(?:\d+\.?\d*|\.\d+)"     # numbers
    rb"|[A-Za-z'\"*][A-Za-z'\"*0-9]*"   # operators
    rb"|%[^\r\n]*"                     # comments
)
_SHOW = {b"Tj", b"TJ", b"'", b'"'}


def _ops(data: bytes):
    """(operator, operands) of a content stream; only what text checking needs is decoded."""
    operands: list = []
    depth = 0
    for m in _TOKEN.finditer(data):
        tok = m.group()
        c = tok[:1]
        if c in b"(<%[]" or tok in (b"<<", b">>"):
            if tok == b"[" or tok == b"<<":
                depth += 1
            elif tok == b"]" or tok == b">>":
                depth -= 1
            if c != b"%":
                operands.append(tok)
            continue
        if c == b"/" or c in b"+-.0123456789":
            operands.append(tok)
            continue
        if depth:  # an operator-looking word inside an array or dictionary (true, null…)
            operands.append(tok)
            continue
        yield tok, operands
        operands = []


def _text_runs(page, form_cache: dict):
    """Yield (effective size pt, x, y, in credits) for every text-showing operator, following
    the graphics state into form XObjects (each form's stream is tokenised once per file:
    form_cache is shared by the file's pages)."""

    def walk(data: bytes, resources, ctm):
        stack: list = []
        tm = lm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        size = leading = 0.0
        credits = 0
        for op, args in _ops(data):
            if op == b"q":
                stack.append(ctm)
            elif op == b"Q":
                ctm = stack.pop() if stack else ctm
            elif op == b"cm" and len(args) == 6:
                ctm = compose([float(v) for v in args], ctm)
            elif op == b"BT":
                tm = lm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
            elif op == b"Tf" and len(args) == 2:
                size = float(args[1])
            elif op == b"TL" and args:
                leading = float(args[0])
            elif op == b"Tm" and len(args) == 6:
                tm = lm = [float(v) for v in args]
            elif op in (b"Td", b"TD") and len(args) == 2:
                tx, ty = float(args[0]), float(args[1])
                if op == b"TD":
                    leading = -ty
                tm = lm = compose([1, 0, 0, 1, tx, ty], lm)
            elif op in (b"T*", b"'", b'"'):
                tm = lm = compose([1, 0, 0, 1, 0, -leading], lm)
            elif op == b"BMC" and args and args[0] == b"/KitCredits":
                credits += 1
            elif op == b"EMC" and credits:
                credits -= 1
            if op in _SHOW:
                m = compose(tm, ctm)
                scale = math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))
                yield size * scale, m[4], m[5], bool(credits)
            elif op == b"Do" and args and resources is not None:
                xobjects = resources.get("/XObject")
                form = xobjects.get(_name(args[0])) if xobjects is not None else None
                if form is None:
                    continue
                key = _key(form)
                if key not in form_cache:
                    if form.get("/Subtype") != "/Form":
                        form_cache[key] = None
                    else:
                        matrix = [float(v) for v in form.get("/Matrix", [1, 0, 0, 1, 0, 0])]
                        # the form's runs in its own space, computed once
                        form_cache[key] = (matrix, list(walk(form.read_bytes(),
                                                             form.get("/Resources"),
                                                             [1, 0, 0, 1, 0, 0])))
                cached = form_cache[key]
                if cached is None:
                    continue
                matrix, runs = cached
                outer = compose(matrix, ctm)
                scale = math.sqrt(abs(outer[0] * outer[3] - outer[1] * outer[2]))
                for run_size, x, y, in_credits in runs:
                    yield (run_size * scale, x * outer[0] + y * outer[2] + outer[4],
                           x * outer[1] + y * outer[3] + outer[5], in_credits or bool(credits))

    contents = _contents(page)
    if contents is not None:
        yield from walk(contents, _resources(page), [1, 0, 0, 1, 0, 0])


def _check_text(name, number, page, trim, form_cache: dict) -> list[Problem]:
    """Every text run's effective size, and (press) its position against the trim."""
    small: list[float] = []
    outside = 0
    try:
        for size, x, y, credits in _text_runs(page, form_cache):
            if size < (MIN_CREDITS if credits else MIN_TEXT) - 0.05:
                small.append(size)
            if trim is not None and not (trim[0] - 0.5 <= x <= trim[2] + 0.5
                                         and trim[1] - 0.5 <= y <= trim[3] + 0.5):
                outside += 1
    except Exception as exc:  # a content stream we cannot follow is itself a problem
        return [Problem(name, number, f"contenu illisible ({type(exc).__name__})")]
    out = []
    if small:
        out.append(Problem(name, number, f"{len(small)} texte(s) sous 7 pt (le plus petit :"
                                         f" {min(small):.1f} pt)"))
    if outside:
        out.append(Problem(name, number, f"{outside} texte(s) hors du format fini (TrimBox)"))
    return out


def _name(token: bytes) -> str:
    """A content-stream token as text; a name's #xx escapes decoded, as dictionary keys are."""
    text = token.decode("latin-1")
    if text.startswith("/") and "#" in text:
        text = re.sub(r"#([0-9A-Fa-f]{2})", lambda m: chr(int(m.group(1), 16)), text)
    return text


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


# -- checking the plan a PDF was drawn from ----------------------------------------------------
#
# `kit build` knows the geometry it has just drawn: text sizes, text positions and inked areas
# are checked on that plan (exact, and fast on 10,000 cards); fonts, boxes, page sizes and
# colour spaces are read back from the PDF itself. `kit preflight` on files re-reads everything
# from the PDF.


def _group_matrix(g, outer):
    return compose(group_matrix(g), outer)


def _plan_marks(items, m, forms, clip, out, cache: dict | None = None):
    """Collect ('ink', box) and ('text', size, x, y, role) of items under matrix m (mm).

    A text block's ink is one box around its lines (the band check only asks whether any ink
    reaches into the band, which the union answers exactly). Shared groups and forms are
    walked once, in their own space, and their marks placed wherever they are used."""
    from kit.layout.geometry import Clip, FormRef, Group, Image, Shape, TextBlock

    pt = 25.4 / 72
    for item in items:
        kind = type(item)
        if kind is Shape:
            st = item.style
            if st.fill is None and st.stroke is None:
                continue
            xs = [c for cmd in item.path for c in cmd[1::2]]
            ys = [c for cmd in item.path for c in cmd[2::2]]
            pad = st.width / 2 if st.stroke is not None else 0.0
            box = transform_box(m, min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad)
            out.append(("ink", _clipped(box, clip)))
        elif kind is TextBlock:
            lines = item.lines
            if not lines:
                continue
            scale = math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))
            size = item.size * scale
            for line in lines:
                x, y = transform_point(m, line.x, line.y)
                out.append(("text", size, x, y, item.role))
            box = transform_box(m, min(line.x for line in lines),
                          min(line.y for line in lines) - item.size * 0.8 * pt,
                          max(line.x + line.width for line in lines),
                          max(line.y for line in lines) + item.size * 0.25 * pt)
            out.append(("ink", _clipped(box, clip)))
        elif kind is Group and item.share and cache is not None:
            local = _local_marks(("group", item.share), item.items, forms, None, cache)
            _place_marks(local, _group_matrix(item, m), clip, out)
        elif kind is Group:
            _plan_marks(item.items, _group_matrix(item, m), forms, clip, out, cache)
        elif kind is Clip:
            r = item.rect
            box = transform_box(m, r.x, r.y, r.x2, r.y2)
            _plan_marks(item.items, m, forms, box if clip is None else _clipped(box, clip), out,
                        cache)
        elif kind is FormRef:
            form = forms[item.name]
            sx, sy = item.at.w / form.w, item.at.h / form.h
            inner = compose([sx, 0, 0, sy, item.at.x, item.at.y], m)
            box = transform_box(inner, 0, 0, form.w, form.h)  # a form clips to its box
            if cache is None:
                _plan_marks(form.items, inner, forms, box, out, cache)
                continue
            local = _local_marks(("form", item.name), form.items, forms,
                                 (0.0, 0.0, form.w, form.h), cache)
            _place_marks(local, inner, box if clip is None else _clipped(box, clip), out)
        elif kind is Image:
            r = item.at
            out.append(("ink", _clipped(transform_box(m, r.x, r.y, r.x2, r.y2), clip)))


def _local_marks(key, items, forms, clip, cache: dict) -> tuple[list, list, tuple | None]:
    """The marks of a shared group or a form in its own space, computed once per document:
    (text marks, ink boxes, the union of the ink boxes)."""
    local = cache.get(key)
    if local is None:
        marks: list = []
        _plan_marks(items, [1.0, 0.0, 0.0, 1.0, 0.0, 0.0], forms, clip, marks, cache)
        texts = [m for m in marks if m[0] == "text"]
        boxes = [m[1] for m in marks if m[0] == "ink" and m[1] is not None]
        union = (min(b[0] for b in boxes), min(b[1] for b in boxes),
                 max(b[2] for b in boxes), max(b[3] for b in boxes)) if boxes else None
        local = cache[key] = (texts, boxes, union)
    return local


def _place_marks(local, g, clip, out: list) -> None:
    texts, boxes, union = local
    scale = math.sqrt(abs(g[0] * g[3] - g[1] * g[2]))
    for mark in texts:
        x, y = transform_point(g, mark[2], mark[3])
        out.append(("text", mark[1] * scale, x, y, mark[4]))
    if union is None:
        return
    placed = transform_box(g, *union)
    square = (g[1] == 0 and g[2] == 0) or (g[0] == 0 and g[3] == 0)
    if square and (clip is None or _clipped(placed, clip) == placed):
        # boxes stay boxes and none is cut away: the band only sees the extremes, which the
        # union has
        out.append(("ink", placed))
        return
    for b in boxes:
        out.append(("ink", _clipped(transform_box(g, b[0], b[1], b[2], b[3]), clip)))


def _clipped(box, clip):
    if clip is None or box is None:
        return box
    x0, y0 = max(box[0], clip[0]), max(box[1], clip[1])
    x1, y1 = min(box[2], clip[2]), min(box[3], clip[3])
    return (x0, y0, x1, y1) if x0 < x1 and y0 < y1 else None


def check_plan(doc, name: str) -> list[Problem]:
    """Text sizes, text within the trim (press) and ink within the office band, on the plan."""
    forms = {f.name: f for f in doc.forms}
    problems: list[Problem] = []
    identity = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    cache: dict = {}
    for number, page in enumerate(doc.pages, start=1):
        marks: list = []
        _plan_marks(page.items, identity, forms, None, marks, cache)
        small = [m[1] for m in marks if m[0] == "text"
                 and m[1] < (MIN_CREDITS if m[4] == "credits" else MIN_TEXT) - 0.05]
        if small:
            problems.append(Problem(name, number, f"{len(small)} texte(s) sous 7 pt (le plus"
                                                  f" petit : {min(small):.1f} pt)"))
        if page.trim is not None:
            t = page.trim
            outside = [m for m in marks if m[0] == "text"
                       and not (t.x - 0.2 <= m[2] <= t.x2 + 0.2
                                and t.y - 0.2 <= m[3] <= t.y2 + 0.2)]
            if outside:
                problems.append(Problem(name, number, f"{len(outside)} texte(s) hors du format"
                                                      " fini (TrimBox)"))
        else:
            band = OFFICE_BAND - 0.05
            inked = [m[1] for m in marks if m[0] == "ink" and m[1] is not None
                     and (m[1][0] < band or m[1][1] < band or m[1][2] > page.width - band
                          or m[1][3] > page.height - band)]
            if inked:
                problems.append(Problem(name, number, "encre à moins de 6 mm du bord de la feuille"
                                                      " (zone non imprimable des imprimantes de"
                                                      " bureau)"))
    return problems


def check_built(data: bytes, name: str) -> tuple[list[Problem], int]:
    """What `kit build` checks: the plan when the bytes carry it, the PDF for the rest (or
    what was found when the bytes were rendered, see kit.finish.render_checked)."""
    checked = getattr(data, "checked", None)
    if checked is not None:
        problems, pages = checked
        return [replace(p, file=name) for p in problems], pages
    doc = getattr(data, "document", None)
    if doc is None:
        return check_pdf(data, name)
    problems, pages = check_pdf(data, name, band_check=False, text_check=False)
    return problems + check_plan(doc, name), pages
