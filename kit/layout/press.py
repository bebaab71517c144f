"""Colour for print, as plain numbers.

Press: text in neutral dark tones becomes pure K (black text 100 % K and overprinted, so a
misregistered plate never haloes it); every other colour keeps the CMYK the palette gives,
whose total ink stays under 300 %; translucent shapes and links are left out (PDF/X-1a has no
transparency and no annotation inside the trim).

Office: the same neutral text, and fills and strokes that are grey within a small tolerance,
are written as grey, so a laser printer prints them with its black toner alone.
"""

from __future__ import annotations

from dataclasses import replace

from kit.layout.geometry import (
    REGISTRATION,
    Clip,
    Color,
    Document,
    Form,
    Group,
    Image,
    Link,
    Shape,
    TextBlock,
)

#: text whose RGB channels differ by at most this much reads as black or grey: it is printed
#: with black ink (K) alone, in press files, and with the black toner alone, in office files
TEXT_CHROMA = 0.12
#: fills and strokes this close to a grey (3/255 per channel) are written as that grey in
#: office files; tinted greys (the map's sea, the cream) keep their colour
SHAPE_CHROMA = 3 / 255


def _chroma(col: Color) -> float:
    return max(col.r, col.g, col.b) - min(col.r, col.g, col.b)


def neutral_text(col: Color) -> Color | None:
    """The grey a near-neutral text colour prints as (K only), or None for a coloured text.

    Very dark text (WCAG luminance under 0.05, the ink of every palette) is 100 % K; lighter
    greys keep their mean level."""
    if _chroma(col) > TEXT_CHROMA:
        return None
    if col.luminance() < 0.05:
        return Color(0, 0, 0, 0, 0, 0, 1.0)
    level = round((col.r + col.g + col.b) / 3, 3)
    return Color(level, level, level, 0, 0, 0, round(1 - level, 3))


def office_grey(col: Color, text: bool) -> float | None:
    """The grey level (0 black, 1 white) an office file writes for this colour, or None when
    it stays RGB."""
    if text:
        grey = neutral_text(col)
        return None if grey is None else grey.r
    if _chroma(col) > SHAPE_CHROMA + 1e-9:
        return None
    return round((col.r + col.g + col.b) / 3, 4)


def overprints(col: Color) -> bool:
    """Whether text of this colour overprints in a press file: 100 % K only. White, tints and
    any colour with C, M or Y knock out as usual (overprinting them would let the background
    show through, or vanish altogether)."""
    return (col.c, col.m, col.y) == (0, 0, 0) and col.k >= 0.999 and col != REGISTRATION


def _items(items: tuple, colours: tuple) -> tuple:
    out = []
    for item in items:
        kind = type(item)
        if kind is Shape and item.style.opacity < 1:
            continue  # PDF/X-1a allows no transparency: the translucent label halos go
        if kind is Link:
            continue  # PDF/X: no annotation inside the trim; the QR code carries the address
        if kind is TextBlock and item.color is not None:
            k = neutral_text(item.color)
            if k is not None:
                item = replace(item, color=k, overprint=overprints(k))
            elif item.overprint and not overprints(item.color):
                item = replace(item, overprint=False)
        elif kind is Shape and item.style.overprint:
            st = item.style
            if not all(c is None or overprints(c) for c in (st.fill, st.stroke)):
                item = replace(item, style=replace(st, overprint=False))
        elif kind is Image:
            item = replace(item, press_colours=colours)
        elif kind is Group or kind is Clip:
            item = replace(item, items=_items(item.items, colours))
        out.append(item)
    return tuple(out)


def for_press(doc: Document, colours: tuple = ()) -> Document:
    """The same document with press colours: K-only dark text, CMYK everywhere.

    colours: (#rrggbb, (c, m, y, k)) pairs, the print shop's CMYK of palette colours
    (theme.cmyk), which an SVG logo drawn in one of those colours takes too."""
    pages = tuple(replace(p, items=_items(p.items, colours)) for p in doc.pages)
    forms = tuple(Form(f.name, f.w, f.h, _items(f.items, colours)) for f in doc.forms)
    return replace(doc, pages=pages, forms=forms, cmyk=True)


def total_ink(col: Color) -> float:
    return col.c + col.m + col.y + col.k
