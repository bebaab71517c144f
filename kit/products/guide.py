"""The pocket map's verso: the guide's panels, placed where the fold scheme puts them.

Panels in reading order: the cover, the mode d'emploi, then the pillars, the beacons and the
dangerous currents flowing across as many panels as they need, and the credits on the back
cover. Content that does not fit fails the build, naming the panel and the deck line.
"""

from __future__ import annotations

from dataclasses import dataclass

from kit.errors import Diagnostic, KitError, Loc
from kit.i18n import Messages
from kit.layout.geometry import (
    WHITE,
    Color,
    Group,
    Image,
    Rect,
    Shape,
    Style,
    TextSpan,
    circle_path,
    polyline,
    rect_path,
)
from kit.layout.pictograms import pictogram
from kit.layout.text import (
    PT,
    Measure,
    Overflow,
    break_lines,
    place_lines,
    set_block,
    styled,
    text_height,
)
from kit.layout.text import Style as TextStyle
from kit.layout.theme import Palette
from kit.model.deck import Deck

BODY, DISPLAY = "body", "display"
#: text keeps this far from every fold and from the sheet's edge (office band 6 mm + 2)
FOLD_CLEARANCE = 6.0
EDGE_CLEARANCE = 8.0
FLOW_SIZES = (8.0, 7.5, 7.0)


@dataclass(frozen=True)
class Slot:
    """Where a panel goes on the verso page: its rectangle, rotation and reading order."""

    order: int
    rect: Rect
    rotate: int  # 0 or 180
    role: str  # cover | back | inner


@dataclass(frozen=True)
class Block:
    """A unit of flowing content: kept whole on one panel."""

    kind: str  # heading | title | text | bullets | label
    text: str | tuple[str, ...]
    loc: Loc
    colour: str = "ink"
    face: str = "regular"
    icon: str | None = None
    section: str = ""


class _Guide:
    def __init__(self, deck: Deck, measure: Measure, palette: Palette):
        self.deck = deck
        self.measure = measure
        self.pal = palette
        self.t = Messages(deck.language)

    def spans(self, text: str, face: str = "regular") -> list[TextSpan]:
        return styled(text, self.deck.language, face)

    def lines(self, text: str, width: float, size: float, face: str = "regular",
              family: str = BODY, hyphenate: bool = True):
        st = TextStyle(family, size, 1.22, None)
        return break_lines(self.spans(text, face), width, st, self.measure, self.deck.language,
                           hyphenate=hyphenate)

    def block(self, text: str, box: Rect, style: TextStyle, face: str = "regular",
              role: str = "body", hyphenate: bool = True):
        """text set from the top of box (its height is ignored): (TextBlock, height mm)."""
        return set_block(self.spans(text, face), box, style, self.measure, self.deck.language,
                         role, hyphenate)


def _panel_inner(slot: Slot, sheet_w: float, sheet_h: float) -> Rect:
    """The panel's text area, in panel coordinates (0, 0 at its reading top-left)."""
    r = slot.rect
    # distance to a sheet edge or to a fold on each side, in page coordinates
    left = EDGE_CLEARANCE if r.x <= 1e-6 else FOLD_CLEARANCE
    right = EDGE_CLEARANCE if r.x2 >= sheet_w - 1e-6 else FOLD_CLEARANCE
    top = EDGE_CLEARANCE if r.y <= 1e-6 else FOLD_CLEARANCE
    bottom = EDGE_CLEARANCE if r.y2 >= sheet_h - 1e-6 else FOLD_CLEARANCE
    if slot.rotate == 180:  # the panel reads upside down: its top is the page's bottom
        left, right, top, bottom = right, left, bottom, top
    return Rect(left, top, r.w - left - right, r.h - top - bottom)


def _place(slot: Slot, items: list) -> Group:
    r = slot.rect
    if slot.rotate == 180:
        return Group(tuple(items), r.x2, r.y2, rotate=180)
    return Group(tuple(items), r.x, r.y)


# -- content blocks -------------------------------------------------------------------------


