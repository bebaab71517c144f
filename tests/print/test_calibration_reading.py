"""Issue 15, items 4 and 5: the calibration sheet says the truth.

A simulated printer misplaces every back by a known error. The test prints the sheet (the
plan), turns it over as the duplex edge says, reads the rulers under the front's lines the way
a person does (where the line falls between the labelled ticks), then follows the sentence
printed on the sheet literally to compute the next --back-offset, and prints again: the
reading converges to zero, from no offset and from an offset already set."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cards"))
import cardcheck as K  # noqa: E402

from kit.layout.geometry import Group, Shape, TextBlock  # noqa: E402
from kit.products import cards as C  # noqa: E402
from kit.products.calibration import plan_calibration  # noqa: E402


def _text(block: TextBlock) -> str:
    return " ".join(K.line_text(line) for line in block.lines)


def sheet_text(doc) -> str:
    """The sheet's words as a reader takes them: lines joined, non-breaking spaces as spaces,
    a word hyphenated at a line end joined again."""
    lines = [K.line_text(line) for b in doc.pages[0].items if isinstance(b, TextBlock)
             for line in b.lines]
    text = ""
    for line in lines:
        text = text[:-1] + line if text.endswith("-") and not text.endswith(" -") else \
            (text + " " + line if text else line)
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _leaves(items, dx=0.0, dy=0.0):
    for item in items:
        if isinstance(item, Group):
            yield from _leaves(item.items, dx + item.dx, dy + item.dy)
        else:
            yield item, dx, dy


def read_rulers(doc, duplex: str, error: tuple[float, float]) -> list[tuple[float, float]]:
    """What a person reads on each pair of rulers, the sheet printed with the backs misplaced
    by `error` (back page coordinates) and held against the light."""
    front, back = doc.pages
    page_w, page_h = front.width, front.height
    ex, ey = error

    def seen(x: float, y: float) -> tuple[float, float]:
        """A point of the back, printed with the error, as seen through the front."""
        x, y = x + ex, y + ey
        return (page_w - x, y) if duplex == "long-edge" else (x, page_h - y)

    crosses = [i for i in front.items if isinstance(i, Shape)]
    verticals = [i.path[0][1] for i in crosses if i.path[0][1] == i.path[1][1]]
    horizontals = [i.path[0][2] for i in crosses if i.path[0][2] == i.path[1][2]]
    ticks, labels = [], []
    for item, dx, dy in _leaves(back.items):
        if isinstance(item, Shape):
            (_, x1, y1), (_, x2, y2) = item.path
            ticks.append(((x1 + dx, y1 + dy), (x2 + dx, y2 + dy)))
        elif isinstance(item, TextBlock):
            box = item.box
            labels.append((_text(item).replace("\u2212", "-"), box.cx + dx, box.cy + dy))
    def scale(lx: float, ly: float, horizontal: bool) -> float:
        """Where the front's line falls on the nearest ruler, in the ruler's millimetres."""
        mine = []
        for (a, b) in ticks:
            (sx1, sy1), (sx2, sy2) = seen(*a), seen(*b)
            if horizontal and abs(sx1 - sx2) < 1e-9 and abs(sx1 - lx) < 15 \
                    and abs(sy1 - ly) < 40:
                mine.append((abs(sy2 - sy1), sx1))  # (length, position along x)
            if not horizontal and abs(sy1 - sy2) < 1e-9 and abs(sy1 - ly) < 15 \
                    and abs(sx1 - lx) < 40:
                mine.append((abs(sx2 - sx1), sy1))
        zero = [pos for length, pos in mine if abs(length - 7) < 1e-9]
        assert len(zero) == 1 and len(mine) == 21, (horizontal, mine)
        # the long ticks 5 mm either side of zero; which is "+5": the one its label names
        fives = sorted((pos for length, pos in mine if abs(length - 5) < 1e-9),
                       key=lambda f: abs(f - zero[0]))[:2]
        axis = 0 if horizontal else 1
        plus = [seen(lab[1], lab[2])[axis] for lab in labels if lab[0] == "+5"]
        five = min(fives, key=lambda f: min(abs(f - q) for q in plus))
        line = lx if horizontal else ly
        return (line - zero[0]) / (five - zero[0]) * 5

    return [(scale(lx, ly, True), scale(lx, ly, False))
            for lx, ly in zip(verticals, horizontals, strict=True)]


def follow(doc, reading: tuple[float, float]) -> tuple[float, float]:
    """The next --back-offset, computed exactly as the sheet's fourth step says."""
    text = sheet_text(doc)
    if "Cette planche est imprimée avec --back-offset" in text:
        m = re.search(r"X = (\S+) \+ le chiffre lu sur la réglette X et Y = (\S+) \+ celui",
                      text)
        assert m, text
        base = [float(v.replace(",", ".").replace("\u2212", "-")) for v in m.groups()]
        return (round(base[0] + reading[0], 6), round(base[1] + reading[1], 6))
    assert "Relancez avec --back-offset X,Y : X est le chiffre lu sur la réglette X, Y celui" \
           " de la réglette Y" in text, text
    return (round(reading[0], 6), round(reading[1], 6))


