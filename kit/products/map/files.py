"""The map's files: the verso (the guide's panels where the fold scheme puts them, fold ticks),
press fold marks in the slug, and build() writing map.pdf, map-recto.pdf, map-verso.pdf,
map.svg and the office mosaic."""

from __future__ import annotations

from kit.i18n import Messages
from kit.layout.geometry import Color, PageSpec, Shape, Style, polyline
from kit.layout.island import Island
from kit.layout.text import PT, Measure
from kit.layout.theme import palette_for
from kit.model.deck import Deck
from kit.products.map.creases import scheme_creases
from kit.products.map.recto import plan_recto
from kit.products.map.sheet import SHEET_H, SHEET_W

# -- the files ------------------------------------------------------------------------------


def plan_verso(deck: Deck, measure: Measure, fold: str, island: Island | None = None,
               cwd=None, press: bool = False) -> PageSpec:
    """The verso: the guide's panels where the fold scheme puts them, and fold ticks — inside
    the printable band for the office, in the slug for a press file (see fold_marks_in_slug)."""
    from kit.layout.fold import panel_slots
    from kit.load.folds import load_fold_scheme
    from kit.products.guide import Slot, fold_ticks, island_silhouette, plan_verso_items

    scheme = load_fold_scheme(fold, cwd)
    slots = [Slot(p.order, p.rect, p.rotate, p.role) for p in panel_slots(scheme)]
    pal = palette_for(deck)
    silhouette = (lambda box: island_silhouette(island, box)) if island else None
    items = plan_verso_items(deck, measure, pal, slots, SHEET_W, SHEET_H, silhouette)
    if not press:
        items += fold_ticks(SHEET_W, SHEET_H, scheme.cols, scheme.rows, 6.5, Color.gray(0.5))
    return PageSpec(SHEET_W, SHEET_H, tuple(items), label="verso")


def fold_marks_in_slug(page: PageSpec, bleed: float, cols: int = 4, rows: int = 2) -> PageSpec:
    """A press page with dashed fold ticks outside the bleed, on the fold lines' extensions."""
    from dataclasses import replace

    trim = page.trim
    style = Style(stroke=Color(0, 0, 0, 0, 0, 0, 0.5), width=0.25 * PT, dash=(1.0, 0.8),
                  cap="butt")
    ticks = []
    start, length = bleed + 1.0, 4.0
    for k in range(1, cols):
        x = trim.x + trim.w * k / cols
        ticks += [((x, trim.y - start - length), (x, trim.y - start)),
                  ((x, trim.y2 + start), (x, trim.y2 + start + length))]
    for k in range(1, rows):
        y = trim.y + trim.h * k / rows
        ticks += [((trim.x - start - length, y), (trim.x - start, y)),
                  ((trim.x2 + start, y), (trim.x2 + start + length, y))]
    return replace(page, items=page.items + tuple(Shape(polyline(list(t)), style)
                                                  for t in ticks))


def build(deck: Deck, options) -> dict[str, bytes]:
    """map.pdf (recto + verso), map-recto.pdf, map-verso.pdf, map.svg and, on A4 or Letter
    paper, map-tiled-<paper>.pdf: the recto over office sheets to glue together."""
    from kit.finish import pdf_bytes as render_pdf
    from kit.layout.geometry import Document
    from kit.products.poster import press_page, tile_pages
    from kit.render import fonts
    from kit.render.svg import render_svg

    families = {"body": None, "display": None}
    for role in families:
        fonts.ensure(role)
    # the chart keeps its words off the folds of the scheme the sheet will be folded by
    recto = plan_recto(deck, fonts.measure,
                       scheme_creases(getattr(options, "fold", "half-concertina")))
    press = options.profile == "press"
    verso = plan_verso(deck, fonts.measure, getattr(options, "fold", "half-concertina"),
                       recto.island, press=press)
    title = deck.title
    t = Messages(deck.language)
    meta = {"author": deck.territory.name or "", "cmyk": press}

    def doc(pages, subject):
        if press:
            pages = [press_page(p, options.bleed) for p in pages]
            pages = [fold_marks_in_slug(p, options.bleed) if p.label == "verso" else p
                     for p in pages]
        return Document(tuple(pages), title=f"{title} — {t('documents.map')}", subject=subject,
                        **meta)

    out = {
        "map.pdf": render_pdf(doc([recto.page, verso], "map"), families),
        "map-recto.pdf": render_pdf(doc([recto.page], "map-recto"), families),
        "map-verso.pdf": render_pdf(doc([verso], "map-verso"), families),
        "map.svg": render_svg(recto.page, families=families, title=title),
    }
    if getattr(options, "large_print", False):
        # 14 pt does not fit the folded sheet's panels: the guide also comes as an A5 booklet
        from kit.products.guide import island_silhouette, plan_booklet

        booklet = plan_booklet(deck, fonts.measure, palette_for(deck),
                               silhouette=lambda box: island_silhouette(recto.island, box))
        out["map-guide-large-print.pdf"] = render_pdf(doc(booklet, "map-guide-large-print"),
                                                      families)
    if options.paper in ("A4", "letter") and not press:
        pages = tile_pages(recto.page.items, SHEET_W, SHEET_H, options.paper, 10.0,
                           fonts.measure, deck.language, f"{title} — {t('map.recto_side')}")
        out[f"map-tiled-{options.paper}.pdf"] = render_pdf(
            Document(tuple(pages), title=f"{title} — {t('documents.map_tiled')}",
                     subject="map-tiled"),
            families)
    return out