def flow_blocks(deck: Deck, t: Messages) -> list[Block]:
    blocks: list[Block] = []
    if deck.pillars:
        blocks.append(Block("heading", t("guide.pillars"), deck.pillars[0].loc, "pillar",
                            section="pillars"))
        for p in deck.pillars:
            blocks.append(Block("title", p.title, p.where("title"), "pillar", "bold",
                                icon=p.landmark, section="pillars"))
            if p.text:
                blocks.append(Block("text", p.text, p.where("text"), section="pillars"))
            if p.trails:
                blocks.append(Block("bullets", tuple(p.trails), p.where("trails"), "pillar",
                                    section="pillars"))
    if deck.beacons:
        blocks.append(Block("heading", t("guide.beacons"), deck.beacons[0].loc, "beacon",
                            section="beacons"))
        for b in deck.beacons:
            blocks.append(Block("title", b.title, b.where("title"), "beacon", "bold",
                                icon="beacon", section="beacons"))
            if b.questions:
                blocks.append(Block("bullets", tuple(b.questions), b.where("questions"),
                                    "beacon", "italic", section="beacons"))
            if b.tracks:
                blocks.append(Block("label", t("guide.tracks"), b.where("tracks"), "beacon",
                                    "bold", section="beacons"))
                blocks.append(Block("bullets", tuple(b.tracks), b.where("tracks"), "beacon",
                                    section="beacons"))
            if b.resources:
                blocks.append(Block("bullets", tuple(f"{r.title} — {r.url}" for r in b.resources),
                                    b.where("resources"), "muted", section="beacons"))
    if deck.currents:
        blocks.append(Block("heading", t("guide.currents"), deck.currents[0].loc, "current",
                            section="currents"))
        for c in deck.currents:
            if c.text:
                blocks.append(Block("text", f"**{c.title}** — {c.text}", c.where("text"),
                                    section="currents", icon="current"))
            else:  # a title only: a row like a pillar's or a beacon's, with its pictogram
                blocks.append(Block("title", c.title, c.where("title"), "current", "bold",
                                    icon="current", section="currents"))
            if c.avoid:
                blocks.append(Block("text", f"*{t('guide.avoid')} :* {c.avoid}"
                                    if deck.language == "fr" else
                                    f"*{t('guide.avoid')}:* {c.avoid}",
                                    c.where("avoid"), "muted", section="currents"))
    return blocks


def _block_items(g: _Guide, block: Block, width: float, size: float, y: float):
    """Lay out one block at y; returns (items, height)."""
    pal = g.pal
    colour = pal[block.colour]
    items: list = []
    if block.kind == "heading":
        st = TextStyle(DISPLAY, size + 4, 1.15, colour)
        text, h = g.block(block.text, Rect(0, y, width, 0), st, role="title", hyphenate=False)
        items.append(text)
        items.append(Shape(polyline([(0, y + h + 1.2), (width, y + h + 1.2)]),
                           Style(stroke=colour, width=0.3)))
        return items, h + 2.6
    if block.kind == "title":
        ts = size + 1.5
        indent = 0.0
        if block.icon:
            icon = ts * PT * 1.5
            items += pictogram(block.icon, icon, 0, y - icon * 0.18, pal["ink"], colour, WHITE)
            indent = icon + 1.5
        st = TextStyle(BODY, ts, 1.15, colour)
        text, h = g.block(block.text, Rect(indent, y, width - indent, 0), st, "bold",
                          hyphenate=False)
        items.append(text)
        return items, max(h, ts * PT * 1.2)
    if block.kind in ("text", "label"):
        st = TextStyle(BODY, size, 1.22, colour if block.kind == "label" or block.colour != "ink"
                       else pal["ink"])
        text, h = g.block(block.text, Rect(0, y, width, 0), st, block.face)
        items.append(text)
        return items, h
    if block.kind == "bullets":
        indent = size * 0.95 * PT
        h_total = 0.0
        for k, text in enumerate(block.text):
            st = TextStyle(BODY, size, 1.22, pal["ink"] if block.colour != "muted"
                           else pal["muted"])
            yy = y + h_total
            placed, h = g.block(text, Rect(indent, yy, width - indent, 0), st, block.face)
            items.append(placed)
            r = size * 0.14 * PT
            bullet = pal[block.colour] if block.colour != "muted" else pal["muted"]
            items.append(Shape(circle_path(r, yy + size * 0.55 * PT, r), Style(fill=bullet)))
            h_total += h + (size * 0.25 * PT if k < len(block.text) - 1 else 0)
        return items, h_total
    raise ValueError(block.kind)


def _gap_after(block: Block, size: float) -> float:
    return {"heading": 2.2, "title": 1.2, "label": 0.6}.get(block.kind, size * 0.55 * PT + 0.6)


