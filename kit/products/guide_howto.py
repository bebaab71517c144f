"""The mode d'emploi: reading the map, printing it, folding it (the scheme's own steps, in words
and drawings), hanging it — for the verso's panel, the large-print booklet and the printing
guide.

The folding part is written from the fold scheme (kit.layout.fold_steps): the sentences
(kit.products.fold_instructions), the step diagram (kit.layout.fold_diagram) and the numbered
marks on the sheet (kit.layout.fold_marks) all come from the same steps.
"""

from __future__ import annotations

from dataclasses import dataclass

from kit.i18n import Messages
from kit.layout.fold_diagram import DiagramStyle, legend, row, scale_to_fit, sketches
from kit.layout.fold_steps import Instructions
from kit.layout.geometry import WHITE, Group, Rect, Shape, Style, TextSpan, circle_path
from kit.layout.text import PT, Measure, Overflow, place_lines, set_block, styled
from kit.layout.text import Style as TextStyle
from kit.layout.theme import Palette
from kit.products.fold_instructions import sentences

BODY, DISPLAY = "body", "display"
HOWTO_PARTS = ("read", "print", "fold", "hang")


@dataclass(frozen=True)
class Piece:
    """Something laid out from y = 0 in a given width: its items and height; `keep`: it must
    not end a page (a title)."""

    items: tuple
    h: float
    keep: bool = False


def diagram_style(pal: Palette, size: float) -> DiagramStyle:
    return DiagramStyle(ink=pal["ink"], paper=pal["cream"], map=pal["sea"], accent=pal["stage"],
                        white=WHITE, family=BODY, size=size)


class Writer:
    """Sets the guide's words: language, measure and palette."""

    def __init__(self, language: str, measure: Measure, pal: Palette):
        self.language = language
        self.measure = measure
        self.pal = pal
        self.t = Messages(language)

    def text(self, text: str, x: float, y: float, width: float, style: TextStyle,
             face: str = "regular", role: str = "body", hyphenate: bool = True):
        return set_block(styled(text, self.language, face), Rect(x, y, width, 0), style,
                         self.measure, self.language, role, hyphenate)


def fold_pieces(w: Writer, instr: Instructions, width: float, size: float, beside: bool,
                press: bool = False, scale: float | None = None, floor: float = 7.0,
                numbers: float | None = None) -> list[Piece]:
    """The folding steps: the opening sentence; then either the whole diagram in one row and the
    numbered steps under it (beside=False: the verso's narrow panel), or each step's sketch with
    its sentence beside it (beside=True); then what the two fold lines mean. No text under
    `floor` pt; the drawings' numbers at `numbers` pt (by default the floor on the verso's
    narrow panel, the size of the legend beside the steps)."""
    pal, t = w.pal, w.t
    body = TextStyle(BODY, size, 1.22, pal["ink"])
    said = sentences(instr, t, press)
    pieces: list[Piece] = []
    block, h = w.text(said[0].text, 0, 0, width, body)
    pieces.append(Piece((block,), h + size * 0.4 * PT))
    small = max(floor, size * 0.9)
    style = diagram_style(pal, max(floor, numbers or (floor if not beside else small)))
    if not beside:
        fitted = scale_to_fit(instr, width, style, w.measure, largest=scale or 1 / 12)
        drawn, _, dh = row(sketches(instr, fitted, style, w.measure), 0, 0)
        pieces.append(Piece(tuple(drawn), dh + 1.0))
        for sentence in said[1:]:
            pieces.append(_numbered(w, sentence.number, sentence.text, 0, width, body, style,
                                    floor))
    else:
        drawn = sketches(instr, scale or 1 / 12, style, w.measure)
        edge = max(s.left for s in drawn)  # the packets' left edges in line
        column = max(s.w - s.left for s in drawn) + edge + 2.0
        for sentence, sketch in zip(said[1:], drawn, strict=False):
            numbered = _numbered(w, sentence.number, sentence.text, column, width - column,
                                 body, style, floor)
            pieces.append(Piece((Group(sketch.items, edge - sketch.left, 0), *numbered.items),
                                max(sketch.h, numbered.h) + size * 0.3 * PT))
        last = drawn[-1]
        pieces.append(Piece((Group(last.items, edge - last.left, 0),), last.h + 1.5))
    items, h = legend(0, 0, width, style, w.measure, t("fold.legend_valley"),
                      t("fold.legend_mountain"), size=small)
    pieces.append(Piece(tuple(items), h))
    return pieces


