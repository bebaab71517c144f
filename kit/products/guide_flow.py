"""The guide's running content — the pillars, the beacons, the dangerous currents — poured into
pages in reading order.

Content comes in entries (a pillar, a beacon, a current), each made of blocks (its title, text,
bullets) that are never broken. An entry that fits on a page is kept whole on one page, its
section heading with it; one longer than a page goes on over the next, which starts with the
entry's title and "(suite)", never in the middle of an entry without saying so.
"""

from __future__ import annotations

from dataclasses import dataclass

from kit.errors import Loc
from kit.i18n import Messages
from kit.layout.geometry import WHITE, Group, Rect, Shape, Style, circle_path, polyline
from kit.layout.pictograms import pictogram
from kit.layout.text import PT, Overflow
from kit.layout.text import Style as TextStyle
from kit.model.deck import Deck
from kit.products.guide_text import BODY, DISPLAY, Guide

#: a title, a label or a heading must be followed on its page by at least this much (mm)
KEEP_WITH_NEXT = 12.0


@dataclass(frozen=True)
class Block:
    """A unit of flowing content: kept whole on one page. entry: the entry it belongs to
    (a heading belongs to the first entry of its section), entry_title: that entry's title, for
    the "(suite)" line of a page that goes on with it."""

    kind: str  # heading | title | text | bullets | label
    text: str | tuple[str, ...]
    loc: Loc
    colour: str = "ink"
    face: str = "regular"
    icon: str | None = None
    section: str = ""
    entry: str = ""
    entry_title: str = ""
    entry_icon: str | None = None


def flow_blocks(deck: Deck, t: Messages) -> list[Block]:
    blocks: list[Block] = []
    for kind, entities, heading, colour, icon in (
        ("pillars", deck.pillars, "guide.pillars", "pillar", None),
        ("beacons", deck.beacons, "guide.beacons", "beacon", "beacon"),
        ("currents", deck.currents, "guide.currents", "current", "current"),
    ):
        for n, entity in enumerate(entities):
            title = entity.title
            mark = icon or getattr(entity, "landmark", None)
            entry = dict(section=kind, entry=f"{kind}:{n}", entry_title=title, entry_icon=mark)
            if n == 0:
                blocks.append(Block("heading", t(heading), entity.loc, colour, **entry))
            blocks += _entry_blocks(deck, t, kind, entity, colour, entry)
    return blocks


def _entry_blocks(deck: Deck, t: Messages, kind: str, e, colour: str, entry: dict) -> list[Block]:
    if kind == "pillars":
        out = [Block("title", e.title, e.where("title"), colour, "bold", icon=e.landmark, **entry)]
        if e.text:
            out.append(Block("text", e.text, e.where("text"), **entry))
        if e.trails:
            out.append(Block("bullets", tuple(e.trails), e.where("trails"), colour, **entry))
        return out
    if kind == "beacons":
        out = [Block("title", e.title, e.where("title"), colour, "bold", icon="beacon", **entry)]
        if e.questions:
            out.append(Block("bullets", tuple(e.questions), e.where("questions"), colour,
                             "italic", **entry))
        if e.tracks:
            out.append(Block("label", t("guide.tracks"), e.where("tracks"), colour, "bold",
                             **entry))
            out.append(Block("bullets", tuple(e.tracks), e.where("tracks"), colour, **entry))
        if e.resources:
            out.append(Block("bullets", tuple(f"{r.title} — {r.url}" for r in e.resources),
                             e.where("resources"), "muted", **entry))
        return out
    if e.text:
        out = [Block("text", f"**{e.title}** — {e.text}", e.where("text"), icon="current",
                     **entry)]
    else:  # a title only: a row like a pillar's or a beacon's, with its pictogram
        out = [Block("title", e.title, e.where("title"), colour, "bold", icon="current",
                     **entry)]
    if e.avoid:
        colon = " :" if deck.language == "fr" else ":"
        out.append(Block("text", f"*{t('guide.avoid')}{colon}* {e.avoid}", e.where("avoid"),
                         "muted", **entry))
    return out


