"""Workshop canvases: templates of zones (layouts/canvases), filled with the deck's content,
laid out from A4 to A0 with type and lines that grow with the reading distance.

Here: the page of a template (header, zones on the template's grid, each drawn by its type)
and the canvas files. The zones are drawn in kit.products.canvas_zones and
kit.products.canvas_diagrams, with the scale and type sizes of kit.products.canvas_context,
whose SIZES, scale_for and min_size are re-exported here for the tests and callers that size
canvases through this module."""

from __future__ import annotations

from kit.errors import Diagnostic, KitError
from kit.i18n import Messages
from kit.layout import impose
from kit.layout.geometry import PageSpec, Rect, Shape, Style, polyline
from kit.layout.text import Measure, Overflow
from kit.layout.theme import palette_for
from kit.load.canvases import Template
from kit.model.deck import Deck
from kit.products.canvas_context import (
    DISPLAY,
    SIZES,
    CanvasContext,
    min_size,
    scale_for,
    zone_overflow,
)
from kit.products.canvas_diagrams import axes_zone, chain_zone, rings_zone, timeline_zone
from kit.products.canvas_zones import columns_zone, lines_zone, matrix_zone, note_zone

__all__ = ["RENDERERS", "SIZES", "build", "min_size", "page_size", "plan_canvas", "scale_for"]

RENDERERS = {
    "note": note_zone,
    "columns": lambda ctx, z, b: columns_zone(ctx, z, b, True),
    "rows": lambda ctx, z, b: columns_zone(ctx, z, b, False),
    "rings": rings_zone,
    "matrix": matrix_zone,
    "timeline": timeline_zone,
    "chain": chain_zone,
    "axes": axes_zone,
    "lines": lines_zone,
}


def page_size(template: Template, size: str) -> tuple[float, float]:
    w, h = impose.PAPERS[size]
    return (h, w) if template.orientation == "landscape" else (w, h)


def plan_canvas(deck: Deck, template: Template, size: str, measure: Measure) -> PageSpec:
    s = scale_for(size)
    ctx = CanvasContext(deck, template, measure, s, min_size(size), palette_for(deck),
                        Messages(deck.language))
    pal = ctx.pal
    w, h = page_size(template, size)
    margin = max(impose.OFFICE_BAND + 6, 12 * s)
    items: list = []
    # header: title and subtitle on the left, deck, date and team on the right
    head = Rect(margin, margin, w - 2 * margin, 0)
    right_w = head.w * 0.3
    try:
        title, th = ctx.block(template.title, Rect(head.x, head.y, head.w - right_w - 6 * s, 0),
                              ctx.pt(24), pal["ink"], "regular", DISPLAY, role="title",
                              hyphenate=False)
    except Overflow:
        raise KitError(Diagnostic(template.loc, "le titre du canevas est trop long")) from None
    items.append(title)
    y = head.y + th + 1.5 * s
    if template.subtitle:
        sub, sh = ctx.block(template.subtitle, Rect(head.x, y, head.w - right_w - 6 * s, 0),
                            ctx.pt(10), pal["muted"], "italic", DISPLAY)
        items.append(sub)
        y += sh
    rx = head.x2 - right_w
    deck_line = deck.title + (f" · {deck.territory.name}" if deck.territory.name else "")
    info, ih = ctx.block(deck_line, Rect(rx, head.y, right_w, 0), ctx.pt(7.5), pal["muted"],
                         "regular", align="left")
    items.append(info)
    fy = head.y + ih + 3 * s
    for label in (ctx.t("canvas.date"), ctx.t("canvas.team")):
        block, bh = ctx.block(label, Rect(rx, fy, right_w, 0), ctx.pt(8), pal["ink"], "bold")
        items.append(block)
        items.append(Shape(polyline([(rx + right_w * 0.3, fy + bh), (rx + right_w, fy + bh)]),
                           Style(stroke=pal["muted"], width=0.25 * s)))
        fy += bh + 3 * s
    top = max(y, fy) + 5 * s
    items.append(Shape(polyline([(head.x, top - 2.5 * s), (head.x2, top - 2.5 * s)]),
                       Style(stroke=pal["ink"], width=0.4 * s)))
    body = Rect(margin, top, w - 2 * margin, h - margin - top)
    gap = 5 * s
    cw = (body.w - gap * (template.columns - 1)) / template.columns
    rh = (body.h - gap * (template.rows - 1)) / template.rows
    problems = []
    for zone in template.zones:
        box = Rect(body.x + zone.col * (cw + gap), body.y + zone.row * (rh + gap),
                   cw * zone.colspan + gap * (zone.colspan - 1),
                   rh * zone.rowspan + gap * (zone.rowspan - 1))
        try:
            items += RENDERERS[zone.type](ctx, zone, box)
        except Overflow:
            problems += zone_overflow(ctx, zone, "prompt" if zone.prompt else "title").diagnostics
        except KitError as exc:
            problems += exc.diagnostics
    if problems:
        raise KitError(problems)
    return PageSpec(w, h, tuple(items), label=template.name)


def build(deck: Deck, options) -> dict[str, bytes]:
    """canvases/<id>.pdf, canvases.pdf, and with --tile canvases/<id>-tiled-<paper>.pdf."""
    from kit.finish import pdf_bytes as render_pdf
    from kit.layout.geometry import Document
    from kit.load.canvases import apply_wording, load_template
    from kit.products.poster import press_page, tiled_document
    from kit.render import fonts
    from kit.resources import layout_files

    families = {"body": None, "display": None}
    for role in families:
        fonts.ensure(role)
    size = getattr(options, "canvas_size", "A3")
    tile = getattr(options, "tile", None)
    overlap = getattr(options, "overlap", 10.0)
    press = options.profile == "press"
    pages, out, problems = [], {}, []
    for name in layout_files("canvases"):
        if "." in name:  # a language variant (equipage.en.yaml), not a canvas of its own
            continue
        try:
            template = apply_wording(load_template(name, deck.language), deck)
            page = plan_canvas(deck, template, size, fonts.measure)
        except KitError as exc:
            problems += exc.diagnostics
            continue
        final = press_page(page, options.bleed) if press else page
        pages.append(final)
        doc = Document((final,), title=f"{template.title} — {deck.title}", subject="canvas",
                       author=deck.territory.name or "", cmyk=press)
        out[f"canvases/{name}.pdf"] = doc
        if tile:
            out[f"canvases/{name}-tiled-{tile}.pdf"] = tiled_document(
                page.items, page.width, page.height, tile, overlap, fonts.measure,
                deck.language, f"{template.title} ({size})", subject="canvas-tiled",
                title=f"{template.title} — "
                f"{Messages(deck.language)('documents.canvas_tiled').format(paper=tile)}")
    if problems:
        raise KitError(problems)
    if not pages:
        return {}
    title = f"{deck.title} — {Messages(deck.language)('documents.canvases')}"
    out["canvases.pdf"] = Document(tuple(pages), title=title, subject="canvases",
                                   author=deck.territory.name or "", cmyk=press)
    return {name: render_pdf(doc, families) for name, doc in out.items()}