def _flow(g: _Guide, blocks: list[Block], panels: list[tuple[Slot, Rect]], size: float):
    """Pour blocks into panels in order; returns {slot order: items} or raises Overflow-like."""
    out: dict[int, list] = {slot.order: [] for slot, _ in panels}
    index = 0
    y = 0.0
    previous = None
    for block in blocks:
        if block.kind == "heading" and previous is not None and previous.kind == "title" and y:
            # a section whose last entry is a title alone (no text under it): the next
            # heading stands apart from it, 4 mm instead of a title's 1.2
            y += 4.0 - _gap_after(previous, size)
        previous = block
        while True:
            if index >= len(panels):
                return None, block
            slot, inner = panels[index]
            # a section title must not end a panel: keep it with what follows
            try:
                items, h = _block_items(g, block, inner.w, size, y)
            except Overflow:
                return None, block
            need = h
            if block.kind in ("heading", "title", "label"):
                need += 12.0
            if y + need <= inner.h + 1e-6 or (y == 0 and h <= inner.h):
                if y + h > inner.h + 1e-6:
                    return None, block
                out[slot.order].append(Group(tuple(items), inner.x, inner.y))
                y += h + _gap_after(block, size)
                break
            index += 1
            y = 0.0
    return out, None


# -- special panels -------------------------------------------------------------------------


def _cover(g: _Guide, inner: Rect, silhouette, floor: float = 7.0) -> list:
    """Compass rose, title, subtitle and territory, then the island's own silhouette.

    floor: the smallest type allowed (7 pt; 14 pt in large print)."""
    pal, deck = g.pal, g.deck
    items: list = []
    w = inner.w
    rose = min(w * 0.34, 30.0)
    if deck.territory.logo:  # the territory's logo takes the compass rose's place
        items.append(Image(deck.territory.logo, Rect(inner.x + (w - rose) / 2, inner.y + 2,
                                                     rose, rose)))
    else:
        items += pictogram("compass_rose", rose, inner.x + (w - rose) / 2, inner.y + 2,
                           pal["ink"], pal["accent"], WHITE)
    y = inner.y + rose + 8
    for text, face, size, family, colour in (
        (deck.title, "regular", max(19.0, floor * 1.6), DISPLAY, pal["ink"]),
        (deck.subtitle, "italic", max(10.0, floor), DISPLAY, pal["muted"]),
        ((deck.territory.name or "").upper(), "bold", max(8.5, floor), BODY, pal["stage"]),
    ):
        if not text:
            continue
        for s in (size, size * 0.85, size * 0.72):
            st = TextStyle(family, max(s, floor), 1.15, colour, "center")
            placed, h = g.block(text, Rect(inner.x, y, w, 0), st, face, "title", hyphenate=False)
            if len(placed.lines) <= 3:
                break
        items.append(placed)
        y += h + 4
    hint = g.t("guide.cover_hint")
    hint_size = max(9.0, floor)
    st = TextStyle(DISPLAY, hint_size, 1.2, pal["muted"], "center")
    lines = g.lines(hint, w, hint_size, "italic", DISPLAY)
    hint_h = text_height(len(lines), st)
    items.append(place_lines(lines, Rect(inner.x, inner.y2 - hint_h, w, hint_h), st, "body"))
    room = Rect(inner.x + w * 0.1, y + 2, w * 0.8, inner.y2 - hint_h - 4 - (y + 2))
    if room.h < 0:
        raise KitError(Diagnostic(deck.loc, "le guide, panneau « couverture » : le titre et le"
                                            " sous-titre ne tiennent pas ; raccourcissez-les"))
    if silhouette is not None and room.h > 15:
        items.append(Shape(silhouette(room), Style(fill=pal["land"], stroke=pal["ink"],
                                                   width=0.35)))
    return items


def _fold_diagram(g: _Guide, x: float, y: float, w: float,
                  size: float = 7.0) -> tuple[list, float]:
    """A small sketch of the sheet: 4 × 2 panels, the long fold and the concertina folds,
    numbered in folding order (digits at `size` pt)."""
    pal = g.pal
    h = w * 297 / 420
    r = max(2.2, size * PT * 0.62)
    y += r + 1  # room for the numbered roundel above the sheet
    items: list = [Shape(rect_path(Rect(x, y, w, h)), Style(fill=pal["cream"], stroke=pal["ink"],
                                                             width=0.3))]
    dash = Style(stroke=pal["stage"], width=0.35, dash=(1.2, 0.8))
    items.append(Shape(polyline([(x, y + h / 2), (x + w, y + h / 2)]), dash))
    for k in (1, 2, 3):
        items.append(Shape(polyline([(x + w * k / 4, y), (x + w * k / 4, y + h)]), dash))
    for n, (cx, cy) in ((1, (x - r - 0.8, y + h / 2)), (2, (x + w / 4, y - r - 0.8))):
        items.append(Shape(circle_path(cx, cy, r), Style(fill=pal["stage"])))
        label = str(n)
        lw = g.measure(label, "bold", BODY, size)
        items.append(place_lines([([TextSpan(label, "bold")], lw)],
                                 Rect(cx - lw / 2, cy - size * 0.36 * PT, lw, size * PT),
                                 TextStyle(BODY, size, 1.0, WHITE), "label"))
    return items, h + 2 * (r + 1)


