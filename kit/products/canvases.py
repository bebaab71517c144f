"""Workshop canvases: templates of zones (layouts/canvases), filled with the deck's content,
laid out from A4 to A0 with type and lines that grow with the reading distance."""

from __future__ import annotations

import math
import re
from contextlib import contextmanager
from dataclasses import dataclass

from kit.errors import Diagnostic, KitError
from kit.i18n import Messages
from kit.layout import impose
from kit.layout.geometry import (
    WHITE,
    Color,
    Group,
    PageSpec,
    Rect,
    Shape,
    Style,
    TextSpan,
    circle_path,
    polyline,
    rect_path,
    rounded_rect_path,
)
from kit.layout.text import (
    PT,
    Measure,
    Overflow,
    place_lines,
    set_block,
    strip_markup,
    styled,
)
from kit.layout.text import Style as TextStyle
from kit.layout.theme import palette_for
from kit.load.canvases import Template, Zone
from kit.model.deck import Deck

BODY, DISPLAY = "body", "display"
SIZES = ("A4", "A3", "A2", "A1", "A0")
#: reading distance grows with the sheet: type and lines are designed for A3 and scaled by the
#: sheet's long side (≈ 0.028 pt per mm of distance, PRINT.md): A3 × 1, A1 × 2, A0 × 2.83
BASE_LONG_SIDE = 420.0
MIN_A3 = 6.0


def scale_for(size: str) -> float:
    return max(impose.PAPERS[size]) / BASE_LONG_SIDE


def min_size(size: str) -> float:
    """The smallest type allowed on a canvas of this size: 6 pt on A3, 12 pt on A1 …"""
    return max(MIN_A3, MIN_A3 * scale_for(size))


@dataclass
class _Ctx:
    deck: Deck
    template: Template
    measure: Measure
    s: float  # scale
    floor: float  # minimum type size
    pal: object
    t: Messages

    def source(self, zone: Zone) -> list[str]:
        """The deck texts the zone pulls (resolve_source)."""
        return resolve_source(self.deck, zone, self.template.builtin)

    def pt(self, size: float) -> float:
        return max(self.floor, size * self.s)

    def spans(self, text: str, face: str = "regular") -> list[TextSpan]:
        return styled(text, self.deck.language, face)

    def block(self, text: str, box: Rect, size: float, colour: Color, face: str = "regular",
              family: str = BODY, align: str = "left", role: str = "body", hyphenate=True):
        """Text set from the top of box at `size` pt (already scaled); (block, height)."""
        return set_block(self.spans(text, face), box, TextStyle(family, size, 1.2, colour, align),
                         self.measure, self.deck.language, role, hyphenate)


# -- sources --------------------------------------------------------------------------------


def resolve_source(deck: Deck, zone: Zone, builtin: bool = False) -> list[str]:
    """The deck texts a zone pulls; a reference the deck lacks is an error at the template.

    A deck with none of the kind named (no pillars, or `questions:stage:1` and no stages)
    gives nothing: the zone stays blank, to be filled in by hand (a draft deck, or one that
    does without pillars, still gets every canvas). So does a position the deck does not
    reach in a `builtin` template (`questions:stage:2` and a one-stage draft): the
    facilitator cannot edit the kit's own templates; in their own, it is an error."""
    source = zone.source
    loc = zone.locs.get("source", zone.loc)
    kind, _, rest = source.partition(":")
    if kind != "questions":
        items = getattr(deck, kind)
        return [e.title for e in items]
    if not rest:
        return [q.text for q in deck.questions] + [t for b in deck.beacons for t in b.questions]
    m = re.fullmatch(r"(stage|pillar|beacon):(\d+)", rest)
    if m:
        entities = getattr(deck, m.group(1) + "s")
        n = int(m.group(2))
        if not entities or builtin and n > len(entities):
            return []
        if not 1 <= n <= len(entities):
            from kit.model.schema import ENTITY_KIND_NAMES

            noun = ENTITY_KIND_NAMES[m.group(1) + "s"]
            raise KitError(Diagnostic(loc, f"source « {source} » : le deck « {deck.id} » n'a"
                                           f" que {len(entities)} {noun}(s)"))
        target = entities[n - 1]
    else:
        target = deck.entity(rest)
        if target is None or type(target).__name__ not in ("Stage", "Pillar", "Beacon"):
            raise KitError(Diagnostic(loc, f"source « {source} » : le deck « {deck.id} » n'a"
                                           f" pas d'étape, de pilier ni de balise « {rest} »"))
    texts = [q.text for q in deck.questions if q.target and q.target[1] == target.id]
    texts += list(getattr(target, "questions", ()))
    return texts


