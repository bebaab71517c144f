"""The zones of a canvas that are places to write: the frame every zone has (outline, title,
prompt, room left to write), notes (the deck's texts as bullets), columns and rows, the matrix,
lines. Drawn zones (rings, timeline, chain, axes) are in kit.products.canvas_diagrams."""

from __future__ import annotations

from kit.errors import Diagnostic, KitError
from kit.layout.geometry import (
    WHITE,
    Group,
    Rect,
    Shape,
    Style,
    circle_path,
    polyline,
    rect_path,
    rounded_rect_path,
)
from kit.layout.text import PT, Overflow, strip_markup
from kit.load.canvases import Zone
from kit.products.canvas_context import CanvasContext, zone_fits, zone_overflow

#: what a zone keeps for writing under its title and prompt, at A3 (scaled with the sheet)
WRITING_SPACE = 12.0
#: columns, rows or steps drawn empty when a zone's source gives nothing (`blank:` changes it)
BLANK = 3


def zone_frame(ctx: CanvasContext, box: Rect, zone: Zone) -> tuple[list, Rect]:
    """The zone's outline, title and prompt; returns (items, inner box for the content).

    A title or prompt that leaves less than WRITING_SPACE to write in is an error at its
    template line: never a prompt running out of its zone."""
    title, prompt = zone.title, zone.prompt
    s, pal = ctx.s, ctx.pal
    ink = pal["ink"]
    items: list = [Shape(rounded_rect_path(box, 2.5 * s), Style(stroke=ink, width=0.3 * s))]
    pad = 4.0 * s
    inner = box.inset(pad)
    with zone_fits(ctx, zone, "title"):
        block, h = ctx.block(title, inner, ctx.pt(11), pal["stage"], "bold", hyphenate=False)
    items.append(block)
    y = inner.y + h + 1.6 * s
    if prompt:
        with zone_fits(ctx, zone, "prompt"):
            block, h = ctx.block(prompt, Rect(inner.x, y, inner.w, 0), ctx.pt(8), pal["muted"],
                                 "italic")
        items.append(block)
        y += h + 1.6 * s
    if inner.y2 - y - 1.5 * s < WRITING_SPACE * s:
        raise zone_overflow(ctx, zone, "prompt" if prompt else "title")
    return items, Rect(inner.x, y + 1.5 * s, inner.w, inner.y2 - y - 1.5 * s)


def _bullets(ctx: CanvasContext, texts: list[str], box: Rect, size: float) -> tuple[list, float]:
    pal = ctx.pal
    items: list = []
    y = box.y
    indent = size * PT * 1.1
    for text in texts:
        block, h = ctx.block(text, Rect(box.x + indent, y, box.w - indent, 0), size, pal["ink"])
        r = size * 0.15 * PT
        items.append(Shape(circle_path(box.x + r, y + size * 0.55 * PT, r),
                           Style(fill=pal["stage"])))
        items.append(block)
        y += h + size * 0.35 * PT
    return items, y - box.y


def note_zone(ctx: CanvasContext, zone: Zone, box: Rect) -> list:
    items, inner = zone_frame(ctx, box, zone)
    if zone.source:
        texts = [strip_markup(x) for x in ctx.source(zone)]
        size = ctx.pt(8.5)
        while True:
            with zone_fits(ctx, zone, "source"):
                bl, h = _bullets(ctx, texts, inner, size)
            if h <= inner.h * 0.72 or size <= ctx.floor:
                break
            size = max(ctx.floor, size - 0.5 * ctx.s)
        if h > inner.h:
            raise zone_overflow(ctx, zone, "source")
        items += bl
    return items


def zone_entries(ctx: CanvasContext, zone: Zone, key: str) -> tuple[list[str], bool]:
    """The zone's entries written under `key` or pulled from the deck by its source, and
    whether they are blank: a source the deck has nothing for (no pillars, no stages) gives
    BLANK empty entries (or the zone's `blank`), each with a line to write on."""
    entries = zone.values.get(key) or (ctx.source(zone) if zone.source else [])
    if not entries and not zone.source:
        raise KitError(Diagnostic(zone.loc, f"zone « {zone.title} » : donnez « {key} » ou une"
                                            " « source »"))
    if entries:
        return entries, False
    return [""] * zone.values.get("blank", BLANK), True


