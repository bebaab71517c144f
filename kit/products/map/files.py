"""The map's files: the verso (the guide's panels where the fold scheme puts them, numbered
fold marks), press fold marks in the slug, and build() writing map.pdf, map-recto.pdf,
map-verso.pdf, map.svg and the office mosaic."""

from __future__ import annotations

from kit.i18n import Messages
from kit.layout.geometry import PageSpec
from kit.layout.island import Island
from kit.layout.text import Measure
from kit.layout.theme import palette_for
from kit.model.deck import Deck
from kit.products.map.creases import scheme_creases
from kit.products.map.recto import plan_recto
from kit.products.map.sheet import SHEET_H, SHEET_W

# -- the files ------------------------------------------------------------------------------


def plan_verso(deck: Deck, measure: Measure, fold: str, island: Island | None = None,
               cwd=None, press: bool = False) -> PageSpec:
    """The verso: the guide's panels where the fold scheme puts them, and the numbered fold
    marks — inside the printable band for the office, in the slug for a press file (see
    fold_marks_in_slug)."""
    from kit.load.folds import load_fold_scheme
    from kit.products.guide import island_silhouette, verso_items

    scheme = load_fold_scheme(fold, cwd)
    silhouette = (lambda box: island_silhouette(island, box)) if island else None
    items = verso_items(deck, measure, palette_for(deck), scheme, silhouette, press=press)
    return PageSpec(SHEET_W, SHEET_H, tuple(items), label="verso")


def fold_marks_in_slug(page: PageSpec, bleed: float, fold: str = "half-concertina",
                       cwd=None) -> PageSpec:
    """A press page with the numbered fold marks outside the bleed, on the fold lines'
    extensions (kit.layout.fold_marks), in registration colour like the crop marks."""
    from dataclasses import replace

    from kit.layout.fold_marks import fold_marks
    from kit.layout.geometry import REGISTRATION
    from kit.load.folds import load_fold_scheme
    from kit.render import fonts

    marks = fold_marks(load_fold_scheme(fold, cwd), page.trim, fonts.measure, offset=bleed + 1.0,
                       length=5.0, outside=True, colour=REGISTRATION)
    return replace(page, items=page.items + tuple(marks))


def build(deck: Deck, options) -> dict[str, bytes]:
    """map.pdf (recto + verso), map-recto.pdf, map-verso.pdf, map.svg and, on A4 or Letter
    paper, map-tiled-<paper>.pdf: the recto over office sheets to glue together."""
    from kit.finish import pages_of
    from kit.finish import pdf_bytes as render_pdf
    from kit.finish import svg_text as render_svg  # nothing while kit validate plans
    from kit.layout.geometry import Document
    from kit.products.poster import press_page, tiled_document
    from kit.render import fonts

    families = {"body": None, "display": None}
    for role in families:
        fonts.ensure(role)
    fold = getattr(options, "fold", "half-concertina")
    # the chart keeps its words off the folds of the scheme the sheet will be folded by
    recto = plan_recto(deck, fonts.measure, scheme_creases(fold))
    press = options.profile == "press"
    verso = plan_verso(deck, fonts.measure, fold, recto.island, press=press)
    title = deck.title
    t = Messages(deck.language)
    meta = {"author": deck.territory.name or "", "cmyk": press}

    def doc(pages, subject):
        if press:
            pages = [press_page(p, options.bleed) for p in pages]
            pages = [fold_marks_in_slug(p, options.bleed, fold) if p.label == "verso" else p
                     for p in pages]
        return Document(tuple(pages), title=f"{title} — {t('documents.map')}", subject=subject,
                        **meta)

    both = render_pdf(doc([recto.page, verso], "map"), families)
    out = {
        "map.pdf": both,
        # each side alone, cut from map.pdf rather than drawn again
        "map-recto.pdf": pages_of(both, (0,), doc([recto.page], "map-recto")),
        "map-verso.pdf": pages_of(both, (1,), doc([verso], "map-verso")),
        "map.svg": render_svg(recto.page, families=families, title=title),
    }
    if getattr(options, "large_print", False):
        # 14 pt does not fit the folded sheet's panels: the guide also comes as an A5 booklet
        from kit.load.folds import load_fold_scheme
        from kit.products.guide import island_silhouette, plan_booklet

        booklet = plan_booklet(deck, fonts.measure, palette_for(deck),
                               silhouette=lambda box: island_silhouette(recto.island, box),
                               scheme=load_fold_scheme(fold))
        out["map-guide-large-print.pdf"] = render_pdf(doc(booklet, "map-guide-large-print"),
                                                      families)
    if options.paper in ("A4", "letter") and not press:
        out[f"map-tiled-{options.paper}.pdf"] = render_pdf(
            tiled_document(recto.page.items, SHEET_W, SHEET_H, options.paper, 10.0,
                           fonts.measure, deck.language, f"{title} — {t('map.recto_side')}",
                           title=f"{title} — {t('documents.map_tiled')}",
                           subject="map-tiled"),
            families)
    return out
