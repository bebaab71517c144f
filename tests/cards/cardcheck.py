"""Helpers for the card tests: planned geometry walked with plain numbers, PDFs read back.

Planning goes through kit.products.cards (no PDF library); only the `pdf_*` helpers touch
pypdf, pypdfium2 or poppler, to read what a build wrote.
"""

from __future__ import annotations

import io
import math
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from kit.layout.geometry import (
    Clip,
    Document,
    FormRef,
    Group,
    Image,
    Link,
    PageSpec,
    Rect,
    Shape,
    TextBlock,
    path_bounds,
)
from kit.load.deck import load_deck
from kit.load.layouts import load_card_format
from kit.products import cards as C
from kit.render import fonts

PT = 25.4 / 72  # mm per point
MM_TO_PT = 72 / 25.4
DECKS = ("cooperation", "faire-ensemble")
FORMATS = {  # name: (width, height) in mm, as the issue states them
    "poker": (63, 88),
    "tarot": (70, 120),
    "a6": (105, 148),
    "a7": (74, 105),
    "square": (90, 90),
}
PAPERS_MM = {"A4": (210.0, 297.0), "A3": (297.0, 420.0), "letter": (215.9, 279.4)}
OFFICE_BAND = 6.0


# -- planning -------------------------------------------------------------------------------


@cache
def deck(deck_id: str):
    return load_deck(deck_id)


@cache
def context(deck_id: str, fmt: str = "poker", bleed: float = 0.0):
    """(CardContext, cards) for a deck and a format; fronts are laid out once and cached."""
    d = deck(deck_id)
    return context_for(d, fmt, bleed)


def context_for(d, fmt: str = "poker", bleed: float = 0.0):
    fonts.use_deck_fonts(dict(d.theme.fonts))
    ctx = C.make_context(d, load_card_format(fmt), fonts.measure, bleed)
    return ctx, C.deck_cards(d, ctx.t)


@cache
def sheets(deck_id: str, fmt: str = "poker", paper: str = "A4", profile: str = "office",
           duplex: str = "long-edge", bleed: float = 3.0,
           back_offset: tuple[float, float] = (0.0, 0.0)) -> Document:
    b = bleed if profile == "press" else 0.0
    ctx, cards = context(deck_id, fmt, b)
    return C.plan_sheets(ctx, cards, C.SheetOptions(paper, profile, duplex, b, back_offset))


@cache
def foldover(deck_id: str, fmt: str = "poker", paper: str = "A4",
             profile: str = "office", bleed: float = 3.0) -> Document:
    b = bleed if profile == "press" else 0.0
    ctx, cards = context(deck_id, fmt, b)
    return C.plan_foldover(ctx, cards, C.SheetOptions(paper, profile, "long-edge", b))


def render(doc: Document) -> bytes:
    """PDF bytes of a planned document, rendered the way the build renders it."""
    try:
        from kit.finish import pdf_bytes
    except ImportError:  # pragma: no cover - older layout of the package
        from kit.render.pdf import render_pdf as pdf_bytes
    return pdf_bytes(doc)


# -- walking planned items ------------------------------------------------------------------


@dataclass(frozen=True)
class Placed:
    """A leaf item and where it lands: page = dx + scale × item coordinates."""

    item: object
    dx: float
    dy: float
    scale: float = 1.0
    clip: Rect | None = None

    def rect(self, r: Rect) -> Rect:
        return Rect(self.dx + r.x * self.scale, self.dy + r.y * self.scale, r.w * self.scale,
                    r.h * self.scale)