def _numbered(w: Writer, number: int, text: str, x: float, width: float, body: TextStyle,
              style: DiagramStyle, floor: float = 7.0) -> Piece:
    """A step's sentence after its number in a roundel, like the diagram's and the marks'."""
    digits = max(floor, body.size * 0.85)
    r = max(1.6, digits * PT * 0.62)
    indent = 2 * r + 1.5
    block, h = w.text(text, x + indent, 0, width - indent, body, hyphenate=False)
    cy = max(r, body.size * 0.55 * PT)
    label = str(number)
    lw = w.measure(label, "bold", BODY, digits)
    digit = place_lines([([TextSpan(label, "bold")], lw)],
                        Rect(x + r - lw / 2, cy - digits * 0.54 * PT, lw, digits * PT),
                        TextStyle(BODY, digits, 1.0, WHITE), "label")
    return Piece((Shape(circle_path(x + r, cy, r), Style(fill=style.accent)), digit, block),
                 max(h, 2 * r) + body.size * 0.3 * PT)


def section_pieces(w: Writer, key: str, width: float, size: float, instr: Instructions | None,
                   press: bool = False, beside: bool = False, floor: float = 7.0) -> list[Piece]:
    """One part of the mode d'emploi: its title, then its text (or the folding steps)."""
    pal, t = w.pal, w.t
    title, h = w.text(t(f"guide.{key}_title"), 0, 0, width,
                      TextStyle(BODY, size + 0.5, 1.2, pal["stage"]), "bold", hyphenate=False)
    pieces = [Piece((title,), h + 1.0, keep=True)]
    if key == "fold" and instr is not None:
        return pieces + fold_pieces(w, instr, width, size, beside, press, floor=floor)
    block, h = w.text(t(f"guide.{key}_text"), 0, 0, width,
                      TextStyle(BODY, size, 1.22, pal["ink"]))
    return pieces + [Piece((block,), h + 2.5)]


def howto_pieces(w: Writer, width: float, size: float, instr: Instructions | None,
                 parts: tuple[str, ...] = HOWTO_PARTS, press: bool = False,
                 beside: bool = False, heading: bool = True, floor: float = 7.0) -> list[Piece]:
    pieces: list[Piece] = []
    if heading:
        head, h = w.text(w.t("guide.howto"), 0, 0, width,
                         TextStyle(DISPLAY, size + 4, 1.15, w.pal["stage"]), role="title",
                         hyphenate=False)
        pieces.append(Piece((head,), h + 3.0, keep=True))
    for key in parts:
        pieces += section_pieces(w, key, width, size, instr, press, beside, floor)
        pieces[-1] = Piece(pieces[-1].items, pieces[-1].h + 1.5)
    return pieces


def stack(pieces: list[Piece], box: Rect) -> list:
    """The pieces one under the other in box; Overflow when they do not fit."""
    items: list = []
    y = box.y
    for piece in pieces:
        items.append(Group(piece.items, box.x, y))
        y += piece.h
    if y - box.y > box.h + 1e-6:
        raise Overflow(y - box.y, box.h)
    return items


def paginate(pieces: list[Piece], box: Rect) -> list[list]:
    """The pieces over as many boxes as they need, a title never last on its page; Overflow if
    one piece alone is taller than the box."""
    pages: list[list] = [[]]
    y = 0.0
    for k, piece in enumerate(pieces):
        following = pieces[k + 1].h if piece.keep and k + 1 < len(pieces) else 0.0
        if y > 0 and y + piece.h + following > box.h + 1e-6:
            pages.append([])
            y = 0.0
        if piece.h > box.h + 1e-6:
            raise Overflow(piece.h, box.h)
        pages[-1].append(Group(piece.items, box.x, box.y + y))
        y += piece.h
    return pages