HOWTO_PARTS = ("read", "print", "fold", "hang")


def _howto(g: _Guide, inner: Rect, size: float, parts: tuple[str, ...] = HOWTO_PARTS) -> list:
    """The mode d'emploi: reading, printing, folding (with a diagram), hanging."""
    t, pal = g.t, g.pal
    items: list = []
    st_head = TextStyle(DISPLAY, size + 4, 1.15, pal["stage"])
    head, h = g.block(t("guide.howto"), Rect(inner.x, inner.y, inner.w, 0), st_head,
                      role="title", hyphenate=False)
    items.append(head)
    y = inner.y + h + 3
    for key in parts:
        st = TextStyle(BODY, size + 0.5, 1.2, pal["stage"])
        title, h = g.block(t(f"guide.{key}_title"), Rect(inner.x, y, inner.w, 0), st, "bold",
                           hyphenate=False)
        items.append(title)
        y += h + 1.0
        st = TextStyle(BODY, size, 1.22, pal["ink"])
        text, h = g.block(t(f"guide.{key}_text"), Rect(inner.x, y, inner.w, 0), st)
        items.append(text)
        y += h + 2.5
        if key == "fold":
            diagram, dh = _fold_diagram(g, inner.x + 6, y + 3, inner.w * 0.62, max(7.0, size))
            items += diagram
            y += dh + 3
    if y > inner.y2 + 1e-6:
        raise Overflow(y - inner.y, inner.h)
    return items


def _credits(g: _Guide, inner: Rect, size: float) -> list:
    deck, t, pal = g.deck, g.t, g.pal
    items: list = []
    st_head = TextStyle(DISPLAY, size + 4, 1.15, pal["stage"])
    head, h = g.block(t("guide.credits"), Rect(inner.x, inner.y, inner.w, 0), st_head,
                      role="title", hyphenate=False)
    items.append(head)
    y = inner.y + h + 3
    texts = []
    if deck.credits.text:
        texts.append((deck.credits.text, "regular", pal["ink"]))
    for link in deck.credits.links:
        texts.append((f"{link.title} — {link.url}", "regular", pal["muted"]))
    texts.append((t("guide.made_with").format(deck=deck.id), "italic", pal["muted"]))
    for text, face, colour in texts:
        st = TextStyle(BODY, size, 1.22, colour)
        placed, h = g.block(text, Rect(inner.x, y, inner.w, 0), st, face, "credits")
        items.append(placed)
        y += h + 2.5
    if y > inner.y2 + 1e-6:
        raise Overflow(y - inner.y, inner.h)
    return items


# -- the verso ------------------------------------------------------------------------------


def plan_verso_items(deck: Deck, measure: Measure, palette: Palette, slots: list[Slot],
                     sheet_w: float, sheet_h: float, island_outline=None) -> list:
    """Every panel's items, rotated into place on the verso page."""
    g = _Guide(deck, measure, palette)
    ordered = sorted(slots, key=lambda s: s.order)
    cover, back = ordered[0], ordered[-1]
    howto = ordered[1]
    flow_slots = ordered[2:-1]
    items: list = []
    items.append(_place(cover, _cover(g, _panel_inner(cover, sheet_w, sheet_h), island_outline)))
    problems: list[Diagnostic] = []
    for size in FLOW_SIZES:
        try:
            howto_items = _howto(g, _panel_inner(howto, sheet_w, sheet_h), size)
            break
        except Overflow:
            howto_items = None
    if howto_items is None:
        problems.append(Diagnostic(deck.loc, "le guide, panneau « mode d'emploi » : le texte ne"
                                             " tient pas, même en 7 pt"))
    else:
        items.append(_place(howto, howto_items))
    blocks = flow_blocks(deck, g.t)
    panels = [(s, _panel_inner(s, sheet_w, sheet_h)) for s in flow_slots]
    placed, stuck = None, None
    for size in FLOW_SIZES:
        placed, stuck = _flow(g, blocks, panels, size)
        if placed is not None:
            break
    if placed is None:
        names = {"pillars": g.t("guide.pillars"), "beacons": g.t("guide.beacons"),
                 "currents": g.t("guide.currents")}
        panel_no = len(flow_slots) + 2
        problems.append(Diagnostic(stuck.loc, f"le guide déborde au panneau {panel_no}"
                                              f" (« {names.get(stuck.section, stuck.section)} »)"
                                              f" : le verso n'a que {len(flow_slots)} panneaux pour"
                                              " les piliers, balises et courants, même en 7 pt ;"
                                              " raccourcissez ce texte ou retirez des éléments"))
    else:
        for slot in flow_slots:
            items.append(_place(slot, placed[slot.order]))
    credits_items = None
    for size in FLOW_SIZES:
        try:
            credits_items = _credits(g, _panel_inner(back, sheet_w, sheet_h), size)
            break
        except Overflow:
            continue
    if credits_items is None:
        problems.append(Diagnostic(deck.loc, "le guide, panneau « crédits » : le texte des crédits"
                                             " ne tient pas, même en 7 pt"))
    else:
        items.append(_place(back, credits_items))
    if problems:
        raise KitError(problems)
    return items


