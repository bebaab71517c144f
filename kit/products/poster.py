"""A poster split across office sheets: an assembly plan, then one page per tile with its
label, its neighbours' glue strips and alignment crosses. Shared by the map and the canvases."""

from __future__ import annotations

from kit.i18n import Messages
from kit.layout import impose
from kit.layout.geometry import (
    WHITE,
    Clip,
    Color,
    Document,
    Form,
    FormRef,
    Group,
    PageSpec,
    Rect,
    Shape,
    Style,
    TextSpan,
    polyline,
    rect_path,
)
from kit.layout.text import PT, Measure, place_lines, set_block, styled
from kit.layout.text import Style as TextStyle

BODY = "body"
MARK = Color.gray(0.35)


def _text(measure: Measure, language: str, text: str, box: Rect, size: float, colour: Color,
          face: str = "regular", align: str = "left"):
    return set_block(styled(text, language, face), box, TextStyle(BODY, size, 1.25, colour, align),
                     measure, language, "label")


def _cross(x: float, y: float, size: float = 2.5) -> list:
    style = Style(stroke=MARK, width=0.15, cap="butt")
    return [Shape(polyline([(x - size, y), (x + size, y)]), style),
            Shape(polyline([(x, y - size), (x, y + size)]), style)]


#: the name of the form a tiled document draws its poster in, once (tiled_document)
POSTER_FORM = "poster"


def tiled_document(items: tuple, poster_w: float, poster_h: float, paper: str,
                   overlap: float, measure: Measure, language: str, label: str,
                   **document) -> Document:
    """The tiled poster as a document: the assembly plan, then every sheet placing the poster
    from one form drawn once (not the whole poster again on each sheet: a 3 × 3 mosaic of the
    map renders in a third of the time, and the file is a third of the size). `document`:
    the Document's other fields (title, subject…); label: what each sheet is titled with."""
    pages = tile_pages(items, poster_w, poster_h, paper, overlap, measure, language, label,
                       shared=True)
    return Document(tuple(pages), (Form(POSTER_FORM, poster_w, poster_h, tuple(items)),),
                    **document)


def tile_pages(items: tuple, poster_w: float, poster_h: float, paper: str, overlap: float,
               measure: Measure, language: str, title: str,
               shared: bool = False) -> list[PageSpec]:
    """The assembly plan followed by every tile of the poster; shared: each sheet places the
    form POSTER_FORM (tiled_document) instead of holding the poster's items itself."""
    t = Messages(language)
    tiles = impose.tile_poster(poster_w, poster_h, paper, overlap)
    ink = Color.gray(0.15)
    cols = max(tile.col for tile in tiles) + 1
    rows = max(tile.row for tile in tiles) + 1
    pages = [_plan_page(tiles, poster_w, poster_h, overlap, measure, language, title, t, ink)]
    for n, tile in enumerate(tiles, 1):
        at, src = tile.at, tile.source
        placed = (FormRef(POSTER_FORM, Rect(at.x - src.x, at.y - src.y, poster_w, poster_h))
                  if shared else Group(items, at.x - src.x, at.y - src.y))
        content = Group((Clip(at, (placed,)),))
        marks: list = [content]
        # glue strips: where a neighbour on the right or below lays over this sheet
        glue = Style(fill=Color.gray(0.5), opacity=0.12)
        if tile.col < cols - 1:
            marks.append(Shape(rect_path(Rect(at.x2 - overlap, at.y, overlap, at.h)), glue))
        if tile.row < rows - 1:
            marks.append(Shape(rect_path(Rect(at.x, at.y2 - overlap, at.w, overlap)), glue))
        # the edges to trim: left and top where a neighbour lies under this sheet
        trim = Style(stroke=MARK, width=0.25 * PT, dash=(1.5, 1.0), cap="butt")
        if tile.col > 0:
            marks.append(Shape(polyline([(at.x, at.y - 3), (at.x, at.y2 + 3)]), trim))
        if tile.row > 0:
            marks.append(Shape(polyline([(at.x - 3, at.y), (at.x2 + 3, at.y)]), trim))
        # alignment crosses at the middle of every overlap, on both sheets that share it
        for side in ("left", "right", "top", "bottom"):
            if side == "left" and tile.col > 0:
                xs = at.x + overlap / 2
                marks += _cross(xs, at.y + at.h / 3) + _cross(xs, at.y + 2 * at.h / 3)
            if side == "right" and tile.col < cols - 1:
                xs = at.x2 - overlap / 2
                marks += _cross(xs, at.y + at.h / 3) + _cross(xs, at.y + 2 * at.h / 3)
            if side == "top" and tile.row > 0:
                ys = at.y + overlap / 2
                marks += _cross(at.x + at.w / 3, ys) + _cross(at.x + 2 * at.w / 3, ys)
            if side == "bottom" and tile.row < rows - 1:
                ys = at.y2 - overlap / 2
                marks += _cross(at.x + at.w / 3, ys) + _cross(at.x + 2 * at.w / 3, ys)
        label = t("tiles.sheet").format(label=tile.label, n=n, total=len(tiles))
        # the sheet's name in the top margin, clear of the 6 mm band and of the poster
        block, _ = _text(measure, language, f"**{label}** · {title}",
                         Rect(at.x + 3, at.y - 3.4, at.w - 6, 5), 7.5, ink)
        marks.append(block)
        pages.append(PageSpec(tile.page_w, tile.page_h, tuple(marks), label=tile.label))
    return pages