# -- zones ----------------------------------------------------------------------------------


#: what a zone keeps for writing under its title and prompt, at A3 (scaled with the sheet)
WRITING_SPACE = 12.0
#: columns, rows or steps drawn empty when a zone's source gives nothing (`blank:` changes it)
BLANK = 3


def _frame(ctx: _Ctx, box: Rect, zone: Zone) -> tuple[list, Rect]:
    """The zone's outline, title and prompt; returns (items, inner box for the content).

    A title or prompt that leaves less than WRITING_SPACE to write in is an error at its
    template line: never a prompt running out of its zone."""
    title, prompt = zone.title, zone.prompt
    s, pal = ctx.s, ctx.pal
    ink = pal["ink"]
    items: list = [Shape(rounded_rect_path(box, 2.5 * s), Style(stroke=ink, width=0.3 * s))]
    pad = 4.0 * s
    inner = box.inset(pad)
    with _fits(ctx, zone, "title"):
        block, h = ctx.block(title, inner, ctx.pt(11), pal["stage"], "bold", hyphenate=False)
    items.append(block)
    y = inner.y + h + 1.6 * s
    if prompt:
        with _fits(ctx, zone, "prompt"):
            block, h = ctx.block(prompt, Rect(inner.x, y, inner.w, 0), ctx.pt(8), pal["muted"],
                                 "italic")
        items.append(block)
        y += h + 1.6 * s
    if inner.y2 - y - 1.5 * s < WRITING_SPACE * s:
        raise _overflow(ctx, zone, "prompt" if prompt else "title")
    return items, Rect(inner.x, y + 1.5 * s, inner.w, inner.y2 - y - 1.5 * s)


def _bullets(ctx: _Ctx, texts: list[str], box: Rect, size: float) -> tuple[list, float]:
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


def _note(ctx: _Ctx, zone: Zone, box: Rect) -> list:
    items, inner = _frame(ctx, box, zone)
    if zone.source:
        texts = [strip_markup(x) for x in ctx.source(zone)]
        size = ctx.pt(8.5)
        while True:
            with _fits(ctx, zone, "source"):
                bl, h = _bullets(ctx, texts, inner, size)
            if h <= inner.h * 0.72 or size <= ctx.floor:
                break
            size = max(ctx.floor, size - 0.5 * ctx.s)
        if h > inner.h:
            raise _overflow(ctx, zone, "source")
        items += bl
    return items


def _columns(ctx: _Ctx, zone: Zone, box: Rect, vertical: bool = True) -> list:
    items, inner = _frame(ctx, box, zone)
    key = "columns" if vertical else "rows"
    labels = zone.values.get(key) or (ctx.source(zone) if zone.source else [])
    if not labels and not zone.source:
        raise KitError(Diagnostic(zone.loc, f"zone « {zone.title} » : donnez « {key} » ou une"
                                            " « source »"))
    # a source the deck has nothing for (no pillars): blank columns, a line to write each name
    blank = not labels
    if blank:
        labels = [""] * zone.values.get("blank", BLANK)
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
            raise _overflow(ctx, zone, key) from None
        if h > cell.h * 0.5:
            raise _overflow(ctx, zone, key)
        items.append(block)
    return items


