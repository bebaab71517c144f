"""What is printed on each panel of a built verso PDF, read back with pypdf and pypdfium2 (not
with the kit's own plan): the lines of text of every panel in their reading order, which way up
they are printed, and where every character is."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pypdf
import pypdfium2 as pdfium

MM = 25.4 / 72
#: fold-mark numbers live in this band along the sheet's edges
MARK_BAND = 16.0


@dataclass(frozen=True)
class PanelText:
    cell: tuple[int, int]
    rotation: int  # 0 or 180: which way up the panel's text is printed
    lines: tuple[str, ...]  # as the text reads, the panel held upright

    @property
    def text(self) -> str:
        return " ".join(self.lines)


def _runs(data: bytes) -> list[tuple[float, float, int, str]]:
    """Every text run: x, y (mm, y down from the top of the page), rotation, text."""
    page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
    height = float(page.mediabox.height)
    runs: list = []

    def visit(text, cm, tm, font, size):
        if not text.strip():
            return
        a = tm[0] * cm[0] + tm[1] * cm[2]
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        runs.append((x * MM, (height - y) * MM, 0 if a > 0 else 180, text.replace("\n", "")))

    page.extract_text(visitor_text=visit)
    return runs


def _is_mark(x: float, y: float, text: str, width: float, height: float) -> bool:
    near_edge = min(x, y, width - x, height - y) < MARK_BAND
    return near_edge and text.strip().isdigit() and len(text.strip()) <= 2


def panels(data: bytes, scheme) -> dict[tuple[int, int], PanelText]:
    """The text of every panel of the verso (fold-mark numbers left out)."""
    pw, ph = scheme.panel_width, scheme.panel_height
    by_cell: dict[tuple[int, int], list] = {}
    for x, y, rot, text in _runs(data):
        if _is_mark(x, y, text, scheme.width, scheme.height):
            continue
        cell = (min(int(x // pw), scheme.cols - 1), min(int(y // ph), scheme.rows - 1))
        by_cell.setdefault(cell, []).append((x, y, rot, text))
    out = {}
    for cell, runs in by_cell.items():
        turned = sum(1 for r in runs if r[2] == 180)
        rotation = 180 if turned * 2 > len(runs) else 0
        lines: dict[float, list[str]] = {}
        for _, y, rot, text in runs:
            if rot != rotation:
                continue  # a drawing's upside-down number, not a line of the page
            lines.setdefault(round(y, 1), []).append(text)
        order = sorted(lines, reverse=rotation == 180)
        out[cell] = PanelText(cell, rotation, tuple("".join(lines[y]).strip() for y in order))
    return out


def char_boxes(data: bytes) -> list[tuple[str, float, float, float, float]]:
    """Every printed character: (char, x0, y0, x1, y1) in mm, y down."""
    pdf = pdfium.PdfDocument(data)
    page = pdf[0]
    height = page.get_height()
    text = page.get_textpage()
    out = []
    for i in range(text.count_chars()):
        char = text.get_text_range(i, 1)
        if not char.strip():
            continue
        left, bottom, right, top = text.get_charbox(i)
        out.append((char, left * MM, (height - top) * MM, right * MM, (height - bottom) * MM))
    return out