def walk(items, dx: float = 0.0, dy: float = 0.0, scale: float = 1.0,
         clip: Rect | None = None) -> Iterator[Placed]:
    """Every leaf item (Shape, TextBlock, FormRef, Link, Image) with its placement."""
    for item in items:
        if isinstance(item, Group):
            assert item.rotate == 0, "rotated groups are not expected on cards"
            yield from walk(item.items, dx + item.dx * scale, dy + item.dy * scale,
                            scale * item.scale, clip)
        elif isinstance(item, Clip):
            r = Placed(None, dx, dy, scale).rect(item.rect)
            yield from walk(item.items, dx, dy, scale, r if clip is None else _intersect(clip, r))
        else:
            yield Placed(item, dx, dy, scale, clip)


def _intersect(a: Rect, b: Rect) -> Rect:
    x, y = max(a.x, b.x), max(a.y, b.y)
    return Rect(x, y, max(0.0, min(a.x2, b.x2) - x), max(0.0, min(a.y2, b.y2) - y))


def line_box(block: TextBlock, line) -> Rect:
    """The ink box of a text line: accented capitals reach 0.95 em above the baseline and
    descenders 0.25 em below it in the body faces (their glyph bounding boxes)."""
    size = block.size * PT
    return Rect(line.x, line.y - size * 0.95, line.width, size * (0.95 + 0.25))


def local_bounds(item) -> Rect | None:
    """Bounds of a leaf in its own coordinates (None for what is not printed: links)."""
    if isinstance(item, Shape):
        r = path_bounds(item.path)
        if item.style.stroke is not None:
            half = item.style.width / 2
            if item.style.cap == "butt" and len(item.path) == 2 and (r.w == 0 or r.h == 0):
                # a butt-capped straight line stops at its end points
                return Rect(r.x - half, r.y, r.w + 2 * half, r.h) if r.w == 0 else \
                    Rect(r.x, r.y - half, r.w, r.h + 2 * half)
            r = r.outset(half)
        return r
    if isinstance(item, TextBlock):
        boxes = [line_box(item, line) for line in item.lines]
        out = boxes[0]
        for b in boxes[1:]:
            out = out.union(b)
        return out
    if isinstance(item, FormRef):
        return item.at
    if isinstance(item, Image):
        return item.at
    if isinstance(item, Link):
        return None
    raise TypeError(type(item).__name__)


def printed_bounds(items) -> list[tuple[object, Rect]]:
    """(leaf item, bounds on the page) for everything that prints ink."""
    out = []
    for p in walk(items):
        r = local_bounds(p.item)
        if r is None:
            continue
        r = p.rect(r)
        if p.clip is not None:
            r = _intersect(r, p.clip)
            if r.w <= 0 or r.h <= 0:
                continue
        out.append((p.item, r))
    return out


def text_blocks(items) -> list[TextBlock]:
    return [p.item for p in walk(items) if isinstance(p.item, TextBlock)]


def line_text(line) -> str:
    return "".join(s.text for s in line.spans)


def block_text(block: TextBlock) -> str:
    return "\n".join(line_text(line) for line in block.lines)


def letters(text: str) -> str:
    """Only letters and digits, lower-cased: compares text across line breaks and hyphens."""
    return re.sub(r"[\W_]", "", text).lower()


def front_groups(page: PageSpec) -> list[Group]:
    """The cards' fronts on a sheet: top-level groups (one per card), or those of a top-level
    clip (office sheets with gutters clip the bleed where the margin has no room for it)."""
    items = [j for i in page.items for j in (i.items if isinstance(i, Clip) else (i,))]
    return [i for i in items if isinstance(i, Group)
            and not any(isinstance(p.item, FormRef) for p in walk(i.items))]


def back_refs(page: PageSpec) -> list[FormRef]:
    """The backs on a sheet as FormRefs with their rectangle on the page (offsets applied)."""
    out = []
    for p in walk(page.items):
        if isinstance(p.item, FormRef) and p.item.name.startswith("back-"):
            out.append(FormRef(p.item.name, p.rect(p.item.at)))
    return out