def _plan_page(tiles, poster_w, poster_h, overlap, measure, language, title, t, ink):
    page_w, page_h = tiles[0].page_w, tiles[0].page_h
    band = impose.OFFICE_BAND + 6
    items: list = []
    block, h = _text(measure, language, t("tiles.plan"), Rect(band, band, page_w - 2 * band, 10),
                     16, ink, "bold")
    items.append(block)
    y = band + h + 3
    block, h = _text(measure, language, title, Rect(band, y, page_w - 2 * band, 10), 10, ink,
                     "italic")
    items.append(block)
    y += h + 3
    steps = t("tiles.steps").format(overlap=f"{overlap:g}", last=tiles[-1].label)
    block, h = _text(measure, language, steps, Rect(band, y, page_w - 2 * band, 30), 9, ink)
    items.append(block)
    y += h + 8
    # the poster, scaled, with each sheet's window
    avail_w, avail_h = page_w - 2 * band, page_h - y - band
    xs = [tile.source.x for tile in tiles] + [tile.source.x2 for tile in tiles]
    ys = [tile.source.y for tile in tiles] + [tile.source.y2 for tile in tiles]
    x0, y0 = min(xs), min(ys)
    span_w, span_h = max(xs) - x0, max(ys) - y0
    scale = min(avail_w / span_w, avail_h / span_h)
    ox = band + (avail_w - span_w * scale) / 2
    oy = y + (avail_h - span_h * scale) / 2

    def to_page(r: Rect) -> Rect:
        return Rect(ox + (r.x - x0) * scale, oy + (r.y - y0) * scale, r.w * scale, r.h * scale)

    items.append(Shape(rect_path(to_page(Rect(0, 0, poster_w, poster_h))),
                       Style(fill=Color.gray(0.93), stroke=ink, width=0.4)))
    for tile in tiles:
        r = to_page(tile.source)
        items.append(Shape(rect_path(r), Style(stroke=Color.from_hex("#1d4e89"), width=0.35,
                                               dash=(2, 1))))
        size = max(9.0, min(28.0, r.h / PT * 0.25))
        w = measure(tile.label, "bold", BODY, size)
        st = TextStyle(BODY, size, 1.0, Color.from_hex("#1d4e89"))
        items.append(Shape(rect_path(Rect(r.cx - w / 2 - 1.5, r.cy - size * PT * 0.6,
                                          w + 3, size * PT * 1.2)), Style(fill=WHITE)))
        items.append(place_lines([([TextSpan(tile.label, "bold")], w)],
                                 Rect(r.cx - w / 2, r.cy - size * PT * 0.45, w, size * PT), st,
                                 "label"))
    return PageSpec(page_w, page_h, tuple(items), label="plan")


SLUG = 7.0  # press: room for crop marks around the bleed


def press_page(page: PageSpec, bleed: float) -> PageSpec:
    """The page as a press file: its trim centred on a larger page with bleed and slug, crop
    marks in registration colour outside the bleed, TrimBox and BleedBox."""
    from kit.layout.geometry import REGISTRATION

    margin = bleed + SLUG
    trim = Rect(margin, margin, page.width, page.height)
    marks = [Shape(polyline([(x1, y1), (x2, y2)]),
                   Style(stroke=REGISTRATION, width=0.25 * PT, cap="butt"))
             for x1, y1, x2, y2 in impose.crop_marks(trim, bleed + 1.0, SLUG - 2.0)]
    return PageSpec(page.width + 2 * margin, page.height + 2 * margin,
                    (Group(page.items, margin, margin), *marks), trim, trim.outset(bleed),
                    page.label)