def columns_zone(ctx: CanvasContext, zone: Zone, box: Rect, vertical: bool = True) -> list:
    items, inner = zone_frame(ctx, box, zone)
    key = "columns" if vertical else "rows"
    labels, blank = zone_entries(ctx, zone, key)
    n = len(labels)
    pal, s = ctx.pal, ctx.s
    line = Style(stroke=pal["muted"], width=0.25 * s, dash=(1.5 * s, 1.2 * s))
    for k, label in enumerate(labels):
        if vertical:
            cell = Rect(inner.x + inner.w * k / n, inner.y, inner.w / n, inner.h)
            if k:
                items.append(Shape(polyline([(cell.x, cell.y), (cell.x, cell.y2)]), line))
            text_box = Rect(cell.x + 2 * s, cell.y, cell.w - 4 * s, 0)
        else:
            cell = Rect(inner.x, inner.y + inner.h * k / n, inner.w, inner.h / n)
            if k:
                items.append(Shape(polyline([(cell.x, cell.y), (cell.x2, cell.y)]), line))
            text_box = Rect(cell.x, cell.y + 2 * s, cell.w, 0)
        if blank:
            y = text_box.y + 6 * s
            items.append(Shape(polyline([(text_box.x, y), (text_box.x + text_box.w * 0.8, y)]),
                               Style(stroke=pal["ink"], width=0.3 * s)))
            continue
        try:
            block, h = ctx.block(strip_markup(label), text_box, ctx.pt(9), pal["ink"], "bold")
        except Overflow:
            raise zone_overflow(ctx, zone, key) from None
        if h > cell.h * 0.5:
            raise zone_overflow(ctx, zone, key)
        items.append(block)
    return items


def matrix_zone(ctx: CanvasContext, zone: Zone, box: Rect) -> list:
    items, inner = zone_frame(ctx, box, zone)
    pal, s = ctx.pal, ctx.s
    cols = zone.values["columns"]
    n_rows = zone.values["rows"]
    legend = zone.values.get("legend")
    size = ctx.pt(8.5)
    legend_h = 0.0
    if legend:
        with zone_fits(ctx, zone, "legend"):
            block, legend_h = ctx.block(legend, Rect(inner.x, 0, inner.w, 0), ctx.pt(8),
                                        pal["muted"], "italic")
        block = Group((block,), 0, inner.y2 - legend_h)
        items.append(block)
        legend_h += 3 * s
    table = Rect(inner.x, inner.y, inner.w, inner.h - legend_h)
    first_w = table.w * 0.2
    col_w = (table.w - first_w) / len(cols)
    head_h = size * PT * 3.2
    row_h = (table.h - head_h) / n_rows
    if row_h < 8 * s:
        raise zone_overflow(ctx, zone, "rows")
    grid = Style(stroke=pal["ink"], width=0.3 * s)
    items.append(Shape(rect_path(Rect(table.x, table.y, table.w, head_h)),
                       Style(fill=pal["stage"].mix(WHITE, 0.88))))
    header = zone.values.get("row_header") or ""
    labels = [header] + list(cols)
    for k, label in enumerate(labels):
        x = table.x if k == 0 else table.x + first_w + col_w * (k - 1)
        w = first_w if k == 0 else col_w
        with zone_fits(ctx, zone, "row_header" if k == 0 else "columns"):
            block, h = ctx.block(label, Rect(x + 2 * s, table.y + 2 * s, w - 4 * s, 0), size,
                                 pal["stage"], "bold", hyphenate=False)
        if h > head_h - 3 * s:
            raise zone_overflow(ctx, zone, "columns")
        items.append(block)
    xs = [table.x, table.x + first_w] + [table.x + first_w + col_w * k
                                         for k in range(1, len(cols) + 1)]
    for x in xs:
        items.append(Shape(polyline([(x, table.y), (x, table.y2)]), grid))
    ys = [table.y, table.y + head_h] + [table.y + head_h + row_h * k for k in range(1, n_rows + 1)]
    for y in ys:
        items.append(Shape(polyline([(table.x, y), (table.x2, y)]), grid))
    return items


def lines_zone(ctx: CanvasContext, zone: Zone, box: Rect) -> list:
    items, inner = zone_frame(ctx, box, zone)
    pal, s = ctx.pal, ctx.s
    n = zone.values["count"]
    w = inner.w / n
    for k in range(n):
        x0, x1 = inner.x + w * k + 3 * s, inner.x + w * (k + 1) - 3 * s
        y = inner.y2 - 6 * s
        items.append(Shape(polyline([(x0, y), (x1, y)]), Style(stroke=pal["ink"],
                                                              width=0.3 * s)))
    return items