def _rings(ctx: _Ctx, zone: Zone, box: Rect) -> list:
    items, inner = _frame(ctx, box, zone)
    pal, s = ctx.pal, ctx.s
    names = zone.values["rings"]
    n = len(names)
    cx, cy = inner.cx, inner.cy
    rx, ry = inner.w / 2 - 0.5 * s, inner.h / 2 - 0.5 * s
    tints = [pal["stage"].mix(WHITE, 0.9 - 0.12 * k) for k in range(n)]
    for k in range(n - 1, -1, -1):  # outermost first
        f = (k + 1) / n
        path = _ellipse(cx, cy, rx * f, ry * f)
        items.append(Shape(path, Style(fill=tints[n - 1 - k], stroke=pal["stage"],
                                       width=0.35 * s)))
    size = ctx.pt(9)
    pad = 1.5 * s  # between a name and the ellipse beside it
    for k, name in enumerate(names):
        f_out, f_in = (k + 1) / n, k / n
        # the innermost name is centred; the others sit at the top of their band, between
        # their ring's ellipse and the next one in: the block's top edge is where the outer
        # ellipse is narrowest, so the lines are as wide as the ellipse is there, no wider
        mid = cy - ry * (f_out + f_in) / 2 if k else cy
        width = _chord(rx * f_out, ry * f_out, cy - mid) - 2 * pad
        for _ in range(8):
            if width <= 0:
                raise _overflow(ctx, zone, "rings")
            with _fits(ctx, zone, "rings"):
                _, h = ctx.block(name.upper(), Rect(cx - width / 2, 0, width, 0), size,
                                 pal["stage"], "bold", align="center", hyphenate=False)
            top = mid - h / 2
            room = _chord(rx * f_out, ry * f_out, cy - top if k else h / 2) - 2 * pad
            if width <= room + 1e-6:
                break
            width = room
        else:
            raise _overflow(ctx, zone, "rings")
        # the block already keeps a fifth of the size above capitals: half a millimetre more
        band = ry * (f_out - f_in) if k else 2 * ry * f_out
        if h > band - s:
            raise _overflow(ctx, zone, "rings")
        block, h = ctx.block(name.upper(), Rect(cx - width / 2, top, width, 0), size,
                             pal["stage"], "bold", align="center", hyphenate=False)
        items.append(block)
    return items


def _chord(rx: float, ry: float, dy: float) -> float:
    """The width of an ellipse (semi-axes rx, ry) at dy from its centre; 0 beyond it."""
    t = 1 - (dy / ry) ** 2
    return 2 * rx * math.sqrt(t) if t > 0 else 0.0


def _ellipse(cx: float, cy: float, rx: float, ry: float):
    k = 0.5522847498
    return (("M", cx + rx, cy),
            ("C", cx + rx, cy + k * ry, cx + k * rx, cy + ry, cx, cy + ry),
            ("C", cx - k * rx, cy + ry, cx - rx, cy + k * ry, cx - rx, cy),
            ("C", cx - rx, cy - k * ry, cx - k * rx, cy - ry, cx, cy - ry),
            ("C", cx + k * rx, cy - ry, cx + rx, cy - k * ry, cx + rx, cy), ("Z",))


def _matrix(ctx: _Ctx, zone: Zone, box: Rect) -> list:
    items, inner = _frame(ctx, box, zone)
    pal, s = ctx.pal, ctx.s
    cols = zone.values["columns"]
    n_rows = zone.values["rows"]
    legend = zone.values.get("legend")
    size = ctx.pt(8.5)
    legend_h = 0.0
    if legend:
        with _fits(ctx, zone, "legend"):
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
        raise _overflow(ctx, zone, "rows")
    grid = Style(stroke=pal["ink"], width=0.3 * s)
    items.append(Shape(rect_path(Rect(table.x, table.y, table.w, head_h)),
                       Style(fill=pal["stage"].mix(WHITE, 0.88))))
    header = zone.values.get("row_header") or ""
    labels = [header] + list(cols)
    for k, label in enumerate(labels):
        x = table.x if k == 0 else table.x + first_w + col_w * (k - 1)
        w = first_w if k == 0 else col_w
        with _fits(ctx, zone, "row_header" if k == 0 else "columns"):
            block, h = ctx.block(label, Rect(x + 2 * s, table.y + 2 * s, w - 4 * s, 0), size,
                                 pal["stage"], "bold", hyphenate=False)
        if h > head_h - 3 * s:
            raise _overflow(ctx, zone, "columns")
        items.append(block)
    xs = [table.x, table.x + first_w] + [table.x + first_w + col_w * k
                                         for k in range(1, len(cols) + 1)]
    for x in xs:
        items.append(Shape(polyline([(x, table.y), (x, table.y2)]), grid))
    ys = [table.y, table.y + head_h] + [table.y + head_h + row_h * k for k in range(1, n_rows + 1)]
    for y in ys:
        items.append(Shape(polyline([(table.x, y), (table.x2, y)]), grid))
    return items


