"""Colour for the press: text in neutral dark tones becomes pure K (black text 100 % K and
overprinted, so a misregistered plate never haloes it); every other colour keeps the CMYK the
palette gives, whose total ink stays under 300 %; translucent shapes are left out (PDF/X-1a
has no transparency)."""

from __future__ import annotations

from dataclasses import replace

from kit.layout.geometry import Clip, Color, Document, Form, Group, Shape, TextBlock


def _k_only(col: Color) -> Color | None:
    chroma = max(col.r, col.g, col.b) - min(col.r, col.g, col.b)
    if chroma > 0.12:
        return None
    if col.luminance() < 0.05:
        return Color(col.r, col.g, col.b, 0, 0, 0, 1.0)
    return Color(col.r, col.g, col.b, 0, 0, 0, round(1 - (col.r + col.g + col.b) / 3, 3))


def _items(items: tuple) -> tuple:
    out = []
    for item in items:
        if isinstance(item, Shape) and item.style.opacity < 1:
            continue  # PDF/X-1a allows no transparency: the translucent label halos go
        if isinstance(item, TextBlock) and item.color is not None:
            k = _k_only(item.color)
            if k is not None:
                item = replace(item, color=k, overprint=k.k >= 0.999)
        elif isinstance(item, Group):
            item = replace(item, items=_items(item.items))
        elif isinstance(item, Clip):
            item = replace(item, items=_items(item.items))
        out.append(item)
    return tuple(out)


def for_press(doc: Document) -> Document:
    """The same document with press colours: K-only dark text, CMYK everywhere."""
    pages = tuple(replace(p, items=_items(p.items)) for p in doc.pages)
    forms = tuple(Form(f.name, f.w, f.h, _items(f.items)) for f in doc.forms)
    return replace(doc, pages=pages, forms=forms, cmyk=True)


def total_ink(col: Color) -> float:
    return col.c + col.m + col.y + col.k