def continued(block: Block, t: Messages) -> Block:
    """The line that opens a page going on with block's entry: its title and "(suite)"."""
    return Block("title", f"{block.entry_title} *{t('guide.continued')}*", block.loc,
                 _ENTRY_COLOUR[block.section], "bold", icon=block.entry_icon,
                 section=block.section, entry=block.entry, entry_title=block.entry_title)


_ENTRY_COLOUR = {"pillars": "pillar", "beacons": "beacon", "currents": "current"}


def block_items(g: Guide, block: Block, width: float, size: float, y: float):
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


def gap(before: Block | None, block: Block, size: float) -> float:
    """The space between two blocks on a page: tight within an entry, wider between entries."""
    if before is None:
        return 0.0
    if before.kind == "title" and block.kind == "heading":
        return 4.0  # after an entry that is a title alone, the next section stands apart
    if before.kind in ("heading", "title", "label"):
        return {"heading": 2.2, "title": 1.2, "label": 0.6}[before.kind]
    if before.entry == block.entry:
        return size * 0.3 * PT + 0.4
    return size * 0.55 * PT + 1.2


def _entries(blocks: list[Block]) -> list[list[Block]]:
    out: list[list[Block]] = []
    for block in blocks:
        if out and out[-1][0].entry == block.entry:
            out[-1].append(block)
        else:
            out.append([block])
    return out


def _height(g: Guide, blocks: list[Block], width: float, size: float) -> float:
    total, before = 0.0, None
    for block in blocks:
        _, h = block_items(g, block, width, size, 0.0)
        total += gap(before, block, size) + h
        before = block
    return total


def flow(g: Guide, blocks: list[Block], pages: list[tuple[int, Rect]], size: float,
         whole: bool = True):
    """Pour blocks into pages (key, text area) in order: ({key: items}, None), or (None, the
    block that does not fit). whole: an entry that fits on a page starts a new page rather than
    being split; otherwise entries fill each page and go on over the next."""
    out: dict[int, list] = {key: [] for key, _ in pages}
    index, y, before = 0, 0.0, None
    for entry in _entries(blocks):
        if whole and before is not None and index < len(pages):
            inner = pages[index][1]
            need = gap(before, entry[0], size) + _height(g, entry, inner.w, size)
            if y + need > inner.h + 1e-6 and index + 1 < len(pages) \
                    and need <= pages[index + 1][1].h + 1e-6:
                index, y, before = index + 1, 0.0, None
        for block in entry:
            while True:
                if index >= len(pages):
                    return None, block
                key, inner = pages[index]
                if before is None and block.kind != "heading" and \
                        not _starts_entry(entry, block):
                    # a page going on with an entry says so before anything else
                    line = continued(block, g.t)
                    items, h = block_items(g, line, inner.w, size, y)
                    out[key].append(Group(tuple(items), inner.x, inner.y))
                    y, before = y + h, line
                top = y + gap(before, block, size)
                try:
                    items, h = block_items(g, block, inner.w, size, top)
                except Overflow:
                    return None, block
                need = h + (KEEP_WITH_NEXT if block.kind in ("heading", "title", "label") else 0)
                if top + need <= inner.h + 1e-6 or (before is None and h <= inner.h):
                    if top + h > inner.h + 1e-6:
                        return None, block
                    out[key].append(Group(tuple(items), inner.x, inner.y))
                    y, before = top + h, block
                    break
                index, y, before = index + 1, 0.0, None
    return out, None


def _starts_entry(entry: list[Block], block: Block) -> bool:
    """Whether block opens its entry (its section heading, or its first block after it)."""
    first = next((b for b in entry if b.kind != "heading"), None)
    return block is first or block is entry[0]