def marks(page: PageSpec) -> list[Rect]:
    """Cut or crop marks (top-level stroked two-point solid segments), as the rectangle
    their stroke covers (butt caps: the stroke does not run past the end points)."""
    out = []
    for item in page.items:
        if (isinstance(item, Shape) and item.style.fill is None and item.style.stroke is not None
                and len(item.path) == 2 and item.style.dash is None):
            (_, x1, y1), (_, x2, y2) = item.path
            half = item.style.width / 2
            assert x1 == x2 or y1 == y2, "marks are horizontal or vertical"
            if x1 == x2:
                out.append(Rect(x1 - half, min(y1, y2), 2 * half, abs(y2 - y1)))
            else:
                out.append(Rect(min(x1, x2), y1 - half, abs(x2 - x1), 2 * half))
    return out


def close(a: float, b: float, tol: float = 0.1) -> bool:
    return abs(a - b) <= tol


# -- reading PDFs back ----------------------------------------------------------------------


def reader(data: bytes):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data))


def all_objects(r) -> Iterator[tuple[int, object]]:
    """Every indirect object of the file (idnum, resolved object)."""
    from pypdf.generic import IndirectObject

    size = int(r.trailer["/Size"])
    for idnum in range(1, size):
        try:
            yield idnum, IndirectObject(idnum, 0, r).get_object()
        except Exception:  # free entries and object streams' holes
            continue


def form_xobjects(r) -> dict[int, object]:
    """Form XObjects reachable from the pages, by object number."""
    found: dict[int, object] = {}

    def visit(resources) -> None:
        xobjects = (resources or {}).get("/XObject") if resources is not None else None
        if not xobjects:
            return
        for ref in xobjects.get_object().values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Form" and ref.idnum not in found:
                found[ref.idnum] = obj
                visit(obj.get("/Resources"))

    for page in r.pages:
        visit(page.get("/Resources"))
    return found


def page_form_names(page) -> set[str]:
    """Names of the XObjects a page's content stream draws with Do."""
    data = page.get_contents().get_data() if page.get_contents() is not None else b""
    return set(re.findall(rb"/(\S+) Do\b", data))


def text_runs(page) -> list[tuple[str, str, float]]:
    """(text, BaseFont, effective size in pt) for every string drawn on a page, forms included."""
    runs = []

    def visitor(text, cm, tm, font, size):
        if not text.strip() or font is None:
            return
        a, b, c, d = _mul(tm, cm)[:4]
        scale = math.sqrt(abs(a * d - b * c))
        runs.append((text, str(font.get("/BaseFont")), size * scale))

    page.extract_text(visitor_text=visitor)
    return runs


def _mul(m, n):
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def tf_sizes(r) -> list[float]:
    """Operands of every Tf operator, in page and form content streams."""
    sizes = []
    streams = [p.get_contents() for p in r.pages] + list(form_xobjects(r).values())
    for s in streams:
        if s is None:
            continue
        data = s.get_data()
        sizes += [float(v) for v in re.findall(rb"/[^\s/]+ ([\d.]+) Tf", data)]
    return sizes


def has_poppler() -> bool:
    return shutil.which("pdffonts") is not None


def pdffonts(path) -> list[dict[str, str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    lines = out.stdout.splitlines()
    header = lines[0]
    cols = {name: header.index(name) for name in ("name", "type", "emb", "sub")}
    rows = []
    for line in lines[2:]:
        rows.append({
            "name": line[: cols["type"]].strip(),
            "emb": line[cols["emb"]: cols["emb"] + 3].strip(),
            "sub": line[cols["sub"]: cols["sub"] + 3].strip(),
        })
    return rows


def render_pages(data: bytes, dpi: float, pages=None):
    """PIL images of a PDF's pages (all, or the given indexes)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        indexes = range(len(pdf)) if pages is None else pages
        return [pdf[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in indexes]
    finally:
        pdf.close()


def is_white(img, box: tuple[int, int, int, int]) -> bool:
    region = img.crop(box)
    return all(lo == 255 for lo, _ in region.getextrema())