def fold_ticks(sheet_w: float, sheet_h: float, cols: int, rows: int, band: float,
               colour: Color) -> list:
    """Dashed fold ticks on the sheet's edges, inside the printable band (office)."""
    style = Style(stroke=colour, width=0.25 * PT, dash=(1.0, 0.8), cap="butt")
    items: list = []
    for k in range(1, cols):
        x = sheet_w * k / cols
        items.append(Shape(polyline([(x, band), (x, band + 4)]), style))
        items.append(Shape(polyline([(x, sheet_h - band - 4), (x, sheet_h - band)]), style))
    for k in range(1, rows):
        y = sheet_h * k / rows
        items.append(Shape(polyline([(band, y), (band + 4, y)]), style))
        items.append(Shape(polyline([(sheet_w - band - 4, y), (sheet_w - band, y)]), style))
    return items


def island_silhouette(island, box: Rect):
    """The island's outline, scaled to fit and centred in box."""
    from kit.layout.geometry import path_bounds, transform_path

    path = island.outline(0)
    b = path_bounds(path)
    scale = min(box.w / b.w, box.h / b.h)
    dx = box.x + (box.w - b.w * scale) / 2 - b.x * scale
    dy = box.y + (box.h - b.h * scale) / 2 - b.y * scale
    return transform_path(path, scale, dx, dy)


LARGE_PRINT = 14.0


def plan_booklet(deck: Deck, measure: Measure, palette: Palette, page_w: float = 148.0,
                 page_h: float = 210.0, size: float = LARGE_PRINT, silhouette=None) -> list:
    """The guide's panels as a booklet of A5 pages, every text at `size` pt or more (large
    print): the folded sheet cannot carry 14 pt, a booklet can, with as many pages as needed."""
    from kit.layout.geometry import PageSpec

    g = _Guide(deck, measure, palette)
    margin = 14.0
    inner = Rect(margin, margin, page_w - 2 * margin, page_h - 2 * margin)
    pages = [PageSpec(page_w, page_h, tuple(_cover(g, inner, silhouette, floor=size)))]
    problems: list[Diagnostic] = []
    try:  # the mode d'emploi takes two pages in large print
        for parts in (HOWTO_PARTS[:2], HOWTO_PARTS[2:]):
            pages.append(PageSpec(page_w, page_h, tuple(_howto(g, inner, size, parts))))
    except Overflow:
        problems.append(Diagnostic(deck.loc, "le guide en gros caractères : le mode d'emploi ne"
                                             " tient pas sur deux pages"))
    blocks = flow_blocks(deck, g.t)
    slots = [(Slot(k, Rect(0, 0, page_w, page_h), 0, "inner"), inner)
             for k in range(2, 2 + max(4, len(blocks)))]
    placed, stuck = _flow(g, blocks, slots, size)
    if placed is None:
        problems.append(Diagnostic(stuck.loc, "le guide en gros caractères : ce texte ne tient"
                                              " pas sur une page entière ; raccourcissez-le"))
    else:
        for slot, _ in slots:
            if placed[slot.order]:
                pages.append(PageSpec(page_w, page_h, tuple(placed[slot.order])))
    try:
        pages.append(PageSpec(page_w, page_h, tuple(_credits(g, inner, size))))
    except Overflow:
        problems.append(Diagnostic(deck.loc, "le guide en gros caractères : les crédits ne"
                                             " tiennent pas sur une page"))
    if problems:
        raise KitError(problems)
    return pages