def _timeline(ctx: _Ctx, zone: Zone, box: Rect) -> list:
    items, inner = _frame(ctx, box, zone)
    pal, s = ctx.pal, ctx.s
    steps = zone.values.get("steps") or (ctx.source(zone) if zone.source else [])
    if not steps and not zone.source:
        raise KitError(Diagnostic(zone.loc, f"zone « {zone.title} » : donnez « steps » ou une"
                                            " « source »"))
    # a source the deck has nothing for (no stages): numbered steps with a line for each name
    blank = not steps
    if blank:
        steps = [""] * zone.values.get("blank", BLANK)
    fields = zone.values.get("fields") or []
    n = len(steps)
    axis_y = inner.y + 6 * s
    items.append(Shape(polyline([(inner.x, axis_y), (inner.x2 - 3 * s, axis_y)]),
                       Style(stroke=pal["stage"], width=0.8 * s, dash=(3 * s, 2 * s),
                             cap="butt")))
    items.append(Shape(polyline([(inner.x2, axis_y), (inner.x2 - 4 * s, axis_y - 2.2 * s),
                                 (inner.x2 - 4 * s, axis_y + 2.2 * s)], closed=True),
                       Style(fill=pal["stage"])))
    col_w = inner.w / n
    size = ctx.pt(9)
    r = 4.2 * s
    # every column's fields start at the same height, under the tallest step name
    titles = []
    for k, step in enumerate(steps):
        col = Rect(inner.x + col_w * k + 2 * s, axis_y + r + 3 * s, col_w - 4 * s, 0)
        if blank:  # a line to write the step's name on
            y = col.y + 5 * s
            titles.append((Shape(polyline([(col.x + col.w * 0.1, y), (col.x2 - col.w * 0.1, y)]),
                                 Style(stroke=pal["ink"], width=0.3 * s)), 6 * s))
            continue
        try:
            titles.append(ctx.block(strip_markup(step), col, size, pal["ink"], "bold",
                                    align="center", hyphenate=False))
        except Overflow:
            raise _overflow(ctx, zone, "source" if zone.source else "steps") from None
    fields_top = axis_y + r + 3 * s + max(h for _, h in titles) + 4 * s
    for k in range(n):
        cx = inner.x + col_w * (k + 0.5)
        items.append(Shape(circle_path(cx, axis_y, r), Style(fill=pal["stage"], stroke=WHITE,
                                                              width=0.5 * s)))
        label = str(k + 1)
        nsize = ctx.pt(10)
        w = ctx.measure(label, "bold", BODY, nsize)
        items.append(place_lines([([TextSpan(label, "bold")], w)],
                                 Rect(cx - w / 2, axis_y - nsize * 0.36 * PT, w, nsize * PT),
                                 TextStyle(BODY, nsize, 1.0, WHITE), "label"))
        col = Rect(inner.x + col_w * k + 2 * s, axis_y + r + 3 * s, col_w - 4 * s, 0)
        items.append(titles[k][0])
        y = fields_top
        remaining = inner.y2 - y
        if remaining < max(1, len(fields)) * 10 * s:
            raise _overflow(ctx, zone, "fields" if fields else "steps")
        field_h = remaining / max(1, len(fields))
        for j, name in enumerate(fields):
            fy = y + field_h * j
            with _fits(ctx, zone, "fields"):
                block, fh = ctx.block(name, Rect(col.x, fy, col.w, 0), ctx.pt(8),
                                      pal["muted"], "italic")
            items.append(block)
            items.append(Shape(polyline([(col.x, fy + field_h - 2 * s),
                                         (col.x2, fy + field_h - 2 * s)]),
                               Style(stroke=pal["muted"], width=0.25 * s, dash=(1 * s, 1 * s))))
        if k:
            x = inner.x + col_w * k
            items.append(Shape(polyline([(x, axis_y + r + 2 * s), (x, inner.y2)]),
                               Style(stroke=pal["muted"], width=0.2 * s)))
    return items


