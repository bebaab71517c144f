"""Reading a planned recto the way the paper will show it: every word's box on the page
(through the groups' transforms: glyphs set along a curve are rotated groups), and its
distance to the creases of the fold scheme."""

from __future__ import annotations

from collections.abc import Iterator

from kit.layout.geometry import Group, Rect, TextBlock, group_matrix, transform_box
from kit.layout.text import PT

IDENTITY = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]


def _compose(a: list[float], b: list[float]) -> list[float]:
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def blocks(items, m: list[float] | None = None) -> Iterator[tuple[TextBlock, list[float]]]:
    """Every text block with the matrix that places it on the page."""
    m = m or IDENTITY
    for item in items:
        if isinstance(item, TextBlock):
            yield item, m
        elif isinstance(item, Group):
            yield from blocks(item.items, _compose(group_matrix(item), m))


def word_boxes(items, measure) -> Iterator[tuple[str, Rect]]:
    """(word, its box on the page): from the cap height above the baseline to the descender
    below it, as wide as the font says."""
    for block, m in blocks(items):
        size = block.size
        top, bottom = size * 0.92 * PT, size * 0.25 * PT
        for line in block.lines:
            x = line.x
            for span in line.spans:
                family = span.family or block.family
                start = 0
                text = span.text
                while start <= len(text):
                    end = text.find(" ", start)
                    end = len(text) if end < 0 else end
                    word = text[start:end]
                    if word.strip():
                        x0 = x + measure(text[:start], span.face, family, size)
                        x1 = x + measure(text[:end], span.face, family, size)
                        box = transform_box(m, x0, line.y - top, x1, line.y + bottom)
                        yield word, Rect(box[0], box[1], box[2] - box[0], box[3] - box[1])
                    start = end + 1
                x += measure(text, span.face, family, size)


def crease_distance(rect: Rect, creases) -> float:
    """The least distance from a box to a crease line ((axis, position): 'x' vertical)."""
    best = float("inf")
    for axis, at in creases:
        lo, hi = (rect.x, rect.x2) if axis == "x" else (rect.y, rect.y2)
        d = 0.0 if lo <= at <= hi else min(abs(at - lo), abs(at - hi))
        best = min(best, d)
    return best
