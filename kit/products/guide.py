"""The pocket map's verso: the guide's panels, placed where the fold scheme puts them, and the
fold marks; and the same guide as a large-print booklet.

Pages in reading order (kit.layout.fold_reading): the cover, the mode d'emploi
(kit.products.guide_howto), then the pillars, the beacons and the dangerous currents flowing
across as many pages as they need (kit.products.guide_flow), and the credits on the back cover.
Content that does not fit fails the build, naming the panel and the deck line.
"""

from __future__ import annotations

from dataclasses import dataclass

from kit.errors import Diagnostic, KitError
from kit.layout.fold_marks import fold_marks
from kit.layout.fold_reading import panel_slots
from kit.layout.fold_scheme import FoldScheme
from kit.layout.fold_steps import instructions
from kit.layout.geometry import WHITE, Group, Image, PageSpec, Rect, Shape, Style
from kit.layout.pictograms import pictogram
from kit.layout.text import Measure, Overflow, place_lines, text_height
from kit.layout.text import Style as TextStyle
from kit.layout.theme import Palette
from kit.model.deck import Deck
from kit.products.guide_flow import flow, flow_blocks
from kit.products.guide_howto import HOWTO_PARTS, Writer, howto_pieces, paginate, stack
from kit.products.guide_text import BODY, DISPLAY, Guide

#: text keeps this far from every fold (PRINT.md: 6 mm) and from the sheet's edge (band 6 mm + 2)
FOLD_CLEARANCE = 6.3  # 6 mm, and room for an italic letter that leans past its advance
EDGE_CLEARANCE = 8.0
FLOW_SIZES = (8.0, 7.5, 7.0)
#: the verso's mode d'emploi: every part if it fits, else without printing and hanging (the
#: printing guide has them), at the largest size that fits
HOWTO_CHOICES = (HOWTO_PARTS, ("read", "fold", "hang"), ("read", "fold"))


@dataclass(frozen=True)
class Slot:
    """Where a panel goes on the verso page: its rectangle, rotation and reading order."""

    order: int
    rect: Rect
    rotate: int  # 0 or 180
    role: str  # cover | back | inner


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


# -- special panels -------------------------------------------------------------------------


def _cover(g: Guide, inner: Rect, silhouette, floor: float = 7.0) -> list:
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


def _credits(g: Guide, inner: Rect, size: float) -> list:
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


def _howto_panel(g: Guide, inner: Rect, scheme: FoldScheme, press: bool) -> list | None:
    """The mode d'emploi on its panel: the largest type and the most parts that fit."""
    w = Writer(g.deck.language, g.measure, g.pal)
    instr = instructions(scheme)
    for parts in HOWTO_CHOICES:
        for size in FLOW_SIZES:
            try:
                return stack(howto_pieces(w, inner.w, size, instr, parts, press), inner)
            except Overflow:
                continue
    return None


def verso_items(deck: Deck, measure: Measure, palette: Palette, scheme: FoldScheme,
                island_outline=None, press: bool = False) -> list:
    """The verso page's items: every panel rotated into place and, for the office, the fold
    marks (a press file has them in its slug: kit.layout.fold_marks, outside=True)."""
    slots = [Slot(p.order, p.rect, p.rotate, p.role) for p in panel_slots(scheme)]
    items = plan_verso_items(deck, measure, palette, slots, scheme.width, scheme.height,
                             island_outline, scheme=scheme, press=press)
    if not press:
        items += fold_marks(scheme, Rect(0, 0, scheme.width, scheme.height), measure)
    return items


def plan_verso_items(deck: Deck, measure: Measure, palette: Palette, slots: list[Slot],
                     sheet_w: float, sheet_h: float, island_outline=None,
                     scheme: FoldScheme | None = None, press: bool = False) -> list:
    """Every panel's items, rotated into place on the verso page."""
    if scheme is None:
        from kit.load.folds import load_fold_scheme

        scheme = load_fold_scheme("half-concertina")
    g = Guide(deck, measure, palette)
    ordered = sorted(slots, key=lambda s: s.order)
    cover, back = ordered[0], ordered[-1]
    howto = ordered[1]
    flow_slots = ordered[2:-1]
    items: list = []
    items.append(_place(cover, _cover(g, _panel_inner(cover, sheet_w, sheet_h), island_outline)))
    problems: list[Diagnostic] = []
    howto_items = _howto_panel(g, _panel_inner(howto, sheet_w, sheet_h), scheme, press)
    if howto_items is None:
        problems.append(Diagnostic(deck.loc, "le guide, panneau « mode d'emploi » : le texte ne"
                                             " tient pas, même en 7 pt"))
    else:
        items.append(_place(howto, howto_items))
    blocks = flow_blocks(deck, g.t)
    pages = [(s.order, _panel_inner(s, sheet_w, sheet_h)) for s in flow_slots]
    placed, stuck = None, None
    # entries kept whole on a page at the largest size that allows it, else split (with
    # "(suite)") rather than fail
    for whole in (True, False):
        for size in FLOW_SIZES:
            placed, stuck = flow(g, blocks, pages, size, whole)
            if placed is not None:
                break
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
                 page_h: float = 210.0, size: float = LARGE_PRINT, silhouette=None,
                 scheme: FoldScheme | None = None) -> list:
    """The guide's panels as a booklet of A5 pages, every text at `size` pt or more (large
    print): the folded sheet cannot carry 14 pt, a booklet can, with as many pages as needed.
    The mode d'emploi folds the sheet the way `scheme` does (the default scheme if None)."""
    if scheme is None:
        from kit.load.folds import load_fold_scheme

        scheme = load_fold_scheme("half-concertina")
    g = Guide(deck, measure, palette)
    margin = 14.0
    inner = Rect(margin, margin, page_w - 2 * margin, page_h - 2 * margin)
    pages = [PageSpec(page_w, page_h, tuple(_cover(g, inner, silhouette, floor=size)))]
    problems: list[Diagnostic] = []
    w = Writer(deck.language, measure, palette)
    try:  # the mode d'emploi over as many pages as it needs, each step beside its drawing
        pieces = howto_pieces(w, inner.w, size, instructions(scheme), beside=True, floor=size)
        pages += [PageSpec(page_w, page_h, tuple(items)) for items in paginate(pieces, inner)]
    except Overflow:
        problems.append(Diagnostic(deck.loc, "le guide en gros caractères : une partie du mode"
                                             " d'emploi ne tient pas sur une page"))
    blocks = flow_blocks(deck, g.t)
    slots = [(k, inner) for k in range(2, 2 + max(4, len(blocks)))]
    placed, stuck = flow(g, blocks, slots, size)
    if placed is None:
        problems.append(Diagnostic(stuck.loc, "le guide en gros caractères : ce texte ne tient"
                                              " pas sur une page entière ; raccourcissez-le"))
    else:
        for key, _ in slots:
            if placed[key]:
                pages.append(PageSpec(page_w, page_h, tuple(placed[key])))
    try:
        pages.append(PageSpec(page_w, page_h, tuple(_credits(g, inner, size))))
    except Overflow:
        problems.append(Diagnostic(deck.loc, "le guide en gros caractères : les crédits ne"
                                             " tiennent pas sur une page"))
    if problems:
        raise KitError(problems)
    return pages