@pytest.mark.parametrize("duplex", ["long-edge", "short-edge"])
@pytest.mark.parametrize("start", [(0.0, 0.0), (0.5, -1.0)])
def test_following_the_printed_instruction_converges_to_zero(duplex, start):
    ctx, _ = K.context("cooperation")
    error = (1.3, -0.7)  # this printer puts every back 1.3 mm right and 0.7 mm up
    offset = start
    for _ in range(3):
        doc = plan_calibration(ctx, C.SheetOptions(duplex=duplex, back_offset=offset))
        readings = read_rulers(doc, duplex, error)
        assert len(readings) == 2
        assert readings[0] == pytest.approx(readings[1], abs=1e-9)  # a shift, not a turn
        if readings[0] == pytest.approx((0, 0), abs=1e-9):
            break
        offset = follow(doc, readings[0])
    assert offset == pytest.approx((-1.3, 0.7), abs=1e-9)
    assert readings[0] == pytest.approx((0.0, 0.0), abs=1e-9)


def test_a_calibrated_printer_reads_zero_and_keeps_its_offset():
    ctx, _ = K.context("cooperation")
    doc = plan_calibration(ctx, C.SheetOptions(back_offset=(-1.3, 0.7)))
    (reading, _) = read_rulers(doc, "long-edge", (1.3, -0.7))
    assert reading == pytest.approx((0, 0), abs=1e-9)
    assert follow(doc, reading) == (-1.3, 0.7)
    assert "gardez -1.3,0.7" in sheet_text(doc)


@pytest.mark.parametrize(("duplex", "edge"), [("long-edge", "bord long"),
                                              ("short-edge", "bord court")])
def test_the_sheet_names_the_duplex_edge_it_was_built_for(duplex, edge):
    ctx, _ = K.context("cooperation")
    text = sheet_text(plan_calibration(ctx, C.SheetOptions(duplex=duplex)))
    assert f"retournement sur le {edge}" in text
    other = "bord court" if edge == "bord long" else "bord long"
    assert other not in text


def test_the_sheet_states_the_gutter_tolerance():
    ctx, _ = K.context("cooperation")
    text = sheet_text(plan_calibration(ctx, C.SheetOptions(gutter=3.0)))
    assert "3 mm entre les cartes" in text and "moins de 1,5 mm" in text
    none = sheet_text(plan_calibration(ctx, C.SheetOptions(gutter=0.0)))
    assert "entre les cartes" not in none


def test_english_sheet_too():
    ctx, _ = K.context_for(K.deck("cooperation-en"))
    text = sheet_text(plan_calibration(ctx, C.SheetOptions(duplex="short-edge",
                                                             back_offset=(0.5, -1))))
    assert "flipping on the short edge" in text
    assert "X = 0.5 + the number read on the X ruler" in text