def _chain(ctx: _Ctx, zone: Zone, box: Rect) -> list:
    items, inner = _frame(ctx, box, zone)
    pal, s = ctx.pal, ctx.s
    steps = zone.values["steps"]
    n = len(steps)
    gap = 9 * s
    w = (inner.w - gap * (n - 1)) / n
    size = ctx.pt(10)
    for k, step in enumerate(steps):
        cell = Rect(inner.x + (w + gap) * k, inner.y, w, inner.h)
        tint = pal["stage"].mix(WHITE, 0.9 - 0.06 * k)
        items.append(Shape(rounded_rect_path(cell, 2 * s), Style(fill=tint, stroke=pal["stage"],
                                                                  width=0.35 * s)))
        with _fits(ctx, zone, "steps"):
            block, h = ctx.block(step.upper(), Rect(cell.x + 2 * s, cell.y + 3 * s,
                                                    cell.w - 4 * s, 0), size, pal["stage"],
                                 "bold", align="center", hyphenate=False)
        if h > cell.h / 3:
            raise _overflow(ctx, zone, "steps")
        items.append(block)
        if k < n - 1:
            ax, ay = cell.x2 + 1.5 * s, cell.cy
            items.append(Shape(polyline([(ax, ay - 3 * s), (ax + gap - 3 * s, ay),
                                         (ax, ay + 3 * s)], closed=True),
                               Style(fill=pal["stage"])))
    return items


def _axes(ctx: _Ctx, zone: Zone, box: Rect) -> list:
    items, inner = _frame(ctx, box, zone)
    pal, s = ctx.pal, ctx.s
    size = ctx.pt(8.5)
    label_h = size * PT * 2.6
    plot = Rect(inner.x + label_h, inner.y, inner.w - label_h, inner.h - label_h)
    axis = Style(stroke=pal["ink"], width=0.5 * s)
    items.append(Shape(polyline([(plot.x, plot.y2), (plot.x2, plot.y2)]), axis))
    items.append(Shape(polyline([(plot.x, plot.y2), (plot.x, plot.y)]), axis))
    for tip, wing1, wing2 in (((plot.x2, plot.y2), (plot.x2 - 3 * s, plot.y2 - 1.5 * s),
                               (plot.x2 - 3 * s, plot.y2 + 1.5 * s)),
                              ((plot.x, plot.y), (plot.x - 1.5 * s, plot.y + 3 * s),
                               (plot.x + 1.5 * s, plot.y + 3 * s))):
        items.append(Shape(polyline([tip, wing1, wing2], closed=True), Style(fill=pal["ink"])))
    mid = Style(stroke=pal["muted"], width=0.25 * s, dash=(2 * s, 1.5 * s))
    items.append(Shape(polyline([(plot.cx, plot.y), (plot.cx, plot.y2)]), mid))
    items.append(Shape(polyline([(plot.x, plot.cy), (plot.x2, plot.cy)]), mid))
    with _fits(ctx, zone, "x"):
        block, _ = ctx.block(zone.values["x"], Rect(plot.x, plot.y2 + 1.5 * s, plot.w, 0),
                             size, pal["ink"], "bold", align="center")
    items.append(block)
    # the vertical axis' name, turned a quarter
    with _fits(ctx, zone, "y"):
        yblock, _ = ctx.block(zone.values["y"], Rect(0, 0, plot.h, 0), size, pal["ink"],
                              "bold", align="center")
    items.append(Group((yblock,), plot.x - label_h, plot.y2, rotate=-90))
    quads = zone.values.get("quadrants") or []
    if quads and len(quads) != 4:
        raise KitError(Diagnostic(zone.locs.get("quadrants", zone.loc),
                                  f"zone « {zone.title} » : quatre quadrants attendus"))
    # quadrants in reading order: top-left, top-right, bottom-left, bottom-right
    corners = [(plot.x, plot.y), (plot.cx, plot.y), (plot.x, plot.cy), (plot.cx, plot.cy)]
    for name, (x, y) in zip(quads, corners, strict=False):
        with _fits(ctx, zone, "quadrants"):
            block, _ = ctx.block(name, Rect(x + 2 * s, y + 2 * s, plot.w / 2 - 4 * s, 0),
                                 ctx.pt(8), pal["muted"], "italic")
        items.append(block)
    return items


