"""Fold marks a person can see and follow (PRINT.md): short dashed lines in the margins at each
fold — x = 105, 210, 315 on the top and bottom edges, y = 148.5 on the sides —, at least 0.5 pt
and 70 % black, numbered like the steps; inside the printable band for the office (nothing
within 6 mm of the sheet's edge), in the slug, outside the bleed, for a press file."""

from __future__ import annotations

import io

import pypdf
import pypdfium2 as pdfium
import pytest

from kit.finish import pdf_bytes
from kit.layout.fold_diagram import MOUNTAIN_DASH, VALLEY_DASH
from kit.layout.fold_steps import instructions
from kit.layout.geometry import Document, Shape, TextBlock
from kit.layout.text import PT
from kit.load.deck import load_deck
from kit.load.folds import load_fold_scheme
from kit.products.map import fold_marks_in_slug, plan_verso
from kit.products.poster import press_page
from kit.render import fonts

SCHEMES = ("half-concertina", "road-map")
W, H = 420.0, 297.0


@pytest.fixture(scope="module")
def pages():
    for role in ("body", "display"):
        fonts.ensure(role)
    deck = load_deck("cooperation")
    return {(name, press): plan_verso(deck, fonts.measure, name, press=press)
            for name in SCHEMES for press in (False, True)}


def mark_shapes(items) -> list[Shape]:
    return [i for i in items if isinstance(i, Shape) and i.style.dash in
            (VALLEY_DASH, MOUNTAIN_DASH)]


def mark_numbers(items) -> list[tuple[str, float, float]]:
    out = []
    for item in items:
        if isinstance(item, TextBlock) and len(item.lines) == 1:
            text = "".join(s.text for s in item.lines[0].spans)
            if text.isdigit():
                out.append((text, item.lines[0].x, item.lines[0].y))
    return out


def ends(shape: Shape) -> tuple[float, float, float, float]:
    (_, x0, y0), (_, x1, y1) = shape.path
    return x0, y0, x1, y1


@pytest.mark.parametrize("name", SCHEMES)
def test_office_marks_sit_on_every_fold_inside_the_printable_band(pages, name):
    shapes = mark_shapes(pages[name, False].items)
    at = sorted({(round(x0, 3), "top" if y0 < H / 2 else "bottom") for x0, y0, x1, y1 in
                 map(ends, shapes) if x0 == x1})
    assert at == [(x, edge) for x in (105.0, 210.0, 315.0) for edge in ("bottom", "top")]
    sides = sorted({(round(y0, 3), "left" if x0 < W / 2 else "right") for x0, y0, x1, y1 in
                    map(ends, shapes) if y0 == y1})
    assert sides == [(148.5, "left"), (148.5, "right")]
    for shape in shapes:
        x0, y0, x1, y1 = ends(shape)
        assert min(x0, x1, y0, y1, W - max(x0, x1), H - max(y0, y1)) >= 6.0  # office band
        assert max(abs(x1 - x0), abs(y1 - y0)) >= 6.0  # a line one can see, not a tick
        assert shape.style.width >= 0.5 * PT
        assert shape.style.stroke.k >= 0.7 and shape.style.stroke.luminance() < 0.09
    for _, x, y in mark_numbers(pages[name, False].items):
        assert 6.0 <= x and 6.0 <= y <= H - 6.0


@pytest.mark.parametrize("name", SCHEMES)
def test_each_mark_carries_the_number_of_the_step_that_folds_it(pages, name):
    steps = instructions(load_fold_scheme(name)).steps
    expected = {(s.fold.axis, s.fold.at): str(s.number) for s in steps}
    numbers = mark_numbers(pages[name, False].items)
    for shape in mark_shapes(pages[name, False].items):
        x0, y0, x1, y1 = ends(shape)
        axis, at = ("x", x0) if x0 == x1 else ("y", y0)
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        nearest = min(numbers, key=lambda n: (n[1] - cx) ** 2 + (n[2] - cy) ** 2)
        assert (nearest[1] - cx) ** 2 + (nearest[2] - cy) ** 2 < 5.0 ** 2
        assert nearest[0] == expected[axis, at]


def test_an_office_print_shows_the_marks_dark():
    """Rendered at 300 dpi, each mark has pixels at least 70 % dark (a 0.25 pt, 50 % grey
    tick does not)."""
    for role in ("body", "display"):
        fonts.ensure(role)
    page = plan_verso(load_deck("cooperation"), fonts.measure, "half-concertina")
    data = pdf_bytes(Document((page,)), {"body": None, "display": None})
    image = pdfium.PdfDocument(data)[0].render(scale=300 / 72).to_pil().convert("L")
    px = 300 / 25.4
    for shape in mark_shapes(page.items):
        x0, y0, x1, y1 = ends(shape)
        box = (int(min(x0, x1) * px) - 3, int(min(y0, y1) * px) - 3,
               int(max(x0, x1) * px) + 4, int(max(y0, y1) * px) + 4)
        darkest = image.crop(box).getextrema()[0]
        assert darkest <= 0.3 * 255, (x0, y0, darkest)


@pytest.mark.parametrize("name", SCHEMES)
def test_press_marks_are_in_the_slug_outside_the_bleed(pages, name):
    bleed = 3.0
    assert not mark_shapes(pages[name, True].items)  # none on the trimmed sheet itself
    page = fold_marks_in_slug(press_page(pages[name, True], bleed), bleed, name)
    trim, bleed_box = page.trim, page.bleed
    shapes = mark_shapes(page.items)
    assert len(shapes) == 8
    for shape in shapes:
        x0, y0, x1, y1 = ends(shape)
        for x, y in ((x0, y0), (x1, y1)):
            assert not (bleed_box.x < x < bleed_box.x2 and bleed_box.y < y < bleed_box.y2)
            assert 0 <= x <= page.width and 0 <= y <= page.height
        if x0 == x1:
            assert round(x0 - trim.x, 6) in (105.0, 210.0, 315.0)
        else:
            assert round(y0 - trim.y, 6) == 148.5
    data = pdf_bytes(Document((page,), cmyk=True), {"body": None, "display": None})
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) == 1