def _lines(ctx: _Ctx, zone: Zone, box: Rect) -> list:
    items, inner = _frame(ctx, box, zone)
    pal, s = ctx.pal, ctx.s
    n = zone.values["count"]
    w = inner.w / n
    for k in range(n):
        x0, x1 = inner.x + w * k + 3 * s, inner.x + w * (k + 1) - 3 * s
        y = inner.y2 - 6 * s
        items.append(Shape(polyline([(x0, y), (x1, y)]), Style(stroke=pal["ink"],
                                                              width=0.3 * s)))
    return items


RENDERERS = {
    "note": _note,
    "columns": lambda ctx, z, b: _columns(ctx, z, b, True),
    "rows": lambda ctx, z, b: _columns(ctx, z, b, False),
    "rings": _rings,
    "matrix": _matrix,
    "timeline": _timeline,
    "chain": _chain,
    "axes": _axes,
    "lines": _lines,
}


def _overflow(ctx: _Ctx, zone: Zone, field: str) -> KitError:
    loc = zone.locs.get(field, zone.loc)
    return KitError(Diagnostic(loc, f"le canevas « {ctx.template.name} », zone « {zone.title} » :"
                                    f" le contenu de « {field} » ne tient pas dans la zone"
                                    f" (taille minimale {ctx.floor:g} pt) ; raccourcissez-le"
                                    " ou agrandissez la zone"))


@contextmanager
def _fits(ctx: _Ctx, zone: Zone, field: str):
    """Text too wide for its box is an error at the field it came from (not at the title)."""
    try:
        yield
    except Overflow:
        raise _overflow(ctx, zone, field) from None


# -- the page -------------------------------------------------------------------------------


def page_size(template: Template, size: str) -> tuple[float, float]:
    w, h = impose.PAPERS[size]
    return (h, w) if template.orientation == "landscape" else (w, h)


def plan_canvas(deck: Deck, template: Template, size: str, measure: Measure) -> PageSpec:
    s = scale_for(size)
    ctx = _Ctx(deck, template, measure, s, min_size(size), palette_for(deck),
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
            problems += _overflow(ctx, zone, "prompt" if zone.prompt else "title").diagnostics
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
    from kit.products.poster import press_page, tile_pages
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
            tiles = tile_pages(page.items, page.width, page.height, tile, overlap,
                               fonts.measure, deck.language, f"{template.title} ({size})")
            out[f"canvases/{name}-tiled-{tile}.pdf"] = Document(
                tuple(tiles), subject="canvas-tiled", title=f"{template.title} — "
                f"{Messages(deck.language)('documents.canvas_tiled').format(paper=tile)}")
    if problems:
        raise KitError(problems)
    if not pages:
        return {}
    title = f"{deck.title} — {Messages(deck.language)('documents.canvases')}"
    out["canvases.pdf"] = Document(tuple(pages), title=title, subject="canvases",
                                   author=deck.territory.name or "", cmyk=press)
    return {name: render_pdf(doc, families) for name, doc in out.items()}

